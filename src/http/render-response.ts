// Vault's response envelope and headers (sdk/logical/translate_response.go, http/logical.go).
import type { VaultError } from '../core/errors.js';
import type { LogicalResponse } from '../core/request.js';
import { goJson, isPlainString, keyText, sortedGoJson, sortKeysDeep } from './go-json.js';

/** sys routes whose data keys are also copied to the top level (http/sys_*.go injectDataIntoTopRoutes). */
export const TOP_LEVEL_DATA_ROUTES = [
  'sys/audit',
  'sys/auth',
  'sys/config/cors',
  'sys/config/auditing/request-headers',
  'sys/capabilities',
  'sys/capabilities-accessor',
  'sys/capabilities-self',
  'sys/ha-status',
  'sys/key-status',
  'sys/mounts',
  'sys/policy',
  'sys/rekey/backup',
  'sys/rekey/recovery-key-backup',
  'sys/remount',
  'sys/rotate',
  'sys/wrapping/wrap',
];
const INJECTED_EXACT = new Set(TOP_LEVEL_DATA_ROUTES);
const INJECTED_PREFIXES = ['sys/audit/', 'sys/audit-hash/', 'sys/auth/', 'sys/config/auditing/request-headers/', 'sys/mounts/', 'sys/policy/'];

export function injectsDataAtTop(path: string): boolean {
  const p = path.endsWith('/') ? path.slice(0, -1) : path;
  return INJECTED_EXACT.has(p) || INJECTED_PREFIXES.some((prefix) => path.startsWith(prefix));
}

export interface RenderedBody {
  status: number;
  /** Serialised JSON, or '' for an empty body. */
  payload: string;
}

export function renderEnvelope(
  path: string,
  requestId: string,
  mountType: string,
  response: LogicalResponse,
  status: number,
): RenderedBody {
  if (response.emptyBody) return { status, payload: '' };
  if (response.rawBody !== undefined) return { status, payload: goJson(response.rawBody) };
  const fast = injectsDataAtTop(path) ? undefined : envelopeText(requestId, mountType, response);
  // logical.RespondWithStatusCode uses json.Marshal, which (unlike json.Encoder) adds no trailing newline.
  if (fast !== undefined) return { status, payload: response.statusCode !== undefined ? fast : `${fast}\n` };
  const data = response.data === undefined || response.data === null ? null : (sortKeysDeep(response.data) as Record<string, unknown>);
  const fields = {
    request_id: requestId,
    lease_id: response.leaseId ?? '',
    renewable: response.renewable ?? false,
    lease_duration: response.leaseDuration ?? 0,
    data,
    wrap_info: null,
    warnings: response.warnings && response.warnings.length > 0 ? response.warnings : null,
    auth: response.auth ? sortAuth(response.auth) : null,
    mount_type: response.mountType ?? mountType,
  };
  const envelope = data && injectsDataAtTop(path) ? Object.assign({}, data, fields) : fields;
  const payload = goJson(envelope);
  // logical.RespondWithStatusCode uses json.Marshal, which (unlike json.Encoder) adds no trailing newline.
  return { status, payload: response.statusCode !== undefined ? payload.slice(0, -1) : payload };
}

/**
 * The envelope's JSON text written field by field (no envelope object, no copy of the data), exactly as
 * goJson writes the envelope object below, without its newline; undefined when the response holds
 * anything sortedGoJson leaves to the general path.
 */
function envelopeText(requestId: string, mountType: string, response: LogicalResponse): string | undefined {
  const data = response.data === undefined || response.data === null ? 'null' : sortedGoJson(response.data);
  const warnings = response.warnings && response.warnings.length > 0 ? sortedGoJson(response.warnings) : 'null';
  const id = scalarText(requestId);
  const mount = scalarText(response.mountType ?? mountType);
  if (data === undefined || warnings === undefined || id === undefined || mount === undefined) return undefined;
  // Most responses carry no lease: their middle part is always the same text.
  if ((response.leaseId ?? '') === '' && (response.renewable ?? false) === false && (response.leaseDuration ?? 0) === 0 && warnings === 'null' && !response.auth) {
    return `{"request_id":${id}${NO_LEASE_BEFORE_DATA}${data}${NOTHING_AFTER_DATA}${mount}}`;
  }
  const leaseId = scalarText(response.leaseId ?? '');
  const renewable = scalarText(response.renewable ?? false);
  const leaseDuration = scalarText(response.leaseDuration ?? 0);
  if (leaseId === undefined || renewable === undefined || leaseDuration === undefined) return undefined;
  // One join, not a template: the result is one flat string rather than a tree of pieces to flatten later.
  const parts = [
    '{"request_id":',
    id,
    ',"lease_id":',
    leaseId,
    ',"renewable":',
    renewable,
    ',"lease_duration":',
    leaseDuration,
    ',"data":',
    data,
    ',"wrap_info":null,"warnings":',
    warnings,
    ',"auth":',
  ];
  if (!response.auth) parts.push('null');
  else if (!pushAuthText(response.auth, parts)) return undefined;
  parts.push(',"mount_type":', mount, '}');
  return parts.join('');
}

const NO_LEASE_BEFORE_DATA = ',"lease_id":"","renewable":false,"lease_duration":0,"data":';
const NOTHING_AFTER_DATA = ',"wrap_info":null,"warnings":null,"auth":null,"mount_type":';

function scalarText(v: unknown): string | undefined {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? sortedGoJson(v) : undefined;
}

/**
 * Appends the pieces of the text goJson(sortAuth(auth)) writes (without the newline), key by key: no copy
 * of the block, no pass over the whole text. False when a value is anything but a scalar, a list of
 * scalars or the metadata map, which the general path then writes.
 */
function pushAuthText(auth: NonNullable<LogicalResponse['auth']>, parts: string[]): boolean {
  let separator = '{';
  let sawMetadata = false;
  for (const key in auth) {
    const value = (auth as unknown as Record<string, unknown>)[key];
    if ((key === 'token_policies' || key === 'identity_policies') && (!value || (value as unknown[]).length === 0)) continue;
    if (key === 'metadata') {
      sawMetadata = true;
      if (!value) {
        parts.push(separator, '"metadata":null');
        separator = ',';
        continue;
      }
    } else if (value === undefined) {
      continue; // JSON.stringify leaves the key out
    } else if (typeof value === 'object' && value !== null && !isScalarList(value)) {
      return false; // a struct keeps its own key order: general path
    }
    parts.push(separator, keyText(key), ':');
    separator = ',';
    // Tokens, accessors and ids are plain: pushed as they are between quotes, no quoted copy made.
    if (typeof value === 'string' && isPlainString(value)) parts.push('"', value, '"');
    else {
      const text = sortedGoJson(value);
      if (text === undefined) return false;
      parts.push(text);
    }
  }
  if (!sawMetadata) parts.push(separator, '"metadata":null');
  parts.push('}');
  return true;
}

function isScalarList(value: object): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item === 'object' && item !== null) return false;
  return true;
}

export function sortAuth(auth: NonNullable<LogicalResponse['auth']>): unknown {
  // Copied key by key, skipping rather than deleting (a delete would turn the copy into a slow dictionary).
  const out: Record<string, unknown> = {};
  for (const key in auth) {
    const value = (auth as unknown as Record<string, unknown>)[key];
    // sdk/logical/translate_response.go HTTPAuth: both are `omitempty`.
    if ((key === 'token_policies' || key === 'identity_policies') && (!value || (value as unknown[]).length === 0)) continue;
    out[key] = key === 'metadata' ? (auth.metadata ? sortKeysDeep(auth.metadata) : null) : value;
  }
  if (!('metadata' in out)) out.metadata = null;
  return out;
}

export function renderError(error: VaultError): RenderedBody {
  return { status: error.status, payload: goJson({ errors: error.errors, ...(error.extra ?? {}) }) };
}
