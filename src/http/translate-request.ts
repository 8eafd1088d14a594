// HTTP → LogicalRequest (Vault's http/logical.go buildLogicalRequestNoAuth, http/handler.go parseRequest).
import { VaultError, bareError, errorResponse } from '../core/errors.js';
import type { Operation } from '../core/request.js';

export interface HttpInput {
  method: string;
  /** Logical path after /v1/, percent-decoded. */
  path: string;
  /** Raw query string without '?'. */
  query: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer | undefined;
}

export interface Translated {
  operation: Operation;
  path: string;
  data: Record<string, unknown>;
  clientToken: string;
}

/** Vault's max_request_size default (32 MiB). */
export const MAX_REQUEST_BYTES = 32 * 1024 * 1024;

function header(headers: HttpInput['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Query values: one value → string, several → array of strings. */
export function queryData(query: string): Record<string, unknown> {
  const params = new URLSearchParams(query);
  const out: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? all[0] : all;
  }
  return out;
}

function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

export function clientTokenOf(headers: HttpInput['headers']): string {
  const direct = header(headers, 'x-vault-token');
  if (direct) return direct;
  const auth = header(headers, 'authorization');
  if (auth && auth.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  return '';
}

function parseBody(input: HttpInput): Record<string, unknown> {
  const body = input.body;
  if (!body || body.length === 0) return {};
  const text = body.toString('utf8');
  const trimmed = text.trimStart();
  const contentType = (header(input.headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType === 'application/x-www-form-urlencoded' && !trimmed.startsWith('{') && !trimmed.startsWith('[')) {
    const params = new URLSearchParams(text);
    const out: Record<string, unknown> = {};
    for (const key of new Set(params.keys())) out[key] = params.getAll(key).join(',');
    return out;
  }
  if (trimmed === '' ) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw errorResponse('error parsing JSON');
  }
  if (parsed === null) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw errorResponse('error parsing JSON');
  return parsed as Record<string, unknown>;
}

export function translate(input: HttpInput, originalMethod: string): Translated {
  let operation: Operation;
  let data: Record<string, unknown> = {};
  let path = input.path;
  const query = queryData(input.query);
  switch (originalMethod) {
    case 'GET':
    case 'HEAD': {
      operation = originalMethod === 'GET' ? 'read' : 'header';
      const list = query.list;
      delete query.help;
      if (typeof list === 'string' && list !== '') {
        const parsed = parseGoBool(list);
        if (parsed === undefined) throw bareError(400);
        if (parsed) {
          operation = 'list';
          delete query.list;
        }
      }
      data = query;
      break;
    }
    case 'LIST':
      operation = 'list';
      delete query.help;
      data = query;
      break;
    case 'POST':
    case 'PUT':
      operation = 'update';
      data = parseBody(input);
      break;
    case 'PATCH': {
      operation = 'patch';
      const ct = header(input.headers, 'content-type') ?? '';
      const mediaType = ct.split(';')[0]!.trim().toLowerCase();
      if (mediaType !== 'application/merge-patch+json') {
        throw new VaultError(415, [`PATCH requires Content-Type of application/merge-patch+json, provided ${mediaType}`]);
      }
      data = parseBody(input);
      break;
    }
    case 'DELETE':
      operation = 'delete';
      delete query.help;
      data = query;
      break;
    default:
      throw bareError(405);
  }
  if (queryData(input.query).help !== undefined) operation = 'help';
  if (operation === 'list' && !path.endsWith('/')) path += '/';
  return { operation, path, data, clientToken: clientTokenOf(input.headers) };
}
