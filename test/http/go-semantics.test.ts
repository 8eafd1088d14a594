// The Go behaviours Vault's HTTP layer inherits: URL parsing and cleaning, query parsing,
// media types and the json.Decoder's view of a body.
import { describe, expect, it } from 'vitest';
import { decodeFirstValue } from '../../src/http/go-json-decode.js';
import { cleanPath, goQuote, hasNonPrintable, parseGoQuery, parseRequestTarget } from '../../src/http/go-url.js';
import { parseMediaType } from '../../src/http/media-type.js';
import { parseDurationSecondHeader } from '../../src/http/translate-request.js';
import { route } from '../../src/http/vault-mux.js';

describe('request target (url.ParseRequestURI)', () => {
  it('decodes the path, keeps the raw query and the escaped form', () => {
    expect(parseRequestTarget('/v1/secret/a%2Fb?x=1&y')).toEqual({ path: '/v1/secret/a/b', escapedPath: '/v1/secret/a%2Fb', rawQuery: 'x=1&y', host: undefined });
    expect(parseRequestTarget('/v1/a%41')?.path).toBe('/v1/aA');
    expect(parseRequestTarget('/v1/caf%C3%A9')?.path).toBe('/v1/café');
    expect(parseRequestTarget('/v1/a#b')?.path).toBe('/v1/a#b');
    expect(parseRequestTarget('http://example.com/v1/x?q')).toMatchObject({ path: '/v1/x', rawQuery: 'q', host: 'example.com' });
    expect(parseRequestTarget('*')?.path).toBe('*');
  });

  it('refuses what Go answers with 400 Bad Request', () => {
    for (const bad of ['/v1/a%zz', '/v1/a%4', 'v1/relative', '', '/v1/\x01']) expect(parseRequestTarget(bad)).toBeUndefined();
  });

  it('cleans paths as net/http does, keeping a trailing slash', () => {
    expect(cleanPath('/v1//secret/./a/../b/')).toBe('/v1/secret/b/');
    expect(cleanPath('/../v1')).toBe('/v1');
    expect(cleanPath('')).toBe('/');
    expect(cleanPath('/v1/secret/')).toBe('/v1/secret/');
  });

  it('flags non-printable runes (go-cleanhttp) but not spaces or symbols', () => {
    expect(hasNonPrintable('/v1/a b/ü/€')).toBe(false);
    expect(hasNonPrintable('/v1/a\u00a0b')).toBe(true);
    expect(hasNonPrintable('/v1/a\u200bb')).toBe(true);
    expect(hasNonPrintable('/v1/a\nb')).toBe(true);
  });

  it('parses queries as url.ParseQuery: + is a space, bad pairs are dropped and flagged', () => {
    const q = parseGoQuery('a=1&a=2&b=x+y&c&&d=%zz&e;f=1&g=%41');
    expect([...q.values]).toEqual([
      ['a', ['1', '2']],
      ['b', ['x y']],
      ['c', ['']],
      ['g', ['A']],
    ]);
    expect(q.error).toBe(true);
    expect(parseGoQuery('a=1').error).toBe(false);
  });

  it('quotes as strconv.Quote', () => {
    expect(goQuote('a"b\\c\td\x01é')).toBe('"a\\"b\\\\c\\td\\x01é"');
  });
});

describe('the ServeMux of http/handler.go', () => {
  const r = (target: string, method = 'GET') => route(parseRequestTarget(target)!, method);
  it('redirects unclean paths with 301 to the cleaned path, query kept', () => {
    expect(r('/v1//secret/a?x=1')).toEqual({ kind: 'redirect', status: 301, location: '/v1/secret/a?x=1' });
    expect(r('/v1/./sys/health')).toEqual({ kind: 'redirect', status: 301, location: '/v1/sys/health' });
    expect(r('/v1/secret/../sys/mounts/', 'POST')).toEqual({ kind: 'redirect', status: 301, location: '/v1/sys/mounts/' });
    // Go 1.22 escapes the already-escaped clean path again.
    expect(r('/v1//a%2Fb')).toEqual({ kind: 'redirect', status: 301, location: '/v1/a%252Fb' });
  });

  it('redirects a subtree root named without its slash', () => {
    for (const p of ['/v1', '/v1/sys', '/v1/sys/audit-hash', '/v1/sys/config/state', '/v1/sys/pprof']) {
      expect(r(p)).toEqual({ kind: 'redirect', status: 301, location: `${p}/` });
    }
    expect(r('/v1/sys?a=b')).toEqual({ kind: 'redirect', status: 301, location: '/v1/sys/?a=b' });
    // Registered exactly as well, so no redirect.
    expect(r('/v1/sys/mounts')).toEqual({ kind: 'logical', path: 'sys/mounts' });
    expect(r('/v1/sys/auth')).toEqual({ kind: 'logical', path: 'sys/auth' });
  });

  it('routes raw sys handlers by exact, percent-decoded segments', () => {
    expect(r('/v1/sys/health')).toEqual({ kind: 'raw', path: 'sys/health' });
    expect(r('/v1/sys/heal%74h')).toEqual({ kind: 'raw', path: 'sys/health' });
    expect(r('/v1/sys/health/')).toEqual({ kind: 'logical', path: 'sys/health/' });
    expect(r('/v1/sys%2Fhealth')).toEqual({ kind: 'logical', path: 'sys/health' });
  });

  it('sends the UI paths to the UI and everything else to /ui/', () => {
    expect(r('/')).toEqual({ kind: 'redirect', status: 307, location: '/ui/' });
    expect(r('/ui')).toEqual({ kind: 'redirect', status: 307, location: '/ui/' });
    expect(r('/anything/else')).toEqual({ kind: 'redirect', status: 307, location: '/ui/' });
    expect(r('/ui/vault/secrets')).toEqual({ kind: 'ui' });
    expect(r('*')).toEqual({ kind: 'asterisk' });
  });
});

describe('mime.ParseMediaType', () => {
  it('returns the lower-cased media type and parameters', () => {
    expect(parseMediaType('Application/Merge-Patch+JSON; charset="utf-8"')).toEqual({ ok: true, type: 'application/merge-patch+json', params: { charset: 'utf-8' } });
    expect(parseMediaType('text;')).toEqual({ ok: true, type: 'text', params: {} });
  });
  it("fails with Go's messages", () => {
    expect(parseMediaType('')).toEqual({ ok: false, error: 'mime: no media type' });
    expect(parseMediaType('text/')).toEqual({ ok: false, error: 'mime: expected token after slash' });
    expect(parseMediaType('a b')).toEqual({ ok: false, error: 'mime: expected slash after first token' });
    expect(parseMediaType('a/b c')).toEqual({ ok: false, error: 'mime: unexpected content after media subtype' });
    expect(parseMediaType('a/b; charset')).toEqual({ ok: false, error: 'mime: invalid media parameter' });
    expect(parseMediaType('a/b; x=1; x=2')).toEqual({ ok: false, error: 'mime: duplicate parameter name' });
  });
});

describe('json.Decoder on a request body', () => {
  const dec = (s: string, truncated = false) => decodeFirstValue(Buffer.from(s), truncated);
  it('reads the first value only and ignores what follows', () => {
    expect(dec('{"a":1} trailing garbage')).toEqual({ kind: 'value', value: { a: 1 } });
    expect(dec('{"a":1}{"b":2}')).toEqual({ kind: 'value', value: { a: 1 } });
    expect(dec('  null  ')).toEqual({ kind: 'value', value: null });
    expect(dec('12')).toEqual({ kind: 'value', value: 12 });
    expect(dec('truex')).toEqual({ kind: 'value', value: true });
  });
  it('treats empty and all-whitespace bodies as EOF', () => {
    expect(dec('')).toEqual({ kind: 'eof' });
    expect(dec(' \r\n\t')).toEqual({ kind: 'eof' });
  });
  it("reports Go's syntax errors", () => {
    expect(dec('{"a":')).toEqual({ kind: 'error', message: 'unexpected EOF' });
    expect(dec('x')).toEqual({ kind: 'error', message: "invalid character 'x' looking for beginning of value" });
    expect(dec('{a:1}')).toEqual({ kind: 'error', message: "invalid character 'a' looking for beginning of object key string" });
    expect(dec('{"a" 1}')).toEqual({ kind: 'error', message: "invalid character '1' after object key" });
    expect(dec('{"a":1 "b"}')).toEqual({ kind: 'error', message: "invalid character '\"' after object key:value pair" });
    expect(dec('[1 2]')).toEqual({ kind: 'error', message: "invalid character '2' after array element" });
    expect(dec('[1,]')).toEqual({ kind: 'error', message: "invalid character ']' looking for beginning of value" });
    expect(dec('"a\nb"')).toEqual({ kind: 'error', message: "invalid character '\\n' in string literal" });
    expect(dec('"\\x"')).toEqual({ kind: 'error', message: "invalid character 'x' in string escape code" });
    expect(dec('tru ')).toEqual({ kind: 'error', message: "invalid character ' ' in literal true (expecting 'e')" });
    expect(dec('01')).toEqual({ kind: 'value', value: 0 });
    expect(dec('[01]')).toEqual({ kind: 'error', message: "invalid character '1' after array element" });
    expect(dec('1.x')).toEqual({ kind: 'error', message: "invalid character 'x' after decimal point in numeric literal" });
    expect(dec("{'a':1}")).toEqual({ kind: 'error', message: "invalid character '\\'' looking for beginning of object key string" });
  });
  it('says "too large" only for a value still open where the size limit cut the body', () => {
    expect(dec('{"a":"xxxx', true)).toMatchObject({ kind: 'error', message: 'http: request body too large', tooLarge: true });
    expect(dec('{"a":1}   ', true)).toEqual({ kind: 'value', value: { a: 1 } });
    expect(dec('{"a" x', true)).toEqual({ kind: 'error', message: "invalid character 'x' after object key" });
  });
  it('replaces lone surrogates and survives deep nesting', () => {
    expect(dec('{"k\\ud800":"\\udc00x"}')).toEqual({ kind: 'value', value: { 'k\ufffd': '\ufffdx' } });
    expect(dec(`${'['.repeat(10001)}${']'.repeat(10001)}`)).toEqual({ kind: 'error', message: "invalid character '[' exceeded max depth" });
    expect(dec(`${'['.repeat(5000)}${']'.repeat(5000)}`).kind).toBe('value');
  });
});

describe('parseutil.ParseDurationSecond (X-Vault-Wrap-TTL)', () => {
  it('accepts seconds, Go durations and days', () => {
    expect(parseDurationSecondHeader('90')).toBe(90);
    expect(parseDurationSecondHeader('1h30m')).toBe(5400);
    expect(parseDurationSecondHeader('2d')).toBe(172800);
    expect(parseDurationSecondHeader('-5')).toBe(-5);
  });
  it("throws Go's errors", () => {
    expect(() => parseDurationSecondHeader('abc')).toThrow('time: invalid duration "abc"');
    expect(() => parseDurationSecondHeader('1.5d')).toThrow('strconv.ParseInt: parsing "1.5": invalid syntax');
    expect(() => parseDurationSecondHeader('5x')).toThrow('time: unknown unit "x" in duration "5x"');
  });
});
