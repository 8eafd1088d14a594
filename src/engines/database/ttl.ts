// framework.CalculateTTL (sdk/framework/lease.go) for the engine's own use: the DB-side expiration
// of a credential and the TTL a renewal grants. Seconds throughout.

export interface MountTtls {
  defaultLeaseTtl: number;
  maxLeaseTtl: number;
}

/** CalculateTTL(sys, increment, backendTTL, 0, backendMaxTTL, 0, startTime) — the TTL part. */
export function calculateTtl(mount: MountTtls, increment: number, backendTtl: number, backendMaxTtl: number, startMs: number, nowMs: number): number {
  let maxTtl = mount.maxLeaseTtl;
  if (backendMaxTtl > 0 && backendMaxTtl < maxTtl) maxTtl = backendMaxTtl;
  let ttl = increment > 0 ? increment : backendTtl > 0 ? backendTtl : mount.defaultLeaseTtl;
  // A lease started earlier may not outlive start + max.
  const maxValidMs = startMs + maxTtl * 1000;
  if (nowMs + ttl * 1000 > maxValidMs) ttl = Math.max(0, Math.floor((maxValidMs - nowMs) / 1000));
  return ttl;
}
