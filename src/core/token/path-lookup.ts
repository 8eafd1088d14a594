// auth/token/lookup, lookup-self, lookup-accessor (vault/token_store.go handleLookup and
// handleUpdateLookupAccessor; the `id` echo is vault/request_handling.go handleCancelableRequest's).
import { codedError, errorResponse } from '../errors.js';
import type { LogicalResponse } from '../request.js';
import type { VaultCore } from '../vault-core.js';
import type { EngineRequest, PathSpec } from '../../framework/path.js';
import { lookupData } from './auth-info.js';
import { tokenMessages as m } from './messages.js';

/** handleLookup for `id` (the caller's own token when empty); `echo` replaces the `id` shown. */
function lookup(core: VaultCore, req: EngineRequest, id: string, echo?: string): LogicalResponse {
  const target = id === '' ? req.clientToken : id;
  if (target === '') throw errorResponse(m.missingTokenId);
  const entry = core.tokens.lookup(target, req.now, { tainted: true });
  if (!entry) throw errorResponse(m.badToken, 403);
  const data = lookupData(entry, core.tokens.leaseOf(entry), req.now);
  if (echo !== undefined) data.id = echo;
  return { data };
}

/** The token exactly as the client sent it in its header (Vault's InboundSSCToken). */
export function inboundToken(req: EngineRequest): string {
  return req.inboundToken ?? req.clientToken;
}

export function lookupPaths(core: VaultCore): PathSpec[] {
  const byParam = (req: EngineRequest, token: string) => lookup(core, req, token, token === '' ? undefined : token);
  const self = (req: EngineRequest) => lookup(core, req, req.clientToken, inboundToken(req));
  return [
    {
      pattern: 'lookup',
      fields: { token: { type: 'string', description: 'Token to lookup' } },
      operations: { read: (req, d) => byParam(req, d.get('token')), update: (req, d) => byParam(req, d.get('token')) },
      help: { synopsis: 'This endpoint will lookup a token and its properties.' },
    },
    {
      pattern: 'lookup-accessor',
      fields: { accessor: { type: 'string', description: 'Accessor of the token to look up (request body)' } },
      operations: {
        update: (req, d) => {
          const accessor = d.get<string>('accessor');
          if (accessor === '') throw codedError(400, m.missingAccessor);
          const id = core.tokens.tokenIdForAccessor(accessor, req.now);
          if (id === undefined) throw codedError(400, m.invalidAccessor);
          return lookup(core, req, id, '');
        },
      },
      help: { synopsis: 'This endpoint will lookup a token associated with the given accessor and its properties. Response will not contain the token ID.' },
    },
    {
      pattern: 'lookup-self',
      fields: { token: { type: 'string', description: 'Token to look up (unused, does not need to be set)' } },
      operations: { read: self, update: self },
      help: { synopsis: 'This endpoint will lookup a token and its properties.' },
    },
  ];
}
