// go-metrics' PrometheusSink (prometheus/prometheus.go) and the text exposition format 0.0.4 that
// Vault's sys/metrics writes with expfmt: gauges, counters, and samples as summaries with the 0.5, 0.9
// and 0.99 quantiles over a 10 s window. Metrics not updated for the retention time are dropped.
import { goFormatG } from './go-float.js';
import type { MetricLabel } from './inmem-sink.js';

/** A metric's identity in this sink: the Prometheus name and its hash (name plus labels). */
export interface PromKey {
  name: string;
  hash: string;
  /** Sorted by name, as client_golang keeps constant labels. */
  labels: readonly MetricLabel[];
}

const forbidden = /[ .=\-/]/g;

/** flattenKey: parts joined with `_`, and space, dot, `=`, `-` and `/` made `_`. */
export function promKey(parts: readonly string[], labels: readonly MetricLabel[]): PromKey {
  const name = parts.join('_').replace(forbidden, '_');
  let hash = name;
  for (const label of labels) hash += `;${label.name}=${label.value}`;
  // prometheusLabels builds a map: a repeated name keeps its last value.
  const byName = new Map<string, string>();
  for (const l of labels) byName.set(l.name, l.value);
  const sorted = [...byName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, value]) => ({ name, value }));
  return { name, hash, labels: sorted };
}

/** client_golang's summary objectives (go-metrics passes 0.5, 0.9 and 0.99). */
const QUANTILES = [0.5, 0.9, 0.99];
/** SummaryOpts.MaxAge and the default AgeBuckets: the head stream covers 8 to 10 s. */
const MAX_AGE_MS = 10_000;
const AGE_BUCKET_MS = 2_000;
/** Observations kept per summary for the quantiles (beorn7/perks' exact buffer size). */
const WINDOW_LIMIT = 500;

interface Metric {
  key: PromKey;
  help: string;
  updatedAt: number;
  /** Declared metrics (Vault's metric registry) never expire. */
  canDelete: boolean;
}

interface Gauge extends Metric {
  value: number;
}

interface Counter extends Metric {
  value: number;
}

interface Summary extends Metric {
  createdAt: number;
  sum: number;
  count: number;
  /** The last WINDOW_LIMIT observations' times and values, a ring whose next slot is `next`. */
  times: Float64Array;
  values: Float64Array;
  next: number;
}

export interface SummaryDefinition {
  parts: string[];
  help: string;
}

export interface PromGauge {
  key: PromKey;
  value: number;
}

export class PrometheusSink {
  private readonly gauges = new Map<string, Gauge>();
  private readonly counters = new Map<string, Counter>();
  private readonly summaries = new Map<string, Summary>();

  constructor(
    private readonly expirationMs: number,
    declaredSummaries: readonly SummaryDefinition[],
    now: number,
  ) {
    for (const d of declaredSummaries) {
      const key = promKey(d.parts, []);
      this.summaries.set(key.hash, newSummary(key, d.help, now, false));
    }
  }

  setGauge(key: PromKey, value: number, now: number): void {
    const existing = this.gauges.get(key.hash);
    if (existing) {
      existing.value = Math.fround(value);
      existing.updatedAt = now;
    } else {
      this.gauges.set(key.hash, { key, help: key.name, updatedAt: now, canDelete: true, value: Math.fround(value) });
    }
  }

  incrCounter(key: PromKey, value: number, now: number): void {
    // Prometheus counters only go up; go-metrics logs and drops a negative increment.
    if (value < 0) return;
    const existing = this.counters.get(key.hash);
    if (existing) {
      existing.value += Math.fround(value);
      existing.updatedAt = now;
    } else {
      this.counters.set(key.hash, { key, help: key.name, updatedAt: now, canDelete: true, value: Math.fround(value) });
    }
  }

  addSample(key: PromKey, value: number, now: number): void {
    let summary = this.summaries.get(key.hash);
    if (!summary) {
      summary = newSummary(key, key.name, now, true);
      this.summaries.set(key.hash, summary);
    }
    const v = Math.fround(value);
    summary.sum += v;
    summary.count++;
    summary.updatedAt = now;
    const slot = summary.next;
    summary.times[slot] = now;
    summary.values[slot] = v;
    summary.next = slot + 1 === WINDOW_LIMIT ? 0 : slot + 1;
  }

  /** Gather + expfmt text encoding: families sorted by name, metrics by label values. */
  render(now: number, extraGauges: readonly PromGauge[]): string {
    this.expire(now);
    const families = new Map<string, { type: string; help: string; lines: { sortKey: string; text: string }[] }>();
    const family = (name: string, type: string, help: string) => {
      let f = families.get(name);
      if (!f) families.set(name, (f = { type, help, lines: [] }));
      return f;
    };
    const gauges: { key: PromKey; help: string; value: number }[] = [...this.gauges.values()];
    for (const g of extraGauges) gauges.push({ key: g.key, help: g.key.name, value: Math.fround(g.value) });
    for (const g of gauges) {
      family(g.key.name, 'gauge', g.help).lines.push({ sortKey: labelSortKey(g.key.labels), text: `${g.key.name}${labelsText(g.key.labels)} ${goFormatG(g.value)}\n` });
    }
    for (const c of this.counters.values()) {
      family(c.key.name, 'counter', c.help).lines.push({ sortKey: labelSortKey(c.key.labels), text: `${c.key.name}${labelsText(c.key.labels)} ${goFormatG(c.value)}\n` });
    }
    for (const s of this.summaries.values()) {
      family(s.key.name, 'summary', s.help).lines.push({ sortKey: labelSortKey(s.key.labels), text: summaryText(s, now) });
    }
    let out = '';
    for (const name of [...families.keys()].sort(byText)) {
      const f = families.get(name)!;
      out += `# HELP ${name} ${escapeHelp(f.help)}\n# TYPE ${name} ${f.type}\n`;
      for (const line of f.lines.sort((a, b) => byText(a.sortKey, b.sortKey))) out += line.text;
    }
    return out;
  }

  /** collectAtTime: metrics created at run time and idle for longer than the retention are dropped. */
  private expire(now: number): void {
    if (this.expirationMs === 0) return;
    for (const map of [this.gauges, this.counters, this.summaries] as Map<string, Metric>[]) {
      for (const [hash, m] of map) if (m.canDelete && m.updatedAt + this.expirationMs < now) map.delete(hash);
    }
  }
}

function newSummary(key: PromKey, help: string, now: number, canDelete: boolean): Summary {
  return { key, help, updatedAt: now, canDelete, createdAt: now, sum: 0, count: 0, times: new Float64Array(WINDOW_LIMIT).fill(-Infinity), values: new Float64Array(WINDOW_LIMIT), next: 0 };
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function labelSortKey(labels: readonly MetricLabel[]): string {
  return labels.map((l) => l.value).join('\u0000');
}

function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function labelsText(labels: readonly MetricLabel[], extra?: MetricLabel): string {
  const all = extra ? [...labels, extra] : labels;
  if (all.length === 0) return '';
  return `{${all.map((l) => `${l.name}="${escapeLabelValue(l.value)}"`).join(',')}}`;
}

/** The observations the head stream holds: since its last reset, which rotates every 2 s after the first 10 s. */
function windowValues(s: Summary, now: number): number[] {
  const overdue = Math.max(0, now - s.createdAt - MAX_AGE_MS);
  const headExpiry = s.createdAt + MAX_AGE_MS + Math.ceil(overdue / AGE_BUCKET_MS) * AGE_BUCKET_MS;
  const from = headExpiry - MAX_AGE_MS;
  const out: number[] = [];
  // Unused slots hold -Infinity, before any window.
  for (let i = 0; i < WINDOW_LIMIT; i++) if (s.times[i]! >= from) out.push(s.values[i]!);
  return out;
}

/** beorn7/perks Stream.Query before its first flush: the sorted buffer's value at ceil(n·q) − 1. */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  let i = Math.ceil(sorted.length * q);
  if (i > 0) i -= 1;
  return sorted[i]!;
}

function summaryText(s: Summary, now: number): string {
  const sorted = windowValues(s, now).sort((a, b) => a - b);
  let text = '';
  for (const q of QUANTILES) {
    text += `${s.key.name}${labelsText(s.key.labels, { name: 'quantile', value: goFormatG(q) })} ${goFormatG(quantile(sorted, q))}\n`;
  }
  text += `${s.key.name}_sum${labelsText(s.key.labels)} ${goFormatG(s.sum)}\n`;
  text += `${s.key.name}_count${labelsText(s.key.labels)} ${s.count}\n`;
  return text;
}
