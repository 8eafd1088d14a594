// The core's telemetry: go-metrics' global Metrics object as Vault's SetupTelemetry builds it (service
// name `vault` prefixed to every key, the host name inserted into gauge keys unless disable_hostname),
// fanning out to the in-memory sink and, when enabled, the Prometheus sink. Gauges that Vault
// collects periodically are computed when metrics are read.
import type { Clock } from '../clock.js';
import { InmemSink, inmemKey, type GaugeEntry, type InmemKey, type MetricLabel } from './inmem-sink.js';
import { PrometheusSink, promKey, type PromGauge, type PromKey } from './prometheus-sink.js';

export type { MetricLabel } from './inmem-sink.js';

/** One gauge of a collector's result. */
export interface GaugeValue {
  labels: MetricLabel[];
  value: number;
}

/** Computes a gauge (or several, one per label set) when metrics are read. */
export type GaugeCollector = () => number | GaugeValue[];

export interface MetricsOptions {
  clock: Clock;
  /** `vault`, or telemetry's metrics_prefix. */
  serviceName: string;
  /** Inserted after the service name in gauge keys (go-metrics EnableHostname); undefined when disabled. */
  hostname?: string;
  /** Prometheus sink retention (telemetry.prometheus_retention_time) in ms; 0 disables Prometheus. */
  prometheusRetentionMs: number;
}

/** A metric key resolved once for both sinks; hot paths keep these instead of string arrays. */
export interface MetricKey {
  inmem: InmemKey;
  prom: PromKey;
}

/** What sys/metrics answers: logical.HTTPStatusCode, HTTPContentType and HTTPRawBody. */
export interface MetricsResponse {
  status: number;
  contentType: string;
  body: string;
}

/** helper/metricsutil constants. */
export const PROMETHEUS_FORMAT = 'prometheus';
const ERROR_CONTENT_TYPE = 'text/plain';
const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
const OPENMETRICS_MIME = 'application/openmetrics-text';
const PROMETHEUS_SCHEMA_MIME = 'prometheus/telemetry';

/** Summaries Vault declares up front (vault/ha.go init); their names carry no service prefix. */
const DECLARED_SUMMARIES = [
  { parts: ['core', 'step_down'], help: 'Time required to step down cluster leadership' },
  { parts: ['core', 'leadership_setup_failed'], help: 'Time taken by the most recent leadership setup failure' },
  { parts: ['core', 'leadership_lost'], help: 'Total time that a high-availability cluster node last maintained leadership' },
];

interface RegisteredCollector {
  parts: string[];
  labels: MetricLabel[];
  collect: GaugeCollector;
}

export class VaultMetrics {
  readonly prometheusEnabled: boolean;
  private readonly clock: Clock;
  private readonly serviceName: string;
  private readonly hostname: string | undefined;
  private readonly inmem = new InmemSink(10_000, 60_000);
  private readonly prometheus: PrometheusSink | undefined;
  private readonly collectors: RegisteredCollector[] = [];
  private readonly keys = new Map<string, MetricKey>();

  constructor(opts: MetricsOptions) {
    this.clock = opts.clock;
    this.serviceName = opts.serviceName;
    this.hostname = opts.hostname;
    this.prometheusEnabled = opts.prometheusRetentionMs !== 0;
    this.prometheus = this.prometheusEnabled ? new PrometheusSink(opts.prometheusRetentionMs, DECLARED_SUMMARIES, opts.clock.now()) : undefined;
  }

  /** The resolved key of a counter or sample (`gauge` for gauges, whose keys may carry the host name). */
  key(parts: readonly string[], labels: readonly MetricLabel[] = [], gauge = false): MetricKey {
    const cacheKey = `${gauge ? 'g' : 's'}\u0000${parts.join('\u0000')}\u0001${labels.map((l) => `${l.name}\u0000${l.value}`).join('\u0001')}`;
    let key = this.keys.get(cacheKey);
    if (!key) {
      const full = gauge && this.hostname ? [this.serviceName, this.hostname, ...parts] : [this.serviceName, ...parts];
      key = { inmem: inmemKey(full, labels), prom: promKey(full, labels) };
      if (this.keys.size >= 10_000) this.keys.clear();
      this.keys.set(cacheKey, key);
    }
    return key;
  }

  incrCounter(parts: readonly string[], value: number, labels?: readonly MetricLabel[]): void {
    this.incrCounterKey(this.key(parts, labels), value, this.clock.now());
  }

  addSample(parts: readonly string[], value: number, labels?: readonly MetricLabel[]): void {
    this.addSampleKey(this.key(parts, labels), value, this.clock.now());
  }

  /** MeasureSince: a sample of the milliseconds from `startMs` (a `clock.now()` reading) to now. */
  measureSince(parts: readonly string[], startMs: number, labels?: readonly MetricLabel[]): void {
    const now = this.clock.now();
    this.addSampleKey(this.key(parts, labels), now - startMs, now);
  }

  setGauge(parts: readonly string[], value: number, labels?: readonly MetricLabel[]): void {
    const key = this.key(parts, labels, true);
    const now = this.clock.now();
    this.inmem.setGauge(key.inmem, value, now);
    this.prometheus?.setGauge(key.prom, value, now);
  }

  incrCounterKey(key: MetricKey, value: number, now: number): void {
    this.inmem.incrCounter(key.inmem, value, now);
    this.prometheus?.incrCounter(key.prom, value, now);
  }

  addSampleKey(key: MetricKey, value: number, now: number): void {
    this.inmem.addSample(key.inmem, value, now);
    this.prometheus?.addSample(key.prom, value, now);
  }

  /**
   * A gauge computed each time metrics are read, e.g. `registerGaugeCollector(['expire', 'num_leases'],
   * () => count)`. A collector returning entries sets one gauge per label set, each with `labels` added
   * after its own. It replaces a collector registered before for the same key and labels (so a default
   * can be filled in later). Returns a function that removes the collector.
   */
  registerGaugeCollector(parts: string[], collect: GaugeCollector): () => void;
  registerGaugeCollector(parts: string[], labels: MetricLabel[], collect: GaugeCollector): () => void;
  registerGaugeCollector(parts: string[], labelsOrCollect: MetricLabel[] | GaugeCollector, maybeCollect?: GaugeCollector): () => void {
    const entry: RegisteredCollector =
      typeof labelsOrCollect === 'function' ? { parts, labels: [], collect: labelsOrCollect } : { parts, labels: labelsOrCollect, collect: maybeCollect! };
    const same = this.collectors.findIndex((c) => sameKey(c, entry));
    if (same >= 0) this.collectors[same] = entry;
    else this.collectors.push(entry);
    return () => {
      const i = this.collectors.indexOf(entry);
      if (i >= 0) this.collectors.splice(i, 1);
    };
  }

  /** metricsutil.FormatFromRequest: `prometheus` for an OpenMetrics or Prometheus Accept header. */
  static formatFromAccept(accept: readonly string[]): string {
    if (accept.length === 0) return '';
    if (accept[0]!.startsWith(OPENMETRICS_MIME)) return PROMETHEUS_FORMAT;
    return accept.some((h) => h.includes(PROMETHEUS_SCHEMA_MIME)) ? PROMETHEUS_FORMAT : '';
  }

  /** MetricsHelper.ResponseForFormat. */
  responseForFormat(format: string): MetricsResponse {
    if (format === PROMETHEUS_FORMAT) {
      if (!this.prometheus) return { status: 400, contentType: ERROR_CONTENT_TYPE, body: 'prometheus is not enabled' };
      const now = this.clock.now();
      return { status: 200, contentType: PROMETHEUS_CONTENT_TYPE, body: this.prometheus.render(now, this.collected().map((g) => ({ key: g.prom, value: g.value }) satisfies PromGauge)) };
    }
    if (format === '') {
      const now = this.clock.now();
      return { status: 200, contentType: 'application/json', body: this.inmem.summaryJson(now, this.collected().map((g) => ({ key: g.inmem, value: g.value }) satisfies GaugeEntry)) };
    }
    return { status: 400, contentType: ERROR_CONTENT_TYPE, body: `metric response format ${goQuote(format)} unknown` };
  }

  private collected(): { inmem: InmemKey; prom: PromKey; value: number }[] {
    const out: { inmem: InmemKey; prom: PromKey; value: number }[] = [];
    for (const c of this.collectors) {
      const result = c.collect();
      const values = typeof result === 'number' ? [{ labels: [], value: result }] : result;
      for (const v of values) {
        const key = this.key(c.parts, [...v.labels, ...c.labels], true);
        out.push({ inmem: key.inmem, prom: key.prom, value: v.value });
      }
    }
    return out;
  }
}

function sameKey(a: RegisteredCollector, b: RegisteredCollector): boolean {
  const text = (c: RegisteredCollector) => JSON.stringify([c.parts, c.labels.map((l) => [l.name, l.value])]);
  return text(a) === text(b);
}

/** Go's %q for the strings a query parameter can hold (printable text; others escaped as \xNN or \uNNNN). */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
