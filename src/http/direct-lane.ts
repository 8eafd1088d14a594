// The direct lane: a request that arrives as one socket read, is exactly one plain HTTP/1.1 request and
// finds its connection idle is served without Node's HTTP machinery (no parser callbacks, no
// IncomingMessage/ServerResponse, no stream events): the head is read here, the front door answers it,
// and the response goes out in one socket write, once the event loop's I/O phase ends (held-writes.ts).
// Measured over HTTP this took about a sixth off the server's CPU per AppRole login. Anything unusual
// (another method or version, framing or connection headers, duplicate or odd header lines, bytes
// outside visible ASCII, a partial or pipelined request, a connection with a request in Node's hands)
// goes to Node's parser as before, so Node and the rewriter keep deciding every hard case; this lane
// only repeats what Node does for the easy one.
import { validateHeaderName, validateHeaderValue } from 'node:http';
import type { Socket } from 'node:net';
import { holdUntilIoPhaseEnds } from './held-writes.js';
import { ORIGINAL_METHOD_HEADER } from './request-line-rewriter.js';

/** Methods this lane takes (HEAD, OPTIONS, CONNECT and the rest go to Node). */
const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'LIST']);
/** Byte classes of the head, by char code (latin1): what each part of a plain request may hold. */
const TARGET_CHAR = charClass("A-Za-z0-9-._~!$&'()*+,;=:@/%?");
/** RFC 9110 token characters: a header name. */
const TOKEN_CHAR = charClass("!#$%&'*+-.^_`|~0-9A-Za-z");
const HTTP_1_1 = ' HTTP/1.1';

function charClass(spec: string): Uint8Array {
  const table = new Uint8Array(256);
  for (let i = 0; i < spec.length; i++) {
    if (spec[i + 1] === '-' && i + 2 < spec.length) {
      for (let c = spec.charCodeAt(i); c <= spec.charCodeAt(i + 2); c++) table[c] = 1;
      i += 2;
    } else table[spec.charCodeAt(i)] = 1;
  }
  return table;
}
/** Header names (lower case) that make a request Node's: framing, connection management, the rewriter's marker. */
const DECLINED_HEADERS = new Set([
  'transfer-encoding',
  'expect',
  'connection',
  'upgrade',
  'proxy-connection',
  'keep-alive',
  'set-cookie',
  '__proto__',
  ORIGINAL_METHOD_HEADER,
]);
/** Node's test for a Connection value that ends the connection after the response (_http_outgoing.js). */
const CONNECTION_CLOSE = /(?:^|\W)close(?:$|\W)/i;
/** A reason phrase Node would write (its checkInvalidHeaderChar). */
const REASON = /^[\t\x20-\x7e\x80-\xff]*$/;

/** A request the direct lane serves: the parts of IncomingMessage the front door reads. */
export class DirectRequest {
  readonly httpVersion = '1.1';
  readonly complete = true;
  private lowerCased: Record<string, string> | undefined;
  constructor(
    readonly method: string,
    readonly url: string,
    /** Names as sent, values without surrounding whitespace: Node's rawHeaders. */
    readonly rawHeaders: string[],
    readonly body: Buffer,
    readonly socket: Socket,
  ) {}
  /** Node's `headers` for a request without repeated names: lower-case name → value. */
  get headers(): Record<string, string> {
    if (!this.lowerCased) {
      const out: Record<string, string> = {};
      for (let i = 0; i < this.rawHeaders.length; i += 2) out[this.rawHeaders[i]!.toLowerCase()] = this.rawHeaders[i + 1]!;
      this.lowerCased = out;
    }
    return this.lowerCased;
  }
}

/**
 * One plain request that is the whole of `chunk` (head and Content-Length body), parsed; undefined for
 * anything this lane leaves to Node.
 */
export function parseWholeRequest(chunk: Buffer, socket: Socket): DirectRequest | undefined {
  const headEnd = chunk.indexOf('\r\n\r\n');
  if (headEnd <= 0) return undefined;
  const head = chunk.toString('latin1', 0, headEnd);
  // The request line: METHOD SP origin-form-target SP HTTP/1.1.
  let lineEnd = head.indexOf('\r\n');
  if (lineEnd === -1) lineEnd = head.length;
  const space = head.indexOf(' ');
  if (space <= 0 || head.charCodeAt(space + 1) !== 0x2f || !head.startsWith(HTTP_1_1, lineEnd - HTTP_1_1.length)) return undefined;
  const method = head.slice(0, space);
  if (!METHODS.has(method)) return undefined;
  const targetEnd = lineEnd - HTTP_1_1.length;
  for (let i = space + 1; i < targetEnd; i++) if (TARGET_CHAR[head.charCodeAt(i)] !== 1) return undefined;
  const rawHeaders: string[] = [];
  let contentLength = 0;
  // Header lines: token ":" OWS value OWS, the value visible ASCII with inner spaces or tabs.
  for (let pos = lineEnd + 2; pos < head.length; ) {
    let end = head.indexOf('\r\n', pos);
    if (end === -1) end = head.length;
    let colon = pos;
    while (colon < end && TOKEN_CHAR[head.charCodeAt(colon)] === 1) colon++;
    if (colon === pos || colon === end || head.charCodeAt(colon) !== 0x3a) return undefined;
    let from = colon + 1;
    let to = end;
    while (from < to && isBlank(head.charCodeAt(from))) from++;
    while (to > from && isBlank(head.charCodeAt(to - 1))) to--;
    for (let i = from; i < to; i++) {
      const c = head.charCodeAt(i);
      if ((c < 0x20 && c !== 0x09) || c > 0x7e) return undefined;
    }
    const name = head.slice(pos, colon);
    const lower = name.toLowerCase();
    if (DECLINED_HEADERS.has(lower)) return undefined;
    for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]!.length === name.length && rawHeaders[i]!.toLowerCase() === lower) return undefined;
    const value = head.slice(from, to);
    if (lower === 'content-length') {
      if (value.length === 0 || value.length > 15) return undefined;
      for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) < 0x30 || value.charCodeAt(i) > 0x39) return undefined;
      contentLength = Number(value);
    }
    rawHeaders.push(name, value);
    pos = end + 2;
  }
  const bodyStart = headEnd + 4;
  if (chunk.length - bodyStart !== contentLength) return undefined;
  return new DirectRequest(method, head.slice(space + 1, targetEnd), rawHeaders, chunk.subarray(bodyStart), socket);
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/**
 * The parts of ServerResponse the front door's writeResponse uses, writing what Node's ServerResponse
 * would write for the same calls (writeHead with a flat header list, then end): the same bytes in the
 * same encodings, in one socket write.
 */
export class DirectResponse {
  shouldKeepAlive = true;
  sendDate = true;
  private head = '';
  private status = 200;
  private closes = false;
  constructor(
    readonly req: DirectRequest,
    private readonly socket: Socket,
  ) {}
  removeHeader(_name: string): void {
    // Nothing is added for the caller to remove: only what writeHead is given goes out.
  }
  writeHead(status: number, reason: string, headers: readonly string[]): this {
    if (!REASON.test(reason)) throw Object.assign(new TypeError('Invalid character in statusMessage'), { code: 'ERR_INVALID_CHAR' });
    let head = `HTTP/1.1 ${status} ${reason}\r\n`;
    let closes = false;
    for (let i = 0; i < headers.length; i += 2) {
      const name = headers[i]!;
      const value = headers[i + 1]!;
      validateHeaderName(name);
      validateHeaderValue(name, value);
      if (name.length === 10 && name.toLowerCase() === 'connection' && CONNECTION_CLOSE.test(value)) closes = true;
      head += `${name}: ${value}\r\n`;
    }
    this.head = `${head}\r\n`;
    this.status = status;
    this.closes = closes;
    return this;
  }
  end(body: Buffer | string = ''): this {
    const socket = this.socket;
    if (socket.destroyed || !socket.writable) return this;
    // Node sends no body for these statuses; it writes the head with a string body as one UTF-8
    // string, and on its own (no body) as latin1.
    const hasBody = this.status !== 204 && this.status !== 304 && body.length > 0;
    holdUntilIoPhaseEnds(socket);
    if (!hasBody) socket.write(this.head, 'latin1');
    else if (typeof body === 'string') socket.write(this.head + body);
    else {
      socket.write(this.head, 'latin1');
      socket.write(body);
    }
    if (this.closes) endConnection(socket);
    return this;
  }
  destroy(): void {
    this.socket.destroy();
  }
  /** A whole head for a kept-alive connection (a status with a body) and its body, sent as end() sends them. */
  writeWhole(head: string, body: string): void {
    this.head = head;
    this.status = 200;
    this.closes = false;
    this.end(body);
  }
}

/** What Node does after a response that closes the connection: end it once written, then destroy it. */
function endConnection(socket: Socket): void {
  socket.end();
  if (socket.writableFinished) socket.destroy();
  else socket.once('finish', () => socket.destroy());
}

/** How a listener hands the lane's requests on. */
export interface DirectServer {
  /** Whether the lane may take a request for this target (the control plane stays with Fastify). */
  wants(url: string): boolean;
  /** Serves one request; resolves once its response is written (never rejects). */
  serve(req: DirectRequest, res: DirectResponse): Promise<void>;
}

/**
 * One connection's lane. While a request it took is being served, bytes that arrive (a pipelining
 * client's next request, the client's end) wait, as Go's server reads the next request only once a
 * handler has returned; they are then offered again in order. A request goes to Node's parser when
 * Node still has one of this connection's requests, or the rewriter is inside one.
 */
export class DirectLane {
  private busy = false;
  private nodeRequests = 0;
  private readonly waiting: (Buffer | null)[] = [];
  private waitingBytes = 0;
  private paused = false;
  /** Whether this lane armed the idle timeout (Node arms and clears its own around its requests). */
  private idleTimeoutArmed = false;
  constructor(
    private readonly socket: Socket,
    private readonly server: DirectServer,
    private readonly idleTimeoutMs: number,
    /** Whether the bytes before the next chunk ended at a request boundary (the rewriter holds nothing). */
    private readonly atBoundary: () => boolean,
    /** Offers a chunk again as if just read (through the lane, then the rewriter and Node's parser). */
    private readonly reoffer: (chunk: Buffer | null) => void,
  ) {}

  /** Node's server took a request of this connection; `done` runs when its response is over. */
  nodeRequestStarted(): () => void {
    this.nodeRequests += 1;
    return () => {
      this.nodeRequests -= 1;
    };
  }

  /** Takes a chunk read from the socket (null: the client's end); false leaves it to the rewriter and Node. */
  offer(chunk: Buffer | null): boolean {
    if (this.busy) {
      this.waiting.push(chunk);
      this.waitingBytes += chunk?.length ?? 0;
      // A client that pipelines a lot is not read further until the lane catches up (Go would not read either).
      if (this.waitingBytes > 64 * 1024 && !this.paused) {
        this.paused = true;
        this.socket.pause();
      }
      return true;
    }
    const request = chunk !== null && this.nodeRequests === 0 && this.atBoundary() ? parseWholeRequest(chunk, this.socket) : undefined;
    if (!request || !this.server.wants(request.url)) {
      if (this.idleTimeoutArmed) {
        // Node's server keeps its own idle timeout from here on.
        this.idleTimeoutArmed = false;
        this.socket.setTimeout(0);
      }
      return false;
    }
    this.busy = true;
    void this.server.serve(request, new DirectResponse(request, this.socket)).then(() => this.finished());
    return true;
  }

  private finished(): void {
    this.busy = false;
    const socket = this.socket;
    if (socket.destroyed) return;
    if (!this.idleTimeoutArmed) {
      // Vault's idle timeout between requests, as Node arms it after each of its responses.
      this.idleTimeoutArmed = true;
      socket.setTimeout(this.idleTimeoutMs);
    }
    while (this.waiting.length > 0 && !this.busy) {
      const chunk = this.waiting.shift()!;
      this.waitingBytes -= chunk?.length ?? 0;
      this.reoffer(chunk);
    }
    if (this.paused && !this.busy) {
      this.paused = false;
      socket.resume();
    }
  }
}
