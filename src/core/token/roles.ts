// Token store roles (vault/token_store.go tsRoleEntry, tokenStoreRole), kept where Vault keeps
// them: sys/token/roles/<name>.
import type { Storage } from '../storage.js';

/** logical.TokenType names as roles store and print them. */
export type RoleTokenType = 'default' | 'service' | 'batch' | 'default-service' | 'default-batch';

export interface TokenRole {
  name: string;
  allowed_policies: string[];
  disallowed_policies: string[];
  allowed_policies_glob: string[];
  disallowed_policies_glob: string[];
  /** null until set, as Vault's nil slice. */
  allowed_entity_aliases: string[] | null;
  orphan: boolean;
  renewable: boolean;
  path_suffix: string;
  /** Legacy fields, kept so a read returns what was written. Seconds. */
  period: number;
  explicit_max_ttl: number;
  token_period: number;
  token_explicit_max_ttl: number;
  token_no_default_policy: boolean;
  token_num_uses: number;
  token_type: RoleTokenType;
  /** go-sockaddr text; null until set (legacy bound_cidrs kept apart, as for period). */
  bound_cidrs: string[] | null;
  token_bound_cidrs: string[] | null;
}

const ROLES_PREFIX = 'sys/token/roles/';

export function emptyRole(name: string): TokenRole {
  return {
    name,
    allowed_policies: [],
    disallowed_policies: [],
    allowed_policies_glob: [],
    disallowed_policies_glob: [],
    allowed_entity_aliases: null,
    orphan: false,
    renewable: false,
    path_suffix: '',
    period: 0,
    explicit_max_ttl: 0,
    token_period: 0,
    token_explicit_max_ttl: 0,
    token_no_default_policy: false,
    token_num_uses: 0,
    token_type: 'default',
    bound_cidrs: null,
    token_bound_cidrs: null,
  };
}

/** tokenStoreRole: the stored role with its legacy fields folded into the token_ ones. */
export function readRole(storage: Storage, name: string): TokenRole | undefined {
  const role = storage.get<TokenRole>(ROLES_PREFIX + name);
  if (!role) return undefined;
  if (role.token_type === 'default') role.token_type = 'default-service';
  if (role.period > 0 && role.token_period === 0) role.token_period = role.period;
  if (role.explicit_max_ttl > 0 && role.token_explicit_max_ttl === 0) role.token_explicit_max_ttl = role.explicit_max_ttl;
  // Roles stored before these fields existed have neither.
  role.bound_cidrs ??= null;
  role.token_bound_cidrs ??= null;
  if ((role.bound_cidrs?.length ?? 0) > 0 && (role.token_bound_cidrs?.length ?? 0) === 0) role.token_bound_cidrs = role.bound_cidrs;
  return role;
}

export function writeRole(storage: Storage, role: TokenRole): void {
  storage.put(ROLES_PREFIX + role.name, role);
}

export function deleteRole(storage: Storage, name: string): void {
  storage.delete(ROLES_PREFIX + name);
}

export function listRoles(storage: Storage): string[] {
  return storage.list(ROLES_PREFIX);
}
