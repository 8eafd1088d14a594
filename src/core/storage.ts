// Vault's physical storage in four verbs (sdk/logical/storage.go), in memory.
// Values are kept as JSON text so a caller can never mutate stored state by reference,
// and a snapshot is a copy of one Map.

export interface Storage {
  get<T = unknown>(key: string): T | undefined;
  put(key: string, value: unknown): void;
  delete(key: string): void;
  /** Immediate children of `prefix`: leaf names, and sub-folders with a trailing '/', sorted. */
  list(prefix: string): string[];
}

export type StorageSnapshot = ReadonlyMap<string, string>;

export class InMemoryStorage implements Storage {
  private entries = new Map<string, string>();
  /** Number of put() calls so far; sys/key-status reports the writes (barrier encryptions) per key term. */
  writes = 0;

  get<T = unknown>(key: string): T | undefined {
    const raw = this.entries.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }
  put(key: string, value: unknown): void {
    this.entries.set(key, JSON.stringify(value));
    this.writes += 1;
  }
  delete(key: string): void {
    this.entries.delete(key);
  }
  list(prefix: string): string[] {
    const children = new Set<string>();
    for (const key of this.entries.keys()) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      const slash = rest.indexOf('/');
      children.add(slash === -1 ? rest : rest.slice(0, slash + 1));
    }
    children.delete('');
    return [...children].sort();
  }
  /** Removes every key under `prefix` (a whole mount's data on unmount). */
  deletePrefix(prefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }
  snapshot(): StorageSnapshot {
    return new Map(this.entries);
  }
  restore(snapshot: StorageSnapshot): void {
    this.entries = new Map(snapshot);
  }
}

/** A prefixed window onto another Storage: what one mount sees. */
export class StorageView implements Storage {
  constructor(
    private readonly parent: Storage,
    readonly prefix: string,
  ) {}
  get<T = unknown>(key: string): T | undefined {
    return this.parent.get<T>(this.prefix + key);
  }
  put(key: string, value: unknown): void {
    this.parent.put(this.prefix + key, value);
  }
  delete(key: string): void {
    this.parent.delete(this.prefix + key);
  }
  list(prefix: string): string[] {
    return this.parent.list(this.prefix + prefix);
  }
}
