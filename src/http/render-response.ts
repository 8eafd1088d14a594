// Vault's response envelope and headers (sdk/logical/translate_response.go, http/logical.go).
import type { VaultError } from '../core/errors.js';
import type { LogicalResponse } from '../core/request.js';
import { goJson, sortKeysDeep } from './go-json.js';

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
  const data = response.data === undefined || response.data === null ? null : (sortKeysDeep(response.data) as Record<string, unknown>);
  const envelope: Record<string, unknown> = {};
  if (data && injectsDataAtTop(path)) Object.assign(envelope, data);
  Object.assign(envelope, {
    request_id: requestId,
    lease_id: response.leaseId ?? '',
    renewable: response.renewable ?? false,
    lease_duration: response.leaseDuration ?? 0,
    data,
    wrap_info: null,
    warnings: response.warnings && response.warnings.length > 0 ? response.warnings : null,
    auth: response.auth ? sortAuth(response.auth) : null,
    mount_type: response.mountType ?? mountType,
  });
  const payload = goJson(envelope);
  // logical.RespondWithStatusCode uses json.Marshal, which (unlike json.Encoder) adds no trailing newline.
  return { status, payload: response.statusCode !== undefined ? payload.slice(0, -1) : payload };
}

function sortAuth(auth: NonNullable<LogicalResponse['auth']>): unknown {
  const out: Record<string, unknown> = { ...auth, metadata: auth.metadata ? sortKeysDeep(auth.metadata) : null };
  // sdk/logical/translate_response.go HTTPAuth: both are `omitempty`.
  if (!auth.token_policies || auth.token_policies.length === 0) delete out.token_policies;
  if (!auth.identity_policies || auth.identity_policies.length === 0) delete out.identity_policies;
  return out;
}

export function renderError(error: VaultError): RenderedBody {
  return { status: error.status, payload: goJson({ errors: error.errors, ...(error.extra ?? {}) }) };
}
