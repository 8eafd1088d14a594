// The folder tree of stored keys, so that LIST costs what the folder holds rather than what the whole
// storage holds (Vault's inmem backend walks a radix tree; a scan of every key made LIST
// auth/approle/role take 5 ms after 100k logins, and every token revocation, which lists the token's
// children, as long).
// Only the parts of the tree that have been listed are kept: the first list() under a root (a folder's
// first two segments, e.g. `auth/<uuid>/`, three under `sys/`, e.g. `sys/token/parent/`) adds that root's
// keys by one scan, and from
// then on storage logs each key under a watched root that appears or disappears (one array push;
// nothing for a key that merely changed). The next list() applies the log. Appearances and
// disappearances only add to or take from counts, so their order within the log does not matter. Keys
// under roots nobody lists (a login's token records, say, while only AppRole folders are listed) cost
// one prefix check per write.

/** Past this many logged keys beyond the storage's size, a new scan is cheaper than replaying the log
 *  (and a storage that is never listed again keeps no log growing without end). */
const LOG_SLACK = 10_000;

/** One folder: its children (leaf names, and sub-folder names ending in '/') with the number of keys each holds. */
class Folder {
  readonly counts = new Map<string, number>();
  readonly subfolders = new Map<string, Folder>();
}

/**
 * The root a folder ('' or ending in '/') is indexed under: its first two segments (a mount's data,
 * `auth/<uuid>/`), three under `sys/`, or the folder itself when it is shorter. The core's own records
 * sit side by side under `sys/`: with `sys/token/` as the root, the first revocation (which lists the
 * token's children under `sys/token/parent/`) would make storage track every token's id and accessor
 * for good, and replay them into the tree at the next list of anything: after 100,000 AppRole logins the
 * mount's once-a-minute tidy took 260 ms, then 30–70 ms a minute (now 12 ms once, then about 1 ms).
 */
export function rootOf(folder: string): string {
  let end = -1;
  const segments = folder.startsWith('sys/') ? 3 : 2;
  for (let i = 0; i < segments; i++) {
    end = folder.indexOf('/', end + 1);
    if (end < 0) return folder;
  }
  return folder.slice(0, end + 1);
}

export class FolderIndex {
  private tree = new Folder();
  /** Roots whose keys are all in the tree; few (one per listed mount or sys area). */
  private readonly roots: string[] = [];
  private appeared: string[] = [];
  private disappeared: string[] = [];

  /** True when some root is watched, i.e. when storage must tell this index about new and gone keys. */
  get watching(): boolean {
    return this.roots.length > 0;
  }

  /** `size`: how many keys the storage holds now; a log grown past it (plus slack) drops the tree. */
  keyAppeared(key: string, size: number): void {
    if (this.covers(key) && this.appeared.push(key) + this.disappeared.length > size + LOG_SLACK) this.clear();
  }

  keyDisappeared(key: string, size: number): void {
    if (this.covers(key) && this.disappeared.push(key) + this.appeared.length > size + LOG_SLACK) this.clear();
  }

  /** Forgets the tree (after a restore, or when the log outgrows the storage); lists scan again. */
  clear(): void {
    this.tree = new Folder();
    this.roots.length = 0;
    this.appeared = [];
    this.disappeared = [];
  }

  /**
   * The immediate children of `folder` ('' or ending in '/'), sorted: leaf names and sub-folders with
   * a trailing '/'. `keys` walks every stored key; it is called only for a root not yet watched.
   */
  children(folder: string, keys: () => Iterable<string>): string[] {
    for (const key of this.appeared) add(this.tree, key, 1);
    for (const key of this.disappeared) add(this.tree, key, -1);
    this.appeared = [];
    this.disappeared = [];
    const root = rootOf(folder);
    if (!this.covers(root)) {
      // Keys under roots already watched inside this one are in the tree: not added twice.
      const inside = this.roots.filter((r) => r.startsWith(root));
      for (const key of keys()) if (key.startsWith(root) && !inside.some((r) => key.startsWith(r))) add(this.tree, key, 1);
      this.roots.push(root);
    }
    let node: Folder | undefined = this.tree;
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

  /** Whether a watched root holds `key` (or folder). */
  private covers(key: string): boolean {
    for (const root of this.roots) if (key.startsWith(root)) return true;
    return false;
  }
}

/** Adds `delta` to the count of every folder level on the key's path, dropping what falls to zero. */
function add(tree: Folder, key: string, delta: number): void {
  let node = tree;
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

/**
 * The scan the tree replaces: the immediate children of `prefix` among `keys` (leaf names, sub-folders with
 * a trailing '/'), sorted. Still what lists a prefix that is no folder ('foo' lists 'foobar' and 'foo/').
 */
export function scanChildren(keys: Iterable<string>, prefix: string): string[] {
  const children = new Set<string>();
  for (const key of keys) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const slash = rest.indexOf('/');
    children.add(slash === -1 ? rest : rest.slice(0, slash + 1));
  }
  children.delete('');
  return [...children].sort();
}
