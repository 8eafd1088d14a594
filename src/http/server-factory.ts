// The listening side: a net (or TLS) server whose sockets' bytes pass through the RequestLineRewriter
// before reaching Node's HTTP parser, so LIST works on keep-alive connections.
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { DirectLane, type DirectServer } from './direct-lane.js';
import { MAX_HEAD_BYTES, RequestLineRewriter } from './request-line-rewriter.js';
import { goStatusText } from './go-status.js';
import { goServerResponses } from './messages.js';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
  /** When set, client certificates are requested and verified against this CA. */
  clientCa?: Buffer;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Vault's default http_idle_timeout is 5 minutes. */
const IDLE_TIMEOUT_MS = 5 * 60 * 1000;

/**
 * Hands a socket to Node's HTTP server with the RequestLineRewriter between the wire and the parser;
 * responses go straight to the real socket. This leans on three Node internals (Node 20 and 22,
 * lib/_http_server.js and lib/internal/stream_base_commons.js), checked by
 * test/http/node-socket-internals.test.ts:
 * 1. connectionListenerInternal lets the parser consume the libuv handle (bytes go from the kernel to
 *    llhttp without any JavaScript), but the server wraps `socket.on`: adding a 'data' listener
 *    unconsumes it (unconsume()) for good, after which every chunk reaches the parser through
 *    socketOnData. (The listener is removed again at once: a second 'data' listener would cost an
 *    array copy per chunk in EventEmitter.emit.)
 * 2. Bytes read from the handle enter the socket through `stream.push(buf)` in onStreamRead, looked up
 *    on the socket instance, so an own `push` sees (and may replace) each chunk before 'data' fires.
 * 3. The server keeps using the socket it was given for writes, timeouts and backpressure.
 * (A JS Duplex between socket and server did the same at about a third more CPU per request.)
 */
function serveThroughRewriter(http: HttpServer, socket: Socket | TLSSocket, direct: DirectServer | undefined): DirectLane | undefined {
  const rewriter = new RequestLineRewriter();
  const readable = socket as Socket & { push(chunk: Buffer | null, encoding?: BufferEncoding): boolean };
  const push = readable.push;
  const lane = direct
    ? new DirectLane(socket, direct, IDLE_TIMEOUT_MS, () => rewriter.atBoundary(), (chunk) => void readable.push(chunk))
    : undefined;
  readable.push = function pushRewritten(chunk: Buffer | null, encoding?: BufferEncoding): boolean {
    // A plain whole request on an idle connection is served without Node's parser (see direct-lane.ts).
    if (lane?.offer(chunk)) return true;
    if (chunk === null) return push.call(this, null, encoding);
    const out = rewriter.push(chunk);
    // Bytes held back (a head split across packets) are no data yet: keep reading.
    return out.length === 0 ? true : push.call(this, out, encoding);
  };
  http.emit('connection', socket);
  socket.on('data', unconsumeParser);
  socket.removeListener('data', unconsumeParser);
  return lane;
}

/** Its only role is to be added as a 'data' listener (see serveThroughRewriter). */
function unconsumeParser(): void {}

/** Go's raw answer to a request its parser rejects (net/http server.go, conn.serve). */
function goParserError(status: number, body: string): string {
  return `HTTP/1.1 ${status} ${goStatusText(status)}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n${body}`;
}

/** What Go writes where Node's parser refuses a request, instead of Node's bare 400. */
function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  let answer: string;
  if (err.code === 'HPE_HEADER_OVERFLOW') answer = goParserError(431, goServerResponses.headerTooLarge);
  else if (err.code === 'HPE_INVALID_TRANSFER_ENCODING' && !/Content-Length/i.test(err.message)) {
    answer = goParserError(501, goServerResponses.unsupportedTransferEncoding);
  } else answer = goParserError(400, goServerResponses.badRequest);
  socket.end(answer);
}

export class VaultListener {
  readonly http: HttpServer;
  private readonly outer: NetServer;
  private readonly sockets = new Set<Socket>();
  private readonly lanes = new WeakMap<Socket, DirectLane>();

  /** `direct`: serve plain whole requests on idle connections without Node's parser (see direct-lane.ts). */
  constructor(handler: Handler, tls?: TlsFiles, direct?: DirectServer) {
    this.http = createHttpServer(
      {
        keepAliveTimeout: IDLE_TIMEOUT_MS,
        // Go checks the Host header itself (answered in front-door.ts) and reads up to 1 MiB of headers.
        requireHostHeader: false,
        maxHeaderSize: MAX_HEAD_BYTES,
      },
      direct
        ? (req, res) => {
            // The lane leaves a connection to Node while Node has one of its requests.
            const lane = this.lanes.get(req.socket);
            if (lane) res.once('close', lane.nodeRequestStarted());
            handler(req, res);
          }
        : handler,
    );
    this.http.on('clientError', answerClientError);
    this.http.on('checkExpectation', (_req: IncomingMessage, res: ServerResponse) => {
      // Go answers an Expect other than 100-continue with 417 and closes.
      res.writeHead(417, goStatusText(417), { connection: 'close', 'content-length': '0' });
      res.end();
    });
    const accept = (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      const lane = serveThroughRewriter(this.http, socket, direct);
      if (lane) this.lanes.set(socket, lane);
    };
    if (tls) {
      this.outer = createTlsServer({
        cert: tls.cert,
        key: tls.key,
        // Like Vault's listener (tls.RequestClientCert): ask for a client certificate and accept whatever
        // is presented; verify it only when a client CA is configured.
        requestCert: true,
        rejectUnauthorized: !!tls.clientCa,
        ca: tls.clientCa,
      });
      this.outer.on('secureConnection', accept);
      // Sockets in their handshake are tracked too, so close() never waits for them.
      this.outer.on('connection', (s: Socket) => {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
      });
    } else {
      this.outer = createNetServer({ noDelay: true }, accept);
    }
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.outer.once('error', reject);
      this.outer.listen(port, host, () => {
        this.outer.off('error', reject);
        resolve(this.outer.address() as AddressInfo);
      });
    });
  }

  /** Stops accepting and drops every open connection at once. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.outer.close(() => resolve());
      for (const s of this.sockets) s.destroy();
      this.sockets.clear();
    });
  }
}
