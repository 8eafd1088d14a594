// TTL arithmetic of sdk/framework/lease.go (CalculateTTL, humanDuration) and the lease times of
// vault/expiration.go (leaseEntry.ttl), on times taken from the injected clock.
import { codedError } from '../errors.js';
import { formatGoDuration } from '../../framework/duration.js';
import { ttlMessages } from './messages.js';

export interface TtlInputs {
  /** Requested increment on renewal (seconds), 0 otherwise. */
  increment: number;
  backendTtl: number;
  period: number;
  backendMaxTtl: number;
  explicitMaxTtl: number;
  /** The lease's issue time (ms), or undefined for "now". */
  startMs?: number;
  nowMs: number;
  /** The mount's effective default and max lease TTLs (its system view). */
  mountDefaultTtl: number;
  mountMaxTtl: number;
}

/** humanDuration: Go's Duration.String() without trailing zero units ("768h", "1h30m", "59m30s"). */
export function humanDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  let s = formatGoDuration(seconds);
  if (s.endsWith('m0s')) s = s.slice(0, -2);
  const idx = s.indexOf('h0m');
  if (idx > 0) s = s.slice(0, idx + 1) + s.slice(idx + 3);
  return s;
}

/** CalculateTTL: the TTL in seconds and its warnings; errors are plain errors (500 when returned). */
export function calculateTtl(i: TtlInputs): { ttl: number; warnings: string[] } {
  // Everything is truncated to the second, as Vault does.
  const now = Math.floor(i.nowMs / 1000);
  const start = i.startMs === undefined ? now : Math.floor(i.startMs / 1000);
  let maxTtl = i.mountMaxTtl;
  if (i.backendMaxTtl > 0 && i.backendMaxTtl < maxTtl) maxTtl = i.backendMaxTtl;
  if (i.explicitMaxTtl > 0 && i.explicitMaxTtl < maxTtl) maxTtl = i.explicitMaxTtl;
  if (maxTtl <= 0) throw codedError(500, ttlMessages.maxTtlNotPositive);

  const warnings: string[] = [];
  let ttl: number;
  let maxValidTime: number | undefined;
  if (i.period > 0) {
    let period = i.period;
    if (period > maxTtl) {
      warnings.push(ttlMessages.periodCapped(humanDuration(period), humanDuration(maxTtl)));
      period = maxTtl;
    }
    ttl = period;
    if (i.explicitMaxTtl > 0) maxValidTime = start + i.explicitMaxTtl;
  } else {
    ttl = i.increment > 0 ? i.increment : i.backendTtl > 0 ? i.backendTtl : i.mountDefaultTtl;
    maxValidTime = start + maxTtl;
  }
  if (maxValidTime !== undefined) {
    const maxValidTtl = maxValidTime - now;
    if (maxValidTtl <= 0) throw codedError(500, ttlMessages.pastMaxTtl);
    if (maxValidTtl - ttl < 0) {
      warnings.push(ttlMessages.ttlCapped(humanDuration(ttl), humanDuration(maxValidTtl)));
      ttl = maxValidTtl;
    }
  }
  return { ttl, warnings };
}

/** leaseEntry.ttl(): whole seconds from `now` rounded to the second until the expiry, truncated. */
export function remainingSeconds(expireMs: number, nowMs: number): number {
  const roundedNow = Math.round(nowMs / 1000) * 1000;
  return Math.trunc((expireMs - roundedNow) / 1000);
}
