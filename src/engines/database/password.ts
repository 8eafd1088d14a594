// helper/random DefaultStringGenerator: 20 runes from [a-zA-Z0-9-], at least one lowercase,
// uppercase, digit and dash, by rejection sampling, drawn from the emulator's Random.
import type { Random } from '../../core/random.js';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const CHARSET = `${LOWER}${UPPER}${DIGITS}-`;

export function defaultPassword(random: Random): string {
  for (;;) {
    let candidate = '';
    for (let i = 0; i < 20; i++) candidate += CHARSET[random.int(CHARSET.length)];
    const has = (set: string) => [...candidate].some((c) => set.includes(c));
    if (has(LOWER) && has(UPPER) && has(DIGITS) && candidate.includes('-')) return candidate;
  }
}
