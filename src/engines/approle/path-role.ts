// role/, role/:role_name and role/:role_name/role-id (builtin/credential/approle/path_role.go
// pathRoleCreateUpdate, pathRoleRead, pathRoleDelete, pathRoleList, setRoleEntry).
import { codedError, errorResponse, errors, VaultError } from '../../core/errors.js';
import type { LogicalResponse } from '../../core/request.js';
import { formatGoDuration } from '../../framework/duration.js';
import type { FieldData } from '../../framework/field-data.js';
import type { FieldSchema } from '../../framework/field-types.js';
import { genericName, type EngineRequest, type PathSpec } from '../../framework/path.js';
import { CidrError, validateCidrs } from './cidr.js';
import { approleMessages as m } from './messages.js';
import type { StoreOf, AppRoleStore, RoleEntry } from './records.js';
import { TOKEN_FIELDS } from '../../framework/token-fields.js';
import { parseTokenFields, tokenData, upgradeLegacyFields } from './token-fields.js';

export const ROLE = `role/${genericName('role_name')}`;
export const roleNameField: FieldSchema = { type: 'string', description: 'Name of the role. Must be less than 4096 bytes.' };

const roleFields: Record<string, FieldSchema> = {
  role_name: roleNameField,
  bind_secret_id: { type: 'bool', default: true, description: "Impose secret_id to be presented when logging in using this role. Defaults to 'true'." },
  bound_cidr_list: { type: 'commaStringSlice', description: 'Use "secret_id_bound_cidrs" instead.' },
  secret_id_bound_cidrs: { type: 'commaStringSlice', description: 'Comma separated string or list of CIDR blocks. If set, specifies the blocks of IP addresses which can perform the login operation.' },
  policies: { type: 'commaStringSlice', description: 'Use "token_policies" instead.' },
  secret_id_num_uses: { type: 'int', description: 'Number of times a SecretID can access the role, after which the SecretID will expire. Defaults to 0 meaning that the secret_id is of unlimited use.' },
  secret_id_ttl: { type: 'durationSecond', description: 'Duration in seconds after which the issued SecretID should expire. Defaults to 0, meaning no expiration.' },
  period: { type: 'durationSecond', description: 'Use "token_period" instead.' },
  role_id: { type: 'string', description: 'Identifier of the role. Defaults to a UUID.' },
  local_secret_ids: { type: 'bool', description: 'If set, the secret IDs generated using this role will be cluster local.' },
  ...TOKEN_FIELDS,
};

/** A role with every field at its zero value (the role storage entry of a fresh role). */
function newRole(name: string, hmacKey: string): RoleEntry {
  return {
    name: name.toLowerCase(),
    role_id: '',
    hmac_key: hmacKey,
    bind_secret_id: false,
    secret_id_bound_cidrs: null,
    secret_id_num_uses: 0,
    secret_id_ttl: 0,
    local_secret_ids: false,
    policies: null,
    period: 0,
    token_policies: null,
    token_ttl: 0,
    token_max_ttl: 0,
    token_explicit_max_ttl: 0,
    token_period: 0,
    token_num_uses: 0,
    token_no_default_policy: false,
    token_type: 'default',
    token_bound_cidrs: null,
  };
}

export function hasConstraint(role: RoleEntry): boolean {
  return role.bind_secret_id || (role.secret_id_bound_cidrs?.length ?? 0) > 0 || (role.token_bound_cidrs?.length ?? 0) > 0;
}

/** setRoleEntry: constraints, then the role_id index; its failures are plain errors (500). */
export function saveRole(store: AppRoleStore, role: RoleEntry, previousRoleId: string): void {
  if (!hasConstraint(role)) throw codedError(500, m.atLeastOneConstraint);
  if (!store.saveRole(role, previousRoleId)) throw codedError(500, m.roleIdInUse);
}

/** The role a request names; an empty name is Vault's `missing role_name`. */
export function roleName(d: FieldData): string {
  const name = d.get<string>('role_name');
  if (name === '') throw errorResponse(m.missingRoleName);
  return name;
}

/** Go's Duration.String() of whole seconds ("768h0m0s"). */
export function goDuration(seconds: number): string {
  return formatGoDuration(seconds);
}

function createUpdate(store: AppRoleStore, req: EngineRequest, d: FieldData): LogicalResponse | undefined {
  const name = roleName(d);
  if (Buffer.byteLength(name) > 4096) throw errorResponse(m.roleNameTooLong);
  let role = store.role(name);
  const creating = !role && req.operation === 'create';
  if (!role) {
    // logical.ErrorResponse with ErrUnsupportedPath: 404 with the message itself.
    if (!creating) throw new VaultError(404, [m.roleNameDoesNotExist(name)]);
    role = newRole(name, store.newUuid());
  }
  const warnings: string[] = [];
  let tokenType = d.has('token_type') && typeof d.raw.token_type === 'string' ? (d.raw.token_type as string) : undefined;
  if (tokenType === 'default-service') {
    tokenType = 'service';
    warnings.push(m.defaultServiceAdjusted);
  } else if (tokenType === 'default-batch') {
    tokenType = 'batch';
    warnings.push(m.defaultBatchAdjusted);
  } else if (tokenType === undefined && d.has('token_type')) tokenType = d.get<string>('token_type');
  parseTokenFields(role, d, tokenType);

  if (d.has('local_secret_ids')) {
    if (!creating) throw errorResponse(m.localSecretIdsCreateOnly);
    role.local_secret_ids = d.get<boolean>('local_secret_ids');
  }
  const previousRoleId = role.role_id;
  if (d.has('role_id')) role.role_id = d.get<string>('role_id');
  else if (creating) role.role_id = store.newUuid();
  if (role.role_id === '') throw errorResponse(m.invalidRoleId);

  if (d.has('bind_secret_id') || creating) role.bind_secret_id = d.get<boolean>('bind_secret_id');
  // data.GetFirst: the new name wins over the deprecated one.
  if (d.has('secret_id_bound_cidrs')) role.secret_id_bound_cidrs = d.get<string[]>('secret_id_bound_cidrs');
  else if (d.has('bound_cidr_list')) role.secret_id_bound_cidrs = d.get<string[]>('bound_cidr_list');
  if (role.secret_id_bound_cidrs && role.secret_id_bound_cidrs.length > 0) {
    try {
      validateCidrs(role.secret_id_bound_cidrs);
    } catch (e) {
      if (e instanceof CidrError) throw codedError(500, m.failedToValidateCidrs(e.message));
      throw e;
    }
  }
  if (d.has('secret_id_num_uses') || creating) role.secret_id_num_uses = d.get<number>('secret_id_num_uses');
  if (role.secret_id_num_uses < 0) throw errorResponse(m.secretIdNumUsesNegative);
  if (d.has('secret_id_ttl') || creating) role.secret_id_ttl = d.get<number>('secret_id_ttl');
  upgradeLegacyFields(role, d);
  if (role.period > req.maxLeaseTtl) throw errorResponse(m.periodTooLong(goDuration(role.period), goDuration(req.maxLeaseTtl)));
  if (role.token_max_ttl > req.maxLeaseTtl) warnings.push(m.tokenMaxTtlTruncated);
  saveRole(store, role, previousRoleId);
  return warnings.length > 0 ? { data: null, warnings } : undefined;
}

function read(store: AppRoleStore, d: FieldData): LogicalResponse | undefined {
  const role = store.role(roleName(d));
  if (!role) return undefined;
  const data: Record<string, unknown> = {
    bind_secret_id: role.bind_secret_id,
    secret_id_bound_cidrs: role.secret_id_bound_cidrs,
    secret_id_num_uses: role.secret_id_num_uses,
    secret_id_ttl: role.secret_id_ttl,
    local_secret_ids: role.local_secret_ids,
    ...tokenData(role),
  };
  if (role.period !== 0) data.period = role.period;
  if (role.policies && role.policies.length > 0) data.policies = role.policies;
  return hasConstraint(role) ? { data } : { data, warnings: [m.noConstraints] };
}

export function rolePaths(storeOf: StoreOf): PathSpec[] {
  return [
    {
      pattern: 'role/?',
      operations: { list: (req) => ({ data: { keys: storeOf(req).roleNames() } }) },
      help: { synopsis: 'Lists all the roles registered with the backend.' },
    },
    {
      pattern: ROLE,
      fields: roleFields,
      existenceCheck: (req, d) => d.get<string>('role_name') !== '' && storeOf(req).role(d.get<string>('role_name')) !== undefined,
      operations: {
        create: (req, d) => createUpdate(storeOf(req), req, d),
        update: (req, d) => createUpdate(storeOf(req), req, d),
        read: (req, d) => read(storeOf(req), d),
        delete: (req, d) => {
          const role = storeOf(req).role(roleName(d));
          if (role) storeOf(req).deleteRole(role);
          return undefined;
        },
      },
      help: { synopsis: 'Register an role with the backend.' },
    },
    {
      pattern: `${ROLE}/role-id`,
      fields: { role_name: roleNameField, role_id: { type: 'string', description: 'Identifier of the role. Defaults to a UUID.' } },
      operations: {
        read: (req, d) => {
          const role = storeOf(req).role(roleName(d));
          return role ? { data: { role_id: role.role_id } } : undefined;
        },
        update: (req, d) => {
          const role = storeOf(req).role(roleName(d));
          if (!role) throw errors.unsupportedPath();
          const previous = role.role_id;
          role.role_id = d.get<string>('role_id');
          if (role.role_id === '') throw errorResponse(m.missingField('role_id'));
          saveRole(storeOf(req), role, previous);
          return undefined;
        },
      },
      help: { synopsis: 'Returns the \'role_id\' of the role.' },
    },
    {
      pattern: `${ROLE}/local-secret-ids`,
      fields: { role_name: roleNameField },
      operations: {
        read: (req, d) => {
          const role = storeOf(req).role(roleName(d));
          return role ? { data: { local_secret_ids: role.local_secret_ids } } : undefined;
        },
      },
      help: { synopsis: 'Enables cluster local secret IDs' },
    },
  ];
}
