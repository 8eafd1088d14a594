// The expiration manager (vault/expiration.go): every lease (secrets and service tokens) is stored
// under sys/expire/id/ and has one timer on the injected Clock, whose heap orders all of them by due
// time. When a timer fires the lease is revoked through its engine (or its token tree); a failed
// revocation is retried with exponential back-off and, after the last attempt, kept as irrevocable.
// The core supplies the routing (LeaseRouting), so this file knows no engine.
import type { Clock, ClockTimer } from '../clock.js';
import type { Random } from '../random.js';
import type { LogicalResponse } from '../request.js';
import type { Storage } from '../storage.js';
import { deleteLease, LEASE_PREFIX, peekLease, readLease, renewableError, writeLease, type LeaseEntry } from './lease-entry.js';
import { calculateTtl, errorText, isUnrecoverable, leaseMessages as m, revokeFailure, LeaseError } from './messages.js';
import type { IssuingToken, LeaseMetrics, LeaseRouting } from './lease-types.js';
import { goDurationText, hclogLine, type ServerLog } from '../server-log.js';
import { TokenIndex } from './token-index.js';

/** vault/expiration.go maxRevokeAttempts and revokeRetryBase. */
export const MAX_REVOKE_ATTEMPTS = 6;
export const REVOKE_RETRY_BASE_MS = 10_000;
/** How often irrevocable leases are tried again, and how long after expiry (attemptIrrevocableLeasesRevoke). */
const IRREVOCABLE_SWEEP_MS = 24 * 3600_000;
const IRREVOCABLE_GRACE_MS = 3600_000;
const MAX_IRREVOCABLE_ERROR_LENGTH = 240;

export class LeaseManager {
  /** The expiry (or retry) timer of every lease not yet revoked nor irrevocable. */
  private readonly pending = new Map<string, ClockTimer>();
  /** Failed revocation attempts so far, for leases whose revocation has failed. */
  private readonly attempts = new Map<string, number>();
  private readonly expireBound = (leaseId: string) => this.expire(leaseId);
  /** Leases that fell due while sealed, revoked on unseal. */
  private readonly dueWhileSealed = new Set<string>();
  private readonly irrevocable = new Set<string>();
  private readonly byToken = new TokenIndex();
  private sweepTimer: ClockTimer | undefined;
  metrics: LeaseMetrics | undefined;
  /** Vault's expiration log lines (failed revocations), when the embedder wants them. */
  log: ServerLog | undefined;

  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly routing: LeaseRouting,
  ) {
    this.armSweep();
  }

  /** Leases with a pending expiry (vault.expire.num_leases) and irrevocable ones. */
  counts(): { leases: number; irrevocable: number } {
    return { leases: this.pending.size, irrevocable: this.irrevocable.size };
  }

  /** Register: a new secret lease for a response carrying `secret`; returns the id and the TTL left. */
  registerSecret(input: { path: string; token: IssuingToken; response: LogicalResponse; nowMs: number }): { leaseId: string; ttl: number; warnings: string[] } {
    const started = this.clock.now();
    const secret = input.response.secret!;
    const ttls = this.routing.mountTtls(input.path);
    if (!ttls) throw new LeaseError(m.noMount);
    const { ttl, warnings } = calculateTtl({
      increment: 0,
      backendTtl: secret.ttl,
      period: 0,
      backendMaxTtl: secret.maxTtl,
      explicitMaxTtl: 0,
      nowMs: input.nowMs,
      mountDefaultTtl: ttls.defaultLeaseTtl,
      mountMaxTtl: ttls.maxLeaseTtl,
    });
    const leaseId = `${input.path.replace(/\/+$/, '')}/${this.random.base62(24)}`;
    let expire = input.nowMs + ttl * 1000;
    if (input.token.type === 'batch' && input.token.expireMs !== undefined && expire > input.token.expireMs) expire = input.token.expireMs;
    const entry: LeaseEntry = {
      lease_id: leaseId,
      client_token: input.token.id,
      client_token_type: input.token.type,
      path: input.path,
      data: input.response.data ?? null,
      secret: { ttl, max_ttl: secret.maxTtl, renewable: secret.renewable, internal_data: { ...secret.internal, secret_type: secret.type } },
      issue_time: input.nowMs,
      expire_time: expire,
      last_renewal_time: 0,
    };
    writeLease(this.storage, entry);
    const indexToken = input.token.type === 'batch' ? input.token.parent : input.token.id;
    if (indexToken) this.byToken.add(indexToken, leaseId);
    this.schedule(entry);
    this.metrics?.measureSince(['expire', 'register'], started);
    return { leaseId, ttl: Math.round((expire - input.nowMs) / 1000), warnings };
  }

  /** A token lease written by the token store: (re)schedule its expiry. */
  tokenLeaseSaved(entry: LeaseEntry): void {
    if (entry.expire_time === 0) return this.unschedule(entry.lease_id);
    this.schedule(entry);
  }

  /**
   * The first lease of a newly generated token: its id is new, so no timer is looked up to cancel (a
   * lookup in a map of every pending lease, about 1 µs of a login's 70 on a large server).
   */
  tokenLeaseIssued(entry: LeaseEntry): void {
    if (entry.expire_time === 0) return;
    this.pending.set(entry.lease_id, this.clock.schedule(entry.expire_time, this.expireBound, entry.lease_id));
  }

  /** A token lease deleted by the token store (the token was revoked). */
  tokenLeaseDeleted(leaseId: string): void {
    this.unschedule(leaseId);
    this.irrevocable.delete(leaseId);
  }

  /** FetchLeaseTimes as sys/leases/lookup shows them; undefined for an unknown lease. */
  lookup(leaseId: string, nowMs: number): Record<string, unknown> | undefined {
    const le = readLease(this.storage, leaseId);
    if (!le) return undefined;
    const renewable = renewableError(le, nowMs) === '';
    return {
      expire_time: le.expire_time === 0 ? null : le.expire_time,
      id: leaseId,
      issue_time: le.issue_time,
      last_renewal: le.last_renewal_time === 0 ? null : le.last_renewal_time,
      renewable,
      ttl: le.expire_time === 0 ? 0 : Math.trunc((le.expire_time - Math.round(nowMs / 1000) * 1000) / 1000),
    };
  }

  /** Renew (sys/leases/renew): the engine's renewal, then CalculateTTL from the original issue time. */
  async renew(leaseId: string, increment: number, nowMs: number): Promise<LogicalResponse> {
    const started = this.clock.now();
    try {
      const le = readLease(this.storage, leaseId);
      const notRenewable = renewableError(le, nowMs);
      if (notRenewable) throw new LeaseError(notRenewable);
      if (!le!.secret) throw new LeaseError(le!.auth ? m.tokensNotHere : m.notASecret, 400, true);
      const entry = le!;
      let resp: LogicalResponse | undefined;
      try {
        resp = await this.routing.renewSecret(entry, increment, nowMs);
      } catch (err) {
        throw new LeaseError(revokeFailure('renew', err));
      }
      if (!resp?.secret) return resp ?? {};
      const ttls = this.routing.mountTtls(entry.path);
      if (!ttls) throw new LeaseError(m.noMount);
      const { ttl, warnings } = calculateTtl({
        increment,
        backendTtl: resp.secret.ttl,
        period: 0,
        backendMaxTtl: resp.secret.maxTtl,
        explicitMaxTtl: 0,
        startMs: entry.issue_time,
        nowMs,
        mountDefaultTtl: ttls.defaultLeaseTtl,
        mountMaxTtl: ttls.maxLeaseTtl,
      });
      const renewed: LeaseEntry = {
        ...entry,
        data: resp.data ?? null,
        secret: { ...entry.secret!, ttl, max_ttl: resp.secret.maxTtl, renewable: resp.secret.renewable, internal_data: { ...resp.secret.internal, secret_type: resp.secret.type } },
        expire_time: nowMs + ttl * 1000,
        last_renewal_time: nowMs,
      };
      let leaseDuration = ttl;
      if (entry.client_token_type === 'batch') {
        // A batch token's leases never outlive it (the renewal is capped at the token's expiry).
        const tokenLease = this.routing.batchTokenExpiry(entry.client_token);
        if (tokenLease === undefined) throw new LeaseError(m.noValidToken);
        if (renewed.expire_time > tokenLease) {
          leaseDuration = Math.round((tokenLease - nowMs) / 1000);
          renewed.expire_time = tokenLease;
        }
      }
      writeLease(this.storage, renewed);
      this.schedule(renewed);
      return {
        data: resp.data ?? null,
        leaseId,
        renewable: resp.secret.renewable,
        leaseDuration,
        warnings: [...(resp.warnings ?? []), ...warnings],
      };
    } finally {
      this.metrics?.measureSince(['expire', 'renew'], started);
    }
  }

  /** Revoke: the engine revokes (errors ignored with `force`), then the lease and its index go. */
  async revoke(leaseId: string, opts: { force?: boolean } = {}): Promise<void> {
    const started = this.clock.now();
    try {
      await this.revokeCommon(leaseId, !!opts.force);
    } finally {
      this.metrics?.measureSince(['expire', 'revoke'], started);
    }
  }

  /** LazyRevoke: the lease expires now and its timer revokes it (asynchronously, like Vault). */
  lazyRevoke(leaseId: string, nowMs: number): void {
    const le = readLease(this.storage, leaseId);
    if (!le) return;
    const expired = { ...le, expire_time: nowMs };
    writeLease(this.storage, expired);
    if (le.revoke_err) return;
    this.schedule(expired);
  }

  /** RevokePrefix / RevokeForce: one lease when the prefix is an id, otherwise every lease below it. */
  async revokePrefix(prefix: string, opts: { force: boolean; sync: boolean }, nowMs: number): Promise<void> {
    const started = this.clock.now();
    try {
      if (!prefix.endsWith('/')) {
        if (readLease(this.storage, prefix)) {
          if (!opts.sync) return this.lazyRevoke(prefix, nowMs);
          try {
            return await this.revokeCommon(prefix, opts.force);
          } catch (err) {
            throw new LeaseError(`failed to revoke ${JSON.stringify(prefix)}: ${errorText(err)}`);
          }
        }
        prefix += '/';
      }
      const ids = this.collect(prefix);
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        if (!opts.sync) {
          this.lazyRevoke(id, nowMs);
          continue;
        }
        try {
          await this.revokeCommon(id, opts.force);
        } catch (err) {
          throw new LeaseError(`failed to revoke ${JSON.stringify(id)} (${i + 1} / ${ids.length}): ${errorText(err)}`);
        }
      }
    } finally {
      this.metrics?.measureSince(['expire', opts.force ? 'revoke-force' : 'revoke-prefix'], started);
    }
  }

  /** RevokeByToken: the token's secret leases expire now (revoked by their timers). */
  revokeByToken(tokenId: string, nowMs: number): void {
    for (const id of this.byToken.leasesOf(tokenId)) this.lazyRevoke(id, nowMs);
  }

  /** LIST sys/leases/lookup/<prefix>: the lease tree's immediate children. */
  list(prefix: string): string[] {
    return this.storage.list(LEASE_PREFIX + prefix);
  }

  /** Tidy: leases whose token is gone are revoked (backend errors ignored), as Vault's Tidy does. */
  async tidy(): Promise<void> {
    for (const id of this.collect('')) {
      const le = readLease(this.storage, id);
      if (!le || le.auth) continue;
      if (le.client_token && this.routing.tokenExists(le.client_token)) continue;
      await this.revokeCommon(id, true).catch(() => undefined);
    }
  }

  /** sys/leases/count?type=irrevocable. */
  irrevocableCounts(): { lease_count: number; counts: Record<string, number> } {
    const counts: Record<string, number> = {};
    for (const id of this.irrevocable) {
      const accessor = this.routing.mountAccessor(id);
      counts[accessor] = (counts[accessor] ?? 0) + 1;
    }
    return { lease_count: this.irrevocable.size, counts };
  }

  /** sys/leases?type=irrevocable: by expiry, then id; at most `limit` unless all are asked for. */
  irrevocableLeases(limit: number | undefined): { leases: { lease_id: string; mount_id: string; error: string }[]; truncated: boolean } {
    const rows = [...this.irrevocable]
      .map((id) => ({ id, le: readLease(this.storage, id) }))
      .filter((r) => r.le)
      .sort((a, b) => a.le!.expire_time - b.le!.expire_time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const truncated = limit !== undefined && rows.length > limit;
    const kept = truncated ? rows.slice(0, limit) : rows;
    return { leases: kept.map((r) => ({ lease_id: r.id, mount_id: this.routing.mountAccessor(r.id), error: r.le!.revoke_err ?? '' })), truncated };
  }

  /** After unseal (Vault restores its leases then): everything that fell due meanwhile is revoked now. */
  resume(): void {
    const now = this.clock.now();
    for (const id of this.dueWhileSealed) {
      if (this.pending.has(id)) this.pending.set(id, this.clock.schedule(now, this.expireBound, id));
    }
    this.dueWhileSealed.clear();
  }

  stop(): void {
    for (const timer of this.pending.values()) timer.cancel();
    this.pending.clear();
    this.sweepTimer?.cancel();
  }

  /** revokeCommon: engine (or token tree) first; on success the lease, its index and its timer go. */
  private async revokeCommon(leaseId: string, force: boolean): Promise<void> {
    const le = peekLease(this.storage, leaseId);
    if (!le) return;
    try {
      if (le.auth) {
        if (le.client_token_type === 'batch') throw new LeaseError(m.batchNotRevocable);
        this.routing.revokeTokenTree(le.client_token);
      } else if (le.secret) {
        try {
          await this.routing.revokeSecret(le);
        } catch (err) {
          throw new LeaseError(revokeFailure('revoke', err), 400, isUnrecoverable(err));
        }
      }
    } catch (err) {
      if (!force) throw err;
    }
    deleteLease(this.storage, leaseId);
    const indexToken = le.client_token_type === 'batch' ? undefined : le.client_token;
    if (indexToken) this.byToken.remove(indexToken, leaseId);
    else this.byToken.removeEverywhere(leaseId);
    this.unschedule(leaseId);
    this.irrevocable.delete(leaseId);
  }

  /** The timer of a lease: one per lease, at its expiry. */
  private schedule(entry: LeaseEntry): void {
    this.pending.get(entry.lease_id)?.cancel();
    this.pending.set(entry.lease_id, this.clock.schedule(entry.expire_time, this.expireBound, entry.lease_id));
  }

  private unschedule(leaseId: string): void {
    this.pending.get(leaseId)?.cancel();
    this.pending.delete(leaseId);
    this.attempts.delete(leaseId);
  }

  /** A lease's timer fired: revoke it, or retry with back-off, or give up and keep it as irrevocable. */
  private async expire(leaseId: string): Promise<void> {
    if (!this.pending.has(leaseId)) return;
    if (this.routing.isSealed()) {
      this.dueWhileSealed.add(leaseId);
      return;
    }
    this.metrics?.incrCounter(['expire', 'lease_expiration'], 1);
    try {
      await this.revoke(leaseId);
    } catch (err) {
      this.metrics?.incrCounter(['expire', 'lease_expiration', 'error'], 1);
      const attempts = (this.attempts.get(leaseId) ?? 0) + 1;
      this.attempts.set(leaseId, attempts);
      const unrecoverable = err instanceof LeaseError && err.unrecoverable;
      if (attempts >= MAX_REVOKE_ATTEMPTS || unrecoverable) {
        const text = attempts >= MAX_REVOKE_ATTEMPTS ? `${m.outOfRetries}: ${errorText(err)}` : errorText(err);
        this.markIrrevocable(leaseId, text);
        return;
      }
      // Exponential back-off, ±50 % (revokeExponentialBackoff), drawn from the seedable source.
      const base = 2 ** attempts * REVOKE_RETRY_BASE_MS;
      const delay = base / 2 + (this.random.int(1_000_000) / 1_000_000) * base;
      this.pending.set(leaseId, this.clock.schedule(this.clock.now() + delay, this.expireBound, leaseId));
      this.log?.(
        hclogLine(this.clock.now(), 'ERROR', 'expiration', 'failed to revoke lease', [
          ['lease_id', leaseId],
          ['error', errorText(err)],
          ['attempts', attempts],
          ['next_attempt', goDurationText(delay)],
        ]),
      );
    }
  }

  private markIrrevocable(leaseId: string, error: string): void {
    const le = readLease(this.storage, leaseId);
    if (!le || le.revoke_err) return;
    writeLease(this.storage, { ...le, revoke_err: (error || 'unknown').slice(0, MAX_IRREVOCABLE_ERROR_LENGTH) });
    this.irrevocable.add(leaseId);
    this.unschedule(leaseId);
  }

  /** Once a day, irrevocable leases expired over an hour ago are tried again. */
  private armSweep(): void {
    this.sweepTimer = this.clock.schedule(this.clock.now() + IRREVOCABLE_SWEEP_MS, async () => {
      const now = this.clock.now();
      for (const id of [...this.irrevocable]) {
        const le = readLease(this.storage, id);
        if (le && le.expire_time + IRREVOCABLE_GRACE_MS < now) await this.revokeCommon(id, false).catch(() => undefined);
      }
      this.armSweep();
    });
  }


  /** Every lease id below a prefix (which ends in '/' or is ''), depth first. */
  private collect(prefix: string): string[] {
    const out: string[] = [];
    const walk = (p: string) => {
      for (const key of this.storage.list(LEASE_PREFIX + p)) {
        if (key.endsWith('/')) walk(p + key);
        else out.push(p + key);
      }
    };
    walk(prefix);
    return out;
  }
}
