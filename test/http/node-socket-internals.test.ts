// The Node internals src/http/server-factory.ts (serveThroughRewriter) relies on to put the
// request-line rewriter in front of Node's HTTP parser without a Duplex in between. If a Node
// upgrade changes any of them, these tests say which one, before the wire tests fail less clearly.
import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { connect, createServer as createNetServer, Socket, type AddressInfo, type Server as NetServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ORIGINAL_METHOD_HEADER } from '../../src/http/request-line-rewriter.js';
import { VaultListener } from '../../src/http/server-factory.js';

const SEE = 'Node internals changed: see serveThroughRewriter in src/http/server-factory.ts';

interface Seen {
  method: string;
  marker: string | undefined;
  socket: unknown;
  /** Whether the parser was reading the libuv handle itself while the request was served. */
  consumed?: boolean;
}

/** Sends raw bytes on one connection and resolves with everything the server wrote back until it closes. */
async function rawExchange(port: number, bytes: string): Promise<string> {
  const client = connect(port, '127.0.0.1');
  await once(client, 'connect');
  client.end(bytes);
  let out = '';
  client.setEncoding('latin1');
  client.on('data', (d: string) => (out += d));
  await once(client, 'close');
  return out;
}

const answer = (res: ServerResponse) => {
  res.writeHead(200, { connection: 'close', 'content-length': '2' });
  res.end('ok');
};

describe('Node internals behind the request-line rewriter', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (closers.length > 0) await closers.pop()!();
  });

  /** A net server that hands each socket to a plain node:http server the way serveThroughRewriter does. */
  async function handOver(onSocket: (http: HttpServer, socket: Socket) => void, handler: (req: IncomingMessage, res: ServerResponse) => void) {
    const http = createHttpServer(handler);
    const outer: NetServer = createNetServer((socket) => onSocket(http, socket));
    outer.listen(0, '127.0.0.1');
    await once(outer, 'listening');
    closers.push(() => new Promise((resolve) => outer.close(() => resolve())));
    return (outer.address() as AddressInfo).port;
  }

  it('the HTTP server consumes a socket it is handed, and a later data listener unconsumes it for good', async () => {
    const states: { consumedAtFirst?: boolean; consumedAfter?: boolean } = {};
    const port = await handOver((http, socket) => {
      http.emit('connection', socket);
      const parser = (socket as Socket & { parser?: { _consumed?: boolean } }).parser;
      states.consumedAtFirst = parser?._consumed;
      const noop = () => {};
      socket.on('data', noop);
      socket.removeListener('data', noop);
      states.consumedAfter = parser?._consumed;
    }, (_req, res) => answer(res));
    const out = await rawExchange(port, 'GET /x HTTP/1.1\r\nHost: a\r\n\r\n');
    expect(out.startsWith('HTTP/1.1 200 OK'), SEE).toBe(true);
    expect(states, SEE).toEqual({ consumedAtFirst: true, consumedAfter: false });
  });

  it('once unconsumed, every chunk reaches the parser through the socket instance’s own push', async () => {
    let seen: Seen | undefined;
    const chunks: string[] = [];
    const port = await handOver((http, socket) => {
      const readable = socket as Socket & { push(chunk: Buffer | null): boolean };
      const push = readable.push;
      // Replaces what the parser will read: PATCH on the wire, GET for Node.
      readable.push = function (chunk: Buffer | null) {
        if (chunk) chunks.push(chunk.toString('latin1'));
        return push.call(this, chunk === null ? null : Buffer.from(chunk.toString('latin1').replace(/^PATCH /, 'GET '), 'latin1'));
      };
      http.emit('connection', socket);
      const noop = () => {};
      socket.on('data', noop);
      socket.removeListener('data', noop);
    }, (req, res) => {
      seen = { method: req.method ?? '', marker: undefined, socket: req.socket };
      answer(res);
    });
    const out = await rawExchange(port, 'PATCH /x HTTP/1.1\r\nHost: a\r\n\r\n');
    expect(out.startsWith('HTTP/1.1 200 OK'), SEE).toBe(true);
    expect(chunks.join(''), SEE).toContain('PATCH /x HTTP/1.1');
    expect(seen?.method, SEE).toBe('GET');
  });

  it('VaultListener: LIST arrives as GET with the marker, and the request’s socket is the real one (no wrapper)', async () => {
    let seen: Seen | undefined;
    const listener = new VaultListener((req, res) => {
      const marker = req.headers[ORIGINAL_METHOD_HEADER];
      const parser = (req.socket as { parser?: { _consumed?: boolean } }).parser;
      seen = { method: req.method ?? '', marker: typeof marker === 'string' ? marker : undefined, socket: req.socket, consumed: parser?._consumed };
      answer(res);
    });
    const { port } = await listener.listen(0, '127.0.0.1');
    closers.push(() => listener.close());
    const out = await rawExchange(port, 'LIST /v1/kv HTTP/1.1\r\nHost: a\r\n\r\n');
    expect(out.startsWith('HTTP/1.1 200 OK'), SEE).toBe(true);
    expect({ method: seen?.method, marker: seen?.marker, realSocket: seen?.socket instanceof Socket, consumed: seen?.consumed }, SEE).toEqual({
      method: 'GET',
      marker: 'LIST',
      realSocket: true,
      consumed: false,
    });
  });
});
