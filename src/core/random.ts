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
  uuid(): string {
    const b = this.bytes(16);
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = b.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  base62(n: number): string {
    let out = '';
    while (out.length < n) {
      for (const byte of this.bytes(n * 2)) {
        if (byte < 248 && out.length < n) out += BASE62[byte % 62];
      }
    }
    return out;
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

/** Operating-system entropy, drawn 4 KiB at a time: one getrandom call serves many request ids. */
export class CryptoRandom extends RandomBase {
  private pool = Buffer.alloc(0);
  bytes(n: number): Buffer {
    if (n > 1024) return randomBytes(n);
    if (this.pool.length < n) this.pool = randomBytes(4096);
    // A copy, so a caller that sets bits (uuid) never touches bytes handed out later.
    const out = Buffer.from(this.pool.subarray(0, n));
    this.pool = this.pool.subarray(n);
    return out;
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
