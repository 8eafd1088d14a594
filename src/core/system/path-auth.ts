// sys/auth: list, enable, read, disable auth methods (vault/logical_system.go handleAuthTable,
// handleEnableAuth, handleReadAuth, handleDisableAuth; vault/auth.go enableCredentialInternal,
// disableCredential, newCredentialBackend). Generic over the plugin catalog's auth kind.
import type { FieldData } from '../../framework/field-data.js';
import type { PathSpec } from '../../framework/path.js';
import { errorResponse } from '../errors.js';
import { routePath } from '../mounts.js';
import type { VaultCore } from '../vault-core.js';
import { mountMessages as m } from './messages.js';
import { normalizeTokenType, parseEnableConfig, validatePluginVersion, validListingVisibility } from './mount-config.js';
import { mountInfo } from './mount-info.js';
import { checkTableConflict, enableFields, removeMount, revokeMountLeases, sanitizePath } from './path-mounts.js';

export function authPaths(core: VaultCore): PathSpec[] {
  return [
    {
      pattern: 'auth',
      operations: {
        read: () => {
          const data: Record<string, unknown> = {};
          for (const entry of core.mounts.list('auth')) data[entry.path] = mountInfo(core, entry);
          return { data };
        },
      },
      help: { synopsis: 'List the currently enabled credential backends.' },
    },
    {
      pattern: 'auth/(?<path>.+)',
      fields: enableFields,
      operations: {
        read: (_req, d) => {
          const path = sanitizePath(d.get<string>('path'));
          const entry = core.mounts.find('auth', path);
          if (!entry) throw errorResponse(m.noAuthMount(path));
          return { data: mountInfo(core, entry) };
        },
        update: (_req, d) => {
          enableAuthMethod(core, d);
          return undefined;
        },
        delete: async (req, d) => {
          await disableAuthMethod(core, req.now, sanitizePath(d.get<string>('path')));
          return undefined;
        },
      },
      help: { synopsis: 'Enable a new credential backend with a name.' },
    },
  ];
}

function enableAuthMethod(core: VaultCore, d: FieldData): void {
  const path = sanitizePath(d.get<string>('path'));
  let type = d.get<string>('type');
  const options = d.get<Record<string, string>>('options');
  const { config, pluginName, pluginVersion } = parseEnableConfig(core, 'auth', d.get<Record<string, unknown> | null>('config'));

  const tokenType = normalizeTokenType(config.token_type ?? '');
  if (!tokenType) throw errorResponse(m.invalidTokenType);
  config.token_type = tokenType;
  if (type === '') throw errorResponse(m.missingType);
  if (type === 'plugin') {
    type = pluginName || d.get<string>('plugin_name');
    if (!type) throw errorResponse(m.missingPluginName);
  }
  const version = validatePluginVersion(core, 'auth', type, pluginVersion);
  if (options.version) throw errorResponse(m.authVersionNotAllowed(type));
  if (!validListingVisibility(config.listing_visibility ?? '')) throw errorResponse(m.invalidListingVisibility(config.listing_visibility!));
  if (config.identity_token_key && config.identity_token_key !== 'default') throw errorResponse(m.identityKeyMissing(config.identity_token_key));

  // enableCredentialInternal's checks, in order (its coded 409s are flattened to 400 by handleError).
  if (path === '') throw errorResponse(m.authPathMissing);
  checkTableConflict(core.mounts.list('auth'), path);
  const plugin = core.catalog.get('auth', type);
  // The token store is the one auth singleton.
  if (plugin?.singleton) throw errorResponse(m.tokenNotInstantiable);
  const conflict = core.mounts.conflict(`auth/${path}`);
  if (conflict) throw errorResponse(m.existingMount(conflict));
  if (!plugin) throw errorResponse(m.pluginNotFound(type, version));

  core.mounts.add(
    core.newMountEntry({
      table: 'auth',
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

/** Succeeds silently unless `path` is exactly an auth mount; `token/` always stays. */
async function disableAuthMethod(core: VaultCore, now: number, path: string): Promise<void> {
  const fullPath = `auth/${path}`;
  const entry = core.mounts.matching(fullPath);
  if (!entry || routePath(entry) !== fullPath) return;
  if (path === 'token/') throw errorResponse(m.tokenNotDisablable);
  await revokeMountLeases(core, routePath(entry), now);
  removeMount(core, entry);
}
