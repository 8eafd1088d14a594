// The AppRole auth method (builtin/credential/approle/backend.go): roles, secret ids and login.
import type { EngineContext } from '../../core/plugins.js';
import type { Storage } from '../../core/storage.js';
import { defineEngine, type Engine } from '../../framework/engine.js';
import { loginAlias, loginPaths, renewLogin } from './path-login.js';
import { rolePaths } from './path-role.js';
import { roleFieldPaths } from './path-role-fields.js';
import { secretIdPaths } from './path-secret-id.js';
import { tidyPaths } from './path-tidy.js';
import { AppRoleStore, HmacMemo, type StoreOf } from './records.js';

export function approleEngine(ctx: EngineContext): Engine {
  // The records live in the mount's storage view, which each request carries.
  const hmacs = new HmacMemo();
  const storeOf: StoreOf = (req: { storage: Storage }) => new AppRoleStore(req.storage, ctx.random, hmacs);
  return defineEngine({
    paths: [...loginPaths(storeOf), ...rolePaths(storeOf), ...roleFieldPaths(storeOf), ...secretIdPaths(storeOf), ...tidyPaths(storeOf)],
    unauthenticatedPaths: ['login'],
    aliasLookahead: loginAlias,
    renewAuth: (req, auth) => renewLogin(storeOf(req), auth),
  });
}
