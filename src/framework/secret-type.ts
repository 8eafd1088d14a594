// Lease types declared by an engine (Vault's framework.Secret): a handler answers with
// secretResponse(type, data, internal); when the lease is renewed or revoked the core routes the
// request back here with the stored internal data, typed per secret type.
import type { LogicalResponse, SecretInfo } from '../core/request.js';
import type { EngineRequest } from './path.js';

/** What a secret type's renew and revoke handlers receive about the lease. */
export interface SecretCall<Internal = Record<string, unknown>> {
  internal: Internal;
  /** The response data the secret was issued (or last renewed) with. */
  data: Record<string, unknown> | null;
  /** The lease's current TTL and the engine's max TTL, in seconds. */
  ttl: number;
  maxTtl: number;
  /** When the lease was issued (ms since the epoch). */
  issueTime: number;
  /** Requested increment in seconds (renewals; 0 otherwise). */
  increment: number;
}

/** A renewal's answer: the TTLs the engine grants now (CalculateTTL then caps them). */
export interface SecretRenewal {
  ttl: number;
  maxTtl: number;
  data?: Record<string, unknown> | null;
  warnings?: string[];
}

export interface SecretTypeSpec<Internal = Record<string, unknown>> {
  type: string;
  /** framework.Secret.DefaultDuration in seconds (0: the mount's default lease TTL). */
  defaultDuration?: number;
  /** Absent: the secret is not renewable. */
  renew?(req: EngineRequest, secret: SecretCall<Internal>): SecretRenewal | Promise<SecretRenewal>;
  revoke(req: EngineRequest, secret: SecretCall<Internal>): void | Promise<void>;
}

/** Secret.Response: the data plus a secret carrying the type, default TTL and renewability. */
export function secretResponse<Internal extends Record<string, unknown>>(
  spec: SecretTypeSpec<Internal>,
  data: Record<string, unknown>,
  internal: Internal,
  lease: { ttl?: number; maxTtl?: number } = {},
): LogicalResponse {
  const secret: SecretInfo = {
    type: spec.type,
    ttl: lease.ttl ?? spec.defaultDuration ?? 0,
    maxTtl: lease.maxTtl ?? 0,
    renewable: spec.renew !== undefined,
    internal,
  };
  return { data, secret };
}
