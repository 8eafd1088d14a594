// How the seal handlers answer bodies that are not a JSON object, as the HTTP layer reports them:
// Vault's parseJSONRequest passes io.EOF through and prefixes decoding errors.
import { describe, expect, it } from 'vitest';
import { rawHandlers, type RawInput } from '../../../src/core/system/raw-handlers.js';
import { testEmu } from '../../helpers/emulator.js';

type Outcome = { kind: 'eof' } | { kind: 'error'; message: string } | { kind: 'mismatch'; valueKind: string };

async function handlers() {
  const emu = await testEmu();
  const map = rawHandlers(emu.core);
  return (path: string, method: string, json?: Outcome) => {
    const input: RawInput & { json?: Outcome } = { method, query: {}, body: {}, clientToken: '', now: emu.clock.now(), json };
    return map.get(path)!(input);
  };
}

describe('raw seal handlers and undecodable bodies', () => {
  it('an empty body is io.EOF: a 400 everywhere except generate-root/attempt', async () => {
    const run = await handlers();
    for (const path of ['sys/init', 'sys/unseal', 'sys/generate-root/update', 'sys/rekey/init', 'sys/rekey/update', 'sys/rekey/verify']) {
      expect({ path, out: await run(path, 'PUT', { kind: 'eof' }) }).toEqual({ path, out: { status: 400, body: { errors: ['EOF'] } } });
    }
    const attempt = await run('sys/generate-root/attempt', 'PUT', { kind: 'eof' });
    expect(attempt.status).toBe(200);
    expect((attempt.body as { otp: string }).otp).toMatch(/^[A-Za-z0-9]{28}$/);
  });

  it('syntax errors and non-object values are reported as parseJSONRequest does', async () => {
    const run = await handlers();
    expect(await run('sys/unseal', 'PUT', { kind: 'error', message: "invalid character 'x' looking for beginning of value" })).toEqual({
      status: 400,
      body: { errors: ["failed to parse JSON input: invalid character 'x' looking for beginning of value"] },
    });
    expect(await run('sys/init', 'POST', { kind: 'mismatch', valueKind: 'array' })).toEqual({
      status: 400,
      body: { errors: ['failed to parse JSON input: json: cannot unmarshal array into Go value of type http.InitRequest'] },
    });
  });
});
