// Static roles' rotation_schedule: the five-field cron of robfig/cron v3 as Vault configures it
// (builtin/logical/database/schedule: Minute | Hour | Dom | Month | Dow, no descriptors), with the
// parser's error texts, and SpecSchedule.Next in UTC. Written here rather than taken from a cron
// library because Vault's answers quote robfig's error texts and day-matching rules verbatim.

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } };
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

/** The set of values a field matches, and whether it was written as `*` or `?` (robfig's starBit). */
interface FieldMatch {
  values: Set<number>;
  star: boolean;
}

export interface CronSchedule {
  minute: FieldMatch;
  hour: FieldMatch;
  dom: FieldMatch;
  month: FieldMatch;
  dow: FieldMatch;
}

export class CronParseError extends Error {}

/** cron.NewParser(Minute | Hour | Dom | Month | Dow).Parse. */
export function parseCron(spec: string): CronSchedule {
  if (spec.length === 0) throw new CronParseError('empty spec string');
  if (spec.startsWith('@')) throw new CronParseError(`parser does not accept descriptors: ${spec}`);
  const fields = spec.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) throw new CronParseError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  return {
    minute: parseField(fields[0]!, MINUTES),
    hour: parseField(fields[1]!, HOURS),
    dom: parseField(fields[2]!, DOM),
    month: parseField(fields[3]!, MONTHS),
    dow: parseField(fields[4]!, DOW),
  };
}

function parseField(field: string, bounds: Bounds): FieldMatch {
  const match: FieldMatch = { values: new Set(), star: false };
  for (const expr of field.split(',').filter((e) => e !== '')) parseRange(expr, bounds, match);
  return match;
}

function parseRange(expr: string, b: Bounds, into: FieldMatch): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  const single = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = b.min;
    end = b.max;
    star = true;
  } else {
    start = intOrName(lowAndHigh[0]!, b);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = intOrName(lowAndHigh[1]!, b);
    else throw new CronParseError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseNonNegative(rangeAndStep[1]!);
    // "N/step" means "N-max/step".
    if (single) end = b.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) {
    throw new CronParseError(`too many slashes: ${expr}`);
  }
  if (start < b.min) throw new CronParseError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new CronParseError(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new CronParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronParseError(`step of range should be a positive number: ${expr}`);
  for (let v = start; v <= end; v += step) into.values.add(v);
  if (star) into.star = true;
}

function intOrName(expr: string, b: Bounds): number {
  const named = b.names?.[expr.toLowerCase()];
  return named ?? parseNonNegative(expr);
}

function parseNonNegative(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr)) throw new CronParseError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  const n = Number(expr);
  if (n < 0) throw new CronParseError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

/** dayMatches: with `*` in either day field both must match, otherwise either may. */
function dayMatches(s: CronSchedule, d: Date): boolean {
  const domMatch = s.dom.values.has(d.getUTCDate());
  const dowMatch = s.dow.values.has(d.getUTCDay());
  return s.dom.star || s.dow.star ? domMatch && dowMatch : domMatch || dowMatch;
}

/** SpecSchedule.Next: the first whole minute strictly after `afterMs` that matches (UTC); 0 if none within five years. */
export function nextRun(s: CronSchedule, afterMs: number): number {
  const first = new Date(Math.floor(afterMs / 1000) * 1000 + 1000);
  // Whole minute at or after the next second (the seconds field is 0).
  if (first.getUTCSeconds() !== 0) first.setUTCSeconds(60, 0);
  const day = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate()));
  const limit = first.getTime() + 5 * 366 * 86_400_000;
  for (; day.getTime() <= limit; day.setUTCDate(day.getUTCDate() + 1)) {
    if (!s.month.values.has(day.getUTCMonth() + 1) || !dayMatches(s, day)) continue;
    for (let h = 0; h < 24; h++) {
      if (!s.hour.values.has(h)) continue;
      for (let m = 0; m < 60; m++) {
        if (!s.minute.values.has(m)) continue;
        const at = day.getTime() + h * 3_600_000 + m * 60_000;
        if (at >= first.getTime()) return at;
      }
    }
  }
  return 0;
}
