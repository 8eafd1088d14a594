// AppRole's use of sdk/helper/tokenutil: ParseTokenFields, PopulateTokenData, and UpgradeValue for the
// legacy `policies` and `period` (the fields themselves are declared in src/framework/token-fields.ts).
import { errorResponse } from '../../core/errors.js';
import type { FieldData } from '../../framework/field-data.js';
import { parseAddrsOr400 } from '../../core/token/bound-cidrs.js';
import { sanitizePolicies } from '../../core/token/policies.js';
import { approleMessages as m } from './messages.js';
import type { RoleEntry } from './records.js';

/** policyutil.ParsePolicies: SanitizePolicies without adding `default`. */
export function parsePolicies(list: string[]): string[] {
  return sanitizePolicies(list, false);
}

/** ParseTokenFields: updates the role from the token_* values sent; errors are 400s. */
export function parseTokenFields(role: RoleEntry, d: FieldData, tokenType: string | undefined): void {
  const [cidrs, cidrsSent] = d.getOk<string[]>('token_bound_cidrs');
  if (cidrsSent) role.token_bound_cidrs = parseAddrsOr400(cidrs, '');
  const set = (field: 'token_explicit_max_ttl' | 'token_max_ttl' | 'token_period' | 'token_ttl' | 'token_num_uses') => {
    const [v, sent] = d.getOk<number>(field);
    if (sent) role[field] = v;
  };
  set('token_explicit_max_ttl');
  set('token_max_ttl');
  if (role.token_max_ttl < 0) throw errorResponse(m.tokenMaxTtlNegative);
  const [noDefault, noDefaultSent] = d.getOk<boolean>('token_no_default_policy');
  if (noDefaultSent) role.token_no_default_policy = noDefault;
  set('token_period');
  const [policies, policiesSent] = d.getOk<string[]>('token_policies');
  if (policiesSent) role.token_policies = policies;
  if (tokenType !== undefined) {
    if (tokenType === '' || tokenType === 'default') role.token_type = 'default';
    else if (tokenType === 'service' || tokenType === 'batch') role.token_type = tokenType;
    else throw errorResponse(m.invalidTokenType(tokenType));
  }
  set('token_num_uses');
  if (role.token_num_uses < 0) throw errorResponse(m.tokenNumUsesNegative);
  if (role.token_type === 'batch') {
    if (role.token_period !== 0) throw errorResponse(m.batchPeriodic);
    if (role.token_num_uses !== 0) throw errorResponse(m.batchNumUses);
  }
  set('token_ttl');
  if (role.token_ttl > 0 && role.token_max_ttl > 0 && role.token_ttl > role.token_max_ttl) throw errorResponse(m.tokenTtlAboveMaxTtl);
}

/** UpgradeValue for `policies` → `token_policies` and `period` → `token_period`. */
export function upgradeLegacyFields(role: RoleEntry, d: FieldData): void {
  if (!d.has('token_policies')) {
    if (d.has('policies')) {
      role.policies = parsePolicies(d.get<string[]>('policies'));
      role.token_policies = role.policies;
    }
  } else role.policies = d.has('policies') ? role.token_policies : null;
  if (!d.has('token_period')) {
    if (d.has('period')) {
      role.period = d.get<number>('period');
      role.token_period = role.period;
    }
  } else role.period = d.has('period') ? role.token_period : 0;
}

/** PopulateTokenData. */
export function tokenData(role: RoleEntry): Record<string, unknown> {
  return {
    token_bound_cidrs: role.token_bound_cidrs && role.token_bound_cidrs.length > 0 ? role.token_bound_cidrs : [],
    token_explicit_max_ttl: role.token_explicit_max_ttl,
    token_max_ttl: role.token_max_ttl,
    token_no_default_policy: role.token_no_default_policy,
    token_period: role.token_period,
    token_policies: role.token_policies && role.token_policies.length > 0 ? role.token_policies : [],
    token_type: role.token_type,
    token_ttl: role.token_ttl,
    token_num_uses: role.token_num_uses,
  };
}
