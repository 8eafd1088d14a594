import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';

describe('sys/tools (conformance)', () => {
  it('generates random bytes in base64 or hex, with the count from the body or the URL', async () => {
    const byDefault = await vault('POST', 'sys/tools/random', { body: {} });
    expect(byDefault.status).toBe(200);
    expect(Buffer.from(byDefault.json.data.random_bytes, 'base64')).toHaveLength(32);
    expect((await vault('POST', 'sys/tools/random/platform/16', { body: { format: 'hex' } })).json.data.random_bytes).toMatch(/^[0-9a-f]{32}$/);
    expect((await vault('POST', 'sys/tools/random', { body: { bytes: 5, format: 'hex' } })).json.data.random_bytes).toMatch(/^[0-9a-f]{10}$/);
  });

  it('refuses bad random requests with 400', async () => {
    const cases: [string, unknown, string][] = [
      ['sys/tools/random', { bytes: 0 }, '"bytes" cannot be less than 1'],
      ['sys/tools/random/200000', {}, '"bytes" should be less than 131072'],
      ['sys/tools/random', { format: 'raw' }, 'unsupported encoding format "raw"; must be "hex" or "base64"'],
      ['sys/tools/random/many', {}, 'error parsing url-set byte count: strconv.Atoi: parsing "many": invalid syntax'],
    ];
    for (const [path, body, message] of cases) {
      const res = await vault('POST', path, { body });
      expect({ status: res.status, body: res.json }).toEqual({ status: 400, body: { errors: [message] } });
    }
  });

  it('hashes base64 input with the requested algorithm and format', async () => {
    const input = Buffer.from('conformance').toString('base64');
    const sha256 = await vault('POST', 'sys/tools/hash', { body: { input } });
    expect(sha256.status).toBe(200);
    expect(sha256.json.data).toEqual({ sum: createHash('sha256').update('conformance').digest('hex') });
    const sha512 = await vault('POST', 'sys/tools/hash/sha2-512', { body: { input, format: 'base64' } });
    expect(sha512.json.data.sum).toBe(createHash('sha512').update('conformance').digest('base64'));
    const sha3 = await vault('POST', 'sys/tools/hash', { body: { input, algorithm: 'sha3-256' } });
    expect(sha3.json.data.sum).toBe(createHash('sha3-256').update('conformance').digest('hex'));
  });

  it('refuses bad hash requests with 400', async () => {
    const cases: [string, unknown, string][] = [
      ['sys/tools/hash', { input: 'abc' }, 'unable to decode input as base64: illegal base64 data at input byte 0'],
      ['sys/tools/hash', { input: 'YQ==', format: 'raw' }, 'unsupported encoding format raw; must be "hex" or "base64"'],
      ['sys/tools/hash/md5', { input: 'YQ==' }, 'unsupported algorithm md5'],
    ];
    for (const [path, body, message] of cases) {
      const res = await vault('POST', path, { body });
      expect({ status: res.status, body: res.json }).toEqual({ status: 400, body: { errors: [message] } });
    }
  });
});
