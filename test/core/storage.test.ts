// InMemoryStorage keeps values as frozen JSON-equivalent copies instead of JSON text; these tests prove
// a caller can still never change stored state (peek() hands out frozen values, get() fresh copies) and
// that what is kept is exactly what JSON text would have carried.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { folder, frozenJsonCopy, InMemoryStorage, StorageView } from '../../src/core/storage.js';
import { testEmu } from '../helpers/emulator.js';

const record = () => ({ key: 'a', versions: { '1': { created_time: 1.5, deletion_time: null, destroyed: false } }, tags: ['x', 'y'], meta: { n: 1 } });

describe('InMemoryStorage', () => {
  it('peek() returns the stored value frozen all the way down: changing it throws and changes nothing', () => {
    const s = new InMemoryStorage();
    s.put('k', record());
    const v = s.peek<ReturnType<typeof record>>('k')!;
    expect(Object.isFrozen(v) && Object.isFrozen(v.versions) && Object.isFrozen(v.versions['1']) && Object.isFrozen(v.tags)).toBe(true);
    expect(() => {
      (v as { key: string }).key = 'b';
    }).toThrow(TypeError);
    expect(() => (v.tags as string[]).push('z')).toThrow(TypeError);
    expect(() => {
      (v.meta as { n: number }).n = 2;
    }).toThrow(TypeError);
    expect(s.get('k')).toEqual(record());
    // The same frozen object comes back until the key is written again.
    expect(s.peek('k')).toBe(v);
  });

  it('get() returns a fresh copy on every read, however often the key is read, and however it was read before', () => {
    const s = new InMemoryStorage();
    s.put('k', record());
    s.peek('k');
    for (let i = 0; i < 4; i++) {
      const copy = s.get<ReturnType<typeof record>>('k')!;
      expect(Object.isFrozen(copy) || Object.isFrozen(copy.versions) || Object.isFrozen(copy.tags)).toBe(false);
      copy.key = `changed-${i}`;
      copy.tags.push('z');
      copy.versions['1']!.destroyed = true;
      expect(s.get('k')).toEqual(record());
      expect(s.peek('k')).toEqual(record());
    }
    const other = new InMemoryStorage();
    other.put('k', record());
    // Read twice without a write in between: from then on copies come from a kept parse.
    for (let i = 0; i < 4; i++) {
      const copy = other.get<ReturnType<typeof record>>('k')!;
      copy.meta.n = 99;
      expect(other.get('k')).toEqual(record());
    }
  });

  it('a write, delete, deletePrefix or restore is seen at once by peek() and get(), through views too', () => {
    const s = new InMemoryStorage();
    const view = new StorageView(s, 'logical/m/');
    const sub = folder(view, 'v2/metadata/');
    s.put('logical/m/v2/metadata/a', { n: 1 });
    const before = sub.peek<{ n: number }>('a')!;
    expect([before.n, view.peek<{ n: number }>('v2/metadata/a')!.n, s.get<{ n: number }>('logical/m/v2/metadata/a')!.n]).toEqual([1, 1, 1]);
    const snapshot = s.snapshot();
    view.put('v2/metadata/a', { n: 2 });
    expect([before.n, sub.peek<{ n: number }>('a')!.n, s.peek<{ n: number }>('logical/m/v2/metadata/a')!.n]).toEqual([1, 2, 2]);
    sub.put('a', { n: 3 });
    expect([view.peek<{ n: number }>('v2/metadata/a')!.n, s.get<{ n: number }>('logical/m/v2/metadata/a')!.n]).toEqual([3, 3]);
    s.restore(snapshot);
    expect([sub.peek<{ n: number }>('a')!.n, view.get<{ n: number }>('v2/metadata/a')!.n]).toEqual([1, 1]);
    s.delete('logical/m/v2/metadata/a');
    expect([sub.peek('a'), view.peek('v2/metadata/a'), s.get('logical/m/v2/metadata/a')]).toEqual([undefined, undefined, undefined]);
    sub.put('b', { n: 4 });
    expect(sub.peek<{ n: number }>('b')!.n).toBe(4);
    s.deletePrefix('logical/m/');
    expect([sub.peek('b'), view.get('v2/metadata/b')]).toEqual([undefined, undefined]);
  });

  it('copies equal what JSON.parse gives for the stored text, key order and "__proto__" keys included', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const s = new InMemoryStorage();
        s.put('k', value);
        const text = JSON.stringify(value);
        const expected = text === undefined ? undefined : JSON.parse(text);
        s.peek('k');
        const copy = s.get('k');
        expect(copy).toStrictEqual(expected);
        expect(JSON.stringify(copy)).toBe(text);
      }),
    );
    const s = new InMemoryStorage();
    s.put('p', JSON.parse('{"__proto__":{"a":1},"b":2}'));
    s.peek('p');
    const copy = s.get<Record<string, unknown>>('p')!;
    expect(Object.keys(copy)).toEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  });

  it('what is kept is what JSON text carries: toJSON, boxed values, undefined, functions, NaN, -0, holes, key order', () => {
    const viaText = (v: unknown) => {
      const text = JSON.stringify(v);
      return text === undefined ? undefined : JSON.parse(text);
    };
    fc.assert(
      fc.property(fc.anything({ withBoxedValues: true, withDate: true, withNullPrototype: true, withSparseArray: true, withTypedArray: true, withMap: true, withSet: true, withObjectString: true }), (value) => {
        const copy = frozenJsonCopy(value);
        expect(copy).toStrictEqual(viaText(value));
        expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
      }),
      { numRuns: 500 },
    );
    const odd = { d: new Date(0), n: Number.NaN, z: -0, u: undefined, f: () => 1, a: [undefined, () => 1, Symbol('s'), , 1], b: Object(false), 2: 'two', 1: 'one' };
    expect(frozenJsonCopy(odd)).toStrictEqual(viaText(odd));
    expect(Object.keys(frozenJsonCopy(odd) as object)).toEqual(['1', '2', 'd', 'n', 'z', 'a', 'b']);
    expect(Object.is((frozenJsonCopy({ z: -0 }) as { z: number }).z, 0)).toBe(true);
    expect(() => frozenJsonCopy({ big: 1n })).toThrow(TypeError);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => frozenJsonCopy(cycle)).toThrow(TypeError);
    // The same object twice (not a cycle) is fine, as in JSON.
    const shared = { x: 1 };
    expect(frozenJsonCopy({ a: shared, b: shared })).toEqual({ a: { x: 1 }, b: { x: 1 } });
    // Symbol keys, toJSON answering undefined, boxed values, null prototypes, hidden, computed and inherited fields.
    const tricky = [
      { s: 1, [Symbol('k')]: 2 },
      { a: 1, nested: { toJSON: () => undefined }, b: 2 },
      { a: 1, nested: Object(7), t: new Date(5) },
      Object.assign(Object.create(null), { z: 1, y: { x: [1, -0] } }),
      Object.defineProperty({ a: 1 }, 'hidden', { value: 2, enumerable: false }),
      Object.defineProperty({ a: 1 }, 'got', { get: () => 3, enumerable: true }),
      Object.assign(Object.create({ inherited: 1 }), { own: 2 }),
    ];
    for (const value of tricky) {
      const copy = frozenJsonCopy(value);
      expect(copy).toStrictEqual(viaText(value));
      expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
      expect(Object.isFrozen(copy)).toBe(true);
    }
  });

  it('a stored value is a copy: changing the object after put() changes nothing stored', () => {
    const s = new InMemoryStorage();
    const value = record();
    s.put('k', value);
    value.tags.push('z');
    value.meta.n = 5;
    expect(s.get('k')).toEqual(record());
  });

  it('core.authenticate hands out the stored token entry frozen: changing it throws and the token stays as stored', async () => {
    const emu = await testEmu();
    const entry = emu.core.authenticate('root');
    expect(() => {
      entry.policies.push('default');
    }).toThrow(TypeError);
    expect(() => {
      entry.num_uses = 3;
    }).toThrow(TypeError);
    expect(emu.core.tokens.lookup('root', emu.core.clock.now())).toMatchObject({ policies: ['root'], num_uses: 0 });
  });
});
