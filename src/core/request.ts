// The logical request and response that flow between the HTTP adapter, the core and the engines.
import type { Storage } from './storage.js';

export type Operation = 'create' | 'read' | 'update' | 'patch' | 'delete' | 'list' | 'help' | 'header' | 'renew' | 'revoke';

export interface RequestHeaders {
  [name: string]: string | string[] | undefined;
}

export interface LogicalRequest {
  id: string;
  operation: Operation;
  /** Logical path after /v1/, without a leading slash. LIST paths end in '/'. */
  path: string;
  data: Record<string, unknown>;
  /** The token the client sent ('' when none). */
  clientToken: string;
  headers: RequestHeaders;
  /** Taken once from the Clock when the request arrived (ms since the epoch). */
  now: number;
  /** Client address, for audit. */
  remoteAddress?: string;
  /** Client port, for audit. */
  remotePort?: number;
  /** Set by the core for engines: the token exactly as the client sent it (Vault's InboundSSCToken),
   *  while `clientToken` then holds the token's stored id. */
  inboundToken?: string;
  /** The calling token's display name (Vault's req.DisplayName; database username templates use it). */
  displayName?: string;
  /** Seconds from X-Vault-Wrap-TTL (absent when the response is not to be wrapped); policies may bound it. */
  wrapTtl?: number;
}

export interface MountRequestContext {
  /** Mount path with trailing slash, e.g. `secret/` or `auth/token/`. */
  mountPoint: string;
  mountType: string;
  mountAccessor: string;
  /** The mount's own storage view. */
  storage: Storage;
  /** Effective TTLs for this mount in seconds (tune values, or the system defaults). */
  defaultLeaseTtl: number;
  maxLeaseTtl: number;
  options: Record<string, string> | null;
}

export interface AuthInfo {
  client_token: string;
  accessor: string;
  policies: string[];
  token_policies: string[];
  identity_policies?: string[];
  metadata: Record<string, string> | null;
  lease_duration: number;
  renewable: boolean;
  entity_id: string;
  token_type: string;
  orphan: boolean;
  mfa_requirement: null;
  num_uses: number;
}

/** logical.Secret as an engine returns it: the core registers a lease for it (and never sends `internal`). */
export interface SecretInfo {
  /** The engine's secret type, which revoke and renew are routed back to. */
  type: string;
  /** Seconds (0: the mount's default lease TTL). */
  ttl: number;
  /** Seconds (0: the mount's max lease TTL). */
  maxTtl: number;
  renewable: boolean;
  /** What the engine needs later to renew or revoke (a username, an access key id, …). */
  internal: Record<string, unknown>;
}

/**
 * logical.Auth as an auth method's login handler returns it (before the core makes the token).
 * Durations in seconds.
 */
export interface LoginAuth {
  policies: string[];
  noDefaultPolicy: boolean;
  metadata: Record<string, string>;
  /** The entity alias name (AppRole: the role_id). */
  aliasName: string;
  ttl: number;
  maxTtl: number;
  period: number;
  explicitMaxTtl: number;
  numUses: number;
  /** `default`, `service` or `batch` (default: the mount's token_type). */
  tokenType: string;
  boundCidrs: string[];
  /** Kept with the token's lease and handed back to the method on renewal (Auth.InternalData). */
  internal: Record<string, unknown>;
  /** Appended to the mount-derived display name (AppRole: none). */
  displayName?: string;
}

export interface LogicalResponse {
  data?: Record<string, unknown> | null;
  /** A login handler's Auth: the core turns it into a token and answers with `auth`. */
  login?: LoginAuth;
  /** Present when the response issues a secret with a lease. */
  secret?: SecretInfo;
  warnings?: string[];
  auth?: AuthInfo | null;
  leaseId?: string;
  renewable?: boolean;
  leaseDuration?: number;
  /** Forces the HTTP status while keeping the envelope body (logical.RespondWithStatusCode). */
  statusCode?: number;
  /** Send no body at all with `statusCode` (e.g. 202 for async revoke, 404 for KV v2 patch of a missing key). */
  emptyBody?: boolean;
  /** A body written verbatim instead of the envelope (help output, raw sys handlers). */
  rawBody?: unknown;
  /** A non-JSON body with its content type, sent with `statusCode` (logical.HTTPRawBody and HTTPContentType). */
  rawHttp?: { contentType: string; body: string };
  /** Overrides the envelope's mount_type ('' for raw status responses and unauthenticated paths). */
  mountType?: string;
}
