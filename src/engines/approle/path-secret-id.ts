// role/:role_name/secret-id, custom-secret-id, secret-id/lookup, secret-id/destroy,
// secret-id-accessor/lookup and secret-id-accessor/destroy (builtin/credential/approle/path_role.go
// handleRoleSecretIDCommon, pathRoleSecretID*; validation.go registerSecretIDEntry, deriveSecretIDTTL).
import { rfc3339Nano } from '../../core/clock.js';
import { codedError, errorResponse, VaultError } from '../../core/errors.js';
import type { LogicalResponse } from '../../core/request.js';
import type { FieldData } from '../../framework/field-data.js';
import type { FieldSchema } from '../../framework/field-types.js';
import type { EngineRequest, PathSpec } from '../../framework/path.js';
import { CidrError, cidrsSubset, validateCidrs } from './cidr.js';
import { approleMessages as m } from './messages.js';
import { ROLE, roleName, roleNameField } from './path-role.js';
import type { StoreOf, AppRoleStore, RoleEntry, SecretIdEntry } from './records.js';

const GO_ZERO_TIME = '0001-01-01T00:00:00Z';

const generateFields: Record<string, FieldSchema> = {
  role_name: roleNameField,
  metadata: { type: 'string', description: 'Metadata to be tied to the SecretID. This should be a JSON formatted string containing the metadata in key value pairs.' },
  cidr_list: { type: 'commaStringSlice', description: 'Comma separated string or list of CIDR blocks enforcing secret IDs to be used from specific set of IP addresses.' },
  token_bound_cidrs: { type: 'commaStringSlice', description: 'Comma separated string or list of CIDR blocks. If set, specifies the blocks of IP addresses which can use the returned token.' },
  num_uses: { type: 'int', description: 'Number of times this SecretID can be used, after which the SecretID expires.' },
  ttl: { type: 'durationSecond', description: 'Duration in seconds after which this SecretID expires.' },
};

/** deriveSecretIDTTL: negative or above the mount's max → the mount's max. */
export function effectiveSecretIdTtl(ttl: number, maxLeaseTtl: number): number {
  return ttl < 0 || ttl > maxLeaseTtl ? maxLeaseTtl : ttl;
}

/** strutil.ParseArbitraryKeyValues: JSON (maybe base64-encoded) or `k=v,k=v`. */
export function parseMetadata(raw: string): Record<string, string> {
  let input = raw.trim();
  const out: Record<string, string> = {};
  if (input === '') return out;
  if (/^[A-Za-z0-9+/]*={0,2}$/.test(input) && input.length % 4 === 0) input = Buffer.from(input, 'base64').toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(input);
  } catch {
    parsed = undefined;
  }
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && Object.values(parsed).every((v) => typeof v === 'string')) {
    Object.assign(out, parsed);
  } else {
    const pairs = [...new Set(input.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== ''))].sort();
    for (const pair of pairs) {
      const shards = pair.split('=');
      if (shards.length !== 2) throw new Error('failed to parse the input: invalid <key,value> format');
      const [key, value] = [shards[0]!.trim(), shards[1]!.trim()];
      if (key === '' || value === '') throw new Error(`failed to parse the input: invalid <key,value> pair: key: ${JSON.stringify(key)} value: ${JSON.stringify(value)}`);
      out[key] = value;
    }
  }
  for (const [key, value] of Object.entries(out)) if (key !== '' && value === '') throw new Error(`invalid value for key ${JSON.stringify(key)}`);
  return out;
}

/** verifyCIDRRoleSecretIDSubset: a plain error (500) when the secret's blocks leave the role's. */
function verifySubset(secretBlocks: string[], roleBlocks: string[]): void {
  if (secretBlocks.length === 0 || roleBlocks.length === 0) return;
  const role = roleBlocks.map((b) => (b.includes('/') ? b : `${b}/32`));
  let subset = false;
  try {
    subset = cidrsSubset(role, secretBlocks);
  } catch {
    subset = false;
  }
  if (!subset) throw codedError(500, m.cidrSubset(role, secretBlocks));
}

function validated(blocks: string[], message: (cause: string) => string): void {
  try {
    validateCidrs(blocks);
  } catch (e) {
    if (e instanceof CidrError) throw codedError(500, message(e.message));
    throw e;
  }
}

/** handleRoleSecretIDCommon. */
function issue(store: AppRoleStore, req: EngineRequest, d: FieldData, secretId: string): LogicalResponse {
  const name = roleName(d);
  if (secretId === '') throw errorResponse(m.missingSecretId);
  const role = store.role(name);
  if (!role) throw new VaultError(404, [m.roleDoesNotExist(name)]);
  if (!role.bind_secret_id) throw errorResponse(m.bindSecretIdNotSet);
  const cidrs = d.get<string[]>('cidr_list');
  if (cidrs.length > 0) validated(cidrs, m.failedToValidateCidrs);
  verifySubset(cidrs, role.secret_id_bound_cidrs ?? []);
  const tokenCidrs = d.get<string[]>('token_bound_cidrs');
  if (tokenCidrs.length > 0) validated(tokenCidrs, m.failedToValidateTokenCidrs);
  verifySubset(tokenCidrs, role.token_bound_cidrs ?? []);

  let numUses = role.secret_id_num_uses;
  if (d.has('num_uses')) {
    numUses = d.get<number>('num_uses');
    if (numUses < 0) throw errorResponse(m.numUsesNegative);
    if ((numUses === 0 && role.secret_id_num_uses > 0) || (role.secret_id_num_uses > 0 && numUses > role.secret_id_num_uses)) throw errorResponse(m.numUsesTooHigh);
  }
  let ttl = role.secret_id_ttl;
  if (d.has('ttl')) {
    ttl = d.get<number>('ttl');
    if ((ttl === 0 && role.secret_id_ttl > 0) || (role.secret_id_ttl > 0 && ttl > role.secret_id_ttl)) throw errorResponse(m.ttlTooLong);
  }
  let metadata: Record<string, string>;
  try {
    metadata = parseMetadata(d.get<string>('metadata'));
  } catch (e) {
    throw errorResponse(m.failedToParseMetadata((e as Error).message));
  }
  const effectiveTtl = effectiveSecretIdTtl(ttl, req.maxLeaseTtl);
  const stored = store.registerSecretId(role, secretId, {
    secret_id_num_uses: numUses,
    secret_id_ttl: ttl,
    creation_time: req.now,
    last_updated_time: req.now,
    expiration_time: effectiveTtl !== 0 ? req.now + effectiveTtl * 1000 : 0,
    metadata,
    cidr_list: cidrs,
    token_bound_cidrs: tokenCidrs,
  });
  if (!stored) throw codedError(500, m.secretIdAlreadyRegistered);
  return {
    data: {
      secret_id: secretId,
      secret_id_accessor: stored.secret_id_accessor,
      secret_id_ttl: effectiveTtl,
      secret_id_num_uses: stored.secret_id_num_uses,
    },
  };
}

/** secretIDStorageEntry.ToResponseData. */
function secretIdData(entry: SecretIdEntry): Record<string, unknown> {
  return {
    secret_id_accessor: entry.secret_id_accessor,
    secret_id_num_uses: entry.secret_id_num_uses,
    secret_id_ttl: entry.secret_id_ttl,
    creation_time: rfc3339Nano(entry.creation_time),
    expiration_time: entry.expiration_time === 0 ? GO_ZERO_TIME : rfc3339Nano(entry.expiration_time),
    last_updated_time: rfc3339Nano(entry.last_updated_time),
    metadata: entry.metadata,
    cidr_list: entry.cidr_list,
    token_bound_cidrs: entry.token_bound_cidrs.length > 0 ? entry.token_bound_cidrs : [],
  };
}

/** The role of a secret-id operation; a missing one is a plain error (500). */
function existingRole(store: AppRoleStore, d: FieldData): RoleEntry {
  const name = roleName(d);
  const role = store.role(name);
  if (!role) throw codedError(500, m.roleDoesNotExist(name));
  return role;
}

function requiredString(d: FieldData, field: 'secret_id' | 'secret_id_accessor'): string {
  const value = d.get<string>(field);
  if (value === '') throw errorResponse(field === 'secret_id' ? m.missingSecretId : m.missingSecretIdAccessor);
  return value;
}

export function secretIdPaths(storeOf: StoreOf): PathSpec[] {
  const secretIdField: FieldSchema = { type: 'string', description: 'SecretID attached to the role.' };
  const accessorField: FieldSchema = { type: 'string', description: 'Accessor of the SecretID' };
  const destroy = (req: EngineRequest, d: FieldData) => {
    roleName(d);
    const secretId = requiredString(d, 'secret_id');
    const role = existingRole(storeOf(req), d);
    const h = storeOf(req).secretIdHmac(role, secretId);
    const entry = storeOf(req).secretIdByHmac(role, h);
    if (entry) storeOf(req).destroySecretId(role, h, entry);
    return undefined;
  };
  const destroyByAccessor = (req: EngineRequest, d: FieldData) => {
    roleName(d);
    const accessor = requiredString(d, 'secret_id_accessor');
    const role = existingRole(storeOf(req), d);
    const target = storeOf(req).accessorTarget(role, accessor);
    if (target === undefined) throw codedError(500, m.accessorNotFound(accessor));
    const entry = storeOf(req).secretIdByHmac(role, target);
    if (!entry) throw codedError(403, m.invalidSecretIdAccessor);
    storeOf(req).destroySecretId(role, target, entry);
    return undefined;
  };
  return [
    {
      pattern: `${ROLE}/secret-id/?`,
      fields: generateFields,
      operations: {
        update: (req, d) => issue(storeOf(req), req, d, storeOf(req).newUuid()),
        list: (req, d) => {
          const name = roleName(d);
          const role = storeOf(req).role(name);
          if (!role) throw errorResponse(m.roleDoesNotExist(name));
          return { data: { keys: storeOf(req).secretIds(role).map((s) => s.entry.secret_id_accessor) } };
        },
      },
      help: { synopsis: 'Generate a SecretID against this role.' },
    },
    {
      pattern: `${ROLE}/custom-secret-id`,
      fields: { ...generateFields, secret_id: secretIdField },
      operations: { update: (req, d) => issue(storeOf(req), req, d, d.get<string>('secret_id')) },
      help: { synopsis: 'Assign a SecretID of choice against the role.' },
    },
    {
      pattern: `${ROLE}/secret-id/lookup/?`,
      fields: { role_name: roleNameField, secret_id: secretIdField },
      operations: {
        update: (req, d) => {
          roleName(d);
          const secretId = requiredString(d, 'secret_id');
          const role = existingRole(storeOf(req), d);
          const h = storeOf(req).secretIdHmac(role, secretId);
          const entry = storeOf(req).secretIdByHmac(role, h);
          if (!entry) return undefined;
          if (storeOf(req).accessorTarget(role, entry.secret_id_accessor) === undefined) {
            storeOf(req).dropSecretId(role, h);
            throw errorResponse(m.invalidSecretId);
          }
          return { data: secretIdData(entry) };
        },
      },
      help: { synopsis: 'Read the properties of an issued secret_id' },
    },
    {
      pattern: `${ROLE}/secret-id/destroy/?`,
      fields: { role_name: roleNameField, secret_id: secretIdField },
      operations: { update: destroy, delete: destroy },
      help: { synopsis: 'Invalidate an issued secret_id' },
    },
    {
      pattern: `${ROLE}/secret-id-accessor/lookup/?`,
      fields: { role_name: roleNameField, secret_id_accessor: accessorField },
      operations: {
        update: (req, d) => {
          roleName(d);
          const accessor = requiredString(d, 'secret_id_accessor');
          const role = existingRole(storeOf(req), d);
          const target = storeOf(req).accessorTarget(role, accessor);
          // logical.RespondWithStatusCode: the error response travels as a 404 envelope.
          if (target === undefined) return { data: { error: m.accessorNotFound(accessor) }, statusCode: 404 };
          const entry = storeOf(req).secretIdByHmac(role, target);
          return entry ? { data: secretIdData(entry) } : undefined;
        },
      },
      help: { synopsis: 'Read an issued secret_id, using its accessor' },
    },
    {
      pattern: `${ROLE}/secret-id-accessor/destroy/?`,
      fields: { role_name: roleNameField, secret_id_accessor: accessorField },
      operations: { update: destroyByAccessor, delete: destroyByAccessor },
      help: { synopsis: 'Invalidate an issued secret_id using its accessor' },
    },
  ];
}
