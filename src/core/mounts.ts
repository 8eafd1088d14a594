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
  token_type?: string;
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
}
