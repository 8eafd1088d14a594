// helper/random DefaultStringGenerator: 20 runes from [a-zA-Z0-9-], at least one lowercase,
// uppercase, digit and dash, by rejection sampling, drawn from the emulator's Random.
import { codedError } from '../../core/errors.js';
import type { Random } from '../../core/random.js';
import { dbMessages as m } from './messages.js';

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

/** Where passwords come from: the engine's Random, and the core's password policies (its system view). */
export interface PasswordSource {
  random: Random;
  /** GeneratePasswordFromPolicy; throws Vault's error text when the policy is missing or invalid. */
  fromPolicy(name: string): string;
}

/** passwordGenerator.generate: a named policy through the system view, else the plugin's default. */
export function generatePassword(source: PasswordSource, policy: string): string {
  if (policy === '') return defaultPassword(source.random);
  try {
    return source.fromPolicy(policy);
  } catch (e) {
    throw codedError(500, m.generatePasswordFailed(e instanceof Error ? e.message : String(e)));
  }
}
