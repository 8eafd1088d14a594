// The `auth` block of token create and renew responses, and the data of a lookup, as
// vault/token_store.go and vault/request_handling.go (handleRequest) fill them in.
import { rfc3339Nano } from '../clock.js';
import type { AuthInfo } from '../request.js';
import type { TokenEntry } from '../token-store.js';
import { sanitizePolicies } from './policies.js';
import type { LeaseAuth, TokenLease } from './token-lease.js';
import { leaseRenewError } from './token-lease.js';
import { remainingSeconds } from './ttl.js';

/** handleRequest: `policies` = token ∪ identity policies (no identities here), `token_policies` the token's own. */
export function authInfo(a: LeaseAuth, clientToken: string, tokenType: TokenEntry['type']): AuthInfo {
  const policies = sanitizePolicies(a.policies, false);
  return {
    client_token: clientToken,
    accessor: a.accessor,
    policies,
    token_policies: policies,
    metadata: a.metadata,
    lease_duration: a.ttl,
    renewable: a.renewable,
    entity_id: a.entity_id,
    token_type: tokenType,
    orphan: a.orphan,
    mfa_requirement: null,
    num_uses: a.num_uses,
  };
}

/** handleLookup's data; `id` is filled in by the caller, which knows the string the client sent. */
export function lookupData(entry: TokenEntry, lease: TokenLease | undefined, nowMs: number): Record<string, unknown> {
  const data: Record<string, unknown> = {
    id: entry.id,
    accessor: entry.accessor,
    policies: entry.policies,
    path: entry.path,
    meta: entry.meta,
    display_name: entry.display_name,
    num_uses: entry.num_uses,
    orphan: entry.parent === '',
    creation_time: entry.creation_time,
    creation_ttl: entry.ttl,
    expire_time: null,
    ttl: 0,
    explicit_max_ttl: entry.explicit_max_ttl,
    entity_id: entry.entity_id,
    type: entry.type,
  };
  if (entry.role) data.role = entry.role;
  if (entry.bound_cidrs && entry.bound_cidrs.length > 0) data.bound_cidrs = entry.bound_cidrs;
  if (entry.period !== 0) data.period = entry.period;
  if (lease) {
    if (lease.last_renewal_time !== 0) {
      data.last_renewal_time = Math.floor(lease.last_renewal_time / 1000);
      data.last_renewal = rfc3339Nano(lease.last_renewal_time);
    }
    if (lease.expire_time !== 0) {
      data.expire_time = rfc3339Nano(lease.expire_time);
      data.ttl = remainingSeconds(lease.expire_time, nowMs);
    }
    data.renewable = entry.type !== 'batch' && leaseRenewError(lease, nowMs) === undefined;
    data.issue_time = rfc3339Nano(lease.issue_time);
  }
  return data;
}
