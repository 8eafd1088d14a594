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

/** Deep copy with object keys sorted, as Go prints a map[string]interface{}. */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** Serialises in the given key order (a Go struct), escaping as Go does, with a trailing newline. */
export function goJson(value: unknown): string {
  return `${escapeHtml(JSON.stringify(value))}\n`;
}
