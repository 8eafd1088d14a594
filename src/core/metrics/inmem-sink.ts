// go-metrics' InmemSink (inmem.go, inmem_endpoint.go) as Vault configures it (10 s intervals kept
// for 1 minute): metrics aggregate into the interval their time falls in, and the JSON summary shows
// the most recent finished interval (the current one while it is the only one).
import { goJsonFloat32, goJsonFloat64 } from './go-float.js';

export interface MetricLabel {
  name: string;
  value: string;
}

/** A metric's identity in this sink: its display name and its hash (name plus `;label=value` pairs). */
export interface InmemKey {
  name: string;
  hash: string;
  labels: readonly MetricLabel[];
}

/** go-metrics AggregateSample plus its name and labels. */
export interface Aggregate {
  key: InmemKey;
  count: number;
  rate: number;
  sum: number;
  sumSq: number;
  min: number;
  max: number;
}

export interface GaugeEntry {
  key: InmemKey;
  value: number;
}

interface IntervalMetrics {
  /** Start of the interval, ms since the epoch (a multiple of the interval length). */
  start: number;
  gauges: Map<string, GaugeEntry>;
  counters: Map<string, Aggregate>;
  samples: Map<string, Aggregate>;
}

const spaces = / /g;

/** flattenKey / flattenKeyLabels: parts joined with dots, labels appended, spaces made underscores. */
export function inmemKey(parts: readonly string[], labels: readonly MetricLabel[]): InmemKey {
  const name = parts.join('.').replace(spaces, '_');
  let hash = name;
  for (const label of labels) hash += `;${label.name}=${label.value}`.replace(spaces, '_');
  return { name, hash, labels };
}

export class InmemSink {
  private intervals: IntervalMetrics[] = [];
  private readonly maxIntervals: number;
  /** The interval length in seconds: rates are per second. */
  private readonly rateDenom: number;

  constructor(
    private readonly intervalMs: number,
    retainMs: number,
  ) {
    this.maxIntervals = Math.floor(retainMs / intervalMs);
    this.rateDenom = intervalMs / 1000;
  }

  setGauge(key: InmemKey, value: number, now: number): void {
    this.intervalAt(now).gauges.set(key.hash, { key, value: Math.fround(value) });
  }

  incrCounter(key: InmemKey, value: number, now: number): void {
    this.ingest(this.intervalAt(now).counters, key, value);
  }

  addSample(key: InmemKey, value: number, now: number): void {
    this.ingest(this.intervalAt(now).samples, key, value);
  }

  /** DisplayMetrics as JSON; `extraGauges` (computed at scrape time) join the displayed interval's gauges. */
  summaryJson(now: number, extraGauges: readonly GaugeEntry[]): string {
    this.intervalAt(now);
    const n = this.intervals.length;
    const shown = n === 1 ? this.intervals[0]! : this.intervals[n - 2]!;
    const gauges = new Map(shown.gauges);
    for (const g of extraGauges) gauges.set(g.key.hash, { key: g.key, value: Math.fround(g.value) });
    const gaugeTexts = sortedByHash([...gauges.values()]).map(
      (g) => `{"Name":${goJsonString(g.key.name)},"Value":${goJsonFloat32(g.value)},"Labels":${labelsJson(g.key.labels)}}`,
    );
    return (
      `{"Timestamp":${goJsonString(goTimeString(shown.start))},"Gauges":[${gaugeTexts.join(',')}],"Points":[],` +
      `"Counters":[${samplesJson(shown.counters)}],"Samples":[${samplesJson(shown.samples)}]}`
    );
  }

  private ingest(map: Map<string, Aggregate>, key: InmemKey, raw: number): void {
    // Values arrive as float32 (go-metrics' API) and aggregate as float64.
    const v = Math.fround(raw);
    let agg = map.get(key.hash);
    if (!agg) {
      agg = { key, count: 0, rate: 0, sum: 0, sumSq: 0, min: 0, max: 0 };
      map.set(key.hash, agg);
    }
    agg.count++;
    agg.sum += v;
    agg.sumSq += v * v;
    if (v < agg.min || agg.count === 1) agg.min = v;
    if (v > agg.max || agg.count === 1) agg.max = v;
    agg.rate = agg.sum / this.rateDenom;
  }

  /** getInterval: the interval `now` falls in, created (and old ones dropped) when it is new. */
  private intervalAt(now: number): IntervalMetrics {
    const start = Math.floor(now / this.intervalMs) * this.intervalMs;
    const last = this.intervals[this.intervals.length - 1];
    if (last && last.start === start) return last;
    const current: IntervalMetrics = { start, gauges: new Map(), counters: new Map(), samples: new Map() };
    this.intervals.push(current);
    if (this.intervals.length >= this.maxIntervals) this.intervals = this.intervals.slice(-this.maxIntervals);
    return current;
  }
}

function sortedByHash<T extends { key: InmemKey }>(items: T[]): T[] {
  return items.sort((a, b) => (a.key.hash < b.key.hash ? -1 : a.key.hash > b.key.hash ? 1 : 0));
}

function mean(a: Aggregate): number {
  return a.count === 0 ? 0 : a.sum / a.count;
}

function stddev(a: Aggregate): number {
  const num = a.count * a.sumSq - a.sum ** 2;
  const div = a.count * (a.count - 1);
  return div === 0 ? 0 : Math.sqrt(num / div);
}

/** SampledValue fields in Go's order: Name, the embedded AggregateSample's exported fields, Mean, Stddev, Labels. */
function samplesJson(map: Map<string, Aggregate>): string {
  return sortedByHash([...map.values()])
    .map(
      (a) =>
        `{"Name":${goJsonString(a.key.name)},"Count":${a.count},"Rate":${goJsonFloat64(a.rate)},"Sum":${goJsonFloat64(a.sum)},` +
        `"Min":${goJsonFloat64(a.min)},"Max":${goJsonFloat64(a.max)},"Mean":${goJsonFloat64(mean(a))},` +
        `"Stddev":${goJsonFloat64(stddev(a))},"Labels":${labelsJson(a.key.labels)}}`,
    )
    .join(',');
}

/** DisplayLabels: a Go map, so keys come out sorted and a repeated name keeps its last value. */
function labelsJson(labels: readonly MetricLabel[]): string {
  const map = new Map<string, string>();
  for (const l of labels) map.set(l.name, l.value);
  const names = [...map.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${names.map((n) => `${goJsonString(n)}:${goJsonString(map.get(n)!)}`).join(',')}}`;
}

/** encoding/json's string escaping (HTML-safe: <, > and & escaped, as are U+2028 and U+2029). */
export function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** time.Time.Round(time.Second).UTC().String(), e.g. `2024-06-03 16:00:00 +0000 UTC`. */
export function goTimeString(ms: number): string {
  const iso = new Date(Math.round(ms / 1000) * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC`;
}
