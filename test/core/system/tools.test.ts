import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeGoBase64 } from '../../../src/core/system/go-base64.js';
import { call, testEmu } from '../../helpers/emulator.js';

describe('sys/tools/random', () => {
  it('answers 32 base64 bytes by default, reproducibly for a seed', async () => {
    const first = await testEmu({ seed: 7 });
    const second = await testEmu({ seed: 7 });
    const a = await call(first, 'POST', '/v1/sys/tools/random', {});
    const b = await call(second, 'POST', '/v1/sys/tools/random', {});
    expect(a.status).toBe(200);
    expect(Buffer.from(a.json.data.random_bytes, 'base64')).toHaveLength(32);
    expect(a.json.data.random_bytes).toBe(b.json.data.random_bytes);
    expect(a.json.warnings).toBeNull();
    expect(a.json.random_bytes).toBeUndefined();
  });

  it('takes bytes and source from the URL or the body, and hex format', async () => {
    const emu = await testEmu();
    const hex = (r: { json: { data: { random_bytes: string } } }) => r.json.data.random_bytes;
    expect(hex(await call(emu, 'POST', '/v1/sys/tools/random/16', { format: 'hex' }))).toMatch(/^[0-9a-f]{32}$/);
    expect(hex(await call(emu, 'POST', '/v1/sys/tools/random/all/8', { format: 'hex' }))).toMatch(/^[0-9a-f]{16}$/);
    expect(hex(await call(emu, 'POST', '/v1/sys/tools/random/platform', { bytes: 4, format: 'hex' }))).toMatch(/^[0-9a-f]{8}$/);
    const seal = await call(emu, 'POST', '/v1/sys/tools/random/seal', { bytes: 4 });
    expect(seal.json.warnings).toEqual(['no seal/entropy augmentation available, using platform entropy source']);
  });

  it('overrides a body source with the empty URL capture, as Vault does, and says so', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'POST', '/v1/sys/tools/random', { source: 'seal', bytes: 2 });
    expect(Buffer.from(res.json.data.random_bytes, 'base64')).toHaveLength(2);
    expect(res.json.warnings).toEqual(["Endpoint replaced the value of these parameters with the values captured from the endpoint's path: [source]"]);
  });

  const refusals: [string, unknown, string][] = [
    ['sys/tools/random', { bytes: 0 }, '"bytes" cannot be less than 1'],
    ['sys/tools/random/131073', {}, '"bytes" should be less than 131072'],
    ['sys/tools/random', { format: 'raw' }, 'unsupported encoding format "raw"; must be "hex" or "base64"'],
    ['sys/tools/random/many', {}, 'error parsing url-set byte count: strconv.Atoi: parsing "many": invalid syntax'],
    ['sys/tools/random/seal/x', {}, 'error parsing url-set byte count: strconv.Atoi: parsing "x": invalid syntax'],
    ['sys/tools/random/hsm/8', {}, 'unsupported entropy source "hsm"; must be "platform" or "seal", or "all"'],
  ];
  for (const [path, body, message] of refusals) {
    it(`answers 400 "${message}" for ${path}`, async () => {
      const emu = await testEmu();
      const res = await call(emu, 'POST', `/v1/${path}`, body);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ errors: [message] });
    });
  }

  it('is write-only', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'GET', '/v1/sys/tools/random');
    expect(res.status).toBe(405);
    expect(res.json).toEqual({ errors: ['1 error occurred:\n\t* unsupported operation\n\n'] });
  });
});

describe('sys/tools/hash', () => {
  const input = Buffer.from('hello world').toString('base64');
  const digest = (alg: string, enc: 'hex' | 'base64') => createHash(alg).update('hello world').digest(enc);

  it('hashes base64 input with sha2-256 in hex by default', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'POST', '/v1/sys/tools/hash', { input });
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual({ sum: 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9' });
  });

  it('supports every sha2 and sha3 size, from the URL or the body, in base64 too', async () => {
    const emu = await testEmu();
    const algorithms: Record<string, string> = { 'sha2-224': 'sha224', 'sha2-384': 'sha384', 'sha2-512': 'sha512', 'sha3-224': 'sha3-224', 'sha3-256': 'sha3-256', 'sha3-384': 'sha3-384', 'sha3-512': 'sha3-512' };
    for (const [vault, node] of Object.entries(algorithms)) {
      expect((await call(emu, 'POST', `/v1/sys/tools/hash/${vault}`, { input })).json.data.sum).toBe(digest(node, 'hex'));
      expect((await call(emu, 'POST', '/v1/sys/tools/hash', { input, algorithm: vault, format: 'base64' })).json.data.sum).toBe(digest(node, 'base64'));
    }
  });

  const refusals: [string, unknown, string][] = [
    ['sys/tools/hash', { input: 'aGVsbG8' }, 'unable to decode input as base64: illegal base64 data at input byte 4'],
    ['sys/tools/hash', { input: 'a!==' }, 'unable to decode input as base64: illegal base64 data at input byte 1'],
    ['sys/tools/hash', { input, format: 'binary' }, 'unsupported encoding format binary; must be "hex" or "base64"'],
    ['sys/tools/hash/md5', { input }, 'unsupported algorithm md5'],
  ];
  for (const [path, body, message] of refusals) {
    it(`answers 400 "${message}"`, async () => {
      const emu = await testEmu();
      const res = await call(emu, 'POST', `/v1/${path}`, body);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ errors: [message] });
    });
  }
});

describe("Go's base64 decoding", () => {
  it('decodes what Go decodes, skipping newlines', () => {
    const ok = (s: string) => {
      const r = decodeGoBase64(s);
      return 'bytes' in r ? r.bytes.toString('utf8') : r.error;
    };
    expect(ok('')).toBe('');
    expect(ok('aGVsbG8=')).toBe('hello');
    expect(ok('aGVs\nbG8=')).toBe('hello');
    expect(ok('aGk=')).toBe('hi');
    expect(ok('aA==')).toBe('h');
  });

  it("fails at Go's offsets", () => {
    const err = (s: string) => (decodeGoBase64(s) as { error: string }).error;
    expect(err('abc')).toBe('illegal base64 data at input byte 0');
    expect(err('=')).toBe('illegal base64 data at input byte 0');
    expect(err('aA=')).toBe('illegal base64 data at input byte 3');
    expect(err('aA=x')).toBe('illegal base64 data at input byte 2');
    expect(err('aGk=x')).toBe('illegal base64 data at input byte 4');
    expect(err('aGVsbG8=aGk=')).toBe('illegal base64 data at input byte 8');
  });
});
