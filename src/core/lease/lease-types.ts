// What the lease manager needs from the core (routing to engines and tokens) and what it reports.
import type { LogicalResponse } from '../request.js';
import type { LeaseEntry } from './lease-entry.js';

/** What the core does for the manager: route to engines and the token store, and give TTL limits. */
export interface LeaseRouting {
  /** logical.RevokeRequest to the engine owning `entry.path`; throws what the engine throws. */
  revokeSecret(entry: LeaseEntry): Promise<void>;
  /** logical.RenewRequest; the engine's response carries the secret's new ttl/max_ttl. */
  renewSecret(entry: LeaseEntry, increment: number, nowMs: number): Promise<LogicalResponse | undefined>;
  /** Revokes a token and its children (an auth lease expired). */
  revokeTokenTree(tokenId: string): void;
  /** A live batch token's expiry (ms); undefined when it is gone. */
  batchTokenExpiry(tokenId: string): number | undefined;
  /** Whether the token a lease was issued to still exists (tidy). */
  tokenExists(tokenId: string): boolean;
  /** The mount's effective TTLs for a lease path (its system view); undefined when nothing is mounted. */
  mountTtls(path: string): { defaultLeaseTtl: number; maxLeaseTtl: number } | undefined;
  /** While sealed the expiration manager is stopped: nothing is revoked until unseal. */
  isSealed(): boolean;
  /** The accessor of the mount owning a lease path ('' when none). */
  mountAccessor(path: string): string;
}

/** The metric calls the manager makes (names as Vault's: expire.revoke, expire.renew, …). */
export interface LeaseMetrics {
  measureSince(key: string[], startMs: number): void;
  incrCounter(key: string[], value: number): void;
}

export interface IssuingToken {
  id: string;
  type: 'service' | 'batch';
  parent: string;
  /** Batch tokens: their expiry (ms), which caps their leases. */
  expireMs?: number;
}
