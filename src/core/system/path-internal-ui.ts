// sys/internal/ui/mounts[/:path] (vault/logical_system.go pathInternalUIMountsRead,
// pathInternalUIMountRead). Both are unauthenticated paths that look the token up themselves:
// without one the listing shows only listing_visibility=unauth mounts, and the single-mount
// read (the `vault kv` preflight) refuses.
import type { PathSpec } from '../../framework/path.js';
import { errorResponse, errors } from '../errors.js';
import { routePath, type MountEntry } from '../mounts.js';
import { aclFor } from '../policy/authorize.js';
import type { TokenEntry } from '../token-store.js';
import type { VaultCore } from '../vault-core.js';
import { uiMessages as u } from './messages.js';
import { mountInfo } from './mount-info.js';
import { sanitizePath } from './path-mounts.js';

/** hasMountAccess: whether the token's ACL grants any capability on or below the mount path. */
function hasMountAccess(core: VaultCore, token: TokenEntry, mountPath: string): boolean {
  return aclFor(core.policies, token.policies).hasMountAccess(mountPath);
}

/** fetchACLTokenEntryAndEntity's verdicts: no token, or an unknown one, is denied. */
function tokenOf(core: VaultCore, clientToken: string, remoteAddress: string | undefined): TokenEntry {
  if (!clientToken) throw errors.missingToken();
  return core.authenticate(clientToken, core.clock.now(), remoteAddress);
}

export function internalUiPaths(core: VaultCore): PathSpec[] {
  return [
    {
      pattern: 'internal/ui/mounts',
      operations: {
        read: (req) => {
          const token = req.clientToken ? tokenOf(core, req.clientToken, req.remoteAddress) : undefined;
          const visible = (entry: MountEntry) =>
            entry.config.listing_visibility === 'unauth' || (!!token && hasMountAccess(core, token, routePath(entry)));
          const describe = (entry: MountEntry) =>
            token ? mountInfo(core, entry, false) : { type: entry.type, description: entry.description, options: entry.options };
          const secret: Record<string, unknown> = {};
          const auth: Record<string, unknown> = {};
          for (const entry of core.mounts.list('mounts')) if (visible(entry)) secret[entry.path] = describe(entry);
          for (const entry of core.mounts.list('auth')) if (visible(entry)) auth[entry.path] = describe(entry);
          return { data: { secret, auth } };
        },
      },
      help: {
        synopsis: 'Information about mounts returned according to their tuned visibility. Internal API; its location, inputs, and outputs may change.',
      },
    },
    {
      pattern: 'internal/ui/mounts/(?<path>.+)',
      fields: { path: { type: 'string', description: 'Path of a mount or of anything under it.' } },
      operations: {
        read: (req, d) => {
          const path = sanitizePath(d.get<string>('path'));
          const token = tokenOf(core, req.clientToken, req.remoteAddress);
          const denied = errorResponse(u.preflight(path), 403);
          // Unknown mounts answer like forbidden ones, so the endpoint cannot list what exists.
          const entry = core.mounts.matching(path);
          if (!entry || !hasMountAccess(core, token, routePath(entry))) throw denied;
          return { data: { ...mountInfo(core, entry, false), path: entry.path } };
        },
      },
      help: {
        synopsis: 'Information about mounts returned according to their tuned visibility. Internal API; its location, inputs, and outputs may change.',
      },
    },
  ];
}
