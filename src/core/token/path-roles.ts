// auth/token/roles and roles/:role_name (vault/token_store.go tokenStoreRole*, with the token
// fields of sdk/helper/tokenutil ParseTokenFields that the token store allows).
import { errorResponse } from '../errors.js';
import type { LogicalResponse } from '../request.js';
import type { VaultCore } from '../vault-core.js';
import type { FieldData } from '../../framework/field-data.js';
import type { FieldSchema } from '../../framework/field-types.js';
import { genericName, type EngineRequest, type PathSpec } from '../../framework/path.js';
import { tokenFieldsAllowing } from '../../framework/token-fields.js';
import { parseAddrsOr400 } from './bound-cidrs.js';
import { roleMessages as m } from './messages.js';
import { removeDuplicates, sanitizePolicies } from './policies.js';
import { deleteRole, emptyRole, listRoles, readRole, writeRole, type RoleTokenType, type TokenRole } from './roles.js';

/** vault/token_store.go pathSuffixSanitize, matched anywhere in the suffix as Vault does. */
const PATH_SUFFIX_SANITIZE = '\\w[\\w-.]+\\w';

const roleFields: Record<string, FieldSchema> = {
  role_name: { type: 'string', description: 'Name of the role' },
  allowed_policies: { type: 'commaStringSlice', description: 'If set, tokens can be created with any subset of the policies in this list, rather than the normal semantics of tokens being a subset of the calling token\'s policies.' },
  disallowed_policies: { type: 'commaStringSlice', description: 'If set, successful token creation via this role will require that no policies in the given list are requested.' },
  allowed_policies_glob: { type: 'commaStringSlice', description: 'If set, tokens can be created with any subset of glob matched policies in this list.' },
  disallowed_policies_glob: { type: 'commaStringSlice', description: 'If set, successful token creation via this role will require that no requested policies glob match any of policies in this list.' },
  orphan: { type: 'bool', description: 'If true, tokens created via this role will be orphan tokens (have no parent)' },
  period: { type: 'durationSecond', description: "Use 'token_period' instead." },
  path_suffix: { type: 'string', description: `If set, tokens created via this role will contain the given suffix as a part of their path. ${PATH_SUFFIX_SANITIZE}` },
  explicit_max_ttl: { type: 'durationSecond', description: "Use 'token_explicit_max_ttl' instead." },
  bound_cidrs: { type: 'commaStringSlice', description: "Use 'token_bound_cidrs' instead." },
  renewable: { type: 'bool', default: true, description: 'Tokens created via this role will be renewable or not according to this value. Defaults to "true".' },
  allowed_entity_aliases: { type: 'commaStringSlice', description: 'String or JSON list of allowed entity aliases. If set, specifies the entity aliases which are allowed to be used during token generation. This field supports globbing.' },
  ...tokenFieldsAllowing(['token_bound_cidrs', 'token_explicit_max_ttl', 'token_no_default_policy', 'token_period', 'token_type', 'token_num_uses']),
};

const ROLE_TOKEN_TYPES: readonly RoleTokenType[] = ['service', 'batch', 'default-service', 'default-batch'];

/** Applies a field when it was sent, or its default on create (the GetOk / CreateOperation pattern). */
function sentOrCreate<T>(d: FieldData, create: boolean, field: string, apply: (v: T) => void): void {
  const [value, sent] = d.getOk<T>(field);
  if (sent || create) apply(value);
}

function sent(d: FieldData, field: string): boolean {
  return d.getOk(field)[1];
}

/** tokenStoreRoleCreateUpdate. */
function writeRoleHandler(core: VaultCore, req: EngineRequest, d: FieldData): LogicalResponse | undefined {
  const name = d.get<string>('role_name');
  if (name === '') throw errorResponse(m.emptyName);
  const create = req.operation === 'create';
  const role: TokenRole = readRole(core.storage, name) ?? emptyRole(name);

  sentOrCreate<boolean>(d, create, 'orphan', (v) => (role.orphan = v));
  sentOrCreate<boolean>(d, create, 'renewable', (v) => (role.renewable = v));
  const [suffix, suffixSent] = d.getOk<string>('path_suffix');
  if (suffixSent) {
    if (suffix !== '' && !new RegExp(PATH_SUFFIX_SANITIZE).test(suffix)) throw errorResponse(m.badPathSuffix(PATH_SUFFIX_SANITIZE));
    role.path_suffix = suffix;
  } else if (create) role.path_suffix = suffix;
  if (role.path_suffix.includes('..')) throw errorResponse(m.parentReference);
  sentOrCreate<string[]>(d, create, 'allowed_policies', (v) => (role.allowed_policies = sanitizePolicies(v, false)));
  sentOrCreate<string[]>(d, create, 'disallowed_policies', (v) => (role.disallowed_policies = removeDuplicates(v, true)));
  sentOrCreate<string[]>(d, create, 'allowed_policies_glob', (v) => (role.allowed_policies_glob = sanitizePolicies(v, false)));
  sentOrCreate<string[]>(d, create, 'disallowed_policies_glob', (v) => (role.disallowed_policies_glob = removeDuplicates(v, true)));

  // token_type is taken out of the generic token-field parsing and handled last.
  let typeName: string | undefined;
  const oldType = role.token_type;
  if (Object.prototype.hasOwnProperty.call(d.raw, 'token_type')) {
    if (d.raw.token_type === null) throw errorResponse(m.nullTokenType);
    typeName = String(d.raw.token_type);
    role.token_type = 'default';
  }
  // tokenutil ParseTokenFields, for the fields the token store allows.
  const [tokenCidrs, tokenCidrsSent] = d.getOk<string[]>('token_bound_cidrs');
  if (tokenCidrsSent) role.token_bound_cidrs = parseAddrsOr400(tokenCidrs, m.parseFields(''));
  const [explicit, explicitSent] = d.getOk<number>('token_explicit_max_ttl');
  if (explicitSent) role.token_explicit_max_ttl = explicit;
  const [noDefault, noDefaultSent] = d.getOk<boolean>('token_no_default_policy');
  if (noDefaultSent) role.token_no_default_policy = noDefault;
  const [tokenPeriod, tokenPeriodSent] = d.getOk<number>('token_period');
  if (tokenPeriodSent) role.token_period = tokenPeriod;
  if (role.token_period < 0) throw errorResponse(m.parseFields(m.negativePeriod));
  const [numUses, numUsesSent] = d.getOk<number>('token_num_uses');
  if (numUsesSent) role.token_num_uses = numUses;
  if (role.token_num_uses < 0) throw errorResponse(m.parseFields(m.negativeNumUses));
  if (role.token_type === 'batch' || role.token_type === 'default-batch') {
    if (role.token_period !== 0) throw errorResponse(m.parseFields(m.batchTypeNotPeriodic));
    if (role.token_num_uses !== 0) throw errorResponse(m.parseFields(m.batchTypeNoNumUses));
  }
  role.token_type = oldType === 'default' ? 'default-service' : oldType;
  if (typeName !== undefined) {
    if (!ROLE_TOKEN_TYPES.includes(typeName as RoleTokenType)) throw errorResponse(m.invalidTokenType(typeName));
    role.token_type = typeName as RoleTokenType;
  }

  const warnings: string[] = [];
  if (!tokenPeriodSent) {
    const [period, periodSent] = d.getOk<number>('period');
    if (periodSent) role.period = role.token_period = period;
  } else {
    if (sent(d, 'period')) warnings.push(m.bothPeriods);
    role.period = 0;
  }
  if (!tokenCidrsSent) {
    const [legacy, legacySent] = d.getOk<string[]>('bound_cidrs');
    if (legacySent) role.bound_cidrs = role.token_bound_cidrs = parseAddrsOr400(legacy, 'error parsing bound_cidrs: ');
  } else {
    if (sent(d, 'bound_cidrs')) warnings.push(m.bothBoundCidrs);
    role.bound_cidrs = null;
  }
  let finalExplicit = role.token_explicit_max_ttl;
  if (!explicitSent) {
    const [legacy, legacySent] = d.getOk<number>('explicit_max_ttl');
    if (legacySent) role.explicit_max_ttl = role.token_explicit_max_ttl = legacy;
    finalExplicit = role.explicit_max_ttl;
  } else {
    if (sent(d, 'explicit_max_ttl')) warnings.push(m.bothExplicitMaxTtls);
    role.explicit_max_ttl = 0;
  }
  if (finalExplicit !== 0 && req.maxLeaseTtl !== 0 && finalExplicit > req.maxLeaseTtl) {
    warnings.push(m.explicitMaxTtlAboveMount(finalExplicit, req.maxLeaseTtl));
  }
  if (role.token_type === 'batch') {
    if (!role.orphan) throw errorResponse(m.batchNeedsOrphan);
    if (role.period !== 0 || role.token_period !== 0) throw errorResponse(m.batchNotPeriodic);
    if (role.renewable) throw errorResponse(m.batchNotRenewable);
    if (role.explicit_max_ttl !== 0 || role.token_explicit_max_ttl !== 0) throw errorResponse(m.batchNoExplicitMaxTtl);
  }
  const [aliases, aliasesSent] = d.getOk<string[]>('allowed_entity_aliases');
  if (aliasesSent) role.allowed_entity_aliases = removeDuplicates(aliases, true);

  writeRole(core.storage, role);
  return warnings.length > 0 ? { warnings } : undefined;
}

/** tokenStoreRoleRead. */
function readRoleHandler(core: VaultCore, d: FieldData): LogicalResponse | undefined {
  const role = readRole(core.storage, d.get('role_name'));
  if (!role) return undefined;
  const data: Record<string, unknown> = {
    period: role.period,
    token_period: role.token_period,
    explicit_max_ttl: role.explicit_max_ttl,
    token_explicit_max_ttl: role.token_explicit_max_ttl,
    disallowed_policies: role.disallowed_policies,
    allowed_policies: role.allowed_policies,
    disallowed_policies_glob: role.disallowed_policies_glob,
    allowed_policies_glob: role.allowed_policies_glob,
    name: role.name,
    orphan: role.orphan,
    path_suffix: role.path_suffix,
    renewable: role.renewable,
    token_type: role.token_type,
    allowed_entity_aliases: role.allowed_entity_aliases,
    token_no_default_policy: role.token_no_default_policy,
  };
  if (role.token_bound_cidrs && role.token_bound_cidrs.length > 0) data.token_bound_cidrs = role.token_bound_cidrs;
  if (role.bound_cidrs && role.bound_cidrs.length > 0) data.bound_cidrs = role.bound_cidrs;
  if (role.token_num_uses > 0) data.token_num_uses = role.token_num_uses;
  return { data };
}

export function rolePaths(core: VaultCore): PathSpec[] {
  return [
    {
      pattern: 'roles/?',
      operations: { list: () => ({ data: { keys: listRoles(core.storage) } }) },
      help: { synopsis: 'This endpoint lists configured roles.' },
    },
    {
      pattern: `roles/${genericName('role_name')}`,
      fields: roleFields,
      existenceCheck: (_req, d) => readRole(core.storage, d.get('role_name')) !== undefined,
      operations: {
        read: (_req, d) => readRoleHandler(core, d),
        create: (req, d) => writeRoleHandler(core, req, d),
        update: (req, d) => writeRoleHandler(core, req, d),
        delete: (_req, d) => {
          deleteRole(core.storage, d.get('role_name'));
          return undefined;
        },
      },
    },
  ];
}
