// The token store's HMAC-SHA256 (two one-shot hashes over pre-padded buffers) gives Node's createHmac
// result for every key and message length, including the fallbacks past the scratch buffer.
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSscToken, HmacSha256, TokenHmacs } from '../../../src/core/token/formats.js';

describe('HmacSha256', () => {
  it('equals createHmac for any key and message', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 150 }), fc.string({ maxLength: 400, unit: 'binary' }), (keyBytes, message) => {
        const key = Buffer.from(keyBytes);
        const mac = new HmacSha256(key);
        expect(mac.hex(message)).toBe(createHmac('sha256', key).update(message).digest('hex'));
        const bytes = Buffer.from(message, 'utf8');
        expect(mac.bytes(bytes).equals(createHmac('sha256', key).update(bytes).digest())).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
  it('stays right across calls with shorter messages after longer ones', () => {
    const key = Buffer.from('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0');
    const mac = new HmacSha256(key);
    for (const message of ['x'.repeat(256), 'abc', 'x'.repeat(257), '', 'é'.repeat(128), 'é'.repeat(129)]) {
      expect(mac.hex(message)).toBe(createHmac('sha256', key).update(message).digest('hex'));
    }
  });
});

/** A protobuf length-delimited field (tag, varint length, bytes). */
function lengthDelimited(tag: number, bytes: Buffer): Buffer {
  const length: number[] = [];
  let n = bytes.length;
  while (n >= 0x80) {
    length.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  length.push(n);
  return Buffer.concat([Buffer.from([tag, ...length]), bytes]);
}

describe('TokenHmacs.encodeSscToken', () => {
  it('is hvs. + base64url(SignedToken{1, HMAC(Token{id}), Token{id}}) for any id, and decodes back', () => {
    const keys = { salt: 'b3d1c0de-0000-4000-8000-000000000001', sscHmacKey: 'ab'.repeat(32), batchKey: 'cd'.repeat(32) };
    const hmacs = new TokenHmacs(keys);
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (id) => {
        const token = lengthDelimited(0x0a, Buffer.from(id, 'utf8'));
        const mac = createHmac('sha256', Buffer.from(keys.sscHmacKey, 'hex')).update(token).digest();
        const signed = Buffer.concat([Buffer.from([0x08, 0x01]), lengthDelimited(0x12, mac), lengthDelimited(0x1a, token)]);
        const encoded = hmacs.encodeSscToken(id);
        expect(encoded).toBe(`hvs.${signed.toString('base64url')}`);
        if (id !== '' && encoded.length > 34) expect(decodeSscToken(encoded)).toBe(id);
      }),
      { numRuns: 500 },
    );
  });
});
