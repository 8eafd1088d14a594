// The folder tree of every stored key, so that LIST costs what the folder holds rather than what the
// whole storage holds (Vault's inmem backend walks a radix tree; a scan of every key made LIST
// auth/approle/role take 5 ms after 100k logins, and every token revocation, which lists the token's
// children, as long).
// The tree is built by one scan on the first list() and kept up to date lazily: storage logs each key
// that appeared or disappeared (one array push; nothing for a key that merely changed) and the next
// list() applies the log. Appearances and disappearances only add to or take from counts, so their
// order within the log does not matter. Until something is listed, nothing is logged.

/** Past this many logged keys beyond the storage's size, a new scan is cheaper than replaying the log
 *  (and a storage that is never listed again keeps no log growing without end). */
const LOG_SLACK = 10_000;

/** One folder: its children (leaf names, and sub-folder names ending in '/') with the number of keys each holds. */
class Folder {
  readonly counts = new Map<string, number>();
  readonly subfolders = new Map<string, Folder>();
}

export class FolderIndex {
  private root: Folder | undefined;
  private appeared: string[] = [];
  private disappeared: string[] = [];

  /** True when the tree exists, i.e. when storage must log its key changes. */
  get watching(): boolean {
    return this.root !== undefined;
  }

  /** `size`: how many keys the storage holds now; a log grown past it (plus slack) drops the tree. */
  keyAppeared(key: string, size: number): void {
    if (this.appeared.push(key) + this.disappeared.length > size + LOG_SLACK) this.clear();
  }

  keyDisappeared(key: string, size: number): void {
    if (this.disappeared.push(key) + this.appeared.length > size + LOG_SLACK) this.clear();
  }

  /** Forgets the tree (after a restore, or when the log outgrows the storage); the next list() scans again. */
  clear(): void {
    this.root = undefined;
    this.appeared = [];
    this.disappeared = [];
  }

  /**
   * The immediate children of `folder` ('' or ending in '/'), sorted: leaf names and sub-folders with
   * a trailing '/'. `keys` walks every stored key; it is called only when there is no tree yet.
   */
  children(folder: string, keys: () => Iterable<string>): string[] {
    if (!this.root) {
      this.root = new Folder();
      for (const key of keys()) add(this.root, key, 1);
    } else {
      for (const key of this.appeared) add(this.root, key, 1);
      for (const key of this.disappeared) add(this.root, key, -1);
    }
    this.appeared = [];
    this.disappeared = [];
    let node: Folder | undefined = this.root;
    for (let start = 0; node && start < folder.length; ) {
      const slash = folder.indexOf('/', start);
      node = node.subfolders.get(folder.slice(start, slash + 1));
      start = slash + 1;
    }
    if (!node) return [];
    const names: string[] = [];
    // A key equal to the folder itself (a key ending in '/') is no child of it.
    for (const name of node.counts.keys()) if (name !== '') names.push(name);
    return names.sort();
  }
}

/** Adds `delta` to the count of every folder level on the key's path, dropping what falls to zero. */
function add(root: Folder, key: string, delta: number): void {
  let node = root;
  let start = 0;
  for (;;) {
    const slash = key.indexOf('/', start);
    const name = slash === -1 ? key.slice(start) : key.slice(start, slash + 1);
    const n = (node.counts.get(name) ?? 0) + delta;
    if (n > 0) node.counts.set(name, n);
    else node.counts.delete(name);
    if (slash === -1) return;
    let sub = node.subfolders.get(name);
    if (!sub) {
      sub = new Folder();
      node.subfolders.set(name, sub);
    }
    if (n <= 0) node.subfolders.delete(name);
    node = sub;
    start = slash + 1;
  }
}
