// The token store's endpoints under auth/token/, declared with the framework like any engine
// (vault/token_store.go paths() and PathsSpecial). The core builds it once, as it does sys/.
import { defineEngine, type Engine } from '../../framework/engine.js';
import type { VaultCore } from '../vault-core.js';
import { tokenMessages } from './messages.js';
import { createPaths } from './path-create.js';
import { lookupPaths } from './path-lookup.js';
import { renewRevokePaths } from './path-renew-revoke.js';
import { rolePaths } from './path-roles.js';

export function tokenBackend(core: VaultCore): Engine {
  return defineEngine({
    paths: [
      ...rolePaths(core),
      {
        pattern: 'accessors/?',
        operations: { list: (req) => ({ data: { keys: core.tokens.accessors(req.now) } }) },
        help: { synopsis: 'List token accessors, which can then be be used to iterate and discover their properties or revoke them. Because this can be used to cause a denial of service, this endpoint requires \'sudo\' capability in addition to \'list\'.' },
      },
      ...createPaths(core),
      ...lookupPaths(core),
      ...renewRevokePaths(core),
      {
        pattern: 'tidy',
        operations: {
          update: (req) => {
            core.tokens.tidy(req.now);
            // logical.RespondWithStatusCode: the envelope is built inside the backend, before the mount type is known.
            return { data: null, warnings: [tokenMessages.tidyStarted], statusCode: 202, mountType: '' };
          },
        },
        help: { synopsis: 'This endpoint performs cleanup tasks that can be run if certain error conditions have occurred.' },
      },
    ],
    // vault/token_store.go NewTokenStore PathsSpecial.Root.
    rootPaths: ['revoke-orphan', 'accessors/'],
  });
}

/** Paths whose `token` parameter the core inspects before anything else (handleCancelableRequest). */
const TOKEN_PARAM_PATHS = new Set(['auth/token/lookup', 'auth/token/renew', 'auth/token/revoke', 'auth/token/revoke-orphan']);

/** A JSON null `token` on those paths is refused before the ACL runs: 403 `invalid token`. */
export function nullTokenParameter(path: string, data: Record<string, unknown>): string | undefined {
  if (TOKEN_PARAM_PATHS.has(path) && Object.prototype.hasOwnProperty.call(data, 'token') && data.token === null) return tokenMessages.nullToken;
  return undefined;
}
