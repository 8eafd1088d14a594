// login and the renewal of login tokens (builtin/credential/approle/path_login.go pathLoginUpdate,
// pathLoginUpdateAliasLookahead, pathLoginRenew).
import { codedError, errorResponse, InvalidCredentialsError, VaultError } from '../../core/errors.js';
import type { LogicalResponse } from '../../core/request.js';
import type { AuthRenewal } from '../../framework/engine.js';
import type { FieldData } from '../../framework/field-data.js';
import type { EngineRequest, PathSpec } from '../../framework/path.js';
import { CidrError, cidrsSubset, clientAddress, ipInCidrs } from './cidr.js';
import { approleMessages as m } from './messages.js';
import type { StoreOf, AppRoleStore, RoleEntry, SecretIdEntry } from './records.js';
import { parseAddrsOr400 } from '../../core/token/bound-cidrs.js';

/** A plain error of the login path: the core returns it unwrapped (handleLoginRequest), 500. */
function loginError(message: string): VaultError {
  return new VaultError(500, [message]);
}

/** Whether `addr` is in `blocks`, and the error Go's cidrutil gave (rendered for %w). */
function belongs(addr: string, blocks: string[]): { ok: boolean; cause: string } {
  try {
    return { ok: ipInCidrs(addr, blocks), cause: '%!w(<nil>)' };
  } catch (e) {
    if (e instanceof CidrError) return { ok: false, cause: e.message };
    throw e;
  }
}

/** verifyCIDRRoleSecretIDSubset at login (a plain error when the role's blocks changed since). */
function verifySubset(entry: Readonly<SecretIdEntry>, role: Readonly<RoleEntry>): void {
  const roleBlocks = role.secret_id_bound_cidrs ?? [];
  if (entry.cidr_list.length === 0 || roleBlocks.length === 0) return;
  const withMask = roleBlocks.map((b) => (b.includes('/') ? b : `${b}/32`));
  let ok = false;
  try {
    ok = cidrsSubset(withMask, entry.cidr_list);
  } catch {
    ok = false;
  }
  if (!ok) throw loginError(m.cidrSubset(withMask, entry.cidr_list));
}

/** The secret id part of pathLoginUpdate: checks and spends one use; returns the secret id's entry. */
function useSecretId(store: AppRoleStore, req: EngineRequest, role: Readonly<RoleEntry>, secretId: string): Readonly<SecretIdEntry> {
  const h = store.secretIdHmac(role, secretId);
  // No expiry check here, as in Vault: an expired secret id works until the periodic tidy removes it.
  const entry = store.peekSecretIdByHmac(role, h);
  if (entry && store.accessorTarget(role, entry.secret_id_accessor) === undefined) {
    store.dropSecretId(role, h);
    throw errorResponse(m.invalidRoleOrSecretId);
  }
  if (!entry) throw new InvalidCredentialsError(m.invalidRoleOrSecretId);

  const addr = clientAddress(req.remoteAddress);
  if (entry.secret_id_num_uses === 0) {
    verifySubset(entry, role);
    if (entry.cidr_list.length > 0) {
      if (addr === '') throw loginError(m.noConnectionInfo);
      const check = belongs(addr, entry.cidr_list);
      if (check.cause !== '%!w(<nil>)') throw errorResponse(check.cause);
      if (!check.ok) throw errorResponse(m.secretIdCidrUnlimited(addr));
    }
    return entry;
  }
  // A limited-use secret id spends its use before the CIDR checks, as Vault does.
  if (entry.secret_id_num_uses === 1) store.destroySecretId(role, h, entry);
  else store.putSecretId(role, h, { ...entry, secret_id_num_uses: entry.secret_id_num_uses - 1, last_updated_time: req.now });
  verifySubset(entry, role);
  if (entry.cidr_list.length > 0) {
    if (addr === '') throw loginError(m.noConnectionInfo);
    const check = belongs(addr, entry.cidr_list);
    if (!check.ok) throw errorResponse(m.secretIdCidrLimited(addr, check.cause));
  }
  return entry;
}

function login(store: AppRoleStore, req: EngineRequest, d: FieldData): LogicalResponse {
  const roleId = d.get<string>('role_id').trim();
  if (roleId === '') throw new InvalidCredentialsError(m.invalidCredentials);
  const role = store.roleByRoleId(roleId);
  if (!role) throw errorResponse(m.invalidRoleOrSecretId);

  let metadata: Record<string, string> = {};
  let entry: Readonly<SecretIdEntry> | undefined;
  if (role.bind_secret_id) {
    const secretId = d.get<string>('secret_id').trim();
    if (secretId === '') throw errorResponse(m.missingSecretId);
    entry = useSecretId(store, req, role, secretId);
    metadata = { ...entry.metadata };
  }
  const roleCidrs = role.secret_id_bound_cidrs ?? [];
  if (roleCidrs.length > 0) {
    const addr = clientAddress(req.remoteAddress);
    if (addr === '') throw loginError(m.noConnectionInfo);
    const check = belongs(addr, roleCidrs);
    if (!check.ok) throw errorResponse(m.roleCidr(addr, check.cause));
  }
  // The secret id's own token CIDRs, parsed now (its generation only checked them as CIDR blocks).
  const boundCidrs = entry && entry.token_bound_cidrs.length > 0 ? parseAddrsOr400(entry.token_bound_cidrs, '') : (role.token_bound_cidrs ?? []);
  metadata.role_name = role.name;
  return {
    login: {
      policies: role.token_policies ?? [],
      noDefaultPolicy: role.token_no_default_policy,
      metadata,
      aliasName: role.role_id,
      ttl: role.token_ttl,
      maxTtl: role.token_max_ttl,
      period: role.token_period,
      explicitMaxTtl: role.token_explicit_max_ttl,
      numUses: role.token_num_uses,
      tokenType: role.token_type,
      boundCidrs,
      internal: { role_name: role.name },
    },
  };
}

export function loginPaths(storeOf: StoreOf): PathSpec[] {
  return [
    {
      pattern: 'login',
      fields: {
        role_id: { type: 'string', description: "Unique identifier of the Role. Required to be supplied when the 'bind_secret_id' constraint is set." },
        secret_id: { type: 'string', default: '', description: 'SecretID belong to the App role' },
      },
      operations: { update: (req, d) => login(storeOf(req), req, d) },
      help: { synopsis: 'Issue a token based on the credentials supplied' },
    },
  ];
}

/** pathLoginUpdateAliasLookahead: the role_id names the alias ('' when missing). */
export function loginAlias(req: EngineRequest): string {
  const raw = req.data.role_id;
  return typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
}

/** pathLoginRenew: the role must still exist; its current TTLs apply. */
export function renewLogin(store: AppRoleStore, auth: AuthRenewal): AuthRenewal {
  const name = typeof auth.internal.role_name === 'string' ? auth.internal.role_name : '';
  if (name === '') throw codedError(500, 'failed to fetch role_name during renewal');
  const role = store.role(name);
  if (!role) throw codedError(500, m.roleGoneOnRenewal(name));
  return { ttl: role.token_ttl, maxTtl: role.token_max_ttl, period: role.token_period, internal: auth.internal };
}
