// What the AppRole method keeps in its mount's storage, laid out as Vault lays it out
// (builtin/credential/approle/backend.go prefixes, path_role.go roleStorageEntry, validation.go
// secretIDStorageEntry): secret ids and role names only ever as HMACs under the role's key,
// role ids and accessors salted with the mount's salt.
import { createHmac } from 'node:crypto';
import type { Random } from '../../core/random.js';
import type { Storage } from '../../core/storage.js';

export interface RoleEntry {
  /** Lower-cased role name. */
  name: string;
  role_id: string;
  hmac_key: string;
  bind_secret_id: boolean;
  /** null until set (the read shows it as null). */
  secret_id_bound_cidrs: string[] | null;
  secret_id_num_uses: number;
  /** Seconds; 0 = secret ids never expire. */
  secret_id_ttl: number;
  local_secret_ids: boolean;
  /** The legacy `policies` and `period` values, kept only when they were sent. */
  policies: string[] | null;
  period: number;
  token_policies: string[] | null;
  token_ttl: number;
  token_max_ttl: number;
  token_explicit_max_ttl: number;
  token_period: number;
  token_num_uses: number;
  token_no_default_policy: boolean;
  token_type: 'default' | 'service' | 'batch';
  /** null until set (Go's nil slice: the token-bound-cidrs endpoint reads it as null, the role as []). */
  token_bound_cidrs: string[] | null;
}

export interface SecretIdEntry {
  secret_id_accessor: string;
  /** Uses left (0 = unlimited). */
  secret_id_num_uses: number;
  /** Seconds, as requested (0 = never expires). */
  secret_id_ttl: number;
  /** ms since the epoch; expiration_time 0 = never. */
  creation_time: number;
  expiration_time: number;
  last_updated_time: number;
  metadata: Record<string, string>;
  cidr_list: string[];
  token_bound_cidrs: string[];
}

interface AccessorEntry {
  secret_id_hmac: string;
}

const SALT_KEY = 'salt';

/** The store over the storage of the mount a request reached. */
export type StoreOf = (req: { storage: Storage; now: number }) => AppRoleStore;

/** Bound on the per-mount HMAC memo; logins repeat the same few role ids, names and secret ids. */
const MEMO_LIMIT = 10_000;

/** HMAC-SHA256 in hex, remembered per mount (the memo is cleared when full). */
export class HmacMemo {
  /** By key, then by value: no key+value string is built (and hashed) on every lookup. */
  private readonly known = new Map<string, Map<string, string>>();
  private size = 0;
  of(key: string, value: string): string {
    let byValue = this.known.get(key);
    if (byValue === undefined) {
      byValue = new Map();
      this.known.set(key, byValue);
    }
    let out = byValue.get(value);
    if (out === undefined) {
      if (this.size >= MEMO_LIMIT) {
        this.known.clear();
        this.size = 0;
        byValue = new Map();
        this.known.set(key, byValue);
      }
      out = createHmac('sha256', key).update(value).digest('hex');
      byValue.set(value, out);
      this.size += 1;
    }
    return out;
  }
}

/** One mount's AppRole records; `random` makes role ids, HMAC keys, secret ids and accessors. */
export class AppRoleStore {
  constructor(
    private readonly storage: Storage,
    private readonly random: Random,
    private readonly hmacs: HmacMemo = new HmacMemo(),
  ) {}

  /** salt.SaltID with the mount's salt, made on first use. */
  private salted(id: string): string {
    let salt = this.storage.peek<string>(SALT_KEY) as string | undefined;
    if (!salt) {
      salt = this.random.uuid();
      this.storage.put(SALT_KEY, salt);
    }
    return this.hmacs.of(salt, id);
  }

  newUuid(): string {
    return this.random.uuid();
  }

  roleNames(): string[] {
    return this.storage.list('role/');
  }

  role(name: string): RoleEntry | undefined {
    return this.storage.get<RoleEntry>(`role/${name.toLowerCase()}`);
  }

  /** The role a role_id belongs to, if both still exist: the stored entry itself, frozen (login only reads it). */
  roleByRoleId(roleId: string): Readonly<RoleEntry> | undefined {
    const index = this.storage.peek<{ name: string }>(`role_id/${this.salted(roleId)}`);
    return index ? (this.storage.peek<RoleEntry>(`role/${index.name.toLowerCase()}`) as Readonly<RoleEntry> | undefined) : undefined;
  }

  /** setRoleEntry's index work: the role_id must not belong to another role. Returns false when it does. */
  saveRole(role: RoleEntry, previousRoleId: string): boolean {
    const index = this.storage.get<{ name: string }>(`role_id/${this.salted(role.role_id)}`);
    if (index && index.name !== role.name) return false;
    if (previousRoleId !== '' && previousRoleId !== role.role_id) this.storage.delete(`role_id/${this.salted(previousRoleId)}`);
    this.storage.put(`role/${role.name}`, role);
    this.storage.put(`role_id/${this.salted(role.role_id)}`, { name: role.name });
    return true;
  }

  /** Deletes the role, its role_id index and all its secret ids (flushRoleSecrets keeps the accessors, as Vault does). */
  deleteRole(role: RoleEntry): void {
    for (const key of this.storage.list(this.secretIdDir(role))) this.storage.delete(this.secretIdDir(role) + key);
    this.storage.delete(`role_id/${this.salted(role.role_id)}`);
    this.storage.delete(`role/${role.name}`);
  }

  private prefixes(role: Readonly<RoleEntry>): { secretIds: string; accessors: string } {
    return role.local_secret_ids ? { secretIds: 'secret_id_local/', accessors: 'accessor_local/' } : { secretIds: 'secret_id/', accessors: 'accessor/' };
  }

  private secretIdDir(role: Readonly<RoleEntry>): string {
    return `${this.prefixes(role).secretIds}${this.hmacs.of(role.hmac_key, role.name)}/`;
  }

  secretIdHmac(role: Readonly<RoleEntry>, secretId: string): string {
    return this.hmacs.of(role.hmac_key, secretId);
  }

  secretIdByHmac(role: RoleEntry, secretIdHmac: string): SecretIdEntry | undefined {
    return this.storage.get<SecretIdEntry>(this.secretIdDir(role) + secretIdHmac);
  }

  /** The stored secret id entry itself, frozen: for readers that never change it (login). */
  peekSecretIdByHmac(role: Readonly<RoleEntry>, secretIdHmac: string): Readonly<SecretIdEntry> | undefined {
    return this.storage.peek<SecretIdEntry>(this.secretIdDir(role) + secretIdHmac) as Readonly<SecretIdEntry> | undefined;
  }

  secretId(role: RoleEntry, secretId: string): SecretIdEntry | undefined {
    return this.secretIdByHmac(role, this.secretIdHmac(role, secretId));
  }

  putSecretId(role: Readonly<RoleEntry>, secretIdHmac: string, entry: SecretIdEntry): void {
    this.storage.put(this.secretIdDir(role) + secretIdHmac, entry);
  }

  /** Removes a secret id and its accessor index. */
  destroySecretId(role: Readonly<RoleEntry>, secretIdHmac: string, entry: Readonly<SecretIdEntry>): void {
    this.storage.delete(this.prefixes(role).accessors + this.salted(entry.secret_id_accessor));
    this.storage.delete(this.secretIdDir(role) + secretIdHmac);
  }

  /** Drops a secret id whose accessor index is gone (login and lookup do this on sight). */
  dropSecretId(role: Readonly<RoleEntry>, secretIdHmac: string): void {
    this.storage.delete(this.secretIdDir(role) + secretIdHmac);
  }

  accessorTarget(role: Readonly<RoleEntry>, accessor: string): string | undefined {
    return this.storage.peek<AccessorEntry>(this.prefixes(role).accessors + this.salted(accessor))?.secret_id_hmac;
  }

  /** registerSecretIDEntry: false when that secret id is already registered. */
  registerSecretId(role: RoleEntry, secretId: string, entry: Omit<SecretIdEntry, 'secret_id_accessor'>): SecretIdEntry | undefined {
    const secretHmac = this.secretIdHmac(role, secretId);
    if (this.secretIdByHmac(role, secretHmac)) return undefined;
    const stored: SecretIdEntry = { ...entry, secret_id_accessor: this.random.uuid() };
    this.storage.put(this.prefixes(role).accessors + this.salted(stored.secret_id_accessor), { secret_id_hmac: secretHmac } satisfies AccessorEntry);
    this.putSecretId(role, secretHmac, stored);
    return stored;
  }

  /** Every secret id of a role: its HMAC and entry. */
  secretIds(role: RoleEntry): { hmac: string; entry: SecretIdEntry }[] {
    const dir = this.secretIdDir(role);
    return this.storage.list(dir).flatMap((h) => {
      const entry = this.storage.get<SecretIdEntry>(dir + h);
      return entry ? [{ hmac: h, entry }] : [];
    });
  }

  /** tidy/secret-id: expired secret ids of every role go, then accessors pointing at nothing. */
  tidy(nowMs: number): void {
    const live = new Set<string>();
    for (const name of this.roleNames()) {
      const role = this.role(name);
      if (!role) continue;
      for (const { hmac: h, entry } of this.secretIds(role)) {
        if (entry.expiration_time !== 0 && nowMs > entry.expiration_time) this.destroySecretId(role, h, entry);
        else live.add(h);
      }
    }
    for (const prefix of ['accessor/', 'accessor_local/']) {
      for (const key of this.storage.list(prefix)) {
        const target = this.storage.get<AccessorEntry>(prefix + key);
        if (!target || !live.has(target.secret_id_hmac)) this.storage.delete(prefix + key);
      }
    }
  }
}
