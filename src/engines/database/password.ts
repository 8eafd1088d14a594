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
    // Which classes were drawn, by CHARSET index: 0–25 lower, 26–51 upper, 52–61 digits, 62 dash.
    let seen = 0;
    for (let i = 0; i < 20; i++) {
      const at = random.int(CHARSET.length);
      candidate += CHARSET[at];
      seen |= at < LOWER.length ? 1 : at < LOWER.length + UPPER.length ? 2 : at < CHARSET.length - 1 ? 4 : 8;
    }
    if (seen === 15) return candidate;
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
