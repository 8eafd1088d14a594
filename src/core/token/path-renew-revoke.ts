// auth/token/renew*, revoke* (vault/token_store.go handleRenew, revokeCommon, handleRevokeOrphan,
// handleUpdate{Renew,Revoke}Accessor; vault/expiration.go RenewToken; the client_token echo is
// vault/request_handling.go's).
import { codedError, errorResponse } from '../errors.js';
import type { LogicalResponse } from '../request.js';
import type { VaultCore } from '../vault-core.js';
import type { FieldSchema } from '../../framework/field-types.js';
import type { EngineRequest, PathSpec } from '../../framework/path.js';
import { decodeSscToken } from './formats.js';
import { authInfo } from './auth-info.js';
import { tokenMessages as m } from './messages.js';
import { inboundToken } from './path-lookup.js';
import { readRole } from './roles.js';
import { leaseRenewError, type LeaseAuth } from './token-lease.js';
import { storagePrefix } from '../mounts.js';
import { StorageView } from '../storage.js';
import { calculateTtl } from './ttl.js';

const increment: FieldSchema = { type: 'durationSecond', default: 0, description: 'The desired increment in seconds to the token expiration' };

/** Whether `sent` is a client form of the stored id `id` (DecodeSSCToken(sent) == id). */
function sameToken(sent: string, id: string): boolean {
  return sent !== '' && (decodeSscToken(sent) ?? sent) === id;
}

/** handleRenew + RenewToken. `echo` lists the strings the client may have used, in Vault's order of preference. */
function renew(core: VaultCore, req: EngineRequest, id: string, inc: number, echo: string[]): LogicalResponse {
  if (id === '') throw errorResponse(m.missingTokenId);
  const entry = core.tokens.lookup(id, req.now);
  if (!entry) throw errorResponse(m.tokenNotFound);
  if (entry.type === 'batch') throw errorResponse(m.batchCannotBeRenewed);
  const lease = core.tokens.leaseOf(entry);
  if (!lease) throw errorResponse(m.invalidLeaseId);
  const notRenewable = leaseRenewError(lease, req.now);
  if (notRenewable) throw errorResponse(notRenewable);
  // authRenew: a role's current period and explicit max TTL apply; otherwise the token's own.
  let period = entry.period;
  let explicitMaxTtl = entry.explicit_max_ttl;
  let backendTtl = lease.auth.ttl;
  let backendMaxTtl = 0;
  let mountTtls = { defaultLeaseTtl: req.defaultLeaseTtl, maxLeaseTtl: req.maxLeaseTtl };
  const method = loginMethodRenewal(core, req, entry.path, lease.auth);
  if (method) {
    ({ period, backendTtl, backendMaxTtl, mountTtls } = method);
  } else if (entry.role) {
    const role = readRole(core.storage, entry.role);
    if (!role) throw codedError(500, m.roleGoneOnRenew(entry.role));
    period = role.token_period;
    explicitMaxTtl = role.token_explicit_max_ttl;
  }
  const { ttl, warnings } = calculateTtl({
    increment: inc,
    backendTtl,
    period,
    backendMaxTtl,
    explicitMaxTtl,
    startMs: lease.issue_time,
    nowMs: req.now,
    mountDefaultTtl: mountTtls.defaultLeaseTtl,
    mountMaxTtl: mountTtls.maxLeaseTtl,
  });
  lease.auth = { ...lease.auth, ttl, period, explicit_max_ttl: explicitMaxTtl };
  lease.expire_time = ttl > 0 ? req.now + ttl * 1000 : 0;
  lease.last_renewal_time = req.now;
  core.tokens.saveLease(lease);
  const clientToken = echo.find((s) => sameToken(s, entry.id)) ?? entry.id;
  return { auth: authInfo(lease.auth, clientToken, entry.type), warnings };
}

/**
 * RenewToken for a token an auth method issued (its path is not under auth/token/): the method's
 * renew handler (Backend.AuthRenew) decides the TTLs, capped by that mount's TTLs. Undefined for
 * token-store tokens.
 */
function loginMethodRenewal(core: VaultCore, req: EngineRequest, path: string, auth: LeaseAuth) {
  if (path.startsWith('auth/token/') || auth.internal === undefined) return undefined;
  const route = core.route(path);
  if (!route) throw codedError(500, m.tokenNotFound);
  const engine = core.engineFor(route.entry);
  if (!engine.renewAuth) return undefined;
  const mountTtls = core.effectiveTtls(route.entry);
  const methodReq: EngineRequest = { ...req, path, relPath: path.slice(route.prefix.length), mountPoint: route.prefix, mountType: route.entry.type, mountAccessor: route.entry.accessor, storage: new StorageView(core.storage, storagePrefix(route.entry)), ...mountTtls, options: route.entry.options };
  const granted = engine.renewAuth(methodReq, { ttl: auth.ttl, maxTtl: auth.max_ttl ?? 0, period: auth.period, internal: auth.internal });
  return { period: granted.period, backendTtl: granted.ttl, backendMaxTtl: granted.maxTtl, mountTtls };
}

/** revokeCommon: unknown tokens are a silent success; the whole tree goes. */
function revokeTree(core: VaultCore, req: EngineRequest, id: string): undefined {
  const entry = core.tokens.lookup(id, req.now);
  if (!entry) return undefined;
  if (entry.type === 'batch') throw errorResponse(m.batchCannotBeRevoked);
  core.tokens.revokeTree(entry.id);
  return undefined;
}

export function renewRevokePaths(core: VaultCore): PathSpec[] {
  const tokenField = (description: string): FieldSchema => ({ type: 'string', description });
  return [
    {
      pattern: 'revoke-accessor',
      fields: { accessor: { type: 'string', description: 'Accessor of the token (request body)' } },
      operations: {
        update: (req, d) => {
          const accessor = d.get<string>('accessor');
          if (accessor === '') throw codedError(400, m.missingAccessor);
          const id = core.tokens.tokenIdForAccessor(accessor, req.now);
          if (id === undefined) return { warnings: [m.noTokenForAccessor] };
          const entry = core.tokens.lookup(id, req.now);
          if (!entry) throw errorResponse(m.tokenNotFound);
          core.tokens.revokeTree(entry.id);
          return undefined;
        },
      },
      help: { synopsis: 'This endpoint will delete the token associated with the accessor and all of its child tokens.' },
    },
    {
      pattern: 'revoke-self',
      operations: { update: (req) => revokeTree(core, req, req.clientToken) },
      help: { synopsis: 'This endpoint will delete the token used to call it and all of its child tokens.' },
    },
    {
      pattern: 'revoke',
      fields: { token: tokenField('Token to revoke (request body)') },
      operations: {
        update: (req, d) => {
          const id = d.get<string>('token');
          if (id === '') throw errorResponse(m.missingTokenId);
          return revokeTree(core, req, id);
        },
      },
      help: { synopsis: 'This endpoint will delete the given token and all of its child tokens.' },
    },
    {
      pattern: 'revoke-orphan',
      fields: { token: tokenField('Token to revoke (request body)') },
      operations: {
        update: (req, d) => {
          const id = d.get<string>('token');
          if (id === '') throw errorResponse(m.missingTokenId);
          const entry = core.tokens.lookup(id, req.now);
          if (!entry) throw errorResponse(m.revokeOrphanNotFound);
          if (entry.type === 'batch') throw errorResponse(m.batchCannotBeRevoked);
          core.tokens.revokeOrphan(entry.id);
          return undefined;
        },
      },
      help: { synopsis: 'This endpoint will delete the token and orphan its child tokens.' },
    },
    {
      pattern: 'renew-accessor',
      fields: { accessor: { type: 'string', description: 'Accessor of the token to renew (request body)' }, increment },
      operations: {
        update: (req, d) => {
          const accessor = d.get<string>('accessor');
          if (accessor === '') throw codedError(400, m.missingAccessor);
          const id = core.tokens.tokenIdForAccessor(accessor, req.now);
          if (id === undefined) throw codedError(400, m.invalidAccessor);
          const out = renew(core, req, id, d.get('increment'), []);
          return { ...out, auth: out.auth ? { ...out.auth, client_token: '' } : out.auth };
        },
      },
      help: { synopsis: 'This endpoint will renew a token associated with the given accessor and its properties. Response will not contain the token ID.' },
    },
    {
      pattern: 'renew-self',
      fields: { token: tokenField('Token to renew (unused, does not need to be set)'), increment },
      operations: { update: (req, d) => renew(core, req, req.clientToken, d.get('increment'), [inboundToken(req)]) },
      help: { synopsis: 'This endpoint will renew the token used to call it and prevent expiration.' },
    },
    {
      pattern: 'renew',
      fields: { token: tokenField('Token to renew (request body)'), increment },
      operations: {
        update: (req, d) => {
          const sent = d.get<string>('token');
          return renew(core, req, sent, d.get('increment'), [inboundToken(req), sent]);
        },
      },
      help: { synopsis: 'This endpoint will renew the given token and prevent expiration.' },
    },
  ];
}
