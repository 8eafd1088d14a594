import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORIGINAL_METHOD_HEADER, RequestLineRewriter } from '../../src/http/request-line-rewriter.js';

function feed(chunks: (string | Buffer)[]): string {
  const r = new RequestLineRewriter();
  return Buffer.concat(chunks.map((c) => r.push(Buffer.isBuffer(c) ? c : Buffer.from(c, 'latin1')))).toString('latin1');
}

const LIST = 'LIST /v1/secret/ HTTP/1.1\r\nHost: a\r\n\r\n';
const LIST_OUT = `GET /v1/secret/ HTTP/1.1\r\n${ORIGINAL_METHOD_HEADER}: LIST\r\nHost: a\r\n\r\n`;

describe('RequestLineRewriter', () => {
  it('rewrites LIST and other non-standard tokens to GET with the marker header', () => {
    expect(feed([LIST])).toBe(LIST_OUT);
    expect(feed(['HELP /v1/x HTTP/1.1\r\nHost: a\r\n\r\n'])).toContain(`GET /v1/x HTTP/1.1\r\n${ORIGINAL_METHOD_HEADER}: HELP\r\n`);
    // Go accepts any token as a method, lower case included; Node's parser would refuse these.
    expect(feed(['list /v1/x HTTP/1.1\r\nHost: a\r\n\r\n'])).toContain(`${ORIGINAL_METHOD_HEADER}: list\r\n`);
    expect(feed(['FOO-BAR_1 /v1/x HTTP/1.1\r\nHost: a\r\n\r\n'])).toContain(`${ORIGINAL_METHOD_HEADER}: FOO-BAR_1\r\n`);
    expect(feed(['CONNECT /v1/x HTTP/1.1\r\nHost: a\r\n\r\n'])).toContain(`${ORIGINAL_METHOD_HEADER}: CONNECT\r\n`);
  });

  it('leaves methods Node serves untouched, byte for byte', () => {
    for (const m of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'PROPFIND']) {
      const req = `${m} /v1/x HTTP/1.1\r\nHost: a\r\n\r\n`;
      expect(feed([req])).toBe(req);
    }
  });

  it('drops a client-sent copy of the marker header', () => {
    const spoof = `GET /v1/x HTTP/1.1\r\nHost: a\r\n${ORIGINAL_METHOD_HEADER}: DELETE\r\nX-Other: 1\r\n\r\n`;
    expect(feed([spoof])).toBe('GET /v1/x HTTP/1.1\r\nHost: a\r\nX-Other: 1\r\n\r\n');
    const both = `LIST /v1/x HTTP/1.1\r\n${ORIGINAL_METHOD_HEADER.toUpperCase()}: PUT\r\nHost: a\r\n\r\n`;
    expect(feed([both])).toBe(`GET /v1/x HTTP/1.1\r\n${ORIGINAL_METHOD_HEADER}: LIST\r\nHost: a\r\n\r\n`);
  });

  it('skips Content-Length bodies, so a body that looks like a request line is not rewritten', () => {
    const body = 'LIST /v1/not-a-request HTTP/1.1\r\n\r\n';
    const post = `POST /v1/x HTTP/1.1\r\nHost: a\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    expect(feed([post + LIST])).toBe(post + LIST_OUT);
    // The same with a LIST carrying a body of its own.
    const listWithBody = `LIST /v1/y/ HTTP/1.1\r\nHost: a\r\ncontent-length: ${body.length}\r\n\r\n${body}`;
    expect(feed([listWithBody + LIST])).toBe(
      `GET /v1/y/ HTTP/1.1\r\n${ORIGINAL_METHOD_HEADER}: LIST\r\nHost: a\r\ncontent-length: ${body.length}\r\n\r\n${body}${LIST_OUT}`,
    );
  });

  it('follows chunked bodies with extensions and trailers', () => {
    const inner = '/v1/inside HTTP/1.1\r\n\r\nab';
    const chunked =
      'POST /v1/x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n' +
      '5;name=value\r\nLIST \r\n' +
      `${inner.length.toString(16)}\r\n${inner}\r\n` +
      '0\r\nX-Trailer: LIST /v1/t HTTP/1.1\r\nOther: 2\r\n\r\n';
    expect(feed([chunked + LIST])).toBe(chunked + LIST_OUT);
  });

  it('gives the same output however the bytes are split', () => {
    const body = '{"a":"LIST /v1/x HTTP/1.1"}';
    const seq =
      LIST +
      `PUT /v1/k HTTP/1.1\r\nHost: a\r\nContent-Length: ${body.length}\r\n\r\n${body}` +
      'POST /v1/c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;e=1\r\nabc\r\n0\r\nT: 1\r\n\r\n' +
      '\r\nLIST /v1/z?list=false HTTP/1.1\r\nHost: a\r\n\r\n';
    const whole = feed([seq]);
    expect(whole.match(new RegExp(ORIGINAL_METHOD_HEADER, 'g'))).toHaveLength(2);
    for (let i = 1; i < seq.length; i++) expect(feed([seq.slice(0, i), seq.slice(i)])).toBe(whole);
    for (let i = 1; i + 7 < seq.length; i += 7) expect(feed([seq.slice(0, i), seq.slice(i, i + 7), seq.slice(i + 7)])).toBe(whole);
    expect(feed([...seq].map((c) => c))).toBe(whole);
  });

  it('passes through what it cannot frame, for Node to refuse', () => {
    // Bare LF line endings: Node rejects them, so the rewriter must not wait for CRLFCRLF forever.
    const bareLf = 'LIST /v1/x HTTP/1.1\nHost: a\n\n';
    expect(feed([bareLf])).toBe(bareLf);
    const badChunk = 'POST /v1/x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n' + LIST;
    expect(feed([badChunk])).toBe(badChunk);
    const bothFramings = 'POST /v1/x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc' + LIST;
    expect(feed([bothFramings])).toBe(bothFramings);
    const conflicting = 'POST /v1/x HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd' + LIST;
    expect(feed([conflicting])).toBe(conflicting);
  });

  it('holds an incomplete head until it is complete', () => {
    const r = new RequestLineRewriter();
    expect(r.push(Buffer.from('LIST /v1/x HT')).length).toBe(0);
    expect(r.push(Buffer.from('TP/1.1\r\nHost: a\r\n')).length).toBe(0);
    expect(r.push(Buffer.from('\r\n')).toString()).toBe(`GET /v1/x HTTP/1.1\r\n${ORIGINAL_METHOD_HEADER}: LIST\r\nHost: a\r\n\r\n`);
  });

  it('hands a whole request with a plain Content-Length body on as the same buffer', () => {
    const body = '{"role_id":"r","secret_id":"s"}';
    const login = Buffer.from(`POST /v1/auth/approle/login HTTP/1.1\r\nHost: a\r\nContent-Length: ${body.length}\r\n\r\n${body}`, 'latin1');
    const r = new RequestLineRewriter();
    expect(r.push(login)).toBe(login);
    // Framing is back at a head: the next LIST is still rewritten.
    expect(r.push(Buffer.from(LIST, 'latin1')).toString('latin1')).toBe(LIST_OUT);
  });

  it('the whole-request shortcut gives what the general path gives, and leaves the same framing state', () => {
    const headerLine = fc.oneof(
      fc.constantFrom('Host: a', 'Content-Type: application/json', 'X-Content-Length: 2', `${ORIGINAL_METHOD_HEADER}: LIST`, 'Transfer-Encoding: chunked'),
      fc.tuple(fc.constantFrom('Content-Length', 'content-length', 'CONTENT-LENGTH', 'Content-Length '), fc.constantFrom(':', ': ', ':\t', ':  '), fc.constantFrom('0', '3', '5', '05', '3, 3', '3,4', 'x', '4 '))
        .map(([n, c, v]) => `${n}${c}${v}`),
    );
    const request = fc.record({
      method: fc.constantFrom('POST', 'PUT', 'GET', 'LIST', 'DELETE'),
      headers: fc.array(headerLine, { maxLength: 4 }),
      body: fc.constantFrom('', 'abc', 'abcde', 'ab\ncd', 'LIST /v1/x HTTP/1.1\r\n\r\n'),
    });
    fc.assert(
      fc.property(request, ({ method, headers, body }) => {
        const req = `${method} /v1/x HTTP/1.1\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n${body}`;
        // Split after the first byte, the request takes the general path (a held, incomplete head).
        expect(feed([req, LIST])).toBe(feed([req.slice(0, 1), req.slice(1), LIST]));
      }),
      { numRuns: 2000 },
    );
  });
});
