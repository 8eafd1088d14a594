// A service token's lease entry (vault/expiration.go leaseEntry with its Auth), kept where Vault
// keeps it (sys/expire/id/<token path>/<salted id>). Until the lease manager arrives the token store
// is its only reader and writer; expiry is judged against the request's `now`, so a token whose
// expire_time has passed is treated as already revoked.
import type { Frozen, Storage } from '../storage.js';
import { frozenTokenLease } from './frozen-records.js';

/** The parts of logical.Auth a token lease keeps for renewals and their responses. */
export interface LeaseAuth {
  /** Current TTL in seconds (updated on each renewal, as Vault stores the renewed Auth). */
  ttl: number;
  renewable: boolean;
  policies: string[];
  metadata: Record<string, string> | null;
  accessor: string;
  entity_id: string;
  orphan: boolean;
  /** The use limit at creation (Vault's Auth.NumUses is not decremented). */
  num_uses: number;
  period: number;
  explicit_max_ttl: number;
  /** Login tokens: the method's max TTL (Auth.MaxTTL, seconds) and its internal data, for renewals. */
  max_ttl?: number;
  internal?: Record<string, unknown>;
}

export interface TokenLease {
  lease_id: string;
  /** The token's stored id. */
  client_token: string;
  path: string;
  /** Milliseconds since the epoch; 0 = not set (Go's zero time). */
  issue_time: number;
  expire_time: number;
  last_renewal_time: number;
  auth: LeaseAuth;
}

const LEASE_PREFIX = 'sys/expire/id/';

/**
 * path.Join(te.Path, saltedID). Built with join, which gives V8's flat string: a concatenation would be
 * a tree of three more objects, kept with the lease and its timer for the token's lifetime.
 */
export function tokenLeaseId(tokenPath: string, saltedId: string): string {
  return [tokenPath.replace(/\/+$/, ''), saltedId].join('/');
}

export function readTokenLease(storage: Storage, leaseId: string): TokenLease | undefined {
  return storage.get<TokenLease>(LEASE_PREFIX + leaseId);
}

/** The stored lease itself, frozen (no copy): for readers that never change it. */
export function peekTokenLease(storage: Storage, leaseId: string): Frozen<TokenLease> | undefined {
  return storage.peek<TokenLease>(LEASE_PREFIX + leaseId);
}

export function writeTokenLease(storage: Storage, lease: TokenLease): void {
  storage.putFrozen(LEASE_PREFIX + lease.lease_id, frozenTokenLease(lease));
}

export function deleteTokenLease(storage: Storage, leaseId: string): void {
  storage.delete(LEASE_PREFIX + leaseId);
}

/** Expired means the expiry lies strictly before now (leaseEntry: ExpireTime.Before(time.Now())). */
export function leaseExpired(lease: TokenLease, nowMs: number): boolean {
  return lease.expire_time !== 0 && lease.expire_time < nowMs;
}

/** leaseEntry.renewable(): the error text when it cannot be renewed, undefined when it can. */
export function leaseRenewError(lease: TokenLease, nowMs: number): string | undefined {
  if (lease.expire_time === 0) return 'lease is not renewable';
  if (lease.expire_time < nowMs) return 'lease expired';
  if (!lease.auth.renewable) return 'lease is not renewable';
  return undefined;
}
