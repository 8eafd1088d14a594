// An audit entry as Vault's formatter writes it (audit/types.go, audit/entry_formatter.go): Go struct
// field order, empty fields omitted, maps with sorted keys, strings HMAC'd unless the device logs raw.
import { goJson, sortKeysDeep } from '../../http/go-json.js';
import { hashValues, type HashFn } from './hash.js';

export interface FormatterConfig {
  raw: boolean;
  hmacAccessor: boolean;
  elideListResponses: boolean;
  prefix: string;
}

export interface AuditPolicyInfo {
  name?: string;
  namespace_id?: string;
  type: string;
}

/** logical.Auth as the formatter copies it (names are the JSON keys, in Go's order). */
export interface AuditAuth {
  accessor?: string;
  client_token?: string;
  display_name?: string;
  entity_id?: string;
  metadata?: Record<string, string> | null;
  num_uses?: number;
  policies?: string[];
  policy_results?: { allowed: boolean; granting_policies?: AuditPolicyInfo[] };
  remaining_uses?: number;
  token_policies?: string[];
  token_issue_time?: string;
  token_ttl?: number;
  token_type?: string;
}

export interface AuditMount {
  point: string;
  type: string;
  /** Known to the request entry only once the router has run (writes: the existence check). */
  accessor: string;
  class: string;
  runningVersion: string;
}

export interface AuditRequest {
  clientId?: string;
  /** The token as the core resolved it (a service token's stored id). */
  clientToken: string;
  clientTokenAccessor: string;
  data: Record<string, unknown>;
  headers?: Record<string, string[]>;
  id: string;
  mount?: AuditMount;
  /** Whether `mount.accessor` is already set on the request (vault/router.go sets it while routing). */
  routed: boolean;
  operation: string;
  path: string;
  remoteAddress?: string;
  remotePort?: number;
  wrapTtl?: number;
}

export interface AuditResponse {
  auth?: AuditAuth;
  data?: Record<string, unknown> | null;
  leaseId?: string;
  warnings?: string[];
}

export interface AuditEvent {
  type: 'request' | 'response';
  /** Milliseconds since the epoch. */
  time: number;
  auth?: AuditAuth;
  request: AuditRequest;
  response?: AuditResponse;
  /** OuterErr.Error(), verbatim. */
  error?: string;
  nonHmacRequestKeys?: readonly string[];
  nonHmacResponseKeys?: readonly string[];
}

/** time.Time.Format(time.RFC3339Nano) in UTC: fraction without trailing zeros. */
export function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}

/** Struct pointers: omitempty keeps them even when every field inside is empty. */
const KEPT_WHEN_EMPTY = new Set(['policy_results', 'request', 'response', 'auth']);

/** Drops keys whose value Go's omitempty would leave out. */
function compact<T extends Record<string, unknown>>(obj: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === null || v === '' || v === 0 || v === false) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0 && !KEPT_WHEN_EMPTY.has(k)) continue;
    out[k] = v;
  }
  return out as Partial<T>;
}

function formatAuth(auth: AuditAuth | undefined, config: FormatterConfig, hash: HashFn): unknown {
  if (!auth) return undefined;
  const clientToken = auth.client_token;
  const hashed = !config.raw;
  return compact({
    accessor: hashed && config.hmacAccessor && auth.accessor ? hash(auth.accessor) : auth.accessor,
    client_token: hashed && clientToken ? hash(clientToken) : clientToken,
    display_name: auth.display_name,
    entity_id: auth.entity_id,
    metadata: auth.metadata ? sortKeysDeep(auth.metadata) : undefined,
    num_uses: auth.num_uses,
    policies: auth.policies,
    policy_results: auth.policy_results,
    remaining_uses: auth.remaining_uses,
    token_policies: auth.token_policies,
    token_issue_time: auth.token_issue_time,
    token_ttl: auth.token_ttl,
    token_type: auth.token_type,
  });
}

function formatData(data: Record<string, unknown> | null | undefined, config: FormatterConfig, hash: HashFn, ignored: readonly string[] | undefined, numbersAsText: boolean): unknown {
  if (!data) return undefined;
  const value = config.raw ? data : hashValues(data, hash, ignored ?? [], numbersAsText);
  return sortKeysDeep(value);
}

function formatRequest(e: AuditEvent, config: FormatterConfig, hash: HashFn): unknown {
  const r = e.request;
  const hashed = !config.raw;
  const m = r.mount;
  return compact({
    client_id: r.clientId,
    client_token: hashed && r.clientToken ? hash(r.clientToken) : r.clientToken,
    client_token_accessor: hashed && config.hmacAccessor && r.clientTokenAccessor ? hash(r.clientTokenAccessor) : r.clientTokenAccessor,
    data: formatData(r.data, config, hash, e.nonHmacRequestKeys, true),
    headers: r.headers,
    id: r.id,
    mount_accessor: r.routed ? m?.accessor : undefined,
    mount_class: m?.class,
    mount_point: m?.point,
    mount_running_version: m?.runningVersion,
    mount_type: m?.type,
    namespace: { id: 'root' },
    operation: r.operation,
    path: r.path,
    remote_address: r.remoteAddress,
    remote_port: r.remotePort,
    wrap_ttl: r.wrapTtl,
  });
}

function formatResponse(e: AuditEvent, config: FormatterConfig, hash: HashFn): unknown {
  const resp = e.response;
  if (!resp) return undefined;
  const m = e.request.mount;
  let data = resp.data;
  if (data && config.elideListResponses && e.request.operation === 'list') {
    data = { ...data };
    if (Array.isArray(data.keys) && data.keys.every((k) => typeof k === 'string')) data.keys = data.keys.length;
    if (data.key_info !== null && typeof data.key_info === 'object' && !Array.isArray(data.key_info)) data.key_info = Object.keys(data.key_info).length;
  }
  return compact({
    auth: formatAuth(resp.auth, config, hash),
    data: formatData(data, config, hash, e.nonHmacResponseKeys, false),
    mount_accessor: m?.accessor,
    mount_class: m?.class,
    mount_point: m?.point,
    mount_running_plugin_version: m?.runningVersion,
    mount_type: m?.type,
    secret: resp.leaseId ? { lease_id: resp.leaseId } : undefined,
    warnings: resp.warnings,
  });
}

/** One line (Go's encoder ends it with a newline), prefixed as configured. */
export function formatEntry(e: AuditEvent, config: FormatterConfig, hash: HashFn): string {
  const entry = compact({
    auth: formatAuth(e.auth, config, hash),
    error: e.error,
    request: formatRequest(e, config, hash),
    response: e.type === 'response' ? formatResponse(e, config, hash) : undefined,
    time: rfc3339Nano(e.time),
    type: e.type,
  });
  return config.prefix + goJson(entry);
}
