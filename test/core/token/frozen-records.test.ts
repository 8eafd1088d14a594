// The token store's record builders must keep exactly what storage's generic copy keeps (frozenJsonCopy):
// same fields, same order, same values, frozen all the way down.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frozenJsonCopy, InMemoryStorage } from '../../../src/core/storage.js';
import { frozenAccessorEntry, frozenTokenEntry, frozenTokenLease, sharedFrozenCopy } from '../../../src/core/token/frozen-records.js';
import type { TokenLease } from '../../../src/core/token/token-lease.js';
import type { TokenEntry } from '../../../src/core/token-store.js';

function deeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(deeplyFrozen);
}

function expectSameAsGenericCopy(built: unknown, source: unknown): void {
  expect(built).toStrictEqual(frozenJsonCopy(source));
  expect(JSON.stringify(built)).toBe(JSON.stringify(source));
  expect(deeplyFrozen(built)).toBe(true);
}

// Numbers JSON changes (-0, NaN, infinities) among ordinary ones.
const number = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY));
const maybeFrozen = <T extends object>(arb: fc.Arbitrary<T>) => fc.tuple(arb, fc.boolean()).map(([v, freeze]) => (freeze ? Object.freeze(v) : v));
const strings = maybeFrozen(fc.array(fc.string(), { maxLength: 4 }));
const stringRecord = maybeFrozen(fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }));
// Free-form data: anything JSON can carry, and things it cannot (undefined, dates, nested objects).
const freeForm = fc.oneof(stringRecord, fc.object({ withDate: true, withBoxedValues: true, maxDepth: 2 }));

const tokenEntry = fc.record(
  {
    parent: fc.string(),
    policies: strings,
    path: fc.string(),
    meta: fc.oneof(fc.constant(null), freeForm),
    display_name: fc.string(),
    num_uses: number,
    creation_time: number,
    ttl: number,
    explicit_max_ttl: number,
    period: number,
    role: fc.string(),
    entity_id: fc.string(),
    type: fc.constantFrom('service', 'batch'),
    id: fc.string(),
    accessor: fc.string(),
    bound_cidrs: strings,
  },
  { requiredKeys: ['parent', 'policies', 'path', 'meta', 'display_name', 'num_uses', 'creation_time', 'ttl', 'explicit_max_ttl', 'period', 'role', 'entity_id', 'type', 'id', 'accessor'] },
) as fc.Arbitrary<TokenEntry>;

const leaseAuth = fc.record(
  {
    ttl: number,
    renewable: fc.boolean(),
    policies: strings,
    metadata: fc.oneof(fc.constant(null), freeForm),
    accessor: fc.string(),
    entity_id: fc.string(),
    orphan: fc.boolean(),
    num_uses: number,
    period: number,
    explicit_max_ttl: number,
    max_ttl: number,
    internal: freeForm,
  },
  { requiredKeys: ['ttl', 'renewable', 'policies', 'metadata', 'accessor', 'entity_id', 'orphan', 'num_uses', 'period', 'explicit_max_ttl'] },
);

const tokenLease = fc.record({
  lease_id: fc.string(),
  client_token: fc.string(),
  path: fc.string(),
  issue_time: number,
  expire_time: number,
  last_renewal_time: number,
  auth: leaseAuth,
}) as fc.Arbitrary<TokenLease>;

describe('token store records', () => {
  it('a token entry is built as the generic copy would keep it', () => {
    fc.assert(fc.property(tokenEntry, (e) => expectSameAsGenericCopy(frozenTokenEntry(e), e)), { numRuns: 300 });
  });

  it('a token lease, with or without a login’s max_ttl and internal data, is built as the generic copy would keep it', () => {
    fc.assert(fc.property(tokenLease, (l) => expectSameAsGenericCopy(frozenTokenLease(l), l)), { numRuns: 300 });
  });

  it('an accessor index entry', () => {
    expectSameAsGenericCopy(frozenAccessorEntry('hvs.abc', 'acc'), { token_id: 'hvs.abc', accessor_id: 'acc', namespace_id: 'root' });
  });
});

describe('sharedFrozenCopy', () => {
  it('is the generic copy, one object for every value with the same JSON text', () => {
    fc.assert(
      fc.property(fc.oneof(strings, freeForm), (value) => {
        const shared = sharedFrozenCopy(value);
        expectSameAsGenericCopy(shared, value);
        // Only short values are shared (a long one is rarely repeated).
        const again = sharedFrozenCopy(JSON.parse(JSON.stringify(value)));
        if (JSON.stringify(value).length <= 256) expect(again).toBe(shared);
        else expect(again).toStrictEqual(shared);
      }),
      { numRuns: 300 },
    );
  });

  it('after any other value, still gives what the generic copy gives', () => {
    const similar = fc.oneof(
      strings,
      stringRecord,
      fc.array(fc.constantFrom('a', 'b'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('1', '0', 'a', 'b'), fc.constantFrom('x', 'y'), { maxKeys: 3 }),
    );
    fc.assert(
      fc.property(similar, similar, (first, second) => {
        sharedFrozenCopy(first);
        expectSameAsGenericCopy(sharedFrozenCopy(second), second);
      }),
      { numRuns: 500 },
    );
  });

  it('is never fooled by a toJSON, a getter or a subclass that looks like the last shared value', () => {
    const last = sharedFrozenCopy({ role_name: 'web' });
    const withToJson = { role_name: 'web' };
    Object.defineProperty(withToJson, 'toJSON', { value: () => ({ other: 1 }), enumerable: false });
    expect(sharedFrozenCopy(withToJson)).toEqual({ other: 1 });
    const inherited = Object.assign(Object.create({ toJSON: () => 'text' }), { role_name: 'web' });
    expect(sharedFrozenCopy(inherited)).toBe('text');
    const getter = Object.defineProperty({}, 'role_name', { get: () => 'web', enumerable: true });
    expect(sharedFrozenCopy(getter)).toBe(last);
    const list = sharedFrozenCopy(['default']);
    class Listing extends Array<string> {
      toJSON() {
        return 'listing';
      }
    }
    expect(sharedFrozenCopy(Listing.from(['default']))).toBe('listing');
    const ownToJson = ['default'];
    Object.defineProperty(ownToJson, 'toJSON', { value: () => ['x'], enumerable: false });
    expect(sharedFrozenCopy(ownToJson)).toEqual(['x']);
    expect(sharedFrozenCopy(['default'])).toBe(list);
    // JSON writes integer-like keys first, whatever order they were added in.
    const numbered = sharedFrozenCopy({ b: 'x', 1: 'y' });
    expect(JSON.stringify(numbered)).toBe('{"1":"y","b":"x"}');
    expect(sharedFrozenCopy({ 1: 'y', b: 'x' })).toBe(numbered);
  });

  it('never shares between values whose JSON differs, and copies long values afresh', () => {
    expect(sharedFrozenCopy(['a', 'b'])).not.toBe(sharedFrozenCopy(['a,b']));
    expect(sharedFrozenCopy({ role_name: 'web' })).not.toBe(sharedFrozenCopy({ role_name: 'db' }));
    expect(sharedFrozenCopy(null)).toBeNull();
    const long = { text: 'x'.repeat(300) };
    expect(sharedFrozenCopy(long)).toEqual(long);
    expect(sharedFrozenCopy(long)).not.toBe(sharedFrozenCopy(long));
  });

  it('lets the records of two tokens with the same policies and metadata share them', () => {
    const entry = (id: string): TokenEntry => ({
      id,
      accessor: `acc-${id}`,
      parent: '',
      policies: ['default', 'web'],
      path: 'auth/approle/login',
      meta: { role_name: 'web' },
      display_name: 'approle',
      num_uses: 0,
      creation_time: 1,
      ttl: 60,
      explicit_max_ttl: 0,
      period: 0,
      role: '',
      entity_id: 'e',
      type: 'service',
    });
    const a = frozenTokenEntry(entry('a'));
    const b = frozenTokenEntry(entry('b'));
    expect(b.policies).toBe(a.policies);
    expect(b.meta).toBe(a.meta);
    expect(Object.isFrozen(a.policies) && Object.isFrozen(a.meta)).toBe(true);
  });
});

describe('InMemoryStorage.putFrozen', () => {
  it('keeps a frozen value as it is, and refuses one that can still change', () => {
    const s = new InMemoryStorage();
    const value = Object.freeze({ a: 1 });
    s.putFrozen('k', value);
    expect(s.peek('k')).toBe(value);
    expect(s.get('k')).toEqual({ a: 1 });
    expect(() => s.putFrozen('m', { a: 1 })).toThrow(TypeError);
    expect(s.peek('m')).toBeUndefined();
    s.putFrozen('p', 'text');
    expect(s.peek('p')).toBe('text');
  });
});
