// The sys/ backend, declared with the framework like any engine.
import { defineEngine, type Engine } from '../../framework/engine.js';
import type { VaultCore } from '../vault-core.js';
import { mountPaths } from './path-mounts.js';

export function systemBackend(core: VaultCore): Engine {
  return defineEngine({
    paths: [...mountPaths(core)],
    unauthenticatedPaths: [],
    rootPaths: [],
  });
}
