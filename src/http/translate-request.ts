// HTTP → logical request, as Vault's http/logical.go buildLogicalRequestNoAuth and buildLogicalRequest
// do it: method → operation, data from the query (GET/DELETE/LIST/HEAD) or the body (POST/PUT/PATCH,
// the query is ignored there), then the token and the X-Vault-* request headers.
import { VaultError, bareError, errorResponse, messages } from '../core/errors.js';
import type { Operation } from '../core/request.js';
import { parseGoDuration } from '../framework/duration.js';
import { decodeFirstValue } from './go-json-decode.js';
import { parseGoBool } from '../framework/field-types.js';
import { parseGoQuery, queryGet, type GoQuery } from './go-url.js';
import { parseMediaType } from './media-type.js';
import { goErrors, httpMessages } from './messages.js';

/** Vault's max_request_size default (http/handler.go DefaultMaxRequestSize). */
export const MAX_REQUEST_BYTES = 32 * 1024 * 1024;
/** net/http's limit on a form body when the reader is not a MaxBytesReader (request.go parsePostForm). */
const MAX_FORM_BYTES = 10 * 1024 * 1024;

/**
 * Request headers as Go's http.Header sees them: every value kept, looked up case-insensitively.
 * A scan of Node's rawHeaders per lookup (a request has a handful of headers, and most lookups miss on
 * length alone) instead of building a map.
 */
export class HeaderView {
  private readonly raw: readonly string[];
  private readonly skip: string | undefined;
  /** The first value of the header left out, if it was sent. */
  readonly skipped: string | undefined;
  /** `skip`: a (lower-case) header name to leave out. */
  constructor(rawHeaders: readonly string[], skip?: string) {
    this.raw = rawHeaders;
    this.skip = skip;
    if (skip !== undefined) this.skipped = this.first(skip, true);
  }
  /** http.Header.Get: the first value ('' → undefined). Names are given in lower case. */
  first(wanted: string, includeSkipped = false): string | undefined {
    if (wanted === this.skip && !includeSkipped) return undefined;
    const raw = this.raw;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const n = raw[i]!;
      if (sameName(n, wanted)) return raw[i + 1];
    }
    return undefined;
  }
  /** Every value, in order (a lower-case name). */
  all(wanted: string): string[] {
    const out: string[] = [];
    if (wanted === this.skip) return out;
    const raw = this.raw;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const n = raw[i]!;
      if (sameName(n, wanted)) out.push(raw[i + 1]!);
    }
    return out;
  }
}

/** Whether a header name equals a lower-case name, ignoring ASCII case (without making a lower-case copy). */
function sameName(name: string, lower: string): boolean {
  if (name.length !== lower.length) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a ? c + 0x20 : c) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/** A request body read up to the size limit; `truncated` when it went on beyond it. */
export interface ReadBody {
  bytes: Buffer;
  truncated: boolean;
}

export interface HttpRequestParts {
  /** The client's method (LIST, HELP, … included). */
  method: string;
  /** Logical path after /v1/, percent-decoded. */
  path: string;
  query: GoQuery;
  headers: HeaderView;
  body?: ReadBody;
}

export interface Translated {
  operation: Operation;
  path: string;
  data: Record<string, unknown>;
  clientToken: string;
  /** Seconds from a valid X-Vault-Wrap-TTL header (0 when absent). */
  wrapTtl: number;
}

/** Methods whose body Vault reads. */
export function readsBody(method: string): boolean {
  return method === 'POST' || method === 'PUT' || method === 'PATCH';
}

/** http/handler.go parseQuery: query → data, `help` dropped, one value → string, several → array. */
export function queryData(query: GoQuery, drop: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, values] of query.values) {
    if (key === 'help' || drop.includes(key)) continue;
    out[key] = values.length === 1 ? values[0] : [...values];
  }
  return out;
}

/** http/handler.go getTokenFromReq: X-Vault-Token, else the first `Authorization: Bearer …`. */
export function clientTokenOf(headers: HeaderView): string {
  const direct = headers.first('x-vault-token');
  if (direct) return direct;
  for (const value of headers.all('authorization')) {
    if (value.startsWith('Bearer ')) return value.slice('Bearer '.length).trim();
  }
  return '';
}

/** http/handler.go isForm: form content type and a body that does not start like JSON. */
function isForm(body: Buffer, contentType: string): boolean {
  const media = parseMediaType(contentType);
  if (!media.ok || media.type !== 'application/x-www-form-urlencoded') return false;
  for (const c of body.subarray(0, 512)) {
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    return c !== 0x5b && c !== 0x7b;
  }
  return true;
}

/** http/handler.go parseFormRequest over net/http's ParseForm (which also parses the URL query). */
function parseForm(body: ReadBody, query: GoQuery): Record<string, unknown> {
  if (body.truncated || body.bytes.length > MAX_FORM_BYTES) throw errorResponse(httpMessages.parseForm);
  const form = parseGoQuery(body.bytes.toString('latin1'));
  if (form.error || query.error) throw errorResponse(httpMessages.parseForm);
  const out: Record<string, unknown> = {};
  // Repeated keys are joined with commas (most string-list fields accept that form).
  for (const [key, values] of form.values) out[key] = values.join(',');
  return out;
}

/** JSON body into a map: nothing for EOF or `null`, 400 (413 past the size limit) otherwise. */
function parseJsonObject(body: ReadBody | undefined): Record<string, unknown> {
  if (!body) return {};
  const decoded = decodeFirstValue(body.bytes, body.truncated);
  if (decoded.kind === 'eof') return {};
  if (decoded.kind === 'error') throw new VaultError(decoded.tooLarge ? 413 : 400, [messages.parseJson]);
  const value = decoded.value;
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw errorResponse(messages.parseJson);
  return value as Record<string, unknown>;
}

/** go-secure-stdlib parseutil.ParseDurationSecond for a header string; seconds (may be fractional). */
export function parseDurationSecondHeader(s: string): number {
  if (/^[+-]?\d+$/.test(s)) {
    const big = BigInt(s);
    if (big <= 9223372036854775807n && big >= -9223372036854775808n) return Number(big);
  }
  if (s.endsWith('d')) {
    const days = s.slice(0, -1);
    if (!/^[+-]?\d+$/.test(days)) throw new Error(goErrors.parseInt(days, false));
    const big = BigInt(days);
    if (big > 9223372036854775807n || big < -9223372036854775808n) throw new Error(goErrors.parseInt(days, true));
    return Number(big) * 86400;
  }
  return parseGoDuration(s) / 1e9;
}

function wrapTtlOf(headers: HeaderView): number {
  const raw = headers.first('x-vault-wrap-ttl');
  if (!raw) return 0;
  let seconds: number;
  try {
    seconds = parseDurationSecondHeader(raw);
  } catch (e) {
    throw errorResponse(httpMessages.wrapTtl((e as Error).message));
  }
  if (seconds < 0) throw errorResponse(httpMessages.wrapTtl(httpMessages.wrapTtlNegative));
  return seconds;
}

function checkMfaHeader(headers: HeaderView): void {
  for (const value of headers.all('x-vault-mfa')) {
    if (value === '' || !value.includes(':')) continue;
    const colon = value.indexOf(':');
    if (colon === 0) throw errorResponse(httpMessages.mfa(httpMessages.mfaMissingName));
    if (colon === value.length - 1) throw errorResponse(httpMessages.mfa(httpMessages.mfaMissingValue));
  }
}

function checkPolicyOverride(headers: HeaderView): void {
  const raw = headers.first('x-vault-policy-override');
  if (!raw) return;
  if (parseGoBool(raw) === undefined) throw errorResponse(httpMessages.policyOverride(goErrors.parseBool(raw)));
}

export function translate(req: HttpRequestParts): Translated {
  let operation: Operation;
  let data: Record<string, unknown>;
  let path = req.path;
  switch (req.method) {
    case 'DELETE':
      operation = 'delete';
      data = queryData(req.query);
      break;
    case 'GET': {
      operation = 'read';
      const list = queryGet(req.query, 'list');
      const listing = list !== '' && parseGoBool(list);
      if (list !== '' && listing === undefined) throw bareError(400);
      if (listing) {
        operation = 'list';
        if (!path.endsWith('/')) path += '/';
      }
      data = queryData(req.query, listing ? ['list'] : []);
      break;
    }
    case 'POST':
    case 'PUT': {
      operation = 'update';
      const body = req.body;
      data = body && isForm(body.bytes, req.headers.first('content-type') ?? '') ? parseForm(body, req.query) : parseJsonObject(body);
      break;
    }
    case 'PATCH': {
      operation = 'patch';
      const media = parseMediaType(req.headers.first('content-type') ?? '');
      if (!media.ok) throw errorResponse(media.error);
      if (media.type !== 'application/merge-patch+json') throw new VaultError(415, [httpMessages.patchContentType(media.type)]);
      data = parseJsonObject(req.body);
      break;
    }
    case 'LIST':
      operation = 'list';
      if (!path.endsWith('/')) path += '/';
      data = queryData(req.query);
      break;
    case 'HEAD':
      operation = 'header';
      data = queryData(req.query);
      break;
    case 'OPTIONS':
      // Vault builds an operation-less request that every backend answers as an unsupported
      // operation (405) after the usual token checks; the header operation behaves the same here.
      operation = 'header';
      data = {};
      break;
    default:
      throw bareError(405);
  }
  const clientToken = clientTokenOf(req.headers);
  const wrapTtl = wrapTtlOf(req.headers);
  checkMfaHeader(req.headers);
  checkPolicyOverride(req.headers);
  return { operation, path, data, clientToken, wrapTtl };
}
