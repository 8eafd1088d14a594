// The sys/ backend, declared with the framework like any engine.
import { defineEngine, type Engine } from '../../framework/engine.js';
import type { VaultCore } from '../vault-core.js';
import { authPaths } from './path-auth.js';
import { internalUiPaths } from './path-internal-ui.js';
import { keyPaths } from './path-keys.js';
import { mountPaths } from './path-mounts.js';
import { remountPaths, type MigrationTracker } from './path-remount.js';
import { toolsPaths } from './path-tools.js';
import { tunePaths } from './path-tune.js';

export function systemBackend(core: VaultCore): Engine {
  const migrations: MigrationTracker = new Map();
  return defineEngine({
    // Tune paths come first: the enable/read patterns would also match `<path>/tune`.
    paths: [
      ...tunePaths(core),
      ...mountPaths(core),
      ...authPaths(core),
      ...remountPaths(core, migrations),
      ...toolsPaths(core),
      ...internalUiPaths(core),
      ...keyPaths(core),
    ],
    // vault/logical_system.go PathsSpecial.
    unauthenticatedPaths: ['internal/ui/mounts', 'internal/ui/mounts/*'],
    rootPaths: ['rotate', 'auth/*', 'remount'],
  });
}
