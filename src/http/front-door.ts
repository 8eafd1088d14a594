// Everything outside /_emu/: Vault's handler chain from http/handler.go, outermost first —
// Go's request parsing, PrintablePathCheckHandler, wrapGenericHandler (headers, .well-known),
// rateLimitQuotaWrapping (the `list` query check), wrapHelpHandler, the ServeMux, then the raw
// sys handlers or the logical handler (http/logical.go).
import type { IncomingMessage } from 'node:http';
import { VaultError, errors } from '../core/errors.js';
import type { RawHandler, RawInput } from '../core/system/raw-handlers.js';
import type { LogicalResponse } from '../core/request.js';
import { statusFor } from '../core/status.js';
import { metricsResponse } from '../core/system/path-metrics.js';
import type { VaultCore } from '../core/vault-core.js';
import type { DirectRequest } from './direct-lane.js';
import { decodeFirstValue, jsonKind } from './go-json-decode.js';
import { parseGoBool } from '../framework/field-types.js';
import { hasNonPrintable, parseGoQuery, parseRequestTarget, queryGet, type GoQuery } from './go-url.js';
import { goErrors, goServerResponses, httpMessages } from './messages.js';
import { renderEnvelope } from './render-response.js';
import { ORIGINAL_METHOD_HEADER } from './request-line-rewriter.js';
import { readBody } from './request-body.js';
import { errorsResponse, genericHeaders, goServerError, jsonResponse, redirectResponse, writeResponse, type ResponseSpec, type ResponseWriter } from './respond.js';
import { HeaderView, MAX_REQUEST_BYTES, clientTokenOf, readsBody, translate, type ReadBody } from './translate-request.js';
import { route } from './vault-mux.js';

export interface FrontDoorDeps {
  core: VaultCore;
  raw: Map<string, RawHandler>;
  /** Whether the UI paths are served (Vault's `ui = true`, always on in dev mode). */
  ui: boolean;
  /** sys/metrics without a token (listener telemetry.unauthenticated_metrics_access, on in dev mode). */
  unauthenticatedMetricsAccess: boolean;
}

/** How a PUT/POST body decoded, for raw sys handlers that read JSON (http/handler.go parseJSONRequest). */
export type RawJson = { kind: 'eof' } | { kind: 'error'; message: string } | { kind: 'mismatch'; valueKind: string };

/** What a raw sys handler gets besides RawInput: the outcome of decoding its body, when it did not give an object. */
export interface RawBodyInput extends RawInput {
  json?: RawJson;
}

/**
 * The error a raw handler answers (400) for its body, given the Go struct it decodes into
 * (e.g. `http.InitRequest`): `EOF` for an empty body, else `failed to parse JSON input: …`.
 */
export function rawJsonError(json: RawJson | undefined, goType: string): string | undefined {
  if (!json) return undefined;
  if (json.kind === 'eof') return goErrors.eof;
  if (json.kind === 'error') return httpMessages.rawJsonInput(json.message);
  return httpMessages.rawJsonInput(goErrors.unmarshalType(json.valueKind, goType));
}

/** A request as the front door reads it: Node's, or one the direct lane parsed (direct-lane.ts). */
export type VaultHttpRequest = (IncomingMessage & { originalUrl?: string }) | DirectRequest;

/** The client's method: the request-line rewriter carries non-standard ones in a header. */
export function originalMethod(req: IncomingMessage): string {
  const marker = req.headers[ORIGINAL_METHOD_HEADER];
  return typeof marker === 'string' && marker !== '' ? marker : (req.method ?? 'GET');
}

/** A page for the UI paths: the UI itself is not part of vault-emu (as in a Vault binary built without it). */
const UI_PAGE = '<!DOCTYPE html>\n<html><body><h1>The Vault UI is not available in vault-emu.</h1></body></html>\n';

/** On a connection (socket) with a request in progress: `true`, or the requests waiting for it. */
const IN_PROGRESS = Symbol('vault-emu.request-in-progress');
type Connection = { [IN_PROGRESS]?: true | (() => void)[] };

/**
 * Handles one request. Requests pipelined on a connection run one after another, as Go's server
 * reads the next request only once a handler has returned (Node would start them all at once).
 * The promise never rejects: a response that cannot be written destroys the connection.
 */
export function serveVaultRequest(deps: FrontDoorDeps, req: VaultHttpRequest, res: ResponseWriter): Promise<void> {
  const connection = req.socket as (object & Connection) | undefined;
  if (!connection) return serveOne(deps, req, res, undefined);
  const state = connection[IN_PROGRESS];
  if (state) {
    const waiting = state === true ? (connection[IN_PROGRESS] = []) : state;
    return new Promise<void>((resolve) => waiting.push(() => void serveOne(deps, req, res, connection).then(resolve)));
  }
  connection[IN_PROGRESS] = true;
  return serveOne(deps, req, res, connection);
}

/** Serves a request, then starts the next one waiting on its connection (or marks the connection idle). */
async function serveOne(deps: FrontDoorDeps, req: VaultHttpRequest, res: ResponseWriter, connection: Connection | undefined): Promise<void> {
  try {
    let spec: ResponseSpec;
    try {
      spec = await answer(deps, req);
    } catch (err) {
      const ns = new HeaderView(req.rawHeaders).first('x-vault-namespace');
      spec = err instanceof VaultError ? errorsResponse(err.status, err.errors, ns, err.extra) : errorsResponse(500, errors.internal().errors, ns);
    }
    writeResponse(res, spec, deps.core.clock.now());
  } catch {
    res.destroy();
  } finally {
    if (connection) {
      const state = connection[IN_PROGRESS];
      const next = state === true ? undefined : state?.shift();
      if (next) next();
      else connection[IN_PROGRESS] = undefined;
    }
  }
}

/** Not async: most answers come back from one awaited call below (a promise fewer per request). */
function answer(deps: FrontDoorDeps, req: VaultHttpRequest): ResponseSpec | Promise<ResponseSpec> {
  const headers = new HeaderView(req.rawHeaders, ORIGINAL_METHOD_HEADER);
  // The client's method: the request-line rewriter carries non-standard ones in its marker header.
  const method = headers.skipped || req.method || 'GET';
  const target = parseRequestTarget(('originalUrl' in req ? req.originalUrl : undefined) ?? req.url ?? '');
  if (!target) return goServerError(400);
  if (req.httpVersion !== '1.0' && method !== 'CONNECT') {
    const hosts = headers.all('host').length;
    if (hosts === 0) return goServerError(400, goServerResponses.missingHost);
    if (hosts > 1) return goServerError(400, goServerResponses.tooManyHosts);
  }
  // go-cleanhttp PrintablePathCheckHandler: a bare 400 outside every other wrapper.
  if (!target.plain && hasNonPrintable(target.path)) return { status: 400, headers: {}, body: '' };

  if (target.path.startsWith('/.well-known/')) return errorsResponse(404, [], undefined);
  const ns = headers.first('x-vault-namespace');
  const query = parseGoQuery(target.rawQuery);
  if (method === 'GET') {
    const list = queryGet(query, 'list');
    if (list !== '' && parseGoBool(list) === undefined) return errorsResponse(400, [], ns);
  }
  if (queryGet(query, 'help') !== '' || method === 'HELP') {
    if (!target.path.startsWith('/v1/')) return errorsResponse(404, [httpMessages.helpMissingPrefix], ns);
    return logicalHelp(deps, target.path.slice('/v1/'.length), headers, ns);
  }

  const decision = route(target, method, deps.ui);
  switch (decision.kind) {
    case 'asterisk':
      return { status: 400, headers: genericHeaders(400, ns), body: '', close: true };
    case 'redirect':
      return redirectResponse(method, decision.status, decision.location, ns);
    case 'ui':
      return { status: 200, headers: { ...genericHeaders(200, ns), 'content-type': 'text/html; charset=utf-8' }, body: UI_PAGE };
    case 'notFound':
      // net/http NotFoundHandler.
      return {
        status: 404,
        headers: { ...genericHeaders(404, ns), 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
        body: goServerResponses.notFound,
      };
    case 'raw': {
      const handler = deps.raw.get(decision.path);
      if (handler) return rawRequest(deps, handler, req, method, query, headers, ns);
      return logicalRequest(deps, req, method, decision.path, query, headers, ns);
    }
    case 'logical':
      if (deps.unauthenticatedMetricsAccess && decision.path === 'sys/metrics') return metricsUnauthenticated(deps, req, method, query, ns);
      return logicalRequest(deps, req, method, decision.path, query, headers, ns);
  }
}

/** http/sys_metrics.go handleMetricsUnauthenticated: GET only, `format` from the query or the Accept header. */
function metricsUnauthenticated(deps: FrontDoorDeps, req: VaultHttpRequest, method: string, query: GoQuery, ns: string | undefined): ResponseSpec {
  if (method !== 'GET') return errorsResponse(405, [], ns);
  return rawHttpResponse(metricsResponse(deps.core, queryGet(query, 'format'), clientHeaders(req)), ns);
}

/** http/logical.go respondRaw for a body with its own content type. */
function rawHttpResponse(response: LogicalResponse, ns: string | undefined): ResponseSpec {
  const status = response.statusCode ?? 200;
  return { status, headers: { ...genericHeaders(status, ns), 'content-type': response.rawHttp!.contentType }, body: response.rawHttp!.body };
}

/** The request headers as the client sent them (without the rewriter's marker). */
function clientHeaders(req: VaultHttpRequest): IncomingMessage['headers'] {
  if (!(ORIGINAL_METHOD_HEADER in req.headers)) return req.headers;
  const { [ORIGINAL_METHOD_HEADER]: _marker, ...rest } = req.headers;
  return rest;
}

/** Query values as Go's raw handlers read them (first value of each key). */
function firstValues(query: GoQuery): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of query.values) out[k] = v[0]!;
  return out;
}

async function rawRequest(
  deps: FrontDoorDeps,
  handler: RawHandler,
  req: VaultHttpRequest,
  method: string,
  query: GoQuery,
  headers: HeaderView,
  ns: string | undefined,
): Promise<ResponseSpec> {
  let body: Record<string, unknown> = {};
  let json: RawJson | undefined;
  let truncated = false;
  if (method === 'PUT' || method === 'POST') {
    const read = await readBody(req, MAX_REQUEST_BYTES);
    truncated = read.truncated;
    const decoded = decodeFirstValue(read.bytes, read.truncated);
    if (decoded.kind === 'eof') json = { kind: 'eof' };
    else if (decoded.kind === 'error') json = { kind: 'error', message: decoded.message };
    else if (decoded.value !== null && typeof decoded.value === 'object' && !Array.isArray(decoded.value)) body = decoded.value as Record<string, unknown>;
    else if (decoded.value !== null) json = { kind: 'mismatch', valueKind: jsonKind(decoded.value) };
  }
  const input: RawBodyInput = {
    method,
    query: firstValues(query),
    body,
    clientToken: clientTokenOf(headers),
    now: deps.core.clock.now(),
    json,
    remoteAddress: req.socket?.remoteAddress,
  };
  const out = await handler(input);
  const spec = jsonResponse(out.status, out.body, ns);
  return { ...spec, close: truncated };
}

async function logicalRequest(
  deps: FrontDoorDeps,
  req: VaultHttpRequest,
  method: string,
  path: string,
  query: GoQuery,
  headers: HeaderView,
  ns: string | undefined,
): Promise<ResponseSpec> {
  const { core } = deps;
  // No await (and so no turn of the microtask queue) for methods without a body.
  let body: ReadBody | undefined;
  if (readsBody(method)) {
    const read = readBody(req, MAX_REQUEST_BYTES);
    body = read instanceof Promise ? await read : read;
  }
  const close = body?.truncated ?? false;
  const requestId = core.random.uuid();
  try {
    const t = translate({ method, path, query, headers, body });
    const handled = await core.handle({
      id: requestId,
      operation: t.operation,
      path: t.path,
      data: t.data,
      clientToken: t.clientToken,
      headers: clientHeaders(req),
      now: core.clock.now(),
      remoteAddress: req.socket?.remoteAddress,
      remotePort: req.socket?.remotePort,
      wrapTtl: t.wrapTtl,
    });
    const outcome = statusFor(handled.operation, handled.response);
    if (outcome.kind === 'notFound') return Object.assign(errorsResponse(404, [], ns), { close });
    if (outcome.kind === 'internal') return Object.assign(errorsResponse(500, [], ns), { close });
    if (!handled.response) return Object.assign(jsonResponse(outcome.status, undefined, ns), { close });
    if (handled.response.rawHttp) return Object.assign(rawHttpResponse(handled.response, ns), { close });
    const rendered = renderEnvelope(t.path, requestId, handled.mountType, handled.response, outcome.status);
    if (t.wrapTtl > 0 && wouldWrap(handled.response, rendered.status)) {
      return Object.assign(errorsResponse(400, [httpMessages.wrappingUnsupported], ns), { close });
    }
    return Object.assign(jsonResponse(rendered.status, rendered.payload, ns), { close });
  } catch (err) {
    if (err instanceof VaultError) return Object.assign(errorsResponse(err.status, err.errors, ns, err.extra), { close });
    throw err;
  }
}

/** Vault wraps a successful response that has a body of its own (vault/request_handling.go). */
function wouldWrap(response: NonNullable<Awaited<ReturnType<VaultCore['handle']>>['response']>, status: number): boolean {
  return status === 200 && response.rawBody === undefined && response.statusCode === undefined && !response.emptyBody;
}

/** http/help.go handleHelp: a help-operation request on the uncleaned path; the body is the response data. */
async function logicalHelp(deps: FrontDoorDeps, path: string, headers: HeaderView, ns: string | undefined): Promise<ResponseSpec> {
  const { core } = deps;
  try {
    const handled = await core.handle({
      id: core.random.uuid(),
      operation: 'help',
      path,
      data: {},
      clientToken: clientTokenOf(headers),
      headers: {},
      now: core.clock.now(),
    });
    const response = handled.response;
    if (!response) return jsonResponse(204, undefined, ns);
    return jsonResponse(200, response.rawBody ?? response.data ?? null, ns);
  } catch (err) {
    if (err instanceof VaultError) return errorsResponse(err.status, err.errors, ns, err.extra);
    throw err;
  }
}
