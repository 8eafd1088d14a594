// The database secrets engine (builtin/logical/database/backend.go): connections, dynamic roles,
// credentials with leases. Plugins come from the catalog the composition root hands in.
import type { DatabasePluginCatalog } from '../../backends/database/database-backend.js';
import type { EngineContext } from '../../core/plugins.js';
import { defineEngine, type Engine } from '../../framework/engine.js';
import { Connections } from './connections.js';
import { configConnectionPaths } from './path-config-connection.js';
import { credsPaths } from './path-creds-create.js';
import { rolePaths } from './path-roles.js';
import { rotateRootPaths } from './path-rotate-credentials.js';
import { staticRolePaths } from './path-static-roles.js';
import { credsSecretType } from './secret-creds.js';
import { StaticRotations } from './static-rotation.js';

export function databaseEngine(ctx: EngineContext, plugins: DatabasePluginCatalog): Engine {
  const connections = new Connections(plugins, ctx.random, ctx.mount.path);
  const creds = credsSecretType(connections);
  // Passwords: the default generator, or a sys/policies/password policy named by the role or connection.
  const passwords = { random: ctx.random, fromPolicy: ctx.passwordFromPolicy };
  // Static roles rotate on the emulator's clock from the moment the engine starts (populateQueue).
  const rotations = new StaticRotations(ctx.storage, ctx.clock, passwords, connections);
  rotations.populate();
  return defineEngine({
    secretTypes: [creds],
    paths: [
      ...configConnectionPaths(connections),
      ...rolePaths(),
      ...staticRolePaths(rotations),
      ...credsPaths(connections, passwords, creds),
      ...rotateRootPaths(connections, passwords),
    ],
    cleanup: () => rotations.stop(),
  });
}
