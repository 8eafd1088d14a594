// The kv plugin: version 1 or 2 by the mount's options.version (vault-plugin-secrets-kv backend.go Factory).
import type { EngineContext } from '../../core/plugins.js';
import type { Engine } from '../../framework/engine.js';
import { kvV1Engine } from './v1.js';
import { kvV2Engine } from './v2.js';

/** The vault-plugin-secrets-kv release bundled with Vault 1.17 (CHANGELOG 1.17.0: GH-27159). */
export const KV_PLUGIN_VERSION = 'v0.19.0';

export function kvEngine(ctx: EngineContext): Engine {
  return ctx.mount.options?.version === '2' ? kvV2Engine() : kvV1Engine();
}
