// The listening side: a net (or TLS) server whose sockets pass through the RequestLineRewriter
// before reaching Node's HTTP server, so LIST works on keep-alive connections.
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
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

/** A socket seen by the HTTP server: a Duplex fed by the rewriter, writing straight to the real socket. */
function bridge(real: Socket | TLSSocket): Duplex {
  const rewriter = new RequestLineRewriter();
  const duplex = new Duplex({
    read() {
      real.resume();
    },
    write(chunk: Buffer, _enc, cb) {
      if (real.destroyed) return cb();
      real.write(chunk, (err) => cb(err ?? null));
    },
    // Node's HTTP server corks the socket around a response; writing the corked chunks (status line,
    // headers, body) as one buffer costs one system call instead of one per chunk.
    writev(chunks: Array<{ chunk: Buffer }>, cb) {
      if (real.destroyed) return cb();
      const data = chunks.length === 1 ? chunks[0]!.chunk : Buffer.concat(chunks.map((c) => c.chunk));
      real.write(data, (err) => cb(err ?? null));
    },
    final(cb) {
      real.end(cb);
    },
    destroy(err, cb) {
      real.destroy(err ?? undefined);
      cb(err);
    },
  });
  real.on('data', (chunk: Buffer) => {
    if (!duplex.push(rewriter.push(chunk))) real.pause();
  });
  real.on('end', () => duplex.push(null));
  real.on('close', () => duplex.destroy());
  real.on('error', (err) => duplex.destroy(err));
  // What Node's HTTP server and Fastify read from a socket.
  const props: Record<string, unknown> = {
    remoteAddress: real.remoteAddress,
    remotePort: real.remotePort,
    remoteFamily: real.remoteFamily,
    localAddress: real.localAddress,
    localPort: real.localPort,
    encrypted: 'encrypted' in real ? (real as TLSSocket).encrypted : undefined,
  };
  Object.assign(duplex, props, {
    setTimeout: (ms: number, cb?: () => void) => {
      real.setTimeout(ms, cb);
      return duplex;
    },
    setNoDelay: (v?: boolean) => {
      real.setNoDelay(v);
      return duplex;
    },
    setKeepAlive: (e?: boolean, d?: number) => {
      real.setKeepAlive(e, d);
      return duplex;
    },
    ref: () => real.ref(),
    unref: () => real.unref(),
    address: () => real.address(),
  });
  real.on('timeout', () => duplex.emit('timeout'));
  return duplex;
}

/** Go's raw answer to a request its parser rejects (net/http server.go, conn.serve). */
function goParserError(status: number, body: string): string {
  return `HTTP/1.1 ${status} ${goStatusText(status)}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n${body}`;
}

/** What Go writes where Node's parser refuses a request, instead of Node's bare 400. */
function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
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

  constructor(handler: Handler, tls?: TlsFiles) {
    this.http = createHttpServer(
      {
        // Vault's default http_idle_timeout is 5 minutes.
        keepAliveTimeout: 5 * 60 * 1000,
        // Go checks the Host header itself (answered in front-door.ts) and reads up to 1 MiB of headers.
        requireHostHeader: false,
        maxHeaderSize: MAX_HEAD_BYTES,
      },
      handler,
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
      this.http.emit('connection', bridge(socket));
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
