// Vault's physical storage in four verbs (sdk/logical/storage.go), in memory.
// A value is stored as a deeply frozen copy of what JSON text would carry of it (what Vault's storage
// would give back), so a caller can never mutate stored state by reference, and a snapshot is a copy of
// one Map. peek() hands the stored value out as it is (no copy, and any attempt to change it throws),
// get() a copy of it. (Values were JSON text before: writing and keeping that text was the largest single
// cost of an AppRole login in the core; see bench/README.md.)
import { FolderIndex, scanChildren } from './storage-folders.js';

/** A value as peek() returns it: frozen all the way down. */
export type Frozen<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer E)[]
    ? readonly Frozen<E>[]
    : T extends object
      ? { readonly [K in keyof T]: Frozen<T[K]> }
      : T;

export interface Storage {
  /** The stored value as a fresh copy the caller may change. */
  get<T = unknown>(key: string): T | undefined;
  /** The stored value itself, deeply frozen (cheaper than get(): no copy); for reading only. */
  peek<T = unknown>(key: string): Frozen<T> | undefined;
  put(key: string, value: unknown): void;
  /**
   * put() for a value that already is what put() would keep (deeply frozen and equal to what JSON text
   * carries, as frozenJsonCopy makes it): kept as it is, without the copy.
   */
  putFrozen(key: string, value: unknown): void;
  delete(key: string): void;
  /** Immediate children of `prefix`: leaf names, and sub-folders with a trailing '/', sorted. */
  list(prefix: string): string[];
}

export type StorageSnapshot = ReadonlyMap<string, unknown>;

export class InMemoryStorage implements Storage {
  /** Deeply frozen values, JSON-equivalent (see frozenJsonCopy). */
  private entries = new Map<string, unknown>();
  /** Keys handed out to a view's cache (peekForCache) since their last write: only those can be in one. */
  private frozen = new Set<string>();
  /** The frozen parses again, by view prefix and key within it (see frozenCacheFor). */
  private readonly frozenUnder = new Map<string, Map<string, unknown>>();
  /** The folder tree of the roots listed so far, for list() (see storage-folders.ts). */
  private readonly folders = new FolderIndex();
  /** Number of put() calls so far; sys/key-status reports the writes (barrier encryptions) per key term. */
  writes = 0;

  get<T = unknown>(key: string): T | undefined {
    const value = this.entries.get(key);
    return value === undefined ? undefined : (thawedCopy(value) as T);
  }
  peek<T = unknown>(key: string): Frozen<T> | undefined {
    return this.entries.get(key) as Frozen<T> | undefined;
  }
  /** peek() for a view that keeps the value in its cache: the key is remembered, so a write drops it there. */
  peekForCache<T = unknown>(key: string): Frozen<T> | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) this.frozen.add(key);
    return value as Frozen<T> | undefined;
  }
  /**
   * The cache a StorageView keeps its peeked values in, by key within its prefix: a view then looks up
   * only its own (usually short) key, never a fresh concatenation of prefix and key. Kept up to date here.
   */
  frozenCacheFor(prefix: string): Map<string, unknown> {
    let byKey = this.frozenUnder.get(prefix);
    if (!byKey) {
      byKey = new Map();
      this.frozenUnder.set(prefix, byKey);
    }
    return byKey;
  }
  put(key: string, value: unknown): void {
    this.keep(key, frozenJsonCopy(value));
  }
  putFrozen(key: string, value: unknown): void {
    // A value that can still grow was not frozen by its maker: keeping it would let a caller change stored state.
    if (typeof value === 'object' && value !== null && Object.isExtensible(value)) throw new TypeError(`putFrozen: the value for ${key} is not frozen`);
    this.keep(key, value);
  }
  private keep(key: string, stored: unknown): void {
    // JSON.stringify(undefined) stores nothing readable either.
    if (stored === undefined) {
      this.delete(key);
    } else {
      const size = this.entries.size;
      this.entries.set(key, stored);
      if (this.entries.size !== size && this.folders.watching) this.folders.keyAppeared(key, this.entries.size);
      this.forget(key);
    }
    this.writes += 1;
  }
  delete(key: string): void {
    if (this.entries.delete(key) && this.folders.watching) this.folders.keyDisappeared(key, this.entries.size);
    this.forget(key);
  }
  /** Drops every cached parse of a key that changed. */
  private forget(key: string): void {
    // A view caches only what peekForCache() handed out here, so a key it never handed out (a new token's
    // entries, say) is in no view's cache either.
    if (!this.frozen.delete(key)) return;
    for (const [prefix, byKey] of this.frozenUnder) if (key.startsWith(prefix)) byKey.delete(key.slice(prefix.length));
  }
  list(prefix: string): string[] {
    if (prefix === '' || prefix.endsWith('/')) return this.folders.children(prefix, () => this.entries.keys());
    // A prefix that is no folder: rare enough to scan for.
    return scanChildren(this.entries.keys(), prefix);
  }
  /** Removes every key under `prefix` (a whole mount's data on unmount). */
  deletePrefix(prefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.delete(key);
  }
  snapshot(): StorageSnapshot {
    return new Map(this.entries);
  }
  restore(snapshot: StorageSnapshot): void {
    this.entries = new Map(snapshot);
    this.folders.clear();
    this.frozen = new Set();
    // Emptied in place: views hold on to their caches.
    for (const byKey of this.frozenUnder.values()) byKey.clear();
  }
}

/**
 * What JSON.parse(JSON.stringify(value)) gives, deeply frozen, without the text: toJSON is called,
 * boxed primitives are unwrapped, undefined, functions and symbols are left out of objects and become
 * null in arrays, non-finite numbers become null and -0 becomes 0, keys keep JSON's order, a BigInt or
 * a cycle throws. Undefined where JSON.stringify gives undefined.
 */
export function frozenJsonCopy(value: unknown): unknown {
  return copyJson(value, '', []);
}

/**
 * `key` is what toJSON is called with (an array index is turned into text only then); `ancestors` are
 * the objects being copied around this one, for JSON's cycle error (a short array: records are shallow).
 */
function copyJson(input: unknown, key: string | number, ancestors: object[]): unknown {
  let value = input;
  if (typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(key: string): unknown }).toJSON(String(key));
  }
  if (typeof value !== 'object' || value === null) return jsonPrimitive(value);
  if (value instanceof Number) return jsonPrimitive(Number(value));
  if (value instanceof String) return String(value);
  if (value instanceof Boolean) return value.valueOf();
  const object = value as object;
  if (ancestors.includes(object)) throw new TypeError('Converting circular structure to JSON');
  ancestors.push(object);
  let out: unknown;
  if (Array.isArray(object)) {
    const items = new Array<unknown>(object.length);
    for (let i = 0; i < object.length; i++) {
      const item = object[i];
      const copy = typeof item === 'string' ? item : copyJson(item, i, ancestors);
      items[i] = copy === undefined ? null : copy;
    }
    out = Object.freeze(items);
  } else {
    const fields: Record<string, unknown> = {};
    for (const name of Object.keys(object)) {
      const field = (object as Record<string, unknown>)[name];
      const copy = typeof field === 'string' ? field : copyJson(field, name, ancestors);
      if (copy === undefined) continue;
      // JSON.parse makes "__proto__" an own property; an assignment would set the prototype instead.
      if (name === '__proto__') Object.defineProperty(fields, name, { value: copy, writable: true, enumerable: true, configurable: true });
      else fields[name] = copy;
    }
    out = Object.freeze(fields);
  }
  ancestors.pop();
  return out;
}

/** What JSON text carries of a value that is not an object: undefined for what it leaves out. */
function jsonPrimitive(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value + 0 : null;
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object':
      return null;
    default:
      return undefined;
  }
}

/** A mutable copy of a parsed JSON value, equal to what JSON.parse gives for its text. */
function thawedCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = thawedCopy(value[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const inner = thawedCopy((value as Record<string, unknown>)[key]);
    // JSON.parse makes "__proto__" an own property; an assignment would set the prototype instead.
    if (key === '__proto__') Object.defineProperty(out, key, { value: inner, writable: true, enumerable: true, configurable: true });
    else out[key] = inner;
  }
  return out;
}

/** A prefixed window onto another Storage: what one mount sees. */
export class StorageView implements Storage {
  private frozenHere: Map<string, unknown> | undefined;
  private subViews: Map<string, StorageView> | undefined;
  constructor(
    private readonly parent: Storage,
    readonly prefix: string,
  ) {}
  get<T = unknown>(key: string): T | undefined {
    return this.parent.get<T>(this.prefix + key);
  }
  peek<T = unknown>(key: string): Frozen<T> | undefined {
    const root = this.parent;
    if (!(root instanceof InMemoryStorage)) return root.peek<T>(this.prefix + key);
    const cache = (this.frozenHere ??= root.frozenCacheFor(this.prefix));
    const cached = cache.get(key);
    if (cached !== undefined) return cached as Frozen<T>;
    const value = root.peekForCache<T>(this.prefix + key);
    if (value !== undefined) cache.set(key, value);
    return value;
  }
  /** The view of a folder inside this one (made once), on the same root storage so its keys stay short. */
  sub(prefix: string): StorageView {
    const views = (this.subViews ??= new Map());
    let view = views.get(prefix);
    if (!view) {
      view = this.parent instanceof InMemoryStorage ? new StorageView(this.parent, this.prefix + prefix) : new StorageView(this, prefix);
      views.set(prefix, view);
    }
    return view;
  }
  put(key: string, value: unknown): void {
    this.parent.put(this.prefix + key, value);
  }
  putFrozen(key: string, value: unknown): void {
    this.parent.putFrozen(this.prefix + key, value);
  }
  delete(key: string): void {
    this.parent.delete(this.prefix + key);
  }
  list(prefix: string): string[] {
    return this.parent.list(this.prefix + prefix);
  }
}

/** A view of `prefix` inside `storage`; for a StorageView, the one it keeps (see StorageView.sub). */
export function folder(storage: Storage, prefix: string): Storage {
  return storage instanceof StorageView ? storage.sub(prefix) : new StorageView(storage, prefix);
}
