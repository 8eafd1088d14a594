// Vault-style flag parsing: Go's flag package rules plus environment defaults.
import { describe, expect, it } from 'vitest';
import { FlagError, parseFlags, type FlagDef } from '../../src/config/flags.js';
import { SERVER_FLAGS } from '../../src/config/server-flags.js';

const DEFS: FlagDef[] = [
  { name: 'dev', kind: 'bool' },
  { name: 'config', kind: 'stringSlice' },
  { name: 'dev-root-token-id', kind: 'string', env: 'VAULT_DEV_ROOT_TOKEN_ID' },
  { name: 'dev-latency', kind: 'int' },
];

const parse = (args: string[], env: Record<string, string> = {}) => parseFlags(DEFS, args, env);
const failure = (args: string[]) => {
  try {
    parse(args);
  } catch (err) {
    expect(err).toBeInstanceOf(FlagError);
    return (err as Error).message;
  }
  throw new Error('parsed');
};

describe('flags', () => {
  it('accepts one or two dashes, =value or a separate value', () => {
    const f = parse(['--dev', '-dev-root-token-id', 'abc', '--config=a.hcl', '-config', 'b.hcl']);
    expect(f.values.get('dev')).toBe(true);
    expect(f.values.get('dev-root-token-id')).toBe('abc');
    expect(f.values.get('config')).toEqual(['a.hcl', 'b.hcl']);
  });

  it('never lets a bool flag take the next argument, and parses -flag=false', () => {
    const f = parse(['-dev', 'false']);
    expect(f.values.get('dev')).toBe(true);
    expect(f.rest).toEqual(['false']);
    expect(parse(['-dev=false']).values.get('dev')).toBe(false);
    expect(parse(['-dev=0']).values.get('dev')).toBe(false);
  });

  it('takes the default from the environment, and lets the command line win', () => {
    expect(parse([], { VAULT_DEV_ROOT_TOKEN_ID: 'env' }).values.get('dev-root-token-id')).toBe('env');
    expect(parse(['-dev-root-token-id=flag'], { VAULT_DEV_ROOT_TOKEN_ID: 'env' }).values.get('dev-root-token-id')).toBe('flag');
    expect(parse([], { VAULT_DEV_ROOT_TOKEN_ID: 'env' }).given.has('dev-root-token-id')).toBe(false);
  });

  it('stops at the first non-flag argument or at --', () => {
    expect(parse(['-dev', 'extra', '-config=x']).rest).toEqual(['extra', '-config=x']);
    expect(parse(['--', '-dev']).rest).toEqual(['-dev']);
  });

  it("reports errors in Go's words", () => {
    expect(failure(['-nope'])).toBe('flag provided but not defined: -nope');
    expect(failure(['--nope=1'])).toBe('flag provided but not defined: -nope');
    expect(failure(['-dev=maybe'])).toBe('invalid boolean value "maybe" for -dev: parse error');
    expect(failure(['-dev-root-token-id'])).toBe('flag needs an argument: -dev-root-token-id');
    expect(failure(['-dev-latency=x'])).toBe('invalid value "x" for flag -dev-latency: parse error');
    expect(failure(['---dev'])).toBe('bad flag syntax: ---dev');
  });

  it("accepts Vault's common server flags", () => {
    const f = parseFlags(
      SERVER_FLAGS,
      ['-dev', '-dev-no-store-token', '-log-level=debug', '-dev-kv-v1', '-address=http://x', '-tls-skip-verify', '-experiment', 'events.alpha1'],
      {},
    );
    expect(f.rest).toEqual([]);
    expect(f.values.get('log-level')).toBe('debug');
  });
});
