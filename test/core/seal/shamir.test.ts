// Our GF(2^8) Shamir split/combine against Vault's format, an independent Lagrange interpolation,
// and the audited `shamir-secret-sharing` package (which follows Vault's shamir/shamir.go).
import { describe, expect, it } from 'vitest';
import { combine as pkgCombine, split as pkgSplit } from 'shamir-secret-sharing';
import { combine, gfDiv, gfMul, split } from '../../../src/core/seal/shamir.js';
import { SeededRandom } from '../../../src/core/random.js';

/** Bitwise GF(2^8) product with Vault's reduction (x^8 + x^4 + x^3 + x + 1), no tables. */
function slowMul(a: number, b: number): number {
  let r = 0;
  for (let i = 0; i < 8; i++) {
    if (b & 1) r ^= a;
    const carry = a & 0x80;
    a = (a << 1) & 0xff;
    if (carry) a ^= 0x1b;
    b >>= 1;
  }
  return r;
}

/** a^254 = a^-1 in GF(2^8). */
function slowInverse(a: number): number {
  let result = 1;
  for (let i = 0; i < 254; i++) result = slowMul(result, a);
  return result;
}

/** Lagrange interpolation at x = 0: sum of y_i * prod_{j != i} x_j / (x_i - x_j). */
function interpolateAtZero(shares: Uint8Array[]): Buffer {
  const len = shares[0]!.length - 1;
  const xs = shares.map((s) => s[len]!);
  const out = Buffer.alloc(len);
  for (let idx = 0; idx < len; idx++) {
    let acc = 0;
    shares.forEach((share, i) => {
      let basis = 1;
      xs.forEach((xj, j) => {
        if (i !== j) basis = slowMul(basis, slowMul(xj, slowInverse(xs[i]! ^ xj)));
      });
      acc ^= slowMul(share[idx]!, basis);
    });
    out[idx] = acc;
  }
  return out;
}

const secret = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');

describe('GF(2^8) arithmetic', () => {
  it('matches Vault’s field test vectors and the bitwise product everywhere', () => {
    expect(gfMul(3, 7)).toBe(9);
    expect(gfMul(3, 0)).toBe(0);
    expect(gfMul(0, 3)).toBe(0);
    expect(gfDiv(0, 7)).toBe(0);
    expect(gfDiv(3, 3)).toBe(1);
    expect(gfDiv(6, 3)).toBe(2);
    const mismatches: string[] = [];
    for (let a = 0; a < 256; a++) {
      for (let b = 0; b < 256; b++) {
        if (gfMul(a, b) !== slowMul(a, b)) mismatches.push(`${a}*${b}`);
        if (b !== 0 && gfMul(gfDiv(a, b), b) !== a) mismatches.push(`${a}/${b}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('split', () => {
  it('produces Vault-format shares: y bytes then a distinct non-zero x-coordinate', () => {
    const shares = split(secret, 5, 3, new SeededRandom('fmt'));
    expect(shares).toHaveLength(5);
    for (const s of shares) expect(s).toHaveLength(secret.length + 1);
    const xs = shares.map((s) => s[secret.length]!);
    expect(new Set(xs).size).toBe(5);
    for (const x of xs) expect(x).toBeGreaterThanOrEqual(1);
  });

  it('any threshold-sized subset recovers the secret, by an independent interpolation too', () => {
    const shares = split(secret, 5, 3, new SeededRandom('subsets'));
    for (let i = 0; i < 5; i++)
      for (let j = i + 1; j < 5; j++)
        for (let k = j + 1; k < 5; k++) {
          const subset = [shares[i]!, shares[j]!, shares[k]!];
          expect(combine(subset).equals(secret)).toBe(true);
          expect(interpolateAtZero(subset).equals(secret)).toBe(true);
        }
  });

  it('fewer shares than the threshold do not reveal the secret', () => {
    const shares = split(secret, 5, 3, new SeededRandom('few'));
    expect(combine([shares[0]!, shares[1]!]).equals(secret)).toBe(false);
  });

  it('is reproducible from a seed', () => {
    const a = split(secret, 3, 2, new SeededRandom(7));
    const b = split(secret, 3, 2, new SeededRandom(7));
    expect(a.map((s) => s.toString('hex'))).toEqual(b.map((s) => s.toString('hex')));
  });

  it('rejects what Vault’s Split rejects, with its messages', () => {
    const r = new SeededRandom(1);
    expect(() => split(secret, 2, 3, r)).toThrow('parts cannot be less than threshold');
    expect(() => split(secret, 1000, 3, r)).toThrow('parts cannot exceed 255');
    expect(() => split(secret, 10, 1, r)).toThrow('threshold must be at least 2');
    expect(() => split(Buffer.alloc(0), 3, 2, r)).toThrow('cannot split an empty secret');
  });
});

describe('combine', () => {
  it('fails like Vault’s Combine', () => {
    expect(() => combine([])).toThrow('less than two parts cannot be used to reconstruct the secret');
    expect(() => combine([Buffer.from('foo'), Buffer.from('ba')])).toThrow('all parts must be the same length');
    expect(() => combine([Buffer.from('f'), Buffer.from('b')])).toThrow('parts must be at least two bytes');
    expect(() => combine([Buffer.from('foo'), Buffer.from('foo')])).toThrow('duplicate part detected');
  });
});

describe('interoperability with shamir-secret-sharing', () => {
  it('combines shares the package split', async () => {
    for (const [n, t] of [
      [2, 2],
      [5, 3],
      [10, 7],
    ] as const) {
      const shares = await pkgSplit(new Uint8Array(secret), n, t);
      expect(combine(shares.slice(0, t)).equals(secret)).toBe(true);
      expect(combine(shares.slice(n - t)).equals(secret)).toBe(true);
    }
  });

  it('the package combines shares we split', async () => {
    const shares = split(secret, 6, 4, new SeededRandom('interop'));
    const recovered = await pkgCombine(shares.slice(1, 5).map((s) => new Uint8Array(s)));
    expect(Buffer.from(recovered).equals(secret)).toBe(true);
  });
});
