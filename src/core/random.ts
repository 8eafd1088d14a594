// The only source of randomness (STYLE §6.3). A seeded Random makes every id, token and key reproducible.
import { createHmac, randomBytes } from 'node:crypto';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export interface Random {
  bytes(n: number): Buffer;
  /** A UUID-shaped string (8-4-4-4-12 lower-case hex), version 4 bits set. */
  uuid(): string;
  /** n characters from [A-Za-z0-9], without modulo bias. */
  base62(n: number): string;
  hex(bytes: number): string;
  /** Integer in [0, max). */
  int(max: number): number;
}

abstract class RandomBase implements Random {
  abstract bytes(n: number): Buffer;
  // Both write their characters into a buffer read back as one string: a string built piece by piece
  // is kept as a rope of one object per piece for as long as it lives (ids live as long as their token).
  uuid(): string {
    const b = this.bytes(16);
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    return uuidText(b, 0);
  }
  base62(n: number): string {
    const text = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      for (const byte of this.bytes(n * 2)) {
        if (byte < 248 && filled < n) text[filled++] = BASE62_CODES[byte % 62]!;
      }
    }
    return text.toString('latin1');
  }
  hex(bytes: number): string {
    return this.bytes(bytes).toString('hex');
  }
  int(max: number): number {
    if (max <= 1) return 0;
    const limit = Math.floor(0x100000000 / max) * max;
    for (;;) {
      const v = this.bytes(4).readUInt32BE(0);
      if (v < limit) return v % max;
    }
  }
}

/** The base62 alphabet as character codes. */
const BASE62_CODES = Buffer.from(BASE62, 'latin1');
/** Lower-case hex digits as character codes. */
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
/** Where uuid() writes its 36 characters before reading them back as one string. */
const UUID_TEXT = Buffer.alloc(36);
/** Byte index in the UUID of each of the 32 hex digit pairs' text offsets (dashes after 4, 6, 8 and 10 bytes). */
const UUID_OFFSETS = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

/** The 36-character UUID text of the 16 bytes at `at`, as one flat string. */
function uuidText(bytes: Buffer, at: number): string {
  const text = UUID_TEXT;
  for (let i = 0; i < 16; i++) {
    const b = bytes[at + i]!;
    const o = UUID_OFFSETS[i]!;
    text[o] = HEX_DIGITS[b >> 4]!;
    text[o + 1] = HEX_DIGITS[b & 0x0f]!;
  }
  text[8] = text[13] = text[18] = text[23] = 0x2d;
  return text.toString('latin1');
}

/** Operating-system entropy, drawn 4 KiB at a time: one getrandom call serves many request ids. */
export class CryptoRandom extends RandomBase {
  private pool = randomBytes(4096);
  private used = 0;
  bytes(n: number): Buffer {
    if (n > 1024) return randomBytes(n);
    const at = this.take(n);
    // A copy, so a caller that sets bits never touches the pool.
    const out = Buffer.allocUnsafe(n);
    this.pool.copy(out, 0, at, at + n);
    return out;
  }
  /** Every request needs one: formatted straight from the pool into a single string. */
  override uuid(): string {
    const at = this.take(16);
    const p = this.pool;
    // The version and variant bits are set in the pool itself: these bytes are used up.
    p[at + 6] = (p[at + 6]! & 0x0f) | 0x40;
    p[at + 8] = (p[at + 8]! & 0x3f) | 0x80;
    return uuidText(p, at);
  }
  /** Every token and accessor needs one: characters straight from the pool (bytes ≥ 248 skipped, no modulo bias). */
  override base62(n: number): string {
    const text = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const want = n - filled;
      const at = this.take(want);
      const p = this.pool;
      for (let i = at; i < at + want; i++) {
        const byte = p[i]!;
        if (byte < 248) text[filled++] = BASE62_CODES[byte % 62]!;
      }
    }
    return text.toString('latin1');
  }
  /** Offset of n unused pool bytes, refilling the pool when it runs short. */
  private take(n: number): number {
    if (this.used + n > this.pool.length) {
      this.pool = randomBytes(4096);
      this.used = 0;
    }
    const at = this.used;
    this.used += n;
    return at;
  }
}

/** Deterministic stream: HMAC-SHA256(seed, counter) blocks, so a seed reproduces a whole run. */
export class SeededRandom extends RandomBase {
  private readonly key: Buffer;
  private counter = 0n;
  private pool = Buffer.alloc(0);
  constructor(seed: string | number) {
    super();
    this.key = Buffer.from(`vault-emu:${String(seed)}`);
  }
  bytes(n: number): Buffer {
    while (this.pool.length < n) {
      const block = createHmac('sha256', this.key).update(this.counter.toString()).digest();
      this.counter += 1n;
      this.pool = Buffer.concat([this.pool, block]);
    }
    const out = this.pool.subarray(0, n);
    this.pool = this.pool.subarray(n);
    return Buffer.from(out);
  }
}

export function createRandom(seed?: string | number): Random {
  return seed === undefined ? new CryptoRandom() : new SeededRandom(seed);
}
