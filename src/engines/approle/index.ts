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

/** vault/rollback.go rollbackPeriod: how often a mount's periodic function runs. */
const PERIODIC_MS = 60_000;

export function approleEngine(ctx: EngineContext): Engine {
  // The records live in the mount's storage view, which each request carries.
  const hmacs = new HmacMemo();
  // Vault's rollback manager calls the mount's periodic function once a minute, and it tidies expired
  // secret ids (periodicFunc → tidySecretID): until then an expired secret id still logs in. Here the
  // first request after a minute boundary runs the tidy that boundary would have run (minutes counted
  // on the emulator's clock; no request can tell the two apart).
  let tidiedAtMinute: number | undefined;
  const storeOf: StoreOf = (req: { storage: Storage; now: number }) => {
    const store = new AppRoleStore(req.storage, ctx.random, hmacs);
    const minute = Math.floor(req.now / PERIODIC_MS);
    if (tidiedAtMinute === undefined) tidiedAtMinute = minute;
    else if (minute > tidiedAtMinute) {
      tidiedAtMinute = minute;
      store.tidy(minute * PERIODIC_MS);
    }
    return store;
  };
  return defineEngine({
    paths: [...loginPaths(storeOf), ...rolePaths(storeOf), ...roleFieldPaths(storeOf), ...secretIdPaths(storeOf), ...tidyPaths(storeOf)],
    unauthenticatedPaths: ['login'],
    aliasLookahead: loginAlias,
    renewAuth: (req, auth) => renewLogin(storeOf(req), auth),
  });
}
