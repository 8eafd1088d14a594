// The parts of Go's net/url and net/http that decide what Vault sees of a request target:
// url.ParseRequestURI, URL.EscapedPath, url.ParseQuery, ServeMux's cleanPath and
// go-cleanhttp's printable-path check. Vault 1.17.6 is built with Go 1.22.7.

export interface RequestTarget {
  /** Decoded path (Go's URL.Path); '*' for an asterisk-form target. */
  path: string;
  /** Path as Go's URL.EscapedPath() returns it. */
  escapedPath: string;
  /** Query string without '?', as sent. */
  rawQuery: string;
  /** Host from an absolute-form target (`GET http://host/path`), if any. */
  host?: string;
  /** The path is printable ASCII with no escapes (so it is its own escaped form, and decodes to itself). */
  plain?: boolean;
}

const HEX = /^[0-9a-fA-F]{2}$/;

/**
 * Percent-decoding as Go's url.unescape does it; undefined on a malformed escape.
 * Characters up to U+00FF are taken as bytes (Node hands the request line over as latin1);
 * the decoded bytes are read as UTF-8, invalid sequences becoming U+FFFD as Go's JSON output shows them.
 */
export function goUnescape(s: string, queryComponent: boolean): string | undefined {
  if (/^[\x00-\x7f]*$/.test(s) && !s.includes('%') && !(queryComponent && s.includes('+'))) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      const hex = s.slice(i + 1, i + 3);
      if (!HEX.test(hex)) return undefined;
      bytes.push(Number.parseInt(hex, 16));
      i += 3;
    } else if (c === 0x2b && queryComponent) {
      bytes.push(0x20);
      i += 1;
    } else if (c <= 0xff) {
      bytes.push(c);
      i += 1;
    } else {
      const ch = String.fromCodePoint(s.codePointAt(i)!);
      for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
      i += ch.length;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Go's shouldEscape(c, encodePath). */
function shouldEscapeInPath(c: number): boolean {
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) return false;
  return !'-_.~$&+,/:;=@'.includes(String.fromCharCode(c));
}

/** Go's url.escape(s, encodePath): what URL.String() writes for a path. */
export function goEscapePath(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    out += shouldEscapeInPath(b) ? `%${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b);
  }
  return out;
}

/** Go's validEncoded(s, encodePath): may a raw path be kept as the escaped form? */
function validEncodedPath(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if ("!$&'()*+,;=:@[]%".includes(ch)) continue;
    if (c > 0x7f || shouldEscapeInPath(c)) return false;
  }
  return true;
}

/** An origin-form target whose path needs no decoding and is its own escaped form (most requests). */
const PLAIN_TARGET = /^\/[A-Za-z0-9\-_.~$&+,/:;=@!'()*]*(?:\?[\x21-\x7e]*)?$/;

/** url.ParseRequestURI as Go's HTTP server applies it; undefined where Go answers 400 Bad Request. */
export function parseRequestTarget(target: string): RequestTarget | undefined {
  if (PLAIN_TARGET.test(target)) {
    const q = target.indexOf('?');
    if (q === -1) return { path: target, escapedPath: target, rawQuery: '', host: undefined, plain: true };
    const path = target.slice(0, q);
    return { path, escapedPath: path, rawQuery: target.slice(q + 1), host: undefined, plain: true };
  }
  if (target === '') return undefined;
  if (/[\x00-\x1f\x7f]/.test(target)) return undefined;
  if (target === '*') return { path: '*', escapedPath: '*', rawQuery: '' };
  let rest = target;
  let host: string | undefined;
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length);
  let rawQuery = '';
  const q = rest.indexOf('?');
  if (q !== -1) {
    rawQuery = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  if (!rest.startsWith('/')) {
    // Go keeps a rootless absolute URI as opaque (empty path); a relative one is refused.
    if (!scheme) return undefined;
    return { path: '', escapedPath: '', rawQuery };
  }
  if (scheme && rest.startsWith('//')) {
    const authority = rest.slice(2);
    const slash = authority.indexOf('/');
    host = slash === -1 ? authority : authority.slice(0, slash);
    rest = slash === -1 ? '' : authority.slice(slash);
  }
  const path = goUnescape(rest, false);
  if (path === undefined) return undefined;
  const escapedPath = rest !== '' && validEncodedPath(rest) && goUnescape(rest, false) === path ? rest : goEscapePath(path);
  return { path, escapedPath, rawQuery, host };
}

/** Go's url.Values from url.ParseQuery: keys in first-seen order, `error` when any pair was dropped. */
export interface GoQuery {
  values: ReadonlyMap<string, string[]>;
  error: boolean;
}

/** The values of an empty query, shared (GoQuery values are only ever read). */
const NO_VALUES: ReadonlyMap<string, string[]> = new Map();

export function parseGoQuery(raw: string): GoQuery {
  if (raw === '') return { values: NO_VALUES, error: false };
  const values = new Map<string, string[]>();
  let error = false;
  for (const pair of raw.split('&')) {
    if (pair.includes(';')) {
      error = true;
      continue;
    }
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = goUnescape(eq === -1 ? pair : pair.slice(0, eq), true);
    const value = goUnescape(eq === -1 ? '' : pair.slice(eq + 1), true);
    if (key === undefined || value === undefined) {
      error = true;
      continue;
    }
    const list = values.get(key);
    if (list) list.push(value);
    else values.set(key, [value]);
  }
  return { values, error };
}

/** url.Values.Get: the first value, or ''. */
export function queryGet(query: GoQuery, key: string): string {
  return query.values.get(key)?.[0] ?? '';
}

/** Go's path.Clean. */
function cleanSegments(p: string): string {
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

const DIRTY_PATH = /\/\/|\/\.\.?(?:\/|$)/;

/** net/http's cleanPath: path.Clean with a leading slash, keeping a trailing slash. */
export function cleanPath(p: string): string {
  // Already clean: rooted, no empty, `.` or `..` segment (a trailing slash is kept anyway).
  if (p.startsWith('/') && !DIRTY_PATH.test(p)) return p;
  if (p === '') return '/';
  const rooted = p.startsWith('/') ? p : `/${p}`;
  let np = cleanSegments(rooted);
  if (rooted.endsWith('/') && np !== '/') np += '/';
  return np;
}

/** go-cleanhttp PrintablePathCheckHandler: any rune that unicode.IsPrint rejects. */
export function hasNonPrintable(path: string): boolean {
  if (PRINTABLE_ASCII.test(path)) return false;
  return /[^\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(path);
}
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;


/** Go's strconv.Quote (the %q verb) for the strings that reach error messages. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c === 0x07) out += '\\a';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0b) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (/[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(ch)) out += ch;
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}
