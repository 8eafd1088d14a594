// sanitizePolicies returns an already-sanitized list (or an empty one) without redoing the work; the shortcuts
// must give exactly what the full path gives. An empty item (dropped by the full path) forces that path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizePolicies } from '../../../src/core/token/policies.js';

const policyName = fc.oneof(fc.constantFrom('default', 'root', 'db-consumer', 'Admin', ' app ', 'app', 'b', 'a'), fc.string({ maxLength: 6 }));

describe('sanitizePolicies', () => {
  it('gives the same list with or without the already-sanitized shortcut', () => {
    fc.assert(
      fc.property(fc.array(policyName, { maxLength: 6 }), fc.boolean(), (policies, addDefault) => {
        const once = sanitizePolicies(policies, addDefault);
        expect(once).toEqual(sanitizePolicies([...policies, ''], addDefault));
        // Sanitizing the result again (the shortcut's case) changes nothing, and hands back a copy.
        const again = sanitizePolicies(once, addDefault);
        expect(again).toEqual(once);
        expect(again).not.toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('collapses root, adds default, sorts and de-duplicates', () => {
    expect(sanitizePolicies(['b', 'A', 'a '], true)).toEqual(['a', 'b', 'default']);
    expect(sanitizePolicies(['default', 'zeta'], false)).toEqual(['default', 'zeta']);
    expect(sanitizePolicies(['app', 'root'], true)).toEqual(['root']);
    expect(sanitizePolicies([], false)).toEqual([]);
    expect(sanitizePolicies([], true)).toEqual(['default']);
  });
});
