import { describe, expect, it } from 'vitest';
import { mergeObjects } from '../../../src/engines/kv/merge-patch.js';
import { goQuote } from '../../../src/engines/kv/v2-custom-metadata.js';
import { subkeysOf } from '../../../src/engines/kv/v2-path-subkeys.js';
import { addVersion, automaticDeletionTime, emptyMetadata } from '../../../src/engines/kv/v2-records.js';

describe('mergeObjects (json-patch v5 MergePatch)', () => {
  it('removes members patched with null and merges objects recursively', () => {
    expect(mergeObjects({ a: 1, b: { c: 1, d: 2 } }, { a: null, b: { d: null, e: 3 } })).toEqual({ b: { c: 1, e: 3 } });
  });

  it('prunes nulls inside newly added objects but keeps null array elements', () => {
    expect(mergeObjects({ s: 'x' }, { n: { a: null, b: 1 }, s: { k: null }, arr: [null, { z: null }] })).toEqual({
      n: { b: 1 },
      s: {},
      arr: [null, {}],
    });
  });

  it('leaves its inputs untouched and keeps a __proto__ member as data', () => {
    const target = { a: { b: 1 } };
    const patchDoc = JSON.parse('{"a":{"c":2},"__proto__":{"polluted":true}}');
    const out = mergeObjects(target, patchDoc);
    expect(target).toEqual({ a: { b: 1 } });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['a', '__proto__']);
  });
});

describe('goQuote (strconv.Quote)', () => {
  it.each([
    ['plain', '"plain"'],
    ['tab\there', '"tab\\there"'],
    ['quote"back\\', '"quote\\"back\\\\"'],
    ['\x00\x7f', '"\\x00\\x7f"'],
    ['\u00a0é', '"\\u00a0é"'],
  ])('%j', (input, expected) => {
    expect(goQuote(input)).toBe(expected);
  });
});

describe('subkeysOf (path_subkeys.go removeValues)', () => {
  it('turns negative depths into all-null top-level keys', () => {
    expect(subkeysOf({ a: { b: 1 } }, -1)).toEqual({ a: null });
  });
});

describe('version bookkeeping', () => {
  it('prunes metadata once current minus oldest reaches the limit', () => {
    const meta = emptyMetadata('k');
    const pruned = [1, 2, 3].map((t) => addVersion(meta, t, null, 2).versionToDelete);
    expect(pruned).toEqual([0, 0, 1]);
    expect(meta.oldest_version).toBe(2);
    expect(Object.keys(meta.versions)).toEqual(['2', '3']);
  });

  it('uses the smaller non-zero delete_version_after and honours the mount’s off switch', () => {
    const meta = { ...emptyMetadata('k'), delete_version_after: 60 };
    expect(automaticDeletionTime(1000, { max_versions: 0, cas_required: false, delete_version_after: 30 }, meta)).toBe(31_000);
    expect(automaticDeletionTime(1000, { max_versions: 0, cas_required: false, delete_version_after: null }, meta)).toBe(61_000);
    expect(automaticDeletionTime(1000, { max_versions: 0, cas_required: false, delete_version_after: -1 }, meta)).toBeNull();
    expect(automaticDeletionTime(1000, { max_versions: 0, cas_required: false, delete_version_after: null }, emptyMetadata('k'))).toBeNull();
  });
});
