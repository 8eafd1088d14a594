// Node's HTTP parser refuses methods it does not know (LIST, HELP, …) before any JavaScript runs,
// where Go's server (and so Vault) accepts any token. This rewriter sits between the socket and the
// parser: it follows HTTP/1.1 message framing (Content-Length, chunked bodies, pipelining, packets
// split anywhere) and rewrites the request line of any such method to GET, carrying the original
// method in a header. What it cannot frame it passes through untouched for Node's parser to reject.
import { METHODS } from 'node:http';

/** Header that carries the client's original method to the adapter. */
export const ORIGINAL_METHOD_HEADER = 'x-vault-emu-original-method';

/** Methods Node parses and serves as ordinary requests (CONNECT gets special treatment in Node). */
const PASSED_METHODS = new Set(METHODS.filter((m) => m !== 'CONNECT'));
/** RFC 9110 token: what Go's server accepts as a method. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Go's http.DefaultMaxHeaderBytes plus the 4096 bytes of slack its reader allows. */
export const MAX_HEAD_BYTES = (1 << 20) + 4096;
const CRLFCRLF = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');
const EMPTY = Buffer.alloc(0);
const HEADER_LINE = new RegExp(`^${ORIGINAL_METHOD_HEADER}\\s*:`, 'i');
/** Whether a head may carry the marker or a framing header anywhere; most heads have neither. */
const MARKER_OR_FRAMING_ANYWHERE = new RegExp(`${ORIGINAL_METHOD_HEADER}|content-length|transfer-encoding`, 'i');
const MARKER_OR_ENCODING_ANYWHERE = new RegExp(`${ORIGINAL_METHOD_HEADER}|transfer-encoding`, 'i');
/** The first Content-Length anywhere, when it is a header line of digits alone. */
const PLAIN_CONTENT_LENGTH = /\r\ncontent-length:[ \t]*(\d{1,15})[ \t]*\r\n/i;
/** Every occurrence of the name, in any case (lastIndex is reset before each use). */
const ANY_CONTENT_LENGTH = /content-length/gi;
const CONTENT_LENGTH_NAME_LENGTH = 'content-length'.length;
/** The common case: the whole of a GET-like head with no body, as most requests arrive. */
const HEAD_STATE: State = { kind: 'head' };

type State =
  | { kind: 'head' }
  | { kind: 'fixed'; remaining: number }
  | { kind: 'chunkSize' }
  | { kind: 'chunkData'; remaining: number }
  | { kind: 'trailer' }
  | { kind: 'passthrough' };

export class RequestLineRewriter {
  private state: State = HEAD_STATE;
  private pending: Buffer = EMPTY;

  /** Whether the bytes so far ended at a request boundary, with nothing held back. */
  atBoundary(): boolean {
    return this.state.kind === 'head' && this.pending.length === 0;
  }

  /** Feeds bytes from the socket; returns the bytes to hand to the HTTP parser. */
  push(chunk: Buffer): Buffer {
    if (this.state.kind === 'passthrough') return chunk;
    if (this.state.kind === 'head' && this.pending.length === 0) {
      const whole = this.wholeHead(chunk) ?? this.wholeRequestWithBody(chunk);
      if (whole) return whole;
    }
    let input = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = EMPTY;
    const out: Buffer[] = [];
    while (input.length > 0) {
      const state: State = this.state;
      switch (state.kind) {
        case 'passthrough':
          out.push(input);
          input = EMPTY;
          break;
        case 'head': {
          // Empty lines before a request line are allowed (RFC 9112 §2.2): pass them on as they are.
          let blank = 0;
          while (input[blank] === 0x0d && input[blank + 1] === 0x0a) blank += 2;
          if (blank > 0) {
            out.push(input.subarray(0, blank));
            input = input.subarray(blank);
            continue;
          }
          if (input.length === 1 && input[0] === 0x0d) {
            this.pending = input;
            input = EMPTY;
            break;
          }
          const end = input.indexOf(CRLFCRLF);
          // A bare LF ends lines for Go but not for Node, which will refuse the request: pass it on.
          const bareLf = hasBareLf(end === -1 ? input : input.subarray(0, end + 4));
          if (end === -1 || bareLf) {
            if (bareLf || input.length > MAX_HEAD_BYTES) {
              // Not something we can frame: let Node's parser answer it.
              this.state = { kind: 'passthrough' };
              out.push(input);
            } else {
              this.pending = input;
            }
            input = EMPTY;
            break;
          }
          const head = input.subarray(0, end + 4);
          input = input.subarray(end + 4);
          out.push(this.rewriteHead(head));
          break;
        }
        case 'fixed': {
          const take = Math.min(state.remaining, input.length);
          out.push(input.subarray(0, take));
          input = input.subarray(take);
          const remaining = state.remaining - take;
          this.state = remaining === 0 ? { kind: 'head' } : { kind: 'fixed', remaining };
          break;
        }
        case 'chunkSize': {
          const eol = input.indexOf(CRLF);
          if (eol === -1) {
            this.pending = input;
            input = EMPTY;
            break;
          }
          const line = input.subarray(0, eol).toString('latin1');
          out.push(input.subarray(0, eol + 2));
          input = input.subarray(eol + 2);
          const sizeText = line.split(';')[0]!.trim();
          const size = /^[0-9a-fA-F]{1,15}$/.test(sizeText) ? Number.parseInt(sizeText, 16) : NaN;
          if (!Number.isFinite(size)) {
            this.state = { kind: 'passthrough' };
          } else {
            this.state = size === 0 ? { kind: 'trailer' } : { kind: 'chunkData', remaining: size + 2 };
          }
          break;
        }
        case 'chunkData': {
          const take = Math.min(state.remaining, input.length);
          out.push(input.subarray(0, take));
          input = input.subarray(take);
          const remaining = state.remaining - take;
          this.state = remaining === 0 ? { kind: 'chunkSize' } : { kind: 'chunkData', remaining };
          break;
        }
        case 'trailer': {
          const eol = input.indexOf(CRLF);
          if (eol === -1) {
            this.pending = input;
            input = EMPTY;
            break;
          }
          out.push(input.subarray(0, eol + 2));
          input = input.subarray(eol + 2);
          if (eol === 0) this.state = { kind: 'head' };
          break;
        }
      }
    }
    return out.length === 1 ? out[0]! : Buffer.concat(out);
  }

  /**
   * A chunk that is exactly one head of a request without a body and that needs no rewriting, as a
   * keep-alive client with one GET in flight sends it: handed on as it is. Anything else: undefined.
   */
  private wholeHead(chunk: Buffer): Buffer | undefined {
    const n = chunk.length;
    if (n < 4 || chunk[n - 4] !== 0x0d || chunk[n - 3] !== 0x0a || chunk[n - 2] !== 0x0d || chunk[n - 1] !== 0x0a) return undefined;
    if (chunk.indexOf(CRLFCRLF) !== n - 4 || (chunk[0] === 0x0d && chunk[1] === 0x0a) || hasBareLf(chunk)) return undefined;
    const text = chunk.toString('latin1');
    const space = text.indexOf(' ');
    if (space <= 0 || !PASSED_METHODS.has(text.slice(0, space))) return undefined;
    if (MARKER_OR_FRAMING_ANYWHERE.test(text)) return undefined;
    return chunk;
  }

  /**
   * A chunk that is exactly one request with a Content-Length body (a login, a KV write) that needs no
   * rewriting: handed on as it is, as the general path would after framing head and body. Anything
   * else (no single plain Content-Length, a marker or Transfer-Encoding, a partial or longer body): undefined.
   */
  private wholeRequestWithBody(chunk: Buffer): Buffer | undefined {
    const end = chunk.indexOf(CRLFCRLF);
    if (end <= 0 || (chunk[0] === 0x0d && chunk[1] === 0x0a)) return undefined;
    const headEnd = end + 4;
    const head = chunk.subarray(0, headEnd);
    if (hasBareLf(head)) return undefined;
    const text = head.toString('latin1');
    const space = text.indexOf(' ');
    if (space <= 0 || !PASSED_METHODS.has(text.slice(0, space))) return undefined;
    if (MARKER_OR_ENCODING_ANYWHERE.test(text)) return undefined;
    const match = PLAIN_CONTENT_LENGTH.exec(text);
    // One Content-Length header, and the name appears nowhere else (nextBodyState would see every one).
    if (!match) return undefined;
    // A case-insensitive search from the start (no lower-cased copy of the head): its first hit must be
    // this header's name, and searching on from there must find no other.
    ANY_CONTENT_LENGTH.lastIndex = 0;
    if (!ANY_CONTENT_LENGTH.test(text) || ANY_CONTENT_LENGTH.lastIndex - CONTENT_LENGTH_NAME_LENGTH !== match.index + 2) return undefined;
    if (ANY_CONTENT_LENGTH.test(text)) return undefined;
    return chunk.length - headEnd === Number(match[1]) ? chunk : undefined;
  }

  private rewriteHead(head: Buffer): Buffer {
    const text = head.toString('latin1');
    const firstEol = text.indexOf('\r\n');
    const requestLine = text.slice(0, firstEol);
    const space = requestLine.indexOf(' ');
    const method = space > 0 ? requestLine.slice(0, space) : '';
    // A client cannot pose as the rewriter: its own copies of the marker header are dropped.
    const lines = text.slice(firstEol + 2).split('\r\n');
    const kept = lines.filter((l) => !HEADER_LINE.test(l));
    const headerBlock = kept.join('\r\n');
    this.state = nextBodyState(headerBlock);
    const rewrite = method !== '' && !PASSED_METHODS.has(method) && TOKEN.test(method);
    if (!rewrite && kept.length === lines.length) return head;
    const line = rewrite ? `GET${requestLine.slice(space)}\r\n${ORIGINAL_METHOD_HEADER}: ${method}` : requestLine;
    return Buffer.from(`${line}\r\n${headerBlock}`, 'latin1');
  }
}

/** Whether a LF appears without its CR (Node's parser refuses such a head). */
function hasBareLf(buf: Buffer): boolean {
  for (let i = buf.indexOf(0x0a); i !== -1; i = buf.indexOf(0x0a, i + 1)) {
    if (i === 0 || buf[i - 1] !== 0x0d) return true;
  }
  return false;
}

/** How the body after a head is framed; anything Node would refuse makes the rest pass through. */
function nextBodyState(headerBlock: string): State {
  const lengths: string[] = [];
  const encodings: string[] = [];
  for (const line of headerBlock.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-length') lengths.push(...value.split(',').map((v) => v.trim()));
    else if (name === 'transfer-encoding') encodings.push(...value.toLowerCase().split(',').map((v) => v.trim()));
  }
  if (encodings.length > 0) {
    if (lengths.length > 0 || encodings[encodings.length - 1] !== 'chunked') return { kind: 'passthrough' };
    return { kind: 'chunkSize' };
  }
  if (lengths.length === 0) return { kind: 'head' };
  if (!lengths.every((v) => /^\d{1,15}$/.test(v) && v === lengths[0])) return { kind: 'passthrough' };
  const length = Number(lengths[0]);
  return length === 0 ? { kind: 'head' } : { kind: 'fixed', remaining: length };
}
