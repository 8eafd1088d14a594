// sys/mounts: list, enable, read, disable (vault/logical_system.go handleMountTable, handleMount,
// handleReadMount, handleUnmount; vault/mount.go mount, mountInternal, unmount, newLogicalBackend).
import type { FieldData } from '../../framework/field-data.js';
import type { PathSpec } from '../../framework/path.js';
import { errorResponse } from '../errors.js';
import { routePath, storagePrefix, type MountEntry } from '../mounts.js';
import { LeaseError } from '../lease/messages.js';
import type { VaultCore } from '../vault-core.js';
import { mountMessages as m } from './messages.js';
import { parseEnableConfig, validatePluginVersion, validListingVisibility } from './mount-config.js';
import { mountInfo } from './mount-info.js';

/** Vault's sanitizePath: one trailing slash, no leading slashes. */
export function sanitizePath(path: string): string {
  let p = path;
  if (!p.endsWith('/')) p += '/';
  while (p.startsWith('/')) p = p.slice(1);
  return p;
}

/** Paths that can be neither mounted, unmounted nor remounted (vault/mount.go protectedMounts). */
export const PROTECTED_MOUNTS = ['audit/', 'auth/', 'sys/', 'cubbyhole/', 'identity/'] as const;

/** The fields of an enable request, shared by sys/mounts/:path and sys/auth/:path. */
export const enableFields: NonNullable<PathSpec['fields']> = {
  path: { type: 'string', description: 'Where the mount is reached.' },
  type: { type: 'string', description: 'Plugin type to mount.' },
  description: { type: 'string', description: 'Free text shown in listings.' },
  config: { type: 'map', description: 'TTLs, listing visibility, header and audit settings.' },
  local: { type: 'bool', default: false, description: 'Exclude the mount from replication.' },
  seal_wrap: { type: 'bool', default: false, description: 'Seal-wrap the mount storage.' },
  external_entropy_access: { type: 'bool', default: false, description: 'Give the mount external entropy.' },
  plugin_name: { type: 'string', description: 'Catalog name when type is "plugin".' },
  options: { type: 'kvPairs', description: 'Plugin options, e.g. the kv version.' },
  plugin_version: { type: 'string', description: 'Plugin semantic version.' },
};

/** Whether a type is one of Vault's singletons (vault/mount.go singletonMounts: cubbyhole, system, token, identity). */
export function isSingleton(core: VaultCore, type: string): boolean {
  return !!(core.catalog.get('secret', type)?.singleton || core.catalog.get('auth', type)?.singleton);
}

export function mountPaths(core: VaultCore): PathSpec[] {
  return [
    {
      pattern: 'mounts/(?<path>.+?)',
      fields: enableFields,
      operations: {
        read: (_req, d) => {
          const path = sanitizePath(d.get<string>('path'));
          const entry = core.mounts.matching(path);
          if (!entry) throw errorResponse(m.noSecretMount(path));
          return { data: mountInfo(core, entry) };
        },
        update: (_req, d) => {
          enableSecretsEngine(core, d);
          return undefined;
        },
        delete: async (req, d) => {
          await disableSecretsEngine(core, req.now, sanitizePath(d.get<string>('path')));
          return undefined;
        },
      },
      help: { synopsis: 'Mount a new backend at a new path.' },
    },
    {
      pattern: 'mounts',
      operations: {
        read: () => {
          const data: Record<string, unknown> = {};
          for (const entry of core.mounts.list('mounts')) data[entry.path] = mountInfo(core, entry);
          return { data };
        },
      },
      help: { synopsis: 'List the currently mounted backends.' },
    },
  ];
}

function enableSecretsEngine(core: VaultCore, d: FieldData): void {
  const path = sanitizePath(d.get<string>('path'));
  let type = d.get<string>('type');
  let options = d.get<Record<string, string>>('options');
  const { config, pluginName, pluginVersion } = parseEnableConfig(core, 'mounts', d.get<Record<string, unknown> | null>('config'));

  if (type === '') throw errorResponse(m.missingType);
  if (type === 'plugin') {
    type = pluginName || d.get<string>('plugin_name');
    if (!type) throw errorResponse(m.missingPluginName);
  }
  const requested = core.catalog.get('secret', type);
  if (requested?.alias) {
    type = requested.alias.type;
    options = { ...options, ...requested.alias.options };
  } else if (!requested?.allowsVersionOption && options.version) {
    throw errorResponse(m.secretVersionNotAllowed(type));
  }
  const version = validatePluginVersion(core, 'mounts', type, pluginVersion);
  if (!validListingVisibility(config.listing_visibility ?? '')) throw errorResponse(m.invalidListingVisibility(config.listing_visibility!));
  if (config.identity_token_key && config.identity_token_key !== 'default') throw errorResponse(m.identityKeyMissing(config.identity_token_key));
  delete config.token_type;

  // Core.mount: protected paths, then singletons (coded 403s, flattened to 400 by handleError).
  for (const p of PROTECTED_MOUNTS) if (path.startsWith(p)) throw errorResponse(m.cannotMount(path));
  if (isSingleton(core, type)) throw errorResponse(m.notMountable(type));
  checkTableConflict(core.mounts.list('mounts'), path);
  const conflict = core.mounts.conflict(path);
  if (conflict) throw errorResponse(m.existingMount(conflict));

  const plugin = core.catalog.get('secret', type);
  if (!plugin || plugin.alias) throw errorResponse(m.pluginNotFound(type, version));
  // The kv factory returns no backend for a version it does not know.
  if (plugin.allowsVersionOption && !['', '1', '2'].includes(options.version ?? '')) throw errorResponse(m.nilBackend(type));

  core.mounts.add(
    core.newMountEntry({
      table: 'mounts',
      path,
      type,
      description: d.get<string>('description'),
      config,
      options,
      local: d.get<boolean>('local'),
      seal_wrap: d.get<boolean>('seal_wrap'),
      external_entropy_access: d.get<boolean>('external_entropy_access'),
      plugin_version: version,
    }),
  );
  core.refreshRoutes();
}

/** mountInternal / enableCredentialInternal: a mount may not contain, or sit inside, another of its table. */
export function checkTableConflict(entries: MountEntry[], path: string): void {
  for (const existing of entries) {
    if (existing.path.startsWith(path) || path.startsWith(existing.path)) throw errorResponse(m.pathInUse(existing.path));
  }
}

/** Succeeds silently unless `path` is exactly a mount, so the endpoint does not reveal what exists. */
async function disableSecretsEngine(core: VaultCore, now: number, path: string): Promise<void> {
  const entry = core.mounts.matching(path);
  if (!entry || routePath(entry) !== path) return;
  for (const p of PROTECTED_MOUNTS) if (path.startsWith(p)) throw errorResponse(m.cannotUnmount(path));
  await revokeMountLeases(core, routePath(entry), now);
  removeMount(core, entry);
}

/** vault/mount.go unmountInternal: every lease issued under the mount is revoked first (synchronously);
 *  a revocation that fails makes the unmount fail, with the mount left in place. */
export async function revokeMountLeases(core: VaultCore, mountPath: string, now: number): Promise<void> {
  try {
    await core.leases.revokePrefix(mountPath, { force: false, sync: true }, now);
  } catch (err) {
    if (err instanceof LeaseError) throw errorResponse(err.message);
    throw err;
  }
}

/** Drops a mount and everything it stored, so a mount re-enabled at the same path starts empty. */
export function removeMount(core: VaultCore, entry: MountEntry): void {
  core.mounts.remove(entry.table, entry.path);
  core.storage.deletePrefix(storagePrefix(entry));
  core.refreshRoutes();
}
