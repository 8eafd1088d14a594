// The only place that reads wall-clock time or schedules timers (STYLE §6.2).
// Engines and the core receive a Clock and take `now` from it once per request. Timers scheduled
// here fire in due order; advance() and set() run every timer due in the window, each with the clock
// standing at its own due time, and resolve when all of them (and what they scheduled) are done.
import { DurationError, parseGoDuration } from '../framework/duration.js';

export type ClockMode = 'system' | 'virtual';

/** A scheduled callback; cancel() is a no-op once it has fired. */
export interface ClockTimer {
  cancel(): void;
}

export interface Clock {
  readonly mode: ClockMode;
  /** Milliseconds since the Unix epoch; may carry a fractional part (sub-millisecond precision). */
  now(): number;
  /** Calls `fire(arg)` once the clock reaches `atMs` (at once, asynchronously, if it already has).
   *  The argument saves a closure per timer where many are pending (one per lease). */
  schedule<A>(atMs: number, fire: (arg: A) => unknown, arg?: A): ClockTimer;
  /** Moves time forward by a duration (ms, or a Go duration such as "90m"); resolves when every timer
   *  due in the window has run, each at its own due time. */
  advance(by: number | string): Promise<void>;
  /** Moves time forward to an instant (Date, ms, or RFC 3339 text); never backwards. */
  set(to: Date | number | string): Promise<void>;
  /** Stops every pending timer (the emulator is closing). */
  stop(): void;
}

export class ClockError extends Error {}

/** A pending timer is its own handle: no wrapper object per timer. */
class PendingTimer implements ClockTimer {
  cancelled = false;
  constructor(
    readonly at: number,
    readonly seq: number,
    readonly fire: (arg: unknown) => unknown,
    readonly arg: unknown,
  ) {}
  cancel(): void {
    this.cancelled = true;
  }
}

/** Pending timers in due order (ties in scheduling order): a binary min-heap. */
class TimerHeap {
  private readonly items: PendingTimer[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): PendingTimer | undefined {
    while (this.items.length > 0 && this.items[0]!.cancelled) this.pop();
    return this.items[0];
  }
  push(t: PendingTimer): void {
    const a = this.items;
    a.push(t);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(a[i]!, a[parent]!)) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }
  pop(): PendingTimer | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l]!, a[m]!)) m = l;
        if (r < a.length && before(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
  clear(): void {
    this.items.length = 0;
  }
}

function before(a: PendingTimer, b: PendingTimer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** Milliseconds from a duration given as ms or as Go duration text ("1h30m", "90s"). */
export function durationMs(by: number | string): number {
  let ms: number;
  if (typeof by === 'number') ms = by;
  else {
    try {
      ms = parseGoDuration(by.trim()) / 1e6;
    } catch (err) {
      throw new ClockError(err instanceof DurationError ? err.message : `invalid duration ${JSON.stringify(by)}`);
    }
  }
  if (!Number.isFinite(ms) || ms < 0) throw new ClockError('the clock can only move forward');
  return ms;
}

/** Milliseconds since the epoch of an instant given as a Date, ms or RFC 3339 text. */
export function instantMs(to: Date | number | string): number {
  const ms = to instanceof Date ? to.getTime() : typeof to === 'number' ? to : Date.parse(to);
  if (!Number.isFinite(ms)) throw new ClockError(`invalid time ${JSON.stringify(String(to))}`);
  return ms;
}

/** Timer bookkeeping shared by both clocks; subclasses say how time is read and moved. */
abstract class TimerClock implements Clock {
  abstract readonly mode: ClockMode;
  private readonly timers = new TimerHeap();
  private seq = 0;
  /** advance/set and due-timer runs, one after another. */
  private chain: Promise<void> = Promise.resolve();
  private busy = 0;
  private flushQueued = false;
  private stopped = false;

  abstract now(): number;
  /** Moves time so that now() is at least `ms`. */
  protected abstract moveTo(ms: number): void;
  /** Called when the earliest pending timer may have changed (the system clock arms a real timer). */
  protected onEarliestChanged(_earliest: number | undefined): void {}

  schedule<A>(atMs: number, fire: (arg: A) => unknown, arg?: A): ClockTimer {
    const timer = new PendingTimer(atMs, this.seq++, fire as (arg: unknown) => unknown, arg);
    if (this.stopped) return timer;
    this.timers.push(timer);
    if (atMs <= this.now()) this.queueFlush();
    else if (this.timers.peek() === timer) this.onEarliestChanged(atMs);
    return timer;
  }

  advance(by: number | string): Promise<void> {
    let ms: number;
    try {
      ms = durationMs(by);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.moveForward(() => this.now() + ms);
  }

  set(to: Date | number | string): Promise<void> {
    let ms: number;
    try {
      ms = instantMs(to);
    } catch (err) {
      return Promise.reject(err);
    }
    if (ms < this.now()) return Promise.reject(new ClockError(`the clock can only move forward: it reads ${rfc3339Nano(this.now())}`));
    return this.moveForward(() => ms);
  }

  stop(): void {
    this.stopped = true;
    this.timers.clear();
    this.onEarliestChanged(undefined);
  }

  /** Time moves to target(), running due timers on the way; synchronous when nothing is due or running. */
  private moveForward(target: () => number): Promise<void> {
    if (this.busy === 0) {
      const to = target();
      const next = this.timers.peek();
      if (!next || next.at > to) {
        this.moveTo(to);
        return Promise.resolve();
      }
    }
    return this.enqueue(async () => {
      const to = target();
      await this.runDue(to);
      this.moveTo(to);
      this.onEarliestChanged(this.timers.peek()?.at);
    });
  }

  /** Runs every timer due by `limit` (or by now, if later), each with the clock at its due time. */
  private async runDue(limit: number): Promise<void> {
    for (;;) {
      const next = this.timers.peek();
      if (!next || next.at > Math.max(limit, this.now())) return;
      this.timers.pop();
      this.moveTo(next.at);
      try {
        await next.fire(next.arg);
      } catch {
        // A timer's owner handles its own failures (the lease manager retries); one failing timer
        // must not stop the others.
      }
    }
  }

  /** Runs the timers that are already due, soon and in order (timers scheduled in the past, real time). */
  protected queueFlush(): void {
    if (this.flushQueued || this.stopped) return;
    this.flushQueued = true;
    setImmediate(() => {
      this.flushQueued = false;
      void this.enqueue(async () => {
        await this.runDue(this.now());
        this.onEarliestChanged(this.timers.peek()?.at);
      });
    });
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    this.busy++;
    const run = this.chain.then(work).finally(() => {
      this.busy--;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}

/** Real time, with microsecond resolution so that timestamps order like Vault's nanosecond ones, plus
 *  whatever advance() added. Timers fire on their own when real time reaches them. */
export class SystemClock extends TimerClock {
  readonly mode = 'system' as const;
  private readonly origin = performance.timeOrigin;
  private offset = 0;
  private realTimer: ReturnType<typeof setTimeout> | undefined;
  private armedFor: number | undefined;

  now(): number {
    return this.origin + performance.now() + this.offset;
  }

  protected moveTo(ms: number): void {
    const needed = ms - (this.origin + performance.now());
    if (needed > this.offset) this.offset = needed;
  }

  protected override onEarliestChanged(earliest: number | undefined): void {
    if (earliest === this.armedFor && this.realTimer) return;
    if (this.realTimer) clearTimeout(this.realTimer);
    this.realTimer = undefined;
    this.armedFor = earliest;
    if (earliest === undefined) return;
    // setTimeout takes at most 2^31-1 ms; a later timer re-arms when this one fires.
    const delay = Math.min(Math.max(0, earliest - this.now()), 2 ** 31 - 1);
    this.realTimer = setTimeout(() => {
      this.realTimer = undefined;
      this.armedFor = undefined;
      this.queueFlush();
    }, delay);
    // Pending expiries must not keep a process alive on their own.
    this.realTimer.unref?.();
  }
}

/** Time that moves only when a test says so; timers due at or before the current time run at once. */
export class VirtualClock extends TimerClock {
  readonly mode = 'virtual' as const;
  private current: number;
  constructor(startMs: number) {
    super();
    this.current = startMs;
  }
  now(): number {
    return this.current;
  }
  protected moveTo(ms: number): void {
    if (ms > this.current) this.current = ms;
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

/** The last second formatted by httpDate, and its text: every response carries one, most in the same second. */
let httpDateSecond = Number.NaN;
let httpDateText = '';

/** An HTTP Date header value (Go's http.TimeFormat, `Mon, 02 Jan 2006 15:04:05 GMT`) for an instant in ms. */
export function httpDate(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== httpDateSecond) {
    httpDateSecond = second;
    httpDateText = new Date(second * 1000).toUTCString();
  }
  return httpDateText;
}
