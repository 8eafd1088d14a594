// Vault's duration input (go-secure-stdlib parseutil.ParseDurationSecond over Go's time.ParseDuration):
// an integer number of seconds, or a Go duration string, plus a whole-number "d" suffix for days.

const UNIT_NANOS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  'µs': 1e3,
  'μs': 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

export class DurationError extends Error {}

/** Go's time.ParseDuration, returning nanoseconds (as a float). Error texts are Go's. */
export function parseGoDuration(input: string): number {
  const quoted = JSON.stringify(input);
  let s = input;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw new DurationError(`time: invalid duration ${quoted}`);
  let total = 0;
  while (s !== '') {
    const num = /^([0-9]*)(\.([0-9]*))?/.exec(s)!;
    const whole = num[1] ?? '';
    const frac = num[3] ?? '';
    if (whole === '' && frac === '') throw new DurationError(`time: invalid duration ${quoted}`);
    s = s.slice(num[0].length);
    const unitMatch = /^[^0-9.]*/.exec(s)!;
    const unit = unitMatch[0];
    if (unit === '') throw new DurationError(`time: missing unit in duration ${quoted}`);
    const scale = UNIT_NANOS[unit];
    if (scale === undefined) throw new DurationError(`time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`);
    s = s.slice(unit.length);
    total += Number(`${whole || '0'}.${frac || '0'}`) * scale;
  }
  return sign * total;
}

/** Seconds from a duration input (go-secure-stdlib parseutil.ParseDurationSecond): a number of
 * seconds, a decimal integer string, "<n>d" with a whole n, or a Go duration string. */
export function parseDurationSeconds(input: unknown): number {
  if (input === null || input === undefined) return 0;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new DurationError(`time: invalid duration "${String(input)}"`);
    return Math.trunc(input);
  }
  if (typeof input !== 'string') throw new DurationError('could not parse duration from input');
  if (input === '') return 0;
  if (/^[-+]?\d+$/.test(input)) return Number.parseInt(input, 10);
  if (input.endsWith('d')) {
    const days = input.slice(0, -1);
    if (!/^[-+]?\d+$/.test(days)) throw new DurationError(`strconv.ParseInt: parsing ${JSON.stringify(days)}: invalid syntax`);
    return Number.parseInt(days, 10) * 86400;
  }
  return Math.trunc(parseGoDuration(input) / 1e9);
}

/** Go's time.Duration.String() for a whole number of seconds, e.g. 0 → "0s", 3600 → "1h0m0s". */
export function formatGoDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  const neg = seconds < 0;
  let rest = Math.abs(seconds);
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const sec = rest - m * 60;
  let out = '';
  if (h > 0) out += `${h}h${m}m`;
  else if (m > 0) out += `${m}m`;
  out += `${sec}s`;
  return neg ? `-${out}` : out;
}
