// Gauges Vault sets periodically, computed here when metrics are read: go-metrics' runtime stats
// (every second in Vault), vault.core.unsealed (vault/core_metrics.go metricsLoop) and the token
// counts of the usage gauge collectors (vault/token_store.go gaugeCollector*, every 10 minutes in Vault).
import type { VaultCore } from '../vault-core.js';
import type { GaugeValue, MetricLabel } from './metrics.js';

/** metricsutil.NamespaceLabel for the root namespace (the only one here). */
const ROOT_NAMESPACE: MetricLabel = { name: 'namespace', value: 'root' };

/** metricsutil bucketBoundaries: the label of the smallest bound a TTL (seconds) does not exceed. */
const TTL_BUCKETS: [number, string][] = [
  [60, '1m'],
  [600, '10m'],
  [1200, '20m'],
  [3600, '1h'],
  [7200, '2h'],
  [86_400, '1d'],
  [172_800, '2d'],
  [604_800, '7d'],
  [2_592_000, '30d'],
];
export const OVERFLOW_BUCKET = '+Inf';

/** metricsutil.TTLBucket. */
export function ttlBucket(ttlSeconds: number): string {
  return TTL_BUCKETS.find(([bound]) => ttlSeconds <= bound)?.[1] ?? OVERFLOW_BUCKET;
}

/** A live token as the expiration manager's WalkTokens sees it: its policies, path and current TTL. */
interface WalkedToken {
  policies: readonly string[];
  path: string;
  ttl: number;
}

/** Tokens with a lease (service tokens; not batch tokens, nor root tokens without a TTL), unexpired at `now`. */
function walkTokens(core: VaultCore, now: number): WalkedToken[] {
  const out: WalkedToken[] = [];
  core.tokens.forEachStored((entry, lease) => {
    if (entry.type === 'batch' || entry.num_uses < 0) return;
    if (entry.ttl === 0 && core.tokens.isRoot(entry)) return;
    if (!lease || (lease.expire_time !== 0 && lease.expire_time < now)) return;
    out.push({ policies: lease.auth.policies, path: entry.path, ttl: lease.auth.ttl });
  });
  return out;
}

function countBy(tokens: WalkedToken[], labelName: string, labelsOf: (t: WalkedToken) => readonly string[]): GaugeValue[] {
  const counts = new Map<string, number>();
  for (const t of tokens) for (const label of labelsOf(t)) counts.set(label, (counts.get(label) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ labels: [ROOT_NAMESPACE, { name: labelName, value }], value: count }));
}

/** Node's figures stand in for Go's runtime.MemStats and goroutine count. */
function registerRuntimeGauges(core: VaultCore): void {
  core.metrics.registerGaugeCollector(['runtime', 'num_goroutines'], () => process.getActiveResourcesInfo().length);
  core.metrics.registerGaugeCollector(['runtime', 'alloc_bytes'], () => process.memoryUsage().heapUsed);
  core.metrics.registerGaugeCollector(['runtime', 'sys_bytes'], () => process.memoryUsage().rss);
}

export function registerCoreGauges(core: VaultCore): void {
  registerRuntimeGauges(core);
  // Set every second by the expiration manager (emitMetrics): every lease with an expiry, irrevocable
  // ones included (leaseCount), and the irrevocable ones alone.
  core.metrics.registerGaugeCollector(['expire', 'num_leases'], () => {
    const { leases, irrevocable } = core.leases.counts();
    return leases + irrevocable;
  });
  core.metrics.registerGaugeCollector(['expire', 'num_irrevocable_leases'], () => core.leases.counts().irrevocable);
  core.leases.metrics = {
    measureSince: (key, startMs) => core.metrics.measureSince(key, startMs),
    incrCounter: (key, value) => core.metrics.incrCounter(key, value),
  };
  // The cluster metric sink adds the cluster name after a gauge's own labels.
  const cluster = (): MetricLabel[] => [{ name: 'cluster', value: core.clusterName }];
  // Sealed, Vault stops its collectors: no token counts. The four token gauges of one read share one
  // walk over every token (dropped once the read's synchronous part is over).
  let walked: WalkedToken[] | undefined;
  const tokens = (): WalkedToken[] => {
    if (core.seal.sealed) return [];
    if (!walked) {
      walked = walkTokens(core, core.clock.now());
      queueMicrotask(() => {
        walked = undefined;
      });
    }
    return walked;
  };
  core.metrics.registerGaugeCollector(['core', 'unsealed'], cluster(), () => [{ labels: [], value: core.seal.sealed ? 0 : 1 }]);
  core.metrics.registerGaugeCollector(['token', 'count'], cluster(), () => (core.seal.sealed ? [] : [{ labels: [ROOT_NAMESPACE], value: tokens().length }]));
  core.metrics.registerGaugeCollector(['token', 'count', 'by_policy'], cluster(), () => countBy(tokens(), 'policy', (t) => t.policies));
  core.metrics.registerGaugeCollector(['token', 'count', 'by_auth'], cluster(), () =>
    countBy(tokens(), 'auth_method', (t) => [core.route(t.path)?.entry.type ?? 'unknown']),
  );
  // A zero TTL counts as the overflow bucket (gaugeCollectorByTtl).
  core.metrics.registerGaugeCollector(['token', 'count', 'by_ttl'], cluster(), () =>
    countBy(tokens(), 'creation_ttl', (t) => [t.ttl === 0 ? OVERFLOW_BUCKET : ttlBucket(t.ttl)]),
  );
}
