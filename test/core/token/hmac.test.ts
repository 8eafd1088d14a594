// The token store's HMAC-SHA256 (two one-shot hashes over pre-padded buffers) gives Node's createHmac
// result for every key and message length, including the fallbacks past the scratch buffer.
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HmacSha256 } from '../../../src/core/token/formats.js';

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
