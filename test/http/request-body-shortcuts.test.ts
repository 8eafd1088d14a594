// The shortcuts taken for request bodies give what the general code gives: a body that is one
// well-formed JSON value decodes as Go's scanner would have it, and a request that arrived whole is
// read in one call, as the streaming reader would read it.
import { once } from 'node:events';
import { request, createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeByScanning, decodeFirstValue } from '../../src/http/go-json-decode.js';
import { readBody } from '../../src/http/request-body.js';
import type { ReadBody } from '../../src/http/translate-request.js';

/** Texts around JSON: well-formed values, values with something after them, broken ones. */
const bodyText = fc.oneof(
  fc.json(),
  fc.tuple(fc.json(), fc.constantFrom('', ' ', '\n', 'x', '}', '{"b":2}', '\u00ff', ' 1')).map(([a, b]) => a + b),
  fc.string(),
  fc.constantFrom('', '   ', '01', 'truex', '{"k\\ud800":"\\udc00x"}', '"\\u0000"', '[1,]', '\ufeff{}', '{"__proto__":{"a":1}}', '1e400', '-0'),
);

describe('decodeFirstValue', () => {
  it('decodes every body exactly as the scanner does', () => {
    fc.assert(
      fc.property(bodyText, fc.boolean(), (text, latin1) => {
        const bytes = Buffer.from(text, latin1 ? 'latin1' : 'utf8');
        expect(decodeFirstValue(bytes)).toStrictEqual(decodeByScanning(bytes));
        expect(decodeFirstValue(bytes, true)).toStrictEqual(decodeByScanning(bytes, true));
      }),
      { numRuns: 3000 },
    );
  });
  it('still refuses nesting past the limit in a body long enough to hold it', () => {
    const deep = `${'['.repeat(10001)}${']'.repeat(10001)}`;
    expect(decodeFirstValue(Buffer.from(deep))).toEqual({ kind: 'error', message: "invalid character '[' exceeded max depth" });
  });
});

describe('readBody on a real server', () => {
  const seen: { body: ReadBody; complete: boolean }[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    void Promise.resolve(readBody(req, 64)).then((body) => {
      seen.push({ body, complete: req.complete });
      res.end(String(body.bytes.length));
    });
  });
  let port = 0;
  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Sends raw bytes in the given pieces (a pause between them), returns the response text. */
  async function send(pieces: string[]): Promise<string> {
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    let answer = '';
    socket.on('data', (d) => (answer += d));
    for (const piece of pieces) {
      socket.write(piece);
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 50));
    socket.destroy();
    return answer;
  }
  const head = (length: number) => `POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${length}\r\n\r\n`;

  it('reads a request that arrived whole, in one piece or several', async () => {
    seen.length = 0;
    await send([head(11) + '{"a":"bcd"}']);
    await send([head(11), '{"a":', '"bcd"}']);
    expect(seen.map((s) => s.body.bytes.toString())).toEqual(['{"a":"bcd"}', '{"a":"bcd"}']);
    expect(seen.every((s) => !s.body.truncated && s.complete)).toBe(true);
  });
  it('reads an empty body and stops at the limit', async () => {
    seen.length = 0;
    await send([head(0)]);
    await send([head(100) + 'x'.repeat(100)]);
    await send([head(100), 'x'.repeat(50), 'x'.repeat(50)]);
    expect(seen.map((s) => [s.body.bytes.length, s.body.truncated])).toEqual([
      [0, false],
      [64, true],
      [64, true],
    ]);
  });
  it('reads a chunked body', async () => {
    seen.length = 0;
    const res = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/' }, (r) => {
        let text = '';
        r.on('data', (d) => (text += d));
        r.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.write('abc');
      setTimeout(() => req.end('def'), 20);
    });
    expect(res).toBe('6');
    expect(seen[0]!.body.bytes.toString()).toBe('abcdef');
  });
});
