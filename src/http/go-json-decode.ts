// What Vault's jsonutil.DecodeJSONFromReader (one json.Decoder.Decode call) makes of a request body:
// the first JSON value only (anything after it is never read), Go's syntax-error texts, io.EOF for
// an empty or all-whitespace body, io.ErrUnexpectedEOF for a truncated value, and the
// http.MaxBytesReader error when the value does not end within max_request_size.

export type DecodeResult =
  | { kind: 'eof' }
  | { kind: 'value'; value: unknown }
  | { kind: 'error'; message: string; tooLarge?: boolean };

/** Go's http.MaxBytesReader error text (net/http). */
export const BODY_TOO_LARGE = 'http: request body too large';
/** io.ErrUnexpectedEOF. */
const UNEXPECTED_EOF = 'unexpected EOF';
/** encoding/json maxNestingDepth. */
const MAX_DEPTH = 10000;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isHex(c: number): boolean {
  return isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

/** encoding/json quoteChar. */
function quoteChar(c: number): string {
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 0x5c: '\\\\' };
  if (named[c]) return `'${named[c]}'`;
  if (c < 0x20 || c === 0x7f) return `'\\x${c.toString(16).padStart(2, '0')}'`;
  const ch = String.fromCharCode(c);
  if (c >= 0x80 && !/[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch)) return `'\\u${c.toString(16).padStart(4, '0')}'`;
  return `'${ch}'`;
}

class SyntaxError_ extends Error {}

function fail(c: number, context: string): never {
  throw new SyntaxError_(`invalid character ${quoteChar(c)} ${context}`);
}

type Ctx = 'objKey' | 'objValue' | 'array';

/**
 * Scans the first value in `buf` the way encoding/json's scanner does.
 * Returns the end offset, 'incomplete' when the bytes ran out first, or throws SyntaxError_.
 */
function scanFirstValue(buf: Buffer, start: number): number | 'incomplete' {
  const stack: Ctx[] = [];
  let i = start;
  const need = (): number => {
    if (i >= buf.length) throw INCOMPLETE;
    return buf[i]!;
  };
  // Scans one value; returns 'open' with i on the bracket when it starts a container.
  const value = (): 'open' | 'done' => {
    let c = need();
    while (isSpace(c)) {
      i += 1;
      c = need();
    }
    if (c === 0x7b || c === 0x5b) return 'open';
    if (c === 0x22) {
      i += 1;
      string();
    } else if (c === 0x2d || isDigit(c)) number();
    else if (c === 0x74) literal('true');
    else if (c === 0x66) literal('false');
    else if (c === 0x6e) literal('null');
    else fail(c, 'looking for beginning of value');
    return 'done';
  };
  const string = (): void => {
    for (;;) {
      const c = need();
      i += 1;
      if (c === 0x22) return;
      if (c === 0x5c) {
        const e = need();
        i += 1;
        if (e === 0x75) {
          for (let k = 0; k < 4; k++) {
            const h = need();
            if (!isHex(h)) fail(h, 'in \\u hexadecimal character escape');
            i += 1;
          }
        } else if (!'bfnrt\\/"'.includes(String.fromCharCode(e))) {
          fail(e, 'in string escape code');
        }
        continue;
      }
      if (c < 0x20) fail(c, 'in string literal');
    }
  };
  const literal = (word: string): void => {
    i += 1;
    for (let k = 1; k < word.length; k++) {
      const c = need();
      if (c !== word.charCodeAt(k)) fail(c, `in literal ${word} (expecting '${word[k]}')`);
      i += 1;
    }
  };
  // A number ends at the first byte that cannot continue it; at EOF Go feeds a space.
  const number = (): void => {
    const peek = (): number => (i < buf.length ? buf[i]! : -1);
    if (peek() === 0x2d) {
      i += 1;
      const c = need();
      if (!isDigit(c)) fail(c, 'in numeric literal');
    }
    if (peek() === 0x30) i += 1;
    else while (isDigit(peek())) i += 1;
    if (peek() === -1) throw INCOMPLETE;
    if (peek() === 0x2e) {
      i += 1;
      const c = need();
      if (!isDigit(c)) fail(c, 'after decimal point in numeric literal');
      while (isDigit(peek())) i += 1;
      if (peek() === -1) throw INCOMPLETE;
    }
    if (peek() === 0x65 || peek() === 0x45) {
      i += 1;
      let c = need();
      if (c === 0x2b || c === 0x2d) {
        i += 1;
        c = need();
      }
      if (!isDigit(c)) fail(c, 'in exponent of numeric literal');
      while (isDigit(peek())) i += 1;
      if (peek() === -1) throw INCOMPLETE;
    }
  };
  const skipSpace = (): number => {
    let c = need();
    while (isSpace(c)) {
      i += 1;
      c = need();
    }
    return c;
  };

  const open = (): void => {
    const c = buf[i]!;
    if (stack.length + 1 > MAX_DEPTH) fail(c, 'exceeded max depth');
    stack.push(c === 0x7b ? 'objKey' : 'array');
    i += 1;
  };
  try {
    if (value() === 'done') return i;
    // Containers iterate instead of recursing, so deep nesting cannot overflow the stack.
    open();
    let first = true;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      let c = skipSpace();
      const closer = top === 'array' ? 0x5d : 0x7d;
      if (c === closer && (first || top !== 'objKey')) {
        i += 1;
        stack.pop();
        first = false;
        continue;
      }
      if (!first) {
        if (c !== 0x2c) fail(c, top === 'array' ? 'after array element' : 'after object key:value pair');
        i += 1;
        c = skipSpace();
      }
      first = false;
      if (top !== 'array') {
        if (c !== 0x22) fail(c, 'looking for beginning of object key string');
        i += 1;
        string();
        c = skipSpace();
        if (c !== 0x3a) fail(c, 'after object key');
        i += 1;
        stack[stack.length - 1] = 'objValue';
      }
      if (value() === 'open') {
        open();
        first = true;
      }
    }
    return i;
  } catch (e) {
    if (e === INCOMPLETE) return 'incomplete';
    throw e;
  }
}

const INCOMPLETE = Symbol('incomplete');

/** Replaces lone surrogates (from `\ud800` escapes) with U+FFFD, as Go's decoder does. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
function toWellFormed(s: string): string {
  return s.replace(LONE_SURROGATE, '\ufffd');
}
/** A \u escape of a surrogate half: the text may hold lone surrogates (see parseJson). */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/** JSON.parse, with Go's U+FFFD for lone surrogates where the text has surrogate escapes at all. */
function parseJson(text: string): unknown {
  if (!SURROGATE_ESCAPE.test(text)) return JSON.parse(text);
  return JSON.parse(text, function (this: Record<string, unknown>, key, value: unknown) {
    const fixed = toWellFormed(key);
    if (fixed !== key) {
      delete this[key];
      this[fixed] = typeof value === 'string' ? toWellFormed(value) : value;
      return undefined;
    }
    return typeof value === 'string' ? toWellFormed(value) : value;
  });
}

/**
 * Decodes the first JSON value of `body`. `truncated` says that the body went on beyond these bytes
 * (it exceeded the request size limit), so a value still open at the end is "too large", not EOF.
 */
export function decodeFirstValue(body: Buffer, truncated = false): DecodeResult {
  // Most bodies are one well-formed value: when JSON.parse takes the whole text, that value is also the
  // first one and Go's scanner would accept it. A body this short cannot nest past MAX_DEPTH, and one
  // with surrogate escapes needs parseJson's repair; anything else takes the scanner (Go's error texts).
  if (!truncated && body.length <= MAX_DEPTH) {
    const text = body.toString('utf8');
    if (!SURROGATE_ESCAPE.test(text)) {
      try {
        return { kind: 'value', value: JSON.parse(text) };
      } catch {
        // not one well-formed value: scanned below
      }
    }
  }
  return decodeByScanning(body, truncated);
}

/** decodeFirstValue without its shortcut: Go's scanner finds where the first value ends. */
export function decodeByScanning(body: Buffer, truncated = false): DecodeResult {
  let start = 0;
  while (start < body.length && isSpace(body[start]!)) start += 1;
  if (start === body.length) return truncated ? { kind: 'error', message: BODY_TOO_LARGE, tooLarge: true } : { kind: 'eof' };
  let end: number | 'incomplete';
  try {
    end = scanFirstValue(body, start);
  } catch (e) {
    if (e instanceof SyntaxError_) return { kind: 'error', message: e.message };
    throw e;
  }
  if (end === 'incomplete') {
    if (truncated) return { kind: 'error', message: BODY_TOO_LARGE, tooLarge: true };
    // A number or literal that runs to EOF is complete (Go feeds the scanner a space at EOF).
    const tail = body.subarray(start);
    const text = tail.toString('utf8');
    if (/^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(text)) return { kind: 'value', value: JSON.parse(text) };
    return { kind: 'error', message: UNEXPECTED_EOF };
  }
  const text = body.subarray(start, end).toString('utf8');
  return { kind: 'value', value: parseJson(text) };
}

/** Go's name for a decoded JSON value's kind, as in "cannot unmarshal array into …". */
export function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}
