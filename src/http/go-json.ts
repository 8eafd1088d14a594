// JSON as Go's encoding/json writes it: map keys sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped,
// and (through json.Encoder) a trailing newline.

const ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

function escapeHtml(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => ESCAPES[c]!);
}

/**
 * The value with object keys sorted at every depth, as Go prints a map[string]interface{}. Parts already
 * in order are returned as they are (no copy), so the result must be treated as read-only.
 */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const sorted = sortKeysDeep(value[i]);
      if (sorted !== value[i]) (out ??= value.slice())[i] = sorted;
    }
    return out ?? value;
  }
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    let inOrder = true;
    let changed = false;
    const inner: unknown[] = new Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      if (i > 0 && keys[i - 1]! > keys[i]!) inOrder = false;
      inner[i] = sortKeysDeep(obj[keys[i]!]);
      if (inner[i] !== obj[keys[i]!]) changed = true;
    }
    if (inOrder && !changed) return value;
    const byKey = new Map(keys.map((k, i) => [k, inner[i]]));
    const out: Record<string, unknown> = {};
    for (const key of keys.sort()) out[key] = byKey.get(key);
    return out;
  }
  return value;
}

/** Serialises in the given key order (a Go struct), escaping as Go does, with a trailing newline. */
export function goJson(value: unknown): string {
  return `${escapeHtml(JSON.stringify(value))}\n`;
}

/** Texts of frozen values (stored records, cached views): they cannot change, so each is written once. */
const frozenTexts = new WeakMap<object, string>();
/** Quoted, escaped object keys; the same few names come back in every response. */
const keyTexts = new Map<string, string>();
const KEY_TEXTS_KEPT = 10_000;
/** Strings JSON writes as they are between quotes, and Go's escaping leaves alone. */
const PLAIN_STRING = /^[^"\\\x00-\x1f<>&\u2028\u2029\ud800-\udfff]*$/;

/** PLAIN_STRING's test, by hand for short printable ASCII (ids, names): cheaper than running the regex. */
export function isPlainString(s: string): boolean {
  if (s.length > 64) return PLAIN_STRING.test(s);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c || c === 0x3c || c === 0x3e || c === 0x26) return PLAIN_STRING.test(s);
  }
  return true;
}
/** ECMAScript array-index property names, which objects enumerate first, in numeric order. */
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;

/**
 * The text goJson(sortKeysDeep(value)) writes, without the newline, built without copying the value
 * and reusing the text of frozen parts. Undefined when the value holds anything but plain JSON data
 * (class instances, functions, a `__proto__` key…): callers then take the general path.
 */
export function sortedGoJson(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return isPlainString(value) ? `"${value}"` : escapeHtml(JSON.stringify(value));
    case 'number':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return 'null';
  // Only frozen values are ever entered, so a hit needs no check.
  const known = frozenTexts.get(value);
  if (known !== undefined) return known;
  const frozen = Object.isFrozen(value);
  const text = Array.isArray(value) ? arrayText(value) : objectText(value as Record<string, unknown>);
  if (frozen && text !== undefined) frozenTexts.set(value, flat(text));
  return text;
}

/**
 * V8 keeps a string built piece by piece as a tree of pieces, walked again each time the string is
 * copied; measuring its UTF-8 length flattens it in place, so a kept text is copied in one go later.
 */
function flat(text: string): string {
  Buffer.byteLength(text);
  return text;
}

function arrayText(items: readonly unknown[]): string | undefined {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    // JSON.stringify writes null for undefined items and holes; rare enough to leave to the general path.
    const text = items[i] === undefined ? undefined : sortedGoJson(items[i]);
    if (text === undefined) return undefined;
    out += i === 0 ? text : `,${text}`;
  }
  return `${out}]`;
}

function objectText(obj: Record<string, unknown>): string | undefined {
  const proto = Object.getPrototypeOf(obj);
  if ((proto !== Object.prototype && proto !== null) || Object.prototype.hasOwnProperty.call(obj, '__proto__')) return undefined;
  const keys = Object.keys(obj);
  if (!inOrder(keys)) keys.sort();
  // sortKeysDeep's copy enumerates array-index keys first (a JavaScript object rule), so this does too.
  for (const k of keys) {
    const c = k.charCodeAt(0);
    if (c >= 0x30 && c <= 0x39) {
      reorderIndexKeys(keys);
      break;
    }
  }
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = obj[key];
    if (v === undefined) continue;
    const text = sortedGoJson(v);
    if (text === undefined) return undefined;
    out += `${first ? '' : ','}${keyText(key)}:${text}`;
    first = false;
  }
  return `${out}}`;
}

/** Whether the keys are already sorted (Array.prototype.sort allocates even for a sorted array). */
function inOrder(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
}

/** Moves array-index keys (numbers below 2^32 - 1) ahead of the others, in numeric order. */
function reorderIndexKeys(keys: string[]): void {
  const isIndex = (k: string) => ARRAY_INDEX.test(k) && Number(k) < 4294967295;
  const indexes = keys.filter(isIndex).sort((a, b) => Number(a) - Number(b));
  if (indexes.length === 0) return;
  const rest = keys.filter((k) => !isIndex(k));
  keys.splice(0, keys.length, ...indexes, ...rest);
}

/** An object key as JSON text (quoted, escaped as Go does), kept for the next response. */
export function keyText(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = sortedGoJson(key)!;
    if (keyTexts.size >= KEY_TEXTS_KEPT) keyTexts.clear();
    keyTexts.set(key, text);
  }
  return text;
}
