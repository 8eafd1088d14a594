// The kv plugin: version 1 or 2 by the mount's options.version.
import type { EngineContext } from '../../core/plugins.js';
import type { Engine } from '../../framework/engine.js';
import { kvV1Engine } from './v1.js';

/** The vault-plugin-secrets-kv release bundled with Vault 1.17 (CHANGELOG 1.17.0: GH-27159). */
export const KV_PLUGIN_VERSION = 'v0.19.0';

export function kvEngine(ctx: EngineContext): Engine {
  const version = ctx.mount.options?.version ?? '1';
  if (version === '2') return kvV1Engine(); // replaced by the v2 engine
  return kvV1Engine();
}
