// Node's HTTP parser refuses methods it does not know (LIST, HELP, …) before any JavaScript runs.
// This rewriter sits between the socket and the parser: it follows HTTP/1.1 message framing
// (Content-Length, chunked bodies, pipelining, packets split anywhere) and rewrites the request
// line of any unknown method to GET, carrying the original method in a header.
import { METHODS } from 'node:http';

/** Header that carries the client's original method to the adapter. */
export const ORIGINAL_METHOD_HEADER = 'x-vault-emu-original-method';

const KNOWN_METHODS = new Set(METHODS);
const MAX_HEAD_BYTES = 64 * 1024;
const CRLFCRLF = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

type State =
  | { kind: 'head' }
  | { kind: 'fixed'; remaining: number }
  | { kind: 'chunkSize' }
  | { kind: 'chunkData'; remaining: number }
  | { kind: 'trailer' }
  | { kind: 'passthrough' };

export class RequestLineRewriter {
  private state: State = { kind: 'head' };
  private pending: Buffer = Buffer.alloc(0);

  /** Feeds bytes from the socket; returns the bytes to hand to the HTTP parser. */
  push(chunk: Buffer): Buffer {
    if (this.state.kind === 'passthrough') return chunk;
    let input = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    const out: Buffer[] = [];
    while (input.length > 0) {
      const state: State = this.state;
      switch (state.kind) {
        case 'passthrough':
          out.push(input);
          input = Buffer.alloc(0);
          break;
        case 'head': {
          const end = input.indexOf(CRLFCRLF);
          if (end === -1) {
            if (input.length > MAX_HEAD_BYTES) {
              // Not something we can frame: let Node's parser answer it.
              this.state = { kind: 'passthrough' };
              out.push(input);
            } else {
              this.pending = input;
            }
            input = Buffer.alloc(0);
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
            input = Buffer.alloc(0);
            break;
          }
          const line = input.subarray(0, eol).toString('latin1');
          out.push(input.subarray(0, eol + 2));
          input = input.subarray(eol + 2);
          const size = Number.parseInt(line.split(';')[0]!.trim(), 16);
          if (!Number.isFinite(size) || size < 0) {
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
            input = Buffer.alloc(0);
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

  private rewriteHead(head: Buffer): Buffer {
    let text = head.toString('latin1');
    // Blank lines before a request line are allowed (RFC 9112 §2.2); keep them.
    const leading = /^(\r\n)*/.exec(text)![0];
    text = text.slice(leading.length);
    const firstEol = text.indexOf('\r\n');
    const requestLine = text.slice(0, firstEol);
    const space = requestLine.indexOf(' ');
    const method = space > 0 ? requestLine.slice(0, space) : '';
    const headerBlock = text.slice(firstEol + 2);
    this.state = nextBodyState(headerBlock);
    if (method === '' || KNOWN_METHODS.has(method) || !/^[A-Z][A-Z-]*$/.test(method)) return head;
    const rewritten = `${leading}GET${requestLine.slice(space)}\r\n${ORIGINAL_METHOD_HEADER}: ${method}\r\n${headerBlock}`;
    return Buffer.from(rewritten, 'latin1');
  }
}

function nextBodyState(headerBlock: string): State {
  let contentLength: number | undefined;
  let chunked = false;
  for (const line of headerBlock.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-length') contentLength = Number.parseInt(value, 10);
    else if (name === 'transfer-encoding' && value.toLowerCase().split(',').map((s) => s.trim()).includes('chunked')) chunked = true;
  }
  if (chunked) return { kind: 'chunkSize' };
  if (contentLength !== undefined) {
    if (!Number.isFinite(contentLength) || contentLength < 0) return { kind: 'passthrough' };
    return contentLength === 0 ? { kind: 'head' } : { kind: 'fixed', remaining: contentLength };
  }
  return { kind: 'head' };
}
