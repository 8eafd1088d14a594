// list() answers from a folder tree kept up to date from a log of appeared and disappeared keys; these
// tests hold it to the plain scan of every key it replaced, over random histories of writes, deletes,
// prefix deletes, restores and lists, and check when the keys are scanned.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InMemoryStorage } from '../../src/core/storage.js';
import { FolderIndex, rootOf, scanChildren as scanList } from '../../src/core/storage-folders.js';

// Few short keys, so that histories overwrite, delete and re-create the same keys and folders; some under
// `sys/`, where roots are a segment deeper.
const shortKeyArb = fc.array(fc.constantFrom('a', '/'), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
const keyArb = fc.oneof(shortKeyArb, shortKeyArb.map((k) => `sys/${k}`));
const folderArb = fc.oneof(fc.constant(''), keyArb.map((k) => (k.endsWith('/') ? k : `${k}/`)));
const opArb = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('put' as const), key: keyArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('putUndefined' as const), key: keyArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), key: keyArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deletePrefix' as const), key: folderArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('list' as const), key: fc.oneof(folderArb, keyArb) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('snapshot' as const), key: fc.constant('') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('restore' as const), key: fc.constant('') }) },
);

describe('InMemoryStorage.list from the folder tree', () => {
  it('lists exactly what a scan of every key lists, after any history of changes', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), fc.array(folderArb, { minLength: 1, maxLength: 6 }), (ops, finalFolders) => {
        const storage = new InMemoryStorage();
        const model = new Set<string>();
        let saved: { storage: ReturnType<InMemoryStorage['snapshot']>; model: Set<string> } | undefined;
        for (const { op, key } of ops) {
          if (op === 'put') {
            storage.put(key, 1);
            model.add(key);
          } else if (op === 'putUndefined') {
            storage.put(key, undefined);
            model.delete(key);
          } else if (op === 'delete') {
            storage.delete(key);
            model.delete(key);
          } else if (op === 'deletePrefix') {
            storage.deletePrefix(key);
            for (const k of [...model]) if (k.startsWith(key)) model.delete(k);
          } else if (op === 'snapshot') {
            saved = { storage: storage.snapshot(), model: new Set(model) };
          } else if (op === 'restore' && saved) {
            storage.restore(saved.storage);
            model.clear();
            for (const k of saved.model) model.add(k);
          } else if (op === 'list') {
            expect(storage.list(key)).toEqual(scanList(model, key));
          }
          // The final folders are listed after every step too: indexed from the first step on.
          if (op !== 'list') {
            for (const f of finalFolders) expect(storage.list(f)).toEqual(scanList(model, f));
          }
        }
        for (const f of finalFolders) expect(storage.list(f)).toEqual(scanList(model, f));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps folders apart from leaves of the same name, and forgets a folder when its last key goes', () => {
    const s = new InMemoryStorage();
    s.put('role/web', {});
    s.put('role/web/x', {});
    expect(s.list('role/')).toEqual(['web', 'web/']);
    s.put('role/db', {});
    // Overwrites are no new keys: one delete removes them.
    s.put('role/db', { v: 2 });
    s.put('role/web/x', { v: 2 });
    s.delete('role/web/x');
    expect(s.list('role/')).toEqual(['db', 'web']);
    s.delete('role/web');
    s.delete('role/db');
    expect(s.list('role/')).toEqual([]);
    expect(s.list('')).toEqual([]);
  });

  it('scans for a prefix that is no folder: children are whatever follows the prefix, up to a slash', () => {
    const s = new InMemoryStorage();
    for (const key of ['foo', 'foobar', 'foo/x', 'foo/y/z', 'fo', 'other']) s.put(key, 1);
    expect(s.list('foo')).toEqual(['/', 'bar']);
    expect(scanList(['a/b', 'a/c/d', 'a/', 'b'], 'a/')).toEqual(['b', 'c/']);
  });
});

/** A FolderIndex over a set of keys, as storage drives it: `walk` counts its scans, `change` tells it of a key. */
function indexOver(initial: string[]) {
  const keys = new Set(initial);
  const index = new FolderIndex();
  const counter = { scans: 0 };
  const walk = () => {
    counter.scans += 1;
    return keys;
  };
  const change = (key: string, present: boolean) => {
    if (present) {
      keys.add(key);
      index.keyAppeared(key, keys.size);
    } else {
      keys.delete(key);
      index.keyDisappeared(key, keys.size);
    }
  };
  return { index, walk, change, counter };
}

describe('FolderIndex', () => {
  it('scans the keys once per root (a folder’s first two segments), and replays what changed after that', () => {
    const { index, walk, change, counter } = indexOver(['t/a/1', 't/a/2', 't/b/1', 'u/1', 'u/v/1']);
    expect(index.children('t/a/', walk)).toEqual(['1', '2']);
    change('t/a/3', true);
    change('t/a/1', false);
    // A key under a root nobody listed is not even logged.
    change('t/b/2', true);
    expect(index.children('t/a/', walk)).toEqual(['2', '3']);
    expect(counter.scans).toBe(1);
    expect(index.children('t/b/', walk)).toEqual(['1', '2']);
    expect(counter.scans).toBe(2);
    // The root '' covers everything: one more scan, which adds only what no watched root holds.
    expect(index.children('', walk)).toEqual(['t/', 'u/']);
    expect(index.children('t/', walk)).toEqual(['a/', 'b/']);
    expect(index.children('u/', walk)).toEqual(['1', 'v/']);
    expect(index.children('u/v/', walk)).toEqual(['1']);
    expect(index.children('nothing/here/', walk)).toEqual([]);
    expect(counter.scans).toBe(3);
    // Counted once: with both of its keys gone, t/b/ is gone.
    change('t/b/1', false);
    change('t/b/2', false);
    expect(index.children('t/', walk)).toEqual(['a/']);
  });

  it('indexes a folder under its first two segments, three under sys/', () => {
    expect(rootOf('')).toBe('');
    expect(rootOf('auth/')).toBe('auth/');
    expect(rootOf('auth/u1/')).toBe('auth/u1/');
    expect(rootOf('auth/u1/secret_id/h1/')).toBe('auth/u1/');
    expect(rootOf('logical/u2/h3/a/')).toBe('logical/u2/');
    expect(rootOf('sys/')).toBe('sys/');
    expect(rootOf('sys/token/')).toBe('sys/token/');
    expect(rootOf('sys/token/parent/')).toBe('sys/token/parent/');
    expect(rootOf('sys/token/parent/h1/')).toBe('sys/token/parent/');
    expect(rootOf('sys/expire/id/auth/approle/login/')).toBe('sys/expire/id/');
  });

  it('does not track a token’s id and accessor records because a revocation listed its children', () => {
    const { index, walk, change, counter } = indexOver(['sys/token/parent/p/c', 'sys/token/id/a']);
    expect(index.children('sys/token/parent/p/', walk)).toEqual(['c']);
    // Not under the watched root sys/token/parent/: neither logged nor replayed into the tree.
    change('sys/token/id/b', true);
    change('sys/token/parent/p/d', true);
    expect(index.children('sys/token/parent/p/', walk)).toEqual(['c', 'd']);
    expect(counter.scans).toBe(1);
    // Its first list scans once for its own root, then follows changes.
    expect(index.children('sys/token/id/', walk)).toEqual(['a', 'b']);
    change('sys/token/id/b', false);
    expect(index.children('sys/token/id/', walk)).toEqual(['a']);
    expect(index.children('sys/token/', walk)).toEqual(['id/', 'parent/']);
    expect(counter.scans).toBe(3);
  });

  it('drops a log grown much longer than the storage, and scans again on the next list', () => {
    const index = new FolderIndex();
    let scans = 0;
    const walk = () => {
      scans += 1;
      return ['k/a'];
    };
    index.children('k/', walk);
    for (let i = 0; i < 20_000; i++) {
      index.keyAppeared(`k/${i}`, 2);
      index.keyDisappeared(`k/${i}`, 1);
    }
    expect(index.watching).toBe(false);
    expect(index.children('k/', walk)).toEqual(['a']);
    expect(scans).toBe(2);
  });
});
