// The only place that reads wall-clock time or schedules timers (STYLE §6.2).
// Engines and the core receive a Clock and take `now` from it once per request.

export type ClockMode = 'system' | 'virtual';

export interface Clock {
  readonly mode: ClockMode;
  /** Milliseconds since the Unix epoch; may carry a fractional part (sub-millisecond precision). */
  now(): number;
}

/** Real time, with microsecond resolution so that timestamps order like Vault's nanosecond ones. */
export class SystemClock implements Clock {
  readonly mode = 'system' as const;
  private readonly origin = performance.timeOrigin;
  now(): number {
    return this.origin + performance.now();
  }
}

/** Time that moves only when a test says so. */
export class VirtualClock implements Clock {
  readonly mode = 'virtual' as const;
  private current: number;
  constructor(startMs: number) {
    this.current = startMs;
  }
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('clock can only move forward');
    this.current += ms;
  }
  set(ms: number): void {
    if (!Number.isFinite(ms) || ms < this.current) throw new RangeError('clock can only move forward');
    this.current = ms;
  }
}

/** The wall-clock time at start-up, for a VirtualClock's default origin. */
export function wallClockNow(): number {
  return Date.now();
}

/** Recently formatted instants: stored times (KV versions, tokens) are formatted on every read. */
const nanoTexts = new Map<number, string>();
const NANO_TEXTS_KEPT = 10_000;

/** RFC 3339 in UTC with trailing zeros of the fraction trimmed, as Go's time.RFC3339Nano prints. */
export function rfc3339Nano(ms: number): string {
  let text = nanoTexts.get(ms);
  if (text === undefined) {
    text = formatRfc3339Nano(ms);
    if (nanoTexts.size >= NANO_TEXTS_KEPT) nanoTexts.clear();
    nanoTexts.set(ms, text);
  }
  return text;
}

function formatRfc3339Nano(ms: number): string {
  const whole = Math.floor(ms);
  const base = new Date(whole).toISOString().slice(0, 19);
  const fracNanos = Math.round((ms - Math.floor(ms / 1000) * 1000) * 1e6);
  if (fracNanos === 0) return `${base}Z`;
  const digits = String(fracNanos).padStart(9, '0').replace(/0+$/, '');
  return `${base}.${digits}Z`;
}

/** RFC 3339 with seconds precision (Go's time.RFC3339). */
export function rfc3339(ms: number): string {
  return `${new Date(Math.floor(ms)).toISOString().slice(0, 19)}Z`;
}
