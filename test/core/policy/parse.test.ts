// Policy text → rules, and Vault's parse errors (vault/policy.go over hashicorp/hcl v1).
import { describe, expect, it } from 'vitest';
import { BUILTIN_POLICIES, DEFAULT_POLICY } from '../../../src/core/policy/builtin.js';
import { CAP, HclNumber } from '../../../src/core/policy/model.js';
import { parseAclPolicy, PolicyParseError } from '../../../src/core/policy/parse.js';
import { DB_CONSUMER_POLICY, seedPaymentsPolicy } from './seed-policies.js';

const summary = (text: string) =>
  parseAclPolicy(text).paths.map((r) => ({ path: r.path, prefix: r.isPrefix, segments: r.hasSegmentWildcards, caps: r.capabilities }));

function failure(text: string): string {
  try {
    parseAclPolicy(text);
  } catch (err) {
    if (err instanceof PolicyParseError) return err.message;
    throw err;
  }
  throw new Error('parsed');
}

describe('policy parsing', () => {
  it('reads the seed payments policy', () => {
    expect(summary(seedPaymentsPolicy())).toEqual([
      { path: 'database/creds/app-readonly', prefix: false, segments: false, caps: ['read'] },
      { path: 'database/creds/payments-readwrite', prefix: false, segments: false, caps: ['read'] },
      { path: 'sys/leases/renew', prefix: false, segments: false, caps: ['update'] },
      { path: 'sys/leases/revoke', prefix: false, segments: false, caps: ['update'] },
    ]);
  });

  it('reads the db-consumer policy, and the same rules written as JSON', () => {
    const json = JSON.stringify({
      path: {
        'database/creds/app-readonly': { capabilities: ['read'] },
        'sys/leases/renew': { capabilities: ['update'] },
        'sys/leases/revoke': { capabilities: ['update'] },
      },
    });
    expect(summary(DB_CONSUMER_POLICY)).toEqual(summary(json));
    expect(summary(json).map((r) => r.path)).toEqual(['database/creds/app-readonly', 'sys/leases/renew', 'sys/leases/revoke']);
  });

  it('reads the built-in policies, with templated identity rules flagged', () => {
    for (const { text } of BUILTIN_POLICIES) expect(() => parseAclPolicy(text)).not.toThrow();
    const policy = parseAclPolicy(DEFAULT_POLICY);
    expect(policy.templated).toBe(true);
    expect(policy.paths.filter((r) => r.templated).map((r) => r.path)).toEqual([
      'identity/entity/id/{{identity.entity.id}}',
      'identity/entity/name/{{identity.entity.name}}',
    ]);
    expect(policy.paths.map((r) => r.path + (r.isPrefix ? '*' : ''))).toContain('cubbyhole/*');
    expect(policy.paths.map((r) => r.path)).not.toContain('sys/internal/ui/version');
    expect(policy.paths.find((r) => r.path === 'identity/oidc/provider/+/authorize')).toMatchObject({ hasSegmentWildcards: true, isPrefix: false });
  });

  it('accepts comments, heredocs and nested maps', () => {
    const text = `
# hash comment
// slash comment
/* block
   comment */
path "secret/*" {
  capabilities = ["create", "read"] // trailing
  comment = <<EOT
free text
EOT
  allowed_parameters = {
    "Role" = ["dev-*", "ops"]
    "nested" = [{ a = "b" }]
  }
  required_parameters = ["role"]
}`;
    const [rule] = parseAclPolicy(text).paths;
    expect(rule!.permissions.capabilities).toBe(CAP.create | CAP.read);
    expect(Object.fromEntries(rule!.permissions.allowedParameters!)).toEqual({ role: ['dev-*', 'ops'], nested: [{ a: 'b' }] });
    expect(rule!.permissions.requiredParameters).toEqual(['role']);
  });

  it('maps patterns: leading / stripped, trailing * a prefix, + a segment wildcard that keeps its *', () => {
    expect(summary('path "/a/b" {}\npath "a/*" {}\npath "+" {}\npath "a/+/c/*" {}\npath "a/*/b" {}')).toEqual([
      { path: 'a/b', prefix: false, segments: false, caps: [] },
      { path: 'a/', prefix: true, segments: false, caps: [] },
      { path: '+', prefix: false, segments: true, caps: [] },
      { path: 'a/+/c/*', prefix: false, segments: true, caps: [] },
      { path: 'a/*/b', prefix: false, segments: false, caps: [] },
    ]);
  });

  it('maps the legacy policy values', () => {
    expect(summary('path "a" { policy = "read" }')[0]!.caps).toEqual(['read', 'list']);
    expect(summary('path "a" { policy = "write" }')[0]!.caps).toEqual(['create', 'read', 'update', 'delete', 'list']);
    expect(summary('path "a" { policy = "sudo" }')[0]!.caps).toEqual(['create', 'read', 'update', 'delete', 'list', 'sudo']);
    expect(summary('path "a" { policy = "deny"\n capabilities = ["read"] }')[0]!.caps).toEqual(['deny']);
  });

  it('keeps only deny once deny appears, without reading the rest of the rule', () => {
    const [rule] = parseAclPolicy('path "a" { capabilities = ["read", "deny", "bogus"]\n min_wrapping_ttl = "bad" }').paths;
    expect(rule!.capabilities).toEqual(['deny']);
    expect(rule!.permissions.capabilities).toBe(CAP.deny);
  });

  it('accepts subscribe (1.15+) and parses wrapping TTLs and event types', () => {
    const [rule] = parseAclPolicy(
      'path "e/*" { capabilities = ["subscribe"]\n subscribe_event_types = ["kv*"]\n min_wrapping_ttl = 60\n max_wrapping_ttl = "1h" }',
    ).paths;
    expect(rule!.permissions).toMatchObject({ capabilities: CAP.subscribe, minWrappingTtl: 60, maxWrappingTtl: 3600, subscribeEventTypes: ['kv*'] });
  });

  it('keeps HCL numbers apart from strings in parameter values', () => {
    const [rule] = parseAclPolicy('path "a" { denied_parameters = { "n" = [1, "1"] } }').paths;
    expect(rule!.permissions.deniedParameters!.get('n')).toEqual([new HclNumber(1), '1']);
  });

  it('accepts a well-formed control_group and refuses a bad one', () => {
    const group = (factor: string) => `path "a" { capabilities = ["read"]\n control_group = { factor "ops" { ${factor} } } }`;
    expect(() => parseAclPolicy(group('identity { group_names = ["ops"]\n approvals = 1 }'))).not.toThrow();
    expect(failure(group('controlled_capabilities = ["read"]'))).toBe('failed to parse policy: no control_group factor provided');
    expect(failure(group('identity { group_names = ["ops"] }'))).toBe('failed to parse policy: must provide more than one identity group and approvals > 0');
    expect(failure(group('identity { group_names = ["ops"]\n approvals = 1 }\n controlled_capabilities = ["update"]'))).toBe(
      "failed to parse policy: control group factor capabilities must be a subset of the policy's capabilities",
    );
    expect(failure('path "a" { control_group = { ttl = "1h" } }')).toBe('failed to parse policy: no control group factors provided');
  });
});

describe('policy parse errors (verbatim)', () => {
  const cases: [string, string, string][] = [
    ['an unknown capability', 'path "secret/foo" {\n  capabilities = ["reed"]\n}', 'failed to parse policy: path "secret/foo": invalid capability "reed"'],
    ['an unknown legacy policy', 'path "secret/*" { policy = "bogus" }', 'failed to parse policy: path "secret/*": invalid policy "bogus"'],
    ['+*', 'path "/secret/+*" { capabilities = ["read"] }', `failed to parse policy: path "secret/+*": invalid use of wildcards ('+*' is forbidden)`],
    ['an unknown top-level key', 'foo = "bar"', 'failed to parse policy: 1 error occurred:\n\t* invalid key "foo" on line 1\n\n'],
    ['an unknown top-level block (no = so line 0)', 'rule "x" {}', 'failed to parse policy: 1 error occurred:\n\t* invalid key "rule" on line 0\n\n'],
    [
      'unknown keys in a path block',
      'path "x" {\n  a = 1\n  b = 2\n}',
      'failed to parse policy: 2 errors occurred:\n\t* path "x": invalid key "a" on line 2\n\t* path "x": invalid key "b" on line 3\n\n',
    ],
    ['an unknown key in JSON', '{"foo": 1}', 'failed to parse policy: 1 error occurred:\n\t* invalid key "foo" on line 1\n\n'],
    ['a syntax error', 'path "a" { capabilities = ["read"]', 'failed to parse policy: At 1:36: object expected closing RBRACE got: EOF'],
    ['a string where a list belongs', 'path "secret/foo" {\n  capabilities = "read"\n}', 'failed to parse policy: path "secret/foo": At 2:18: unknown slice type: *ast.LiteralType'],
    ['the same in JSON (no positions)', '{"path": {"x": {"capabilities": "read"}}}', 'failed to parse policy: path "x": At -: unknown slice type: *ast.LiteralType'],
    ['a list where a string belongs', 'path "x" { policy = ["read"] }', 'failed to parse policy: path "x": At 1:21: root.Policy: unknown type for string *ast.ListType'],
    ['a non-string name', 'name = ["a"]', 'failed to parse policy: At 1:8: root.name: unknown type for string *ast.ListType'],
    ['a path that is not a block', 'path = "x"', 'failed to parse policy: path "path": cannot check HCL keys of type *ast.LiteralType'],
    ['a parameter map that is a list', 'path "x" { allowed_parameters = ["a"] }', 'failed to parse policy: path "x": At 1:33: root.allowed_parameters: not an object type for map (*ast.ListType)'],
    ['a bad min_wrapping_ttl', 'path "x" { capabilities = ["read"]\n min_wrapping_ttl = "abc" }', 'failed to parse policy: error parsing min_wrapping_ttl: time: invalid duration "abc"'],
    ['a bad max_wrapping_ttl', 'path "x" { max_wrapping_ttl = true }', 'failed to parse policy: error parsing max_wrapping_ttl: could not parse duration from input'],
    ['max below min', 'path "x" { min_wrapping_ttl = "1h"\n max_wrapping_ttl = "10m" }', 'failed to parse policy: max_wrapping_ttl cannot be less than min_wrapping_ttl'],
    ['unbalanced templating', 'path "x/{{identity.entity.id}" {}', 'failed to parse policy: failed to validate policy templating: unbalanced templating characters'],
    ['closing braces first', 'path "x/}}" {}', 'failed to parse policy: failed to validate policy templating: unbalanced templating characters'],
  ];
  for (const [name, text, message] of cases) {
    it(name, () => expect(failure(text)).toBe(message));
  }
});
