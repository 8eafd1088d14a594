// CryptoRandom formats request ids straight from its entropy pool; they must be what the generic
// uuid() makes of the same 16 bytes (version 4, RFC 4122 variant), and never reuse pool bytes.
import { describe, expect, it } from 'vitest';
import { CryptoRandom, SeededRandom } from '../../src/core/random.js';

/** The generic construction (RandomBase.uuid) applied to given bytes. */
function uuidOf(bytes: Buffer): string {
  const b = Buffer.from(bytes);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

describe('CryptoRandom', () => {
  it('uuid() is the generic construction over the next 16 pool bytes, refilling the pool as it runs out', () => {
    const r = new CryptoRandom();
    const internals = r as unknown as { pool: Buffer; used: number };
    const seen = new Set<string>();
    for (let i = 0; i < 600; i++) {
      const pool = internals.pool;
      const at = internals.used;
      const id = r.uuid();
      // When the pool ran short, the id came from the start of a fresh one.
      const source = internals.pool === pool ? pool.subarray(at, at + 16) : internals.pool.subarray(0, 16);
      expect(id).toBe(uuidOf(source));
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      seen.add(id);
    }
    expect(seen.size).toBe(600);
  });

  it('base62() maps the next pool bytes below 248 to the alphabet (byte % 62), skipping the rest, across refills', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    const r = new CryptoRandom();
    const internals = r as unknown as { pool: Buffer; used: number };
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const pool = internals.pool;
      const at = internals.used;
      const token = r.base62(24);
      expect(token).toMatch(/^[A-Za-z0-9]{24}$/);
      for (const c of token) seen.add(c);
      // Without a refill in between, the characters are exactly those of the bytes just consumed.
      if (internals.pool === pool) {
        const expected = [...pool.subarray(at, internals.used)].filter((b) => b < 248).map((b) => alphabet[b % 62]).join('');
        expect(token).toBe(expected);
      }
    }
    expect(seen.size).toBe(62);
  });

  it('bytes() hands out copies: changing them leaves later draws alone', () => {
    const r = new CryptoRandom();
    const internals = r as unknown as { pool: Buffer; used: number };
    const pool = internals.pool;
    const a = r.bytes(8);
    a.fill(0);
    expect(pool.subarray(0, 8).equals(a)).toBe(false);
    expect(r.bytes(2000)).toHaveLength(2000);
  });

  it('a seeded Random still gives the same ids for the same seed', () => {
    expect([new SeededRandom('x').uuid(), new SeededRandom('x').uuid()]).toEqual([new SeededRandom('x').uuid(), new SeededRandom('x').uuid()]);
  });
});
