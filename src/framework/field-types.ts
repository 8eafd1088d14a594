// Field kinds with Vault's input coercion (sdk/framework/field_data.go getPrimitive, which relies on
// mapstructure's weak decoding and parseutil). Error causes reproduce the Go texts.
import { DurationError, parseDurationSeconds } from './duration.js';

export type FieldType =
  | 'string'
  | 'lowerCaseString'
  | 'nameString'
  | 'int'
  | 'bool'
  | 'map'
  | 'durationSecond'
  | 'signedDurationSecond'
  | 'stringSlice'
  | 'commaStringSlice'
  | 'commaIntSlice'
  | 'kvPairs'
  | 'slice';

export interface FieldSchema {
  type: FieldType;
  default?: unknown;
  description?: string;
  /** Documentation only, as in Vault: handlers emit their own messages for missing values. */
  required?: boolean;
  allowedValues?: unknown[];
}

export class CoercionError extends Error {}

/** Go's %v formatting of a decoded JSON value, for error messages. */
export function goFormat(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goFormat).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${k}:${goFormat((value as Record<string, unknown>)[k])}`);
    return `map[${entries.join(' ')}]`;
  }
  return String(value);
}

function goTypeName(value: unknown): string {
  if (Array.isArray(value)) return '[]interface {}';
  if (value === null) return 'nil';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return 'json.Number';
    default:
      return 'map[string]interface {}';
  }
}

// mapstructure returns a single value's decode error as it is; only aggregated (struct, map,
// slice) errors get its "N error(s) decoding" wrapper.
function decodingError(cause: string): CoercionError {
  return new CoercionError(cause);
}

/** strconv.ParseBool; undefined for text it refuses. */
export function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

export function toBool(raw: unknown): boolean {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return raw !== 0;
  if (typeof raw === 'string') {
    if (raw === '') return false;
    const b = parseGoBool(raw);
    if (b === undefined) throw decodingError(`cannot parse '' as bool: strconv.ParseBool: parsing ${JSON.stringify(raw)}: invalid syntax`);
    return b;
  }
  throw decodingError(`'' expected type 'bool', got unconvertible type '${goTypeName(raw)}', value: '${goFormat(raw)}'`);
}

export function toInt(raw: unknown): number {
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw)) {
      throw decodingError(`error decoding json.Number into : strconv.ParseInt: parsing ${JSON.stringify(String(raw))}: invalid syntax`);
    }
    return raw;
  }
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  if (typeof raw === 'string') {
    const s = raw;
    if (s === '') return 0;
    let n: number | undefined;
    if (/^[-+]?(0|[1-9][0-9]*)$/.test(s)) n = Number.parseInt(s, 10);
    else if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(s)) n = Number.parseInt(s, 16);
    else if (/^[-+]?0[0-7]+$/.test(s)) n = Number.parseInt(s, 8);
    if (n === undefined || !Number.isSafeInteger(n)) {
      throw decodingError(`cannot parse '' as int: strconv.ParseInt: parsing ${JSON.stringify(s)}: invalid syntax`);
    }
    return n;
  }
  throw decodingError(`'' expected type 'int', got unconvertible type '${goTypeName(raw)}', value: '${goFormat(raw)}'`);
}

export function toStringValue(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number') return String(raw);
  if (typeof raw === 'boolean') return raw ? '1' : '0';
  throw decodingError(`'' expected type 'string', got unconvertible type '${goTypeName(raw)}', value: '${goFormat(raw)}'`);
}

function toStringArray(raw: unknown): string[] {
  if (raw === null || raw === undefined) return [];
  if (Array.isArray(raw)) return raw.map((v) => toStringValue(v));
  return [toStringValue(raw)];
}

export function coerceField(schema: FieldSchema, raw: unknown): unknown {
  switch (schema.type) {
    case 'string':
      return toStringValue(raw);
    case 'lowerCaseString':
      return toStringValue(raw).toLowerCase();
    case 'nameString': {
      const s = toStringValue(raw);
      if (!/^\w(([\w\-.]+)?\w)?$/.test(s)) throw new CoercionError('field does not match the formatting rules');
      return s;
    }
    case 'int':
      return toInt(raw);
    case 'bool':
      return toBool(raw);
    case 'map':
      if (raw === null) return null;
      if (typeof raw !== 'object' || Array.isArray(raw)) {
        throw decodingError(`'' expected a map, got '${typeof raw === 'object' ? 'slice' : goTypeName(raw)}'`);
      }
      return raw;
    case 'durationSecond':
    case 'signedDurationSecond': {
      let secs: number;
      try {
        secs = parseDurationSeconds(raw);
      } catch (e) {
        throw new CoercionError(e instanceof DurationError ? e.message : String(e));
      }
      if (schema.type === 'durationSecond' && secs < 0) throw new CoercionError(`cannot provide negative value '${secs}'`);
      return secs;
    }
    case 'stringSlice':
      if (raw === '') return [];
      return toStringArray(raw).map((s) => s.trim());
    case 'commaStringSlice': {
      const parts = typeof raw === 'string' ? raw.split(',') : toStringArray(raw);
      return parts.map((s) => s.trim()).filter((s) => s !== '');
    }
    case 'commaIntSlice': {
      const parts = typeof raw === 'string' ? raw.split(',').filter((s) => s !== '') : Array.isArray(raw) ? raw : [raw];
      return parts.map((p) => toInt(typeof p === 'string' ? p.trim() : p));
    }
    case 'kvPairs': {
      if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
        return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, toStringValue(v)]));
      }
      const out: Record<string, string> = {};
      for (const pair of toStringArray(raw)) {
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new CoercionError(`invalid key pair ${JSON.stringify(pair)}`);
        out[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
      return out;
    }
    case 'slice':
      if (raw === null || raw === undefined) return [];
      return Array.isArray(raw) ? raw : [raw];
  }
}

/** The zero value of a field kind (FieldSchema.DefaultOrZero without a default). */
export function zeroValue(type: FieldType): unknown {
  switch (type) {
    case 'string':
    case 'lowerCaseString':
    case 'nameString':
      return '';
    case 'int':
    case 'durationSecond':
    case 'signedDurationSecond':
      return 0;
    case 'bool':
      return false;
    case 'map':
    case 'kvPairs':
      return {};
    default:
      return [];
  }
}
