// Vault's default password generator (helper/random DefaultStringGenerator) on the seeded Random.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../src/core/random.js';
import { defaultPassword } from '../../../src/engines/database/password.js';

describe('default database password', () => {
  it('is 20 characters of [a-zA-Z0-9-] with at least one lowercase, uppercase, digit and dash', () => {
    const random = new SeededRandom('passwords');
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const pw = defaultPassword(random);
      expect(pw).toMatch(/^[a-zA-Z0-9-]{20}$/);
      expect(pw).toMatch(/[a-z]/);
      expect(pw).toMatch(/[A-Z]/);
      expect(pw).toMatch(/[0-9]/);
      expect(pw).toContain('-');
      seen.add(pw);
    }
    expect(seen.size).toBe(300);
  });

  it('is reproducible from the seed', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    expect([defaultPassword(a), defaultPassword(a)]).toEqual([defaultPassword(b), defaultPassword(b)]);
    expect(defaultPassword(new SeededRandom(43))).not.toBe(defaultPassword(new SeededRandom(42)));
  });
});
