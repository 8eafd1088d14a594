// A lease as the expiration manager stores it (vault/expiration.go leaseEntry), under
// sys/expire/id/<lease id>: a secret's lease (Secret + the response Data needed to revoke it) or a
// token's (Auth). Times are milliseconds since the epoch; 0 is Go's zero time ("not set").
import type { Storage } from '../storage.js';
import type { LeaseAuth } from '../token/token-lease.js';

/** logical.Secret as stored: the lease options plus the engine's internal data (with `secret_type`). */
export interface SecretLease {
  /** Seconds, after the core capped it (CalculateTTL). */
  ttl: number;
  /** The engine's max TTL for this secret in seconds (0 = the mount's). */
  max_ttl: number;
  renewable: boolean;
  internal_data: Record<string, unknown>;
}

export interface LeaseEntry {
  lease_id: string;
  /** The issuing token's stored id. */
  client_token: string;
  client_token_type?: 'service' | 'batch';
  /** The request path that created the lease; revoke and renew are routed back to it. */
  path: string;
  /** The response data the secret was issued with (engines read it when revoking). */
  data?: Record<string, unknown> | null;
  secret?: SecretLease;
  auth?: LeaseAuth;
  issue_time: number;
  expire_time: number;
  last_renewal_time: number;
  /** Set once revocation has been given up on (the lease is irrevocable). */
  revoke_err?: string;
}

export const LEASE_PREFIX = 'sys/expire/id/';

export function readLease(storage: Storage, leaseId: string): LeaseEntry | undefined {
  return storage.get<LeaseEntry>(LEASE_PREFIX + leaseId);
}

/** The stored lease, frozen (no copy): for readers that never change it. */
export function peekLease(storage: Storage, leaseId: string): LeaseEntry | undefined {
  return storage.peek<LeaseEntry>(LEASE_PREFIX + leaseId) as LeaseEntry | undefined;
}

export function writeLease(storage: Storage, lease: LeaseEntry): void {
  storage.put(LEASE_PREFIX + lease.lease_id, lease);
}

export function deleteLease(storage: Storage, leaseId: string): void {
  storage.delete(LEASE_PREFIX + leaseId);
}

/** leaseEntry.renewable(): the error text when the lease cannot be renewed, '' when it can, and
 *  `false` for a batch token's lease (not renewable, yet no error). */
export function renewableError(le: LeaseEntry | undefined, nowMs: number): string | false | '' {
  if (!le) return 'lease not found';
  if (le.revoke_err) return 'lease is expired and has failed previous revocation attempts';
  if (le.expire_time === 0) return 'lease is not renewable';
  if (le.client_token_type === 'batch') return false;
  if (le.expire_time < nowMs) return 'lease expired';
  if (le.secret && !le.secret.renewable) return 'lease is not renewable';
  if (le.auth && !le.auth.renewable) return 'lease is not renewable';
  return '';
}
