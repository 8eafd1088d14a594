// ACL policy text (HCL1, or HCL1's JSON dialect) → Policy, with Vault's checks and error texts
// (vault/policy.go ParseACLPolicy / parsePaths over hashicorp/hcl v1). Every failure is a
// PolicyParseError whose message starts `failed to parse policy: `.
import { HclSyntaxError, filterItems, invalidKeys, parseHcl, type HclItem } from '../../hcl/index.js';
import { DurationError, parseDurationSeconds } from '../../framework/duration.js';
import { multierror } from '../errors.js';
import { decodePathBody, decodeTopLevelName, type DecodedRule } from './rule-fields.js';
import { HclDecodeError } from './hcl-decode.js';
import { CAP, emptyPermissions, isCapability, HclNumber, type ParameterValue, type PathRule, type Policy } from './model.js';
import { policyParseMessages as m } from './messages.js';

export class PolicyParseError extends Error {}

const TOP_LEVEL_KEYS = ['name', 'path'];
const PATH_KEYS = [
  'comment',
  'policy',
  'capabilities',
  'allowed_parameters',
  'denied_parameters',
  'required_parameters',
  'min_wrapping_ttl',
  'max_wrapping_ttl',
  'mfa_methods',
  'control_group',
  'subscribe_event_types',
];

const LEGACY_POLICIES: Record<string, string[]> = {
  read: ['read', 'list'],
  write: ['create', 'read', 'update', 'delete', 'list'],
  sudo: ['create', 'read', 'update', 'delete', 'list', 'sudo'],
};

/** Thrown inside parsing; turned into PolicyParseError with the `failed to parse policy: ` prefix. */
class Failure extends Error {}

export function parseAclPolicy(raw: string): Policy {
  try {
    return parsePolicy(raw);
  } catch (err) {
    if (err instanceof Failure || err instanceof HclSyntaxError || err instanceof HclDecodeError) {
      throw new PolicyParseError(m.prefix + err.message);
    }
    throw err;
  }
}

function parsePolicy(raw: string): Policy {
  const list = parseHcl(raw).body;
  const invalid = invalidKeys(list, TOP_LEVEL_KEYS);
  if (invalid.length > 0) throw new Failure(multierror(invalid));
  // The top-level `name` is decoded (and may fail to decode) but never used: the URL names the policy.
  decodeTopLevelName(list);
  const policy: Policy = { name: '', raw, templated: false, paths: [] };
  for (const item of filterItems(list, 'path').items) {
    const rule = parsePath(item);
    if (rule.templated) policy.templated = true;
    policy.paths.push(rule);
  }
  return policy;
}

/** identitytpl.PopulateString with ValidityCheckOnly: whether `{{…}}` directives are present, balanced. */
export function hasTemplating(s: string): boolean {
  if (s === '') return false;
  const parts = s.split('{{');
  if (parts[0]!.includes('}}')) throw new Failure(m.templating(m.unbalancedTemplating));
  if (parts.length === 1) return false;
  for (const part of parts.slice(1)) {
    if (part.split('}}').length !== 2) throw new Failure(m.templating(m.unbalancedTemplating));
  }
  return true;
}

function parsePath(item: HclItem): PathRule {
  const key = item.keys[0]?.value ?? 'path';
  const templated = hasTemplating(key);
  const prefixed = (message: string) => new Failure(`${m.pathPrefix(key)} ${message}`);

  const body = item.val;
  if (!body || (body.kind !== 'object' && body.kind !== 'list-of-items')) {
    const goType = body?.kind === 'list' ? '*ast.ListType' : '*ast.LiteralType';
    throw prefixed(m.uncheckableKeys(goType));
  }
  const list = body.kind === 'object' ? body.body : body;
  const invalid = invalidKeys(list, PATH_KEYS);
  if (invalid.length > 0) throw new Failure(multierror(invalid.map((msg) => `${m.pathPrefix(key)} ${msg}`)));

  let fields: DecodedRule;
  try {
    fields = decodePathBody(list);
  } catch (err) {
    if (err instanceof HclDecodeError) throw prefixed(err.message);
    throw err;
  }

  let path = key.startsWith('/') ? key.slice(1) : key;
  if (path.includes('+*')) throw new Failure(m.invalidWildcards(path));
  const hasSegmentWildcards = path === '+' || path.includes('/+') || path.startsWith('+/');
  let isPrefix = false;
  if (path.endsWith('*') && !hasSegmentWildcards) {
    path = path.slice(0, -1);
    isPrefix = true;
  }

  let capabilities = fields.capabilities;
  if (fields.policy.length > 0) {
    if (fields.policy === 'deny') capabilities = ['deny'];
    else if (LEGACY_POLICIES[fields.policy]) capabilities = [...capabilities, ...LEGACY_POLICIES[fields.policy]!];
    else throw new Failure(m.invalidLegacyPolicy(key, fields.policy));
  }

  const rule: PathRule = { path, isPrefix, hasSegmentWildcards, capabilities, templated, permissions: emptyPermissions() };
  const perms = rule.permissions;
  for (const cap of capabilities) {
    // A deny anywhere ends the rule: nothing else in it is read (vault/policy.go goto PathFinished).
    if (cap === 'deny') {
      rule.capabilities = ['deny'];
      perms.capabilities = CAP.deny;
      return rule;
    }
    if (!isCapability(cap)) throw new Failure(m.invalidCapability(key, cap));
    perms.capabilities |= CAP[cap];
  }

  if (fields.allowedParameters) perms.allowedParameters = lowerCasedKeys(fields.allowedParameters);
  if (fields.deniedParameters) perms.deniedParameters = lowerCasedKeys(fields.deniedParameters);
  if (fields.minWrappingTtl !== undefined) perms.minWrappingTtl = wrappingTtl(fields.minWrappingTtl, m.minWrappingTtl);
  if (fields.maxWrappingTtl !== undefined) perms.maxWrappingTtl = wrappingTtl(fields.maxWrappingTtl, m.maxWrappingTtl);
  if (fields.controlGroup) checkControlGroup(fields.controlGroup, capabilities);
  if (perms.minWrappingTtl !== 0 && perms.maxWrappingTtl !== 0 && perms.maxWrappingTtl < perms.minWrappingTtl) {
    throw new Failure(m.wrappingTtlOrder);
  }
  if (fields.requiredParameters.length > 0) perms.requiredParameters = [...fields.requiredParameters];
  if (fields.subscribeEventTypes.length > 0) perms.subscribeEventTypes = [...fields.subscribeEventTypes];
  return rule;
}

function lowerCasedKeys(params: Record<string, ParameterValue[]>): Map<string, ParameterValue[]> {
  return new Map(Object.entries(params).map(([k, v]) => [k.toLowerCase(), v]));
}

/** parseutil.ParseDurationSecond over the decoded value, in seconds. */
function wrappingTtl(value: ParameterValue, message: (cause: string) => string): number {
  const input = value instanceof HclNumber ? value.value : typeof value === 'string' ? value : Symbol.for('unparsable');
  try {
    return parseDurationSeconds(input);
  } catch (err) {
    if (err instanceof DurationError) throw new Failure(message(err.message));
    throw err;
  }
}

function checkControlGroup(group: NonNullable<DecodedRule['controlGroup']>, capabilities: string[]): void {
  if (group.ttl !== undefined) wrappingTtl(group.ttl, m.controlGroupTtl);
  const factors = Object.values(group.factors);
  for (const factor of factors) {
    if (!factor.identity) throw new Failure(m.noControlGroupFactor);
    const { approvals, groupIds, groupNames } = factor.identity;
    if (approvals <= 0 || (groupIds.length === 0 && groupNames.length === 0)) throw new Failure(m.controlGroupFactorInvalid);
    if (factor.controlledCapabilities.some((c) => !capabilities.includes(c))) throw new Failure(m.controlGroupSubset);
  }
  if (factors.length === 0) throw new Failure(m.noControlGroupFactors);
}
