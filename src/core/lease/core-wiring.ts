// Between the core and the lease manager: how leases reach engines and tokens (LeaseRouting), and
// the registration of a lease for a response carrying a secret (vault/request_handling.go).
import type { EngineRequest } from '../../framework/path.js';
import { errors } from '../errors.js';
import type { LogicalRequest, LogicalResponse } from '../request.js';
import type { TokenEntry } from '../token-store.js';
import type { VaultCore } from '../vault-core.js';
import type { LeaseEntry } from './lease-entry.js';
import type { IssuingToken, LeaseRouting } from './lease-types.js';

/** How the lease manager reaches engines and tokens without knowing either. */
export function leaseRouting(core: VaultCore): LeaseRouting {
  return {
    revokeSecret: async (le) => {
      const { engine, req, type, call } = secretCall(core, le, 'revoke', 0);
      await engine.revokeSecret(req, type, call);
    },
    renewSecret: (le, increment) => {
      const { engine, req, type, call } = secretCall(core, le, 'renew', increment);
      return engine.renewSecret(req, type, call);
    },
    revokeTokenTree: (tokenId) => core.tokens.revokeTree(tokenId),
    tokenExists: (tokenId) => core.tokens.lookup(tokenId, core.clock.now(), { tainted: true }) !== undefined,
    batchTokenExpiry: (tokenId) => {
      const te = core.tokens.lookup(tokenId, core.clock.now());
      return te ? (te.creation_time + te.ttl) * 1000 : undefined;
    },
    mountTtls: (path) => {
      const route = core.route(path);
      return route ? core.effectiveTtls(route.entry) : undefined;
    },
    mountAccessor: (path) => core.route(path)?.entry.accessor ?? '',
    isSealed: () => core.seal.sealed,
  };
}

/** logical.RevokeRequest / RenewRequest for a stored lease, routed to the engine mounted at its path. */
function secretCall(core: VaultCore, le: LeaseEntry, operation: 'revoke' | 'renew', increment: number) {
  const route = core.route(le.path);
  if (!route) throw errors.noHandler(le.path);
  const engine = core.engineFor(route.entry);
  const ttls = core.effectiveTtls(route.entry);
  const secret = le.secret!;
  const { secret_type: type, ...internal } = secret.internal_data as { secret_type?: unknown } & Record<string, unknown>;
  const req: EngineRequest = {
    // logical.RevokeRequest / RenewRequest carry no request id.
    id: '',
    operation,
    path: le.path,
    data: le.data ?? {},
    clientToken: '',
    headers: {},
    now: core.clock.now(),
    relPath: le.path.slice(route.prefix.length),
    mountPoint: route.prefix,
    mountType: route.entry.type,
    mountAccessor: route.entry.accessor,
    storage: route.storage,
    defaultLeaseTtl: ttls.defaultLeaseTtl,
    maxLeaseTtl: ttls.maxLeaseTtl,
    options: route.entry.options,
  };
  const call = { internal, data: le.data ?? null, ttl: secret.ttl, maxTtl: secret.max_ttl, issueTime: le.issue_time, increment };
  return { engine, req, type: typeof type === 'string' ? type : '', call };
}

/** A response with a Secret gets a lease; its internal data never leaves the core. */
export function registerLease(core: VaultCore, req: LogicalRequest, response: LogicalResponse, token: TokenEntry | undefined): LogicalResponse {
  // Register: "cannot register a lease with an empty client token" (an internal error to the client).
  if (!token) throw errors.internal();
  const issuing: IssuingToken = {
    id: token.id,
    type: token.type === 'batch' ? 'batch' : 'service',
    parent: token.parent,
    expireMs: token.type === 'batch' ? (token.creation_time + token.ttl) * 1000 : undefined,
  };
  const { leaseId, ttl, warnings } = core.leases.registerSecret({ path: req.path, token: issuing, response, nowMs: req.now });
  const { secret, ...rest } = response;
  return {
    ...rest,
    leaseId,
    leaseDuration: ttl,
    renewable: secret!.renewable,
    warnings: warnings.length > 0 ? [...(response.warnings ?? []), ...warnings] : response.warnings,
  };
}
