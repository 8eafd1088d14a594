// The secrets and auth mount tables (Vault's vault/mount.go, vault/auth.go), kept in storage
// so a snapshot of storage is a snapshot of the tables.
import type { Storage } from './storage.js';

export type MountTable = 'mounts' | 'auth';

export interface MountConfig {
  /** Seconds; 0 means "use the system default". */
  default_lease_ttl: number;
  max_lease_ttl: number;
  force_no_cache: boolean;
  audit_non_hmac_request_keys?: string[];
  audit_non_hmac_response_keys?: string[];
  listing_visibility?: string;
  passthrough_request_headers?: string[];
  allowed_response_headers?: string[];
  allowed_managed_keys?: string[];
  delegated_auth_accessors?: string[];
  /** Auth mounts only: default-service, default-batch, service or batch. */
  token_type?: string;
  identity_token_key?: string;
  /** Set through tune on ldap/approle/userpass mounts (vault/mount.go UserLockoutConfig). */
  user_lockout_config?: UserLockoutConfig;
}

export interface UserLockoutConfig {
  lockout_threshold: number;
  /** Seconds. */
  lockout_duration: number;
  lockout_counter_reset: number;
  disable_lockout: boolean;
}

export interface MountEntry {
  table: MountTable;
  /** With trailing slash; auth entries are stored without the `auth/` prefix, as Vault does. */
  path: string;
  type: string;
  description: string;
  accessor: string;
  uuid: string;
  config: MountConfig;
  options: Record<string, string> | null;
  local: boolean;
  seal_wrap: boolean;
  external_entropy_access: boolean;
  plugin_version: string;
}

const TABLE_KEY: Record<MountTable, string> = { mounts: 'core/mounts', auth: 'core/auth' };

/** Where a mount is reached in the logical path space. */
export function routePath(entry: MountEntry): string {
  return entry.table === 'auth' ? `auth/${entry.path}` : entry.path;
}

/** Where a mount's own data lives in storage (Vault: logical/<uuid>/ and auth/<uuid>/). */
export function storagePrefix(entry: MountEntry): string {
  return entry.table === 'auth' ? `auth/${entry.uuid}/` : `logical/${entry.uuid}/`;
}

export class MountTables {
  constructor(private readonly storage: Storage) {}

  list(table: MountTable): MountEntry[] {
    return this.storage.get<MountEntry[]>(TABLE_KEY[table]) ?? [];
  }

  all(): MountEntry[] {
    return [...this.list('mounts'), ...this.list('auth')];
  }

  save(table: MountTable, entries: MountEntry[]): void {
    this.storage.put(TABLE_KEY[table], entries);
  }

  find(table: MountTable, path: string): MountEntry | undefined {
    return this.list(table).find((e) => e.path === path);
  }

  add(entry: MountEntry): void {
    this.save(entry.table, [...this.list(entry.table), entry]);
  }

  remove(table: MountTable, path: string): MountEntry | undefined {
    const entries = this.list(table);
    const found = entries.find((e) => e.path === path);
    if (found) this.save(table, entries.filter((e) => e !== found));
    return found;
  }

  replace(entry: MountEntry): void {
    this.save(
      entry.table,
      this.list(entry.table).map((e) => (e.uuid === entry.uuid ? entry : e)),
    );
  }

  /** The entry whose route is the longest prefix of `path` in either table (vault/router.go MatchingMountEntry). */
  matching(path: string): MountEntry | undefined {
    let best: MountEntry | undefined;
    let bestLength = -1;
    for (const entry of this.all()) {
      const route = routePath(entry);
      if (path.startsWith(route) && route.length > bestLength) {
        best = entry;
        bestLength = route.length;
      }
    }
    return best;
  }

  /**
   * The route that conflicts with mounting at `path`: the mount containing it, else one below it
   * ('' when none; vault/router.go MountConflict).
   */
  conflict(path: string): string {
    const containing = this.matching(path);
    if (containing) return routePath(containing);
    const below = this.all()
      .map(routePath)
      .filter((route) => route.startsWith(path))
      .sort();
    return below[0] ?? '';
  }
}
