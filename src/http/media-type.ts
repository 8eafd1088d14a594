// Go's mime.ParseMediaType, which Vault uses for PATCH and to decide whether a body is a form
// (http/logical.go, http/handler.go isForm). Error texts are Go's.

export type MediaTypeResult = { ok: true; type: string; params: Record<string, string> } | { ok: false; error: string };

const TSPECIALS = '()<>@,;:\\"/[]?=';

function isTokenChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c > 0x20 && c < 0x7f && !TSPECIALS.includes(ch);
}

function consumeToken(v: string): [string, string] {
  let i = 0;
  while (i < v.length && isTokenChar(v[i]!)) i += 1;
  return [v.slice(0, i), v.slice(i)];
}

function trimLeftSpace(v: string): string {
  return v.replace(/^\s+/u, '');
}

/** A token or a quoted string; ['', v] when neither. */
function consumeValue(v: string): [string, string] {
  if (v === '') return ['', v];
  if (v[0] !== '"') return consumeToken(v);
  let out = '';
  for (let i = 1; i < v.length; i++) {
    const ch = v[i]!;
    if (ch === '"') return [out, v.slice(i + 1)];
    // Go keeps a backslash literal unless it escapes a tspecial (MSIE file paths).
    if (ch === '\\' && i + 1 < v.length && TSPECIALS.includes(v[i + 1]!)) {
      out += v[i + 1];
      i += 1;
      continue;
    }
    if (ch === '\r' || ch === '\n') return ['', v];
    out += ch;
  }
  return ['', v];
}

function consumeParam(v: string): { key: string; value: string; rest: string } | undefined {
  let rest = trimLeftSpace(v);
  if (!rest.startsWith(';')) return undefined;
  rest = trimLeftSpace(rest.slice(1));
  const [rawKey, afterKey] = consumeToken(rest);
  const key = rawKey.toLowerCase();
  if (key === '') return undefined;
  rest = trimLeftSpace(afterKey);
  if (!rest.startsWith('=')) return undefined;
  rest = trimLeftSpace(rest.slice(1));
  const [value, afterValue] = consumeValue(rest);
  if (value === '' && afterValue === rest) return undefined;
  return { key, value, rest: afterValue };
}

function checkMediaType(s: string): string | undefined {
  const [type, rest] = consumeToken(s);
  if (type === '') return 'mime: no media type';
  if (rest === '') return undefined;
  if (!rest.startsWith('/')) return 'mime: expected slash after first token';
  const [subtype, after] = consumeToken(rest.slice(1));
  if (subtype === '') return 'mime: expected token after slash';
  if (after !== '') return 'mime: unexpected content after media subtype';
  return undefined;
}

export function parseMediaType(v: string): MediaTypeResult {
  const semi = v.indexOf(';');
  const base = semi === -1 ? v : v.slice(0, semi);
  const type = base.toLowerCase().trim();
  const invalid = checkMediaType(type);
  if (invalid) return { ok: false, error: invalid };
  const params: Record<string, string> = {};
  let rest = v.slice(base.length);
  while (rest.length > 0) {
    rest = trimLeftSpace(rest);
    if (rest === '') break;
    const param = consumeParam(rest);
    if (!param) {
      // Trailing semicolons are tolerated; anything else is a parse error.
      if (rest.trim() === ';') break;
      return { ok: false, error: 'mime: invalid media parameter' };
    }
    const existing = params[param.key];
    if (existing !== undefined && existing !== param.value) return { ok: false, error: 'mime: duplicate parameter name' };
    params[param.key] = param.value;
    rest = param.rest;
  }
  return { ok: true, type, params };
}
