// The single-field role endpoints role/:role_name/{policies, bound-cidr-list, secret-id-bound-cidrs,
// token-bound-cidrs, bind-secret-id, secret-id-num-uses, secret-id-ttl, period, token-num-uses,
// token-ttl, token-max-ttl} (builtin/credential/approle/path_role.go pathRole<Field>{Read,Update,Delete}).
import { errorResponse, errors } from '../../core/errors.js';
import type { LogicalResponse } from '../../core/request.js';
import type { FieldData } from '../../framework/field-data.js';
import type { FieldSchema } from '../../framework/field-types.js';
import type { EngineRequest, PathSpec } from '../../framework/path.js';
import { CidrError, validateCidrs } from './cidr.js';
import { approleMessages as m } from './messages.js';
import { goDuration, ROLE, roleName, roleNameField, saveRole } from './path-role.js';
import type { StoreOf, AppRoleStore, RoleEntry } from './records.js';
import { parsePolicies } from './token-fields.js';
import { parseAddrsOr400 } from '../../core/token/bound-cidrs.js';

interface FieldEndpoint {
  path: string;
  fields: Record<string, FieldSchema>;
  read(role: RoleEntry): LogicalResponse;
  /** Changes the role from the request; throws Vault's error response when the value is missing or bad. */
  update(role: RoleEntry, d: FieldData, req: EngineRequest): void;
  reset(role: RoleEntry): void;
}

const cidrList: FieldSchema = { type: 'commaStringSlice', description: 'Comma separated string or list of CIDR blocks.' };
const duration = (description: string): FieldSchema => ({ type: 'durationSecond', description });
const int = (description: string): FieldSchema => ({ type: 'int', description });

/** The number a field endpoint requires, or Vault's `missing <field>`. */
function required<T>(d: FieldData, field: string): T {
  if (!d.has(field)) throw errorResponse(m.missingField(field));
  return d.get<T>(field);
}

/**
 * pathRoleBoundCIDRUpdateCommon for the secret-id CIDRs: an absent field leaves the role as it is (Vault
 * saves it unchanged and answers 204), an empty list is refused under the legacy field's name.
 */
function updateSecretIdCidrs(role: RoleEntry, d: FieldData, name: string): void {
  if (!d.has(name)) return;
  const cidrs = d.get<string[]>(name);
  if (cidrs.length === 0) throw errorResponse(m.missingField('bound_cidr_list'));
  try {
    validateCidrs(cidrs);
  } catch (e) {
    if (e instanceof CidrError) throw errorResponse(m.failedToValidateCidrs(e.message));
    throw e;
  }
  role.secret_id_bound_cidrs = cidrs;
}

const ENDPOINTS: FieldEndpoint[] = [
  {
    path: 'policies',
    fields: { policies: { type: 'commaStringSlice', description: 'Use "token_policies" instead.' }, token_policies: { type: 'commaStringSlice', description: 'Comma-separated list of policies' } },
    read: (role) => {
      const data: Record<string, unknown> = { token_policies: role.token_policies ?? [] };
      if (role.policies && role.policies.length > 0) data.policies = role.policies;
      return { data };
    },
    update: (role, d) => {
      if (d.has('token_policies')) {
        role.token_policies = parsePolicies(d.get<string[]>('token_policies'));
        role.policies = d.has('policies') ? role.token_policies : null;
      } else if (d.has('policies')) {
        role.policies = parsePolicies(d.get<string[]>('policies'));
        role.token_policies = role.policies;
      } else throw errorResponse(m.missingField('token_policies'));
    },
    reset: (role) => {
      role.token_policies = null;
      role.policies = null;
    },
  },
  {
    path: 'bound-cidr-list',
    fields: { bound_cidr_list: cidrList },
    read: (role) => ({ data: { bound_cidr_list: null }, warnings: [m.boundCidrListDeprecated] }),
    update: (role, d) => updateSecretIdCidrs(role, d, 'bound_cidr_list'),
    // Vault clears the legacy field, which every role read has already moved into secret_id_bound_cidrs:
    // the CIDRs stay.
    reset: () => {},
  },
  {
    path: 'secret-id-bound-cidrs',
    fields: { secret_id_bound_cidrs: cidrList },
    read: (role) => ({ data: { secret_id_bound_cidrs: role.secret_id_bound_cidrs } }),
    update: (role, d) => updateSecretIdCidrs(role, d, 'secret_id_bound_cidrs'),
    reset: (role) => {
      role.secret_id_bound_cidrs = null;
    },
  },
  {
    path: 'token-bound-cidrs',
    fields: { token_bound_cidrs: cidrList },
    read: (role) => ({ data: { token_bound_cidrs: role.token_bound_cidrs } }),
    // Absent, the role is saved unchanged (pathRoleBoundCIDRUpdateCommon); an empty list clears it.
    update: (role, d) => {
      if (d.has('token_bound_cidrs')) role.token_bound_cidrs = parseAddrsOr400(d.get<string[]>('token_bound_cidrs'), 'failed to parse token_bound_cidrs: ');
    },
    reset: (role) => {
      role.token_bound_cidrs = null;
    },
  },
  {
    path: 'bind-secret-id',
    fields: { bind_secret_id: { type: 'bool', default: true, description: 'Impose secret_id to be presented when logging in using this role.' } },
    read: (role) => ({ data: { bind_secret_id: role.bind_secret_id } }),
    update: (role, d) => {
      role.bind_secret_id = required<boolean>(d, 'bind_secret_id');
    },
    reset: (role) => {
      role.bind_secret_id = true;
    },
  },
  {
    path: 'secret-id-num-uses',
    fields: { secret_id_num_uses: int('Number of times a SecretID can access the role.') },
    read: (role) => ({ data: { secret_id_num_uses: role.secret_id_num_uses } }),
    update: (role, d) => {
      const uses = required<number>(d, 'secret_id_num_uses');
      if (uses < 0) throw errorResponse(m.secretIdNumUsesNegative);
      role.secret_id_num_uses = uses;
    },
    reset: (role) => {
      role.secret_id_num_uses = 0;
    },
  },
  {
    path: 'secret-id-ttl',
    fields: { secret_id_ttl: duration('Duration in seconds after which the issued SecretID should expire.') },
    read: (role) => ({ data: { secret_id_ttl: role.secret_id_ttl } }),
    update: (role, d) => {
      role.secret_id_ttl = required<number>(d, 'secret_id_ttl');
    },
    reset: (role) => {
      role.secret_id_ttl = 0;
    },
  },
  {
    path: 'period',
    fields: { period: duration('Use "token_period" instead.'), token_period: duration('Renewal period of the tokens.') },
    read: (role) => {
      const data: Record<string, unknown> = { token_period: role.token_period };
      if (role.period > 0) data.period = role.period;
      return { data };
    },
    update: (role, d, req) => {
      if (d.has('token_period')) {
        role.token_period = d.get<number>('token_period');
        role.period = d.has('period') ? role.token_period : 0;
      } else if (d.has('period')) {
        role.period = d.get<number>('period');
        role.token_period = role.period;
      } else throw errorResponse(m.missingField('period'));
      if (role.token_period > req.maxLeaseTtl) throw errorResponse(m.periodTooLong(goDuration(role.period), goDuration(req.maxLeaseTtl)));
    },
    reset: (role) => {
      role.token_period = 0;
      role.period = 0;
    },
  },
  {
    path: 'token-num-uses',
    fields: { token_num_uses: int('The maximum number of times a token may be used.') },
    read: (role) => ({ data: { token_num_uses: role.token_num_uses } }),
    update: (role, d) => {
      role.token_num_uses = required<number>(d, 'token_num_uses');
    },
    reset: (role) => {
      role.token_num_uses = 0;
    },
  },
  {
    path: 'token-ttl',
    fields: { token_ttl: duration('The initial ttl of the token to generate') },
    read: (role) => ({ data: { token_ttl: role.token_ttl } }),
    update: (role, d) => {
      const ttl = required<number>(d, 'token_ttl');
      if (role.token_max_ttl > 0 && ttl > role.token_max_ttl) throw errorResponse(m.tokenTtlAboveMax);
      role.token_ttl = ttl;
    },
    reset: (role) => {
      role.token_ttl = 0;
    },
  },
  {
    path: 'token-max-ttl',
    fields: { token_max_ttl: duration('The maximum lifetime of the generated token') },
    read: (role) => ({ data: { token_max_ttl: role.token_max_ttl } }),
    update: (role, d) => {
      const max = required<number>(d, 'token_max_ttl');
      if (max > 0 && role.token_ttl > max) throw errorResponse(m.tokenMaxTtlBelowTtl);
      role.token_max_ttl = max;
    },
    reset: (role) => {
      role.token_max_ttl = 0;
    },
  },
];

export function roleFieldPaths(storeOf: StoreOf): PathSpec[] {
  return ENDPOINTS.map((e) => ({
    pattern: `${ROLE}/${e.path}`,
    fields: { role_name: roleNameField, ...e.fields },
    operations: {
      read: (req, d) => {
        const role = storeOf(req).role(roleName(d));
        return role ? e.read(role) : undefined;
      },
      update: (req, d) => {
        const role = storeOf(req).role(roleName(d));
        if (!role) throw errors.unsupportedPath();
        e.update(role, d, req);
        saveRole(storeOf(req), role, '');
        return undefined;
      },
      delete: (req, d) => {
        const role = storeOf(req).role(roleName(d));
        if (!role) return undefined;
        e.reset(role);
        saveRole(storeOf(req), role, '');
        return undefined;
      },
    },
    help: { synopsis: `Read, update or reset the '${e.path}' value of the role.` },
  }));
}
