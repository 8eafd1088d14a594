// Plugin type → engine. The composition root hands this catalog to the core.
import type { PluginDefinition } from '../core/plugins.js';
import { defineEngine } from '../framework/engine.js';
import type { DatabasePluginCatalog } from '../backends/database/database-backend.js';
import { databaseEngine } from './database/index.js';
import { approleEngine } from './approle/index.js';
import { cubbyholeEngine, destroyCubbyhole } from './cubbyhole/index.js';
import { kvEngine, KV_PLUGIN_VERSION } from './kv/index.js';

/** Outside resources engines reach through interfaces; the composition root picks implementations. */
export interface EngineDependencies {
  databasePlugins: DatabasePluginCatalog;
}

export function builtinPlugins(vaultVersion: string, deps: EngineDependencies): PluginDefinition[] {
  const core = `v${vaultVersion}+builtin.vault`;
  // Vault mounts identity/ on every server; its paths arrive with a later issue, so until then every
  // path under it answers as an unknown path does. The core builds sys/ and auth/token/ itself.
  const pathless = () => defineEngine({ paths: [] });
  return [
    { type: 'kv', kind: 'secret', create: (ctx) => kvEngine(ctx), runningVersion: `${KV_PLUGIN_VERSION}+builtin`, deprecationStatus: 'supported', allowsVersionOption: true },
    { type: 'kv-v1', kind: 'secret', create: (ctx) => kvEngine(ctx), runningVersion: `${KV_PLUGIN_VERSION}+builtin`, alias: { type: 'kv', options: { version: '1' } } },
    { type: 'kv-v2', kind: 'secret', create: (ctx) => kvEngine(ctx), runningVersion: `${KV_PLUGIN_VERSION}+builtin`, alias: { type: 'kv', options: { version: '2' } } },
    { type: 'database', kind: 'secret', create: (ctx) => databaseEngine(ctx, deps.databasePlugins), runningVersion: core, deprecationStatus: 'supported' },
    { type: 'cubbyhole', kind: 'secret', create: () => cubbyholeEngine(), runningVersion: core, singleton: true, onTokenRevoked: destroyCubbyhole },
    { type: 'identity', kind: 'secret', create: pathless, runningVersion: core, singleton: true },
    { type: 'system', kind: 'secret', create: pathless, runningVersion: core, singleton: true },
    { type: 'token', kind: 'auth', create: pathless, runningVersion: core, singleton: true },
    { type: 'approle', kind: 'auth', create: (ctx) => approleEngine(ctx), runningVersion: core, deprecationStatus: 'supported' },
  ];
}
