// A byte-level HTTP/1.1 client for wire tests: writes exactly the bytes given (in the writes given,
// with pauses if asked) and parses the responses that come back on the same connection.
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

export interface RawResponse {
  status: number;
  reason: string;
  headers: Record<string, string>;
  /** The header lines as they came, in order (names in the server's case). */
  headLines: string[];
  body: string;
}

export interface ExchangeOptions {
  /** Methods of the requests, in order, so HEAD answers are parsed without a body. */
  methods: string[];
  /** Wait this long between writes (ms), so each write is its own TCP segment. */
  pauseMs?: number;
  /** TLS: the CA to trust. */
  ca?: Buffer;
  /** Give up after this long (ms). */
  timeoutMs?: number;
  /** Half-close the connection after the last write. */
  endAfterWrite?: boolean;
  /** After the last response, wait for the server to close (until the timeout) instead of hanging up. */
  awaitClose?: boolean;
}

export interface Exchange {
  responses: RawResponse[];
  /** Whether the server closed the connection (before our timeout). */
  closedByServer: boolean;
  /** Bytes received after the last complete response. */
  rest: string;
}

function tryParse(buf: Buffer, method: string): { response: RawResponse; used: number } | 'more' | 'untilClose' {
  const headEnd = buf.indexOf('\r\n\r\n');
  if (headEnd === -1) return 'more';
  const lines = buf.subarray(0, headEnd).toString('latin1').split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3}) ?(.*)$/.exec(lines[0]!);
  if (!m) throw new Error(`not a status line: ${JSON.stringify(lines[0])}`);
  const status = Number(m[1]);
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  let pos = headEnd + 4;
  const headLines = lines.slice(1);
  const done = (body: Buffer) => ({ response: { status, reason: m[2]!, headers, headLines, body: body.toString('utf8') }, used: pos });
  if (status === 100) return { response: { status, reason: m[2]!, headers, headLines, body: '' }, used: pos };
  if (method === 'HEAD' || status === 204 || status === 304) return done(Buffer.alloc(0));
  if (headers['transfer-encoding'] === 'chunked') {
    const parts: Buffer[] = [];
    for (;;) {
      const eol = buf.indexOf('\r\n', pos);
      if (eol === -1) return 'more';
      const size = Number.parseInt(buf.subarray(pos, eol).toString('latin1'), 16);
      if (buf.length < eol + 2 + size + 2) return 'more';
      parts.push(buf.subarray(eol + 2, eol + 2 + size));
      pos = eol + 2 + size + 2;
      if (size === 0) return done(Buffer.concat(parts));
    }
  }
  if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    if (buf.length < pos + length) return 'more';
    const body = buf.subarray(pos, pos + length);
    pos += length;
    return done(body);
  }
  return 'untilClose';
}

/** Sends `writes` on one connection to `url` and collects one response per method. */
export function exchange(url: string, writes: (string | Buffer)[], opts: ExchangeOptions): Promise<Exchange> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const socket: Socket =
      u.protocol === 'https:'
        ? tlsConnect({ host: u.hostname, port: Number(u.port), ca: opts.ca, servername: 'localhost' })
        : netConnect({ host: u.hostname, port: Number(u.port) });
    let buf = Buffer.alloc(0);
    const responses: RawResponse[] = [];
    let closedByServer = false;
    let finished = false;
    const timer = setTimeout(() => finish(), opts.timeoutMs ?? 3000);
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ responses, closedByServer, rest: buf.toString('latin1') });
    };
    const parseAvailable = (atClose: boolean) => {
      while (responses.filter((r) => r.status !== 100).length < opts.methods.length) {
        const method = opts.methods[responses.filter((r) => r.status !== 100).length]!;
        const parsed = tryParse(buf, method);
        if (parsed === 'more') return;
        if (parsed === 'untilClose') {
          if (!atClose) return;
          const headEnd = buf.indexOf('\r\n\r\n');
          const head = tryParse(Buffer.concat([buf.subarray(0, headEnd + 4)]), 'HEAD') as { response: RawResponse };
          responses.push({ ...head.response, body: buf.subarray(headEnd + 4).toString('utf8') });
          buf = Buffer.alloc(0);
          return;
        }
        responses.push(parsed.response);
        buf = buf.subarray(parsed.used);
      }
      if (responses.filter((r) => r.status !== 100).length >= opts.methods.length && !opts.endAfterWrite && !opts.awaitClose) finish();
    };
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      try {
        parseAvailable(false);
      } catch (e) {
        reject(e);
      }
    });
    socket.on('close', () => {
      closedByServer = !finished;
      try {
        parseAvailable(true);
      } catch (e) {
        reject(e);
      }
      finish();
    });
    socket.on('error', () => undefined);
    socket.once(u.protocol === 'https:' ? 'secureConnect' : 'connect', async () => {
      for (const w of writes) {
        if (socket.destroyed) break;
        socket.write(w);
        if (opts.pauseMs) await new Promise((r) => setTimeout(r, opts.pauseMs));
      }
      if (opts.endAfterWrite) socket.end();
    });
  });
}

/** One request's bytes. */
export function request(method: string, path: string, headers: Record<string, string> = {}, body?: string): string {
  const all: Record<string, string> = { host: 'localhost', 'x-vault-token': 'root', ...headers };
  if (body !== undefined && all['transfer-encoding'] === undefined) all['content-length'] = String(Buffer.byteLength(body));
  const head = Object.entries(all)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return `${method} ${path} HTTP/1.1\r\n${head}\r\n${body ?? ''}`;
}
