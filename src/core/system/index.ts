// The sys/ backend, declared with the framework like any engine.
import { defineEngine, type Engine } from '../../framework/engine.js';
import type { VaultCore } from '../vault-core.js';
import { auditPaths } from './path-audit.js';
import { authPaths } from './path-auth.js';
import { capabilitiesPaths } from './path-capabilities.js';
import { internalUiPaths } from './path-internal-ui.js';
import { keyPaths } from './path-keys.js';
import { leasePaths } from './path-leases.js';
import { lockedUsersPaths } from './path-locked-users.js';
import { metricsPaths } from './path-metrics.js';
import { mountPaths } from './path-mounts.js';
import { passwordPolicyPaths } from './path-password-policies.js';
import { policyPaths } from './path-policies.js';
import { remountPaths, type MigrationTracker } from './path-remount.js';
import { toolsPaths } from './path-tools.js';
import { tunePaths } from './path-tune.js';

/** Sudo-protected sys paths (vault/logical_system.go PathsSpecial.Root); `seal` and `step-down` are
 *  checked by their raw handlers. Listed whether or not the endpoint exists yet, as the ACL needs them. */
const SUDO_PATHS = [
  'auth/*',
  'remount',
  'audit',
  'audit/*',
  'raw',
  'raw/*',
  'replication/primary/secondary-token',
  'replication/performance/primary/secondary-token',
  'replication/dr/primary/secondary-token',
  'replication/reindex',
  'replication/dr/reindex',
  'replication/performance/reindex',
  'rotate',
  'config/cors',
  'config/auditing/*',
  'config/ui/headers/*',
  'plugins/catalog/*',
  'plugins/runtimes/catalog/*',
  'revoke-prefix/*',
  'revoke-force/*',
  'leases/revoke-prefix/*',
  'leases/revoke-force/*',
  'leases/lookup/*',
  'storage/raft/snapshot-auto/config/*',
  'leases',
  'internal/inspect/*',
  'internal/counters/activity/export',
  'seal',
  'step-down',
];

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
      ...passwordPolicyPaths(core),
      ...policyPaths(core),
      ...capabilitiesPaths(core),
      ...leasePaths(core),
      ...auditPaths(core),
      ...metricsPaths(core),
      ...lockedUsersPaths(core),
    ],
    // vault/logical_system.go PathsSpecial.
    unauthenticatedPaths: ['internal/ui/mounts', 'internal/ui/mounts/*'],
    rootPaths: SUDO_PATHS,
  });
}
