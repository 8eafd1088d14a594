// The children of listed folders, so that LIST costs what the folder holds rather than what the whole
// storage holds (Vault's inmem backend walks a radix tree; a flat scan of every key made LIST
// auth/approle/role take 18 ms after 100k logins instead of 0.06 ms).
// A folder is indexed the first time it is listed and kept up to date lazily: storage logs each key
// that appeared or disappeared (two array pushes at most, nothing on the write path of a key that
// merely changed), and the next list() applies the log to every indexed folder. Appearances and
// disappearances only add to or take from counts, so their order within the log does not matter.

/** How many folders stay indexed; the one listed least recently goes first. */
const MAX_FOLDERS = 64;
/** Past this many logged keys beyond the storage's size, indexing again is cheaper than replaying the log
 * (and a storage never listed again keeps no log growing without end). */
const LOG_SLACK = 10_000;

export class FolderIndex {
  /** Indexed folders ('' or ending in '/'), least recently listed first: child name -> keys below it. */
  private readonly folders = new Map<string, Map<string, number>>();
  private appeared: string[] = [];
  private disappeared: string[] = [];

  /** True when some folder is indexed, i.e. when storage must log its key changes. */
  get watching(): boolean {
    return this.folders.size > 0;
  }

  /** `size`: how many keys the storage holds now; a log grown past it (plus slack) is dropped. */
  keyAppeared(key: string, size: number): void {
    if (this.appeared.push(key) + this.disappeared.length > size + LOG_SLACK) this.clear();
  }

  keyDisappeared(key: string, size: number): void {
    if (this.disappeared.push(key) + this.appeared.length > size + LOG_SLACK) this.clear();
  }

  /** Forgets every folder (after a restore, or when the log outgrows the storage). */
  clear(): void {
    this.folders.clear();
    this.appeared = [];
    this.disappeared = [];
  }

  /**
   * The immediate children of `folder` ('' or ending in '/'), sorted: leaf names and sub-folders with
   * a trailing '/'. `keys` walks every stored key; it is called only to index a folder not yet indexed.
   */
  children(folder: string, keys: () => Iterable<string>): string[] {
    this.applyLog();
    let children = this.folders.get(folder);
    if (children) {
      // Listed again: now the most recently listed.
      this.folders.delete(folder);
    } else {
      children = new Map();
      for (const key of keys()) if (key.startsWith(folder)) count(children, key, folder.length, 1);
      if (this.folders.size >= MAX_FOLDERS) this.folders.delete(this.folders.keys().next().value!);
    }
    this.folders.set(folder, children);
    const names: string[] = [];
    // A key equal to the folder itself (a key ending in '/') is no child of it.
    for (const name of children.keys()) if (name !== '') names.push(name);
    return names.sort();
  }

  private applyLog(): void {
    if (this.appeared.length === 0 && this.disappeared.length === 0) return;
    for (const [folder, children] of this.folders) {
      for (const key of this.appeared) if (key.startsWith(folder)) count(children, key, folder.length, 1);
      for (const key of this.disappeared) if (key.startsWith(folder)) count(children, key, folder.length, -1);
    }
    this.appeared = [];
    this.disappeared = [];
  }
}

/** Adds `delta` to the child of the folder (the key's first `at` characters) that holds `key`. */
function count(children: Map<string, number>, key: string, at: number, delta: number): void {
  const slash = key.indexOf('/', at);
  const name = slash === -1 ? key.slice(at) : key.slice(at, slash + 1);
  const n = (children.get(name) ?? 0) + delta;
  if (n > 0) children.set(name, n);
  else children.delete(name);
}
