// Shamir's secret sharing over GF(2^8) in Vault's share format (shamir/shamir.go): every share is the
// polynomial values for each secret byte followed by one byte holding its x-coordinate (1..255).
// Written here rather than taken from `shamir-secret-sharing` because the coefficients and coordinates
// must come from the injected Random (seeded runs reproduce their keys) and Combine must fail with
// Vault's own messages; test/core/seal/shamir.test.ts proves both directions interoperate with it.
import type { Random } from '../random.js';

/** Bytes a share adds to the secret (shamir.ShareOverhead). */
export const SHARE_OVERHEAD = 1;

export class ShamirError extends Error {}

// Log/exp tables for the field with reduction polynomial x^8 + x^4 + x^3 + x + 1 (0x11B), as Vault's
// mult() uses, built from the generator 3.
const EXP = new Uint8Array(510);
const LOG = new Uint8Array(256);
{
  let x = 1;
  for (let i = 0; i < 255; i++) {
    EXP[i] = x;
    LOG[x] = i;
    // x * 3 = x * 2 xor x, reducing by 0x11B on overflow.
    let doubled = x << 1;
    if (doubled & 0x100) doubled ^= 0x11b;
    x = doubled ^ x;
  }
  for (let i = 255; i < 510; i++) EXP[i] = EXP[i - 255]!;
}

export function gfMul(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  return EXP[LOG[a]! + LOG[b]!]!;
}

export function gfDiv(a: number, b: number): number {
  if (b === 0) throw new ShamirError('divide by zero');
  if (a === 0) return 0;
  return EXP[LOG[a]! + 255 - LOG[b]!]!;
}

/** Value at `x` of the polynomial with these coefficients (constant term first), by Horner's rule. */
function evaluate(coefficients: Uint8Array, x: number): number {
  let out = coefficients[coefficients.length - 1]!;
  for (let i = coefficients.length - 2; i >= 0; i--) out = gfMul(out, x) ^ coefficients[i]!;
  return out;
}

/** Lagrange interpolation of the samples, evaluated at `x`. */
function interpolate(xs: Uint8Array, ys: Uint8Array, x: number): number {
  let result = 0;
  for (let i = 0; i < xs.length; i++) {
    let basis = 1;
    for (let j = 0; j < xs.length; j++) {
      if (i === j) continue;
      basis = gfMul(basis, gfDiv(x ^ xs[j]!, xs[i]! ^ xs[j]!));
    }
    result ^= gfMul(ys[i]!, basis);
  }
  return result;
}

/** Splits `secret` into `parts` shares, any `threshold` of which recover it (Vault's shamir.Split). */
export function split(secret: Uint8Array, parts: number, threshold: number, random: Random): Buffer[] {
  if (parts < threshold) throw new ShamirError('parts cannot be less than threshold');
  if (parts > 255) throw new ShamirError('parts cannot exceed 255');
  if (threshold < 2) throw new ShamirError('threshold must be at least 2');
  if (threshold > 255) throw new ShamirError('threshold cannot exceed 255');
  if (secret.length === 0) throw new ShamirError('cannot split an empty secret');

  // Distinct x-coordinates: a random permutation of 1..255, the first `parts` used.
  const coordinates = Array.from({ length: 255 }, (_, i) => i + 1);
  for (let i = coordinates.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [coordinates[i], coordinates[j]] = [coordinates[j]!, coordinates[i]!];
  }
  const shares = Array.from({ length: parts }, (_, i) => {
    const share = Buffer.alloc(secret.length + SHARE_OVERHEAD);
    share[secret.length] = coordinates[i]!;
    return share;
  });
  const coefficients = new Uint8Array(threshold);
  secret.forEach((byte, idx) => {
    coefficients[0] = byte;
    coefficients.set(random.bytes(threshold - 1), 1);
    for (const share of shares) share[idx] = evaluate(coefficients, share[secret.length]!);
  });
  return shares;
}

/** Recovers the secret from shares (Vault's shamir.Combine, same checks in the same order). */
export function combine(parts: readonly Uint8Array[]): Buffer {
  if (parts.length < 2) throw new ShamirError('less than two parts cannot be used to reconstruct the secret');
  const partLength = parts[0]!.length;
  if (partLength < 2) throw new ShamirError('parts must be at least two bytes');
  if (parts.some((p) => p.length !== partLength)) throw new ShamirError('all parts must be the same length');

  const xs = new Uint8Array(parts.length);
  const seen = new Set<number>();
  parts.forEach((part, i) => {
    const x = part[partLength - 1]!;
    if (seen.has(x)) throw new ShamirError('duplicate part detected');
    seen.add(x);
    xs[i] = x;
  });
  const secret = Buffer.alloc(partLength - 1);
  const ys = new Uint8Array(parts.length);
  for (let idx = 0; idx < secret.length; idx++) {
    parts.forEach((part, i) => (ys[i] = part[idx]!));
    secret[idx] = interpolate(xs, ys, 0);
  }
  return secret;
}
