// Raw HTTP/1.1 on one connection to the target: for what fetch cannot send (the LIST verb,
// unknown methods, several requests on one keep-alive connection, unnormalised paths).
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { rootToken, vaultAddr } from './client.js';

export interface RawRequest {
  method: string;
  /** Request target exactly as sent, e.g. `/v1/secret/?list=true` or `/v1//sys/health`. */
  target: string;
  headers?: Record<string, string>;
  body?: string;
  /** Send the root token (default) or none (`null`). */
  token?: string | null;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Parsed body when it is JSON. */
  json: any;
}

function encode(req: RawRequest, host: string): string {
  const headers: Record<string, string> = { host, ...(req.headers ?? {}) };
  const token = req.token === undefined ? rootToken() : req.token;
  if (token !== null) headers['x-vault-token'] = token;
  if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`);
  return `${req.method} ${req.target} HTTP/1.1\r\n${lines.join('')}\r\n${req.body ?? ''}`;
}

/** Parses one response from the start of `buf`; undefined until it is complete. */
function parseOne(buf: Buffer, method: string): { response: RawResponse; used: number } | undefined {
  const headEnd = buf.indexOf('\r\n\r\n');
  if (headEnd === -1) return undefined;
  const [statusLine, ...lines] = buf.subarray(0, headEnd).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine!)?.[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) headers[line.slice(0, line.indexOf(':')).toLowerCase()] = line.slice(line.indexOf(':') + 1).trim();
  let pos = headEnd + 4;
  let body: Buffer = Buffer.alloc(0);
  if (method !== 'HEAD' && status !== 204 && status !== 304) {
    if (headers['transfer-encoding'] === 'chunked') {
      const parts: Buffer[] = [];
      for (;;) {
        const eol = buf.indexOf('\r\n', pos);
        if (eol === -1) return undefined;
        const size = Number.parseInt(buf.subarray(pos, eol).toString('latin1'), 16);
        if (buf.length < eol + 4 + size) return undefined;
        parts.push(buf.subarray(eol + 2, eol + 2 + size));
        pos = eol + 4 + size;
        if (size === 0) break;
      }
      body = Buffer.concat(parts);
    } else {
      const length = Number(headers['content-length'] ?? 0);
      if (buf.length < pos + length) return undefined;
      body = buf.subarray(pos, pos + length);
      pos += length;
    }
  }
  const text = body.toString('utf8');
  let json: any;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { response: { status, headers, body: text, json }, used: pos };
}

/** Sends the requests pipelined on one connection and returns their responses in order. */
export function rawRequests(requests: RawRequest[]): Promise<RawResponse[]> {
  const url = new URL(vaultAddr());
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  return new Promise((resolve, reject) => {
    const socket: Socket =
      url.protocol === 'https:'
        ? tlsConnect({ host: url.hostname, port, servername: url.hostname, rejectUnauthorized: false })
        : netConnect({ host: url.hostname, port });
    let buf = Buffer.alloc(0);
    const out: RawResponse[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer after 10 s (${out.length} of ${requests.length})`));
    }, 10000);
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      for (let next = parseOne(buf, requests[out.length]!.method); next; next = out.length < requests.length ? parseOne(buf, requests[out.length]!.method) : undefined) {
        out.push(next.response);
        buf = buf.subarray(next.used);
      }
      if (out.length === requests.length) {
        clearTimeout(timer);
        socket.destroy();
        resolve(out);
      }
    });
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
      socket.write(requests.map((r) => encode(r, url.host)).join(''));
    });
  });
}

/** One raw request on its own connection. */
export async function rawRequest(req: RawRequest): Promise<RawResponse> {
  return (await rawRequests([req]))[0]!;
}
