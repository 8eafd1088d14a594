// Writing responses the way Vault's handler chain and Go's net/http write them: status line text,
// the headers every wrapped response carries, JSON bodies and redirects.
import type { ServerResponse } from 'node:http';
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
export function jsonResponse(status: number, payload: unknown, namespace: string | undefined): ResponseSpec {
  // genericHeaders plus the content type, written out for the common case (a valid status, no namespace).
  const headers =
    status >= 100 && status < 600 && !namespace
      ? { 'cache-control': 'no-store', 'strict-transport-security': STRICT_TRANSPORT_SECURITY, 'content-type': 'application/json' }
      : Object.assign(genericHeaders(status, namespace), { 'content-type': 'application/json' });
  return {
    status,
    headers,
    body: payload === undefined ? '' : typeof payload === 'string' ? payload : goJson(payload),
  };
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
  };
}

export function writeResponse(res: ServerResponse, spec: ResponseSpec): void {
  let status = spec.status;
  if (!Number.isInteger(status) || status < 100 || status > 999) {
    // Go's WriteHeader panics on such a code; the server drops the connection without an answer.
    res.destroy();
    return;
  }
  // An informational code is not final in Go: the body write then sends 200.
  if (status < 200 && status !== 101) status = 200;
  const headers: Record<string, string | number> = Object.assign({}, spec.headers);
  if (spec.close) headers.connection = 'close';
  // Go sends a Content-Length for a body written in one go (none for 204/304, nor for an empty HEAD answer).
  const length = Buffer.byteLength(spec.body);
  const isHead = res.req?.method === 'HEAD';
  if (status !== 204 && status !== 304 && !(isHead && length === 0)) headers['content-length'] = length;
  const reason = spec.reason ?? goStatusText(status);
  try {
    // All headers in one call: Node then writes them without keeping a header map.
    res.writeHead(status, reason, headers);
  } catch {
    // A value Node refuses to send (it came from the client) is left out; the others go as they are.
    for (const [name, value] of Object.entries(headers)) {
      try {
        res.setHeader(name, value);
      } catch {
        // left out
      }
    }
    res.writeHead(status, reason);
  }
  res.end(spec.body);
}
