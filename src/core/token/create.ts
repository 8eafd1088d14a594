// auth/token/create, create-orphan and create/:role_name (vault/token_store.go handleCreateCommon,
// then the auth handling of vault/request_handling.go handleRequest and expiration.go RegisterAuth).
import { errorResponse } from '../errors.js';
import { ttlBucket } from '../metrics/core-gauges.js';
import type { MetricKey, VaultMetrics } from '../metrics/metrics.js';
import type { LogicalResponse } from '../request.js';
import type { NewToken, TokenEntry, TokenType } from '../token-store.js';
import type { VaultCore } from '../vault-core.js';
import type { FieldData } from '../../framework/field-data.js';
import type { EngineRequest } from '../../framework/path.js';
import { DurationError, parseDurationSeconds } from '../../framework/duration.js';
import { authInfo } from './auth-info.js';
import { tokenMessages as m } from './messages.js';
import { containsGlob, isSubset, removeDuplicates, sanitizePolicies } from './policies.js';
import type { TokenRole } from './roles.js';
import type { LeaseAuth } from './token-lease.js';
import { calculateTtl } from './ttl.js';

/** vault/policy_store.go nonAssignablePolicies. */
const NON_ASSIGNABLE = ['response-wrapping', 'control-group'];

/** parseutil.ParseDurationSecond on a string field; its error text becomes a 400. */
function parseDuration(raw: string): number {
  try {
    return parseDurationSeconds(raw);
  } catch (e) {
    throw errorResponse(e instanceof DurationError ? e.message : String(e));
  }
}

function parsesAsDuration(raw: string): number | undefined {
  try {
    return parseDurationSeconds(raw);
  } catch {
    return undefined;
  }
}

/** The token type a request asks for, after the role's say (handleCreateCommon's first switch). */
function requestedType(d: FieldData, role: TokenRole | undefined): string {
  let type = d.get<string>('type');
  if (!role) return type;
  switch (role.token_type) {
    case 'default':
    case 'default-service':
      return type;
    case 'default-batch':
      return type === '' ? 'batch' : type;
    case 'service':
    case 'batch':
      type = role.token_type;
      return type;
  }
}

/** The final policy list (the policy switch of handleCreateCommon). */
function childPolicies(d: FieldData, parent: TokenEntry, role: TokenRole | undefined, isSudo: boolean): string[] {
  let policies = d.get<string[]>('policies');
  const noDefault = d.get<boolean>('no_default_policy');
  let addDefault = false;
  if (
    role &&
    (role.allowed_policies.length > 0 || role.disallowed_policies.length > 0 || role.allowed_policies_glob.length > 0 || role.disallowed_policies_glob.length > 0)
  ) {
    const localAddDefault =
      !noDefault &&
      !role.token_no_default_policy &&
      !role.disallowed_policies.includes('default') &&
      !containsGlob(role.disallowed_policies_glob, 'default');
    let final: string[] = policies.length > 0 ? sanitizePolicies(policies, localAddDefault) : [];
    if (role.allowed_policies.length > 0 || role.allowed_policies_glob.length > 0) {
      const allowed = sanitizePolicies(role.allowed_policies, localAddDefault);
      if (final.length === 0) final = allowed;
      else {
        const globs = sanitizePolicies(role.allowed_policies_glob, false);
        for (const p of final) {
          if (!allowed.includes(p) && !containsGlob(globs, p)) throw errorResponse(m.notSubsetOfRole(final, allowed, globs));
        }
      }
    } else if (final.length === 0) {
      final = sanitizePolicies(parent.policies, localAddDefault);
    }
    if (role.disallowed_policies.length > 0 || role.disallowed_policies_glob.length > 0) {
      const disallowed = removeDuplicates(role.disallowed_policies, true);
      const disallowedGlobs = removeDuplicates(role.disallowed_policies_glob, true);
      for (const p of final) {
        if (disallowed.includes(p) || containsGlob(disallowedGlobs, p)) throw errorResponse(m.disallowedByRole(p));
      }
    }
    policies = final;
  } else if (policies.length === 0) {
    policies = sanitizePolicies(parent.policies, false);
  } else if (!isSudo) {
    if (!isSubset(sanitizePolicies(parent.policies, false), sanitizePolicies(policies, false))) throw errorResponse(m.notSubsetOfParent);
    if (!noDefault && parent.policies.includes('default')) addDefault = true;
  } else {
    addDefault = !noDefault;
  }
  let out = sanitizePolicies(policies, addDefault);
  if (noDefault) out = out.filter((p) => p !== 'default');
  return out;
}

/**
 * The entity an alias on the token mount stands for (identity CreateOrFetchEntity): one id per alias
 * name, made on first use. The identity store proper (entities with policies) is not emulated.
 */
export function entityForAlias(core: VaultCore, alias: string, mountAccessor: string): string {
  const key = `sys/token/entity-aliases/${mountAccessor}/${encodeURIComponent(alias)}`;
  let id = core.storage.peek<string>(key) as string | undefined;
  if (!id) {
    id = core.random.uuid();
    core.storage.put(key, id);
  }
  return id;
}

export function createToken(core: VaultCore, req: EngineRequest, d: FieldData, orphan: boolean, role?: TokenRole): LogicalResponse {
  const parent = core.tokens.lookup(req.clientToken, req.now);
  if (!parent) throw errorResponse(m.noParent);
  if (parent.type === 'batch') throw errorResponse(m.batchCannotCreate);
  if (parent.num_uses > 0) throw errorResponse(m.restrictedUseParent);
  const isSudo = core.hasSudo(parent, req.mountPoint + req.relPath);

  let renewable = d.get<boolean>('renewable');
  const explicitMaxTtlRaw = d.get<string>('explicit_max_ttl');
  const numUses = d.get<number>('num_uses');
  const periodRaw = d.get<string>('period');
  let type: TokenType = 'service';
  const typeName = requestedType(d, role);
  if (typeName === 'batch') {
    // A Go switch: only the first present parameter is examined.
    let bad = '';
    if (explicitMaxTtlRaw !== '') {
      const dur = parsesAsDuration(explicitMaxTtlRaw);
      if (dur === undefined) throw errorResponse(m.explicitMaxTtlUnparsable);
      if (dur !== 0) bad = 'explicit_max_ttl';
    } else if (numUses !== 0) bad = 'num_uses';
    else if (periodRaw !== '') {
      const dur = parsesAsDuration(periodRaw);
      if (dur === undefined) throw errorResponse(m.periodUnparsable);
      if (dur !== 0) bad = 'period';
    }
    if (bad) throw errorResponse(m.batchCannotHave(bad));
    type = 'batch';
    renewable = false;
  } else if (typeName !== '' && typeName !== 'service') {
    throw errorResponse(m.invalidTokenType);
  }
  if (numUses < 0) throw errorResponse(m.negativeNumUses);

  let explicitEntityId = '';
  const entityAlias = d.get<string>('entity_alias');
  if (entityAlias !== '') {
    if (!role) throw errorResponse(m.entityAliasNeedsRole);
    const alias = entityAlias.toLowerCase();
    const allowed = role.allowed_entity_aliases ?? [];
    if (!allowed.includes(alias) && !containsGlob(allowed, alias)) throw errorResponse(m.invalidEntityAlias);
    explicitEntityId = entityForAlias(core, alias, req.mountAccessor);
  }

  const [metaValue, metaSent] = d.getOk<Record<string, string>>('meta');
  const te: NewToken = {
    parent: parent.id,
    policies: [],
    path: `auth/token/${req.relPath}`,
    meta: metaSent && d.raw.meta !== null ? metaValue : null,
    display_name: 'token',
    num_uses: numUses,
    creation_time: Math.floor(req.now / 1000),
    ttl: 0,
    explicit_max_ttl: 0,
    period: 0,
    role: '',
    entity_id: '',
    type,
  };
  if (role) {
    te.role = role.name;
    if (renewable && !role.renewable) renewable = false;
    if (role.token_num_uses !== 0 && (te.num_uses === 0 || role.token_num_uses < te.num_uses)) te.num_uses = role.token_num_uses;
    if (role.path_suffix !== '') te.path = `${te.path}/${role.path_suffix}`;
  }
  const displayName = d.get<string>('display_name');
  if (displayName !== '') te.display_name = `token-${displayName}`.replace(/[^a-zA-Z0-9-]/gu, '-').replace(/-$/, '');
  const customId = d.get<string>('id');
  if (customId !== '') {
    if (!isSudo) throw errorResponse(m.sudoForId);
    te.id = customId;
  }

  const warnings: string[] = [];
  te.policies = childPolicies(d, parent, role, isSudo);
  for (const p of te.policies) if (NON_ASSIGNABLE.includes(p)) throw errorResponse(m.cannotAssignPolicy(p));
  if (te.policies.includes('root')) {
    if (!parent.policies.includes('root')) throw errorResponse(m.rootNeedsRootParent);
    if (te.type === 'batch') throw errorResponse(m.batchCannotBeRoot);
  }

  if (role) {
    if (role.orphan) te.parent = '';
    if (role.token_bound_cidrs && role.token_bound_cidrs.length > 0) te.bound_cidrs = role.token_bound_cidrs;
  } else if (d.get<boolean>('no_parent')) {
    if (!isSudo) throw errorResponse(m.sudoForOrphan);
    te.parent = '';
  } else if (orphan) {
    te.parent = '';
  }
  if (explicitEntityId !== '') te.entity_id = explicitEntityId;
  else if (te.parent !== '') {
    te.entity_id = parent.entity_id;
    // A child made without a role keeps its parent's CIDRs (the store drops them for a TTL of 0).
    if (!role && parent.bound_cidrs) te.bound_cidrs = [...parent.bound_cidrs];
  }

  let explicitMaxTtl = 0;
  if (explicitMaxTtlRaw !== '') {
    const dur = parseDuration(explicitMaxTtlRaw);
    if (dur < 0) throw errorResponse(m.explicitMaxTtlPositive);
    te.explicit_max_ttl = dur;
    explicitMaxTtl = dur;
  }
  let period = 0;
  if (periodRaw !== '') {
    const dur = parseDuration(periodRaw);
    if (dur < 0) throw errorResponse(m.periodPositive);
    if (dur > 0) {
      if (!isSudo) throw errorResponse(m.sudoForPeriod);
      te.period = dur;
      period = dur;
    }
  }
  const ttlRaw = d.get<string>('ttl');
  const leaseRaw = d.get<string>('lease');
  if (ttlRaw !== '') {
    te.ttl = parseDuration(ttlRaw);
    if (te.ttl < 0) throw errorResponse(m.ttlPositive);
  } else if (leaseRaw !== '') {
    te.ttl = parseDuration(leaseRaw);
    if (te.ttl < 0) throw errorResponse(m.leasePositive);
  }

  if (role && te.type !== 'batch') {
    if (role.token_explicit_max_ttl !== 0) {
      if (explicitMaxTtl === 0) explicitMaxTtl = role.token_explicit_max_ttl;
      else {
        explicitMaxTtl = Math.min(explicitMaxTtl, role.token_explicit_max_ttl);
        warnings.push(m.lesserExplicitMaxTtl(explicitMaxTtl));
      }
    }
    if (role.token_period !== 0) {
      if (period === 0) period = role.token_period;
      else {
        period = Math.min(period, role.token_period);
        warnings.push(m.lesserPeriod(period));
      }
    }
  }

  const isRootPolicy = te.policies.includes('root');
  if (period > 0 || te.ttl > 0 || !isRootPolicy) {
    const calc = calculateTtl({
      increment: 0,
      backendTtl: te.ttl,
      period,
      backendMaxTtl: req.maxLeaseTtl,
      explicitMaxTtl,
      startMs: te.creation_time * 1000,
      nowMs: req.now,
      mountDefaultTtl: req.defaultLeaseTtl,
      mountMaxTtl: req.maxLeaseTtl,
    });
    warnings.push(...calc.warnings);
    te.ttl = calc.ttl;
  }
  if (te.ttl === 0 && explicitMaxTtl > 0) te.ttl = explicitMaxTtl;
  if (te.ttl === 0) {
    if (parent.ttl !== 0) throw errorResponse(m.expiringRootParent);
    renewable = false;
  }
  if (te.id) warnings.push(m.customIdWarning);

  const createStart = core.clock.now();
  if (te.policies.length === 1 && te.policies[0] === 'root') core.metrics.incrCounter(['token', 'create_root'], 1);
  const created = core.tokens.create(te);
  core.metrics.measureSince(['token', 'create'], createStart);
  const lease: LeaseAuth = {
    ttl: created.ttl,
    renewable,
    policies: created.policies,
    metadata: created.meta,
    accessor: created.accessor,
    entity_id: created.entity_id,
    orphan: created.parent === '',
    num_uses: created.num_uses,
    period,
    explicit_max_ttl: explicitMaxTtl,
  };
  if (created.type === 'service') core.tokens.registerLease(created, lease, req.now);
  for (const p of created.policies) if (!core.policyExists(p)) warnings.push(m.policyMissing(p));
  countTokenCreation(core, 'token', req.mountPoint, created);
  return { auth: authInfo(lease, core.tokens.clientToken(created), created.type), warnings };
}

/** Each label set's metric key, made once: every login counts one creation. */
const creationKeys = new WeakMap<VaultMetrics, Map<string, MetricKey>>();

/** vault.token.creation, as handleCreateCommon and RegisterAuth count a token they made (with the cluster label). */
export function countTokenCreation(core: VaultCore, authMethod: string, mountPoint: string, created: TokenEntry): void {
  const bucket = ttlBucket(created.ttl);
  let keys = creationKeys.get(core.metrics);
  if (!keys) creationKeys.set(core.metrics, (keys = new Map()));
  const id = `${authMethod}\u0000${mountPoint}\u0000${bucket}\u0000${created.type}\u0000${core.clusterName}`;
  let key = keys.get(id);
  if (!key) {
    key = core.metrics.key(
      ['token', 'creation'],
      [
        { name: 'namespace', value: 'root' },
        { name: 'auth_method', value: authMethod },
        { name: 'mount_point', value: mountPoint },
        { name: 'creation_ttl', value: bucket },
        { name: 'token_type', value: created.type },
        { name: 'cluster', value: core.clusterName },
      ],
    );
    if (keys.size >= 1_000) keys.clear();
    keys.set(id, key);
  }
  core.metrics.incrCounterKey(key, 1, core.clock.now());
}
