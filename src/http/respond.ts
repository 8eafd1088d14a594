// Writing responses the way Vault's handler chain and Go's net/http write them: status line text,
// the headers every wrapped response carries, JSON bodies and redirects.
import { validateHeaderName, validateHeaderValue } from 'node:http';
import { httpDate } from '../core/clock.js';
import { goJson } from './go-json.js';
import { goStatusText } from './go-status.js';

export interface ResponseSpec {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
  /** Close the connection after this response (Go does when it could not drain a body). */
  close?: boolean;
  /** Reason phrase when it is not Go's StatusText (Go's own error responses carry a detail). */
  reason?: string;
  /** Written by Go's connection itself, not by a handler: no Date, no Content-Length (server.go errorHeaders). */
  fromConnection?: boolean;
  /** `headers` already as writeResponse writes them (canonical names, sorted, name/value pairs), when known. */
  sortedHead?: readonly string[];
}

/** What writeResponse uses of a response: Node's ServerResponse, or the direct lane's (direct-lane.ts). */
export interface ResponseWriter {
  readonly req?: { readonly method?: string; readonly httpVersion?: string };
  shouldKeepAlive: boolean;
  sendDate: boolean;
  removeHeader(name: string): void;
  writeHead(status: number, reason: string, headers: string[]): unknown;
  end(body?: Buffer | string): unknown;
  destroy(): unknown;
  /** When present: writes a complete head (status line to blank line) and a body as they are, at once. */
  writeWhole?(head: string, body: string): void;
}

/** The default listener's custom response header (internalshared/configutil/http_response_headers.go). */
const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/**
 * Headers of every response that passes through Vault's wrapGenericHandler: Cache-Control always,
 * the listener's custom headers for statuses Vault considers valid (sdk/logical/response.go
 * setCustomResponseHeaders), and the echoed X-Vault-Namespace when the request had a non-empty one.
 */
export function genericHeaders(status: number, namespace: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (status >= 100 && status < 600) headers['strict-transport-security'] = STRICT_TRANSPORT_SECURITY;
  if (namespace) headers['x-vault-namespace'] = namespace;
  return headers;
}

/** A JSON body (or none) with Vault's application/json content type, as respondOk/respondError write it. */
/** The common JSON response's headers as they go on the wire (see writeResponse). */
const JSON_HEAD: readonly string[] = ['Cache-Control', 'no-store', 'Content-Type', 'application/json', 'Strict-Transport-Security', STRICT_TRANSPORT_SECURITY];

const JSON_HEAD_TEXT = JSON_HEAD.reduce((text, item, i) => text + (i % 2 === 0 ? `${item}: ` : `${item}\r\n`), '');
const statusLines = new Map<number, string>();
/** `HTTP/1.1 <code> <Go's reason>` and its line end, made once per code. */
function statusLine(status: number): string {
  let line = statusLines.get(status);
  if (line === undefined) {
    line = `HTTP/1.1 ${status} ${goStatusText(status)}\r\n`;
    statusLines.set(status, line);
  }
  return line;
}

export function jsonResponse(status: number, payload: unknown, namespace: string | undefined): ResponseSpec {
  const body = payload === undefined ? '' : typeof payload === 'string' ? payload : goJson(payload);
  // genericHeaders plus the content type, written out for the common case (a valid status, no namespace).
  if (status >= 100 && status < 600 && !namespace) {
    return {
      status,
      headers: { 'cache-control': 'no-store', 'strict-transport-security': STRICT_TRANSPORT_SECURITY, 'content-type': 'application/json' },
      body,
      sortedHead: JSON_HEAD,
    };
  }
  return { status, headers: Object.assign(genericHeaders(status, namespace), { 'content-type': 'application/json' }), body };
}

/** `{"errors":[…]}` (sdk/logical/response_util.go RespondError). */
export function errorsResponse(status: number, errors: string[], namespace: string | undefined, extra?: Record<string, unknown>): ResponseSpec {
  return jsonResponse(status, { errors, ...(extra ?? {}) }, namespace);
}

function htmlEscape(s: string): string {
  return s.replace(/[&'<>"]/g, (c) => ({ '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;' })[c]!);
}

/** net/http Redirect: Location, and for GET a short HTML body (text/html for GET and HEAD). */
export function redirectResponse(method: string, status: number, location: string, namespace: string | undefined): ResponseSpec {
  const headers: Record<string, string> = { ...genericHeaders(status, namespace), location };
  if (method === 'GET' || method === 'HEAD') headers['content-type'] = 'text/html; charset=utf-8';
  const body = method === 'GET' ? `<a href="${htmlEscape(location)}">${goStatusText(status)}</a>.\n\n` : '';
  return { status, headers, body };
}

/** An error Go's server writes itself: text/plain, `Connection: close`, status line with detail. */
export function goServerError(status: number, detail?: string): ResponseSpec {
  const text = detail ? `${goStatusText(status)}: ${detail}` : goStatusText(status);
  return {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: `${status} ${text}`,
    close: true,
    reason: text,
    fromConnection: true,
  };
}

/** RFC 9110 token characters: the names textproto canonicalizes. */
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Go's textproto.CanonicalMIMEHeaderKey for the header names this server writes, made once per name. */
const canonicalNames = new Map<string, string>();
function canonicalName(name: string): string {
  let canonical = canonicalNames.get(name);
  if (canonical === undefined) {
    // Names with bytes outside an HTTP token stay as they are (Go leaves them alone too).
    canonical = HTTP_TOKEN.test(name) ? name.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase()) : name;
    if (canonicalNames.size < 1000) canonicalNames.set(name, canonical);
  }
  return canonical;
}

/** Headers as Go's Header.Write orders them: canonical names, sorted; as name/value pairs. */
export function sortedHead(headers: Record<string, string>): string[] {
  const names = Object.keys(headers);
  const pairs = new Array<[string, string]>(names.length);
  for (let i = 0; i < names.length; i++) pairs[i] = [canonicalName(names[i]!), headers[names[i]!]!];
  if (pairs.length > 1) pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const head: string[] = [];
  for (const [name, value] of pairs) head.push(name, value);
  return head;
}

/**
 * Writes the response head as Go's net/http does: the handler's headers under their canonical names in
 * sorted order, then Date (from the emulator's clock) and Content-Length, then `Connection: close` when
 * the connection ends here on HTTP/1.1 (or `keep-alive` for an HTTP/1.0 client that asked to keep it).
 * A kept-alive HTTP/1.1 connection gets no Connection header and no Keep-Alive header (Node would add both).
 * One difference stays: Node writes an HTTP/1.1 status line to an HTTP/1.0 client, where Go writes HTTP/1.0.
 */
export function writeResponse(res: ResponseWriter, spec: ResponseSpec, nowMs: number): void {
  let status = spec.status;
  if (!Number.isInteger(status) || status < 100 || status > 999) {
    // Go's WriteHeader panics on such a code; the server drops the connection without an answer.
    res.destroy();
    return;
  }
  // An informational code is not final in Go: the body write then sends 200.
  if (status < 200 && status !== 101) status = 200;
  if (spec.fromConnection) {
    // Exactly the two headers Go writes, then the body; the connection closes after it.
    res.sendDate = false;
    res.removeHeader('content-length');
    res.removeHeader('transfer-encoding');
    res.writeHead(status, spec.reason ?? goStatusText(status), ['Content-Type', spec.headers['content-type'] ?? 'text/plain; charset=utf-8', 'Connection', 'close']);
    res.end(spec.body);
    return;
  }
  if (res.writeWhole && spec.sortedHead === JSON_HEAD && spec.reason === undefined && !spec.close && status >= 200 && status !== 204 && status !== 304 && typeof spec.body === 'string') {
    // The common JSON answer on a kept-alive HTTP/1.1 connection: the text the general path below
    // produces, from constants (its headers need no checking).
    res.writeWhole(`${statusLine(status)}${JSON_HEAD_TEXT}Date: ${httpDate(nowMs)}\r\nContent-Length: ${Buffer.byteLength(spec.body)}\r\n\r\n`, spec.body);
    return;
  }
  const head = spec.sortedHead ? spec.sortedHead.slice() : sortedHead(spec.headers);
  head.push('Date', httpDate(nowMs));
  // Go sends a Content-Length for a body written in one go (none for 204/304, nor for an empty HEAD answer).
  const length = Buffer.byteLength(spec.body);
  const req = res.req;
  const isHead = req?.method === 'HEAD';
  if (status !== 204 && status !== 304 && !(isHead && length === 0)) head.push('Content-Length', String(length));
  const http10 = req?.httpVersion === '1.0';
  if (spec.close || !res.shouldKeepAlive) {
    if (!http10) head.push('Connection', 'close');
    else {
      res.shouldKeepAlive = false;
      res.removeHeader('connection');
    }
  } else if (http10) head.push('Connection', 'keep-alive');
  else res.removeHeader('connection');
  const reason = spec.reason ?? goStatusText(status);
  try {
    res.writeHead(status, reason, head);
  } catch {
    // A value Node refuses to send (it came from the client) is left out; the others go in the same order.
    const kept: string[] = [];
    for (let i = 0; i < head.length; i += 2) {
      try {
        validateHeaderName(head[i]!);
        validateHeaderValue(head[i]!, head[i + 1]!);
        kept.push(head[i]!, head[i + 1]!);
      } catch {
        // left out
      }
    }
    res.writeHead(status, reason, kept);
  }
  res.end(spec.body);
}
