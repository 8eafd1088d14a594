// sys/mounts: list, enable, read, disable (vault/logical_system.go handleMountTable, handleMount,
// handleReadMount, handleUnmount; vault/mount.go mount, mountInternal).
import { errorResponse } from '../errors.js';
import type { PathSpec } from '../../framework/path.js';
import { parseDurationSeconds } from '../../framework/duration.js';
import { toBool, toStringValue } from '../../framework/field-types.js';
import { routePath, type MountConfig, type MountEntry } from '../mounts.js';
import type { VaultCore } from '../vault-core.js';
import { mountInfo } from './mount-info.js';

/** Vault's sanitizePath: no leading slashes, one trailing slash. */
export function sanitizePath(path: string): string {
  let p = path;
  if (!p.endsWith('/')) p += '/';
  while (p.startsWith('/')) p = p.slice(1);
  return p;
}

const PROTECTED_MOUNTS = ['audit/', 'auth/', 'sys/', 'cubbyhole/', 'identity/'];
const LIST_CONFIG_KEYS = [
  'audit_non_hmac_request_keys',
  'audit_non_hmac_response_keys',
  'passthrough_request_headers',
  'allowed_response_headers',
  'allowed_managed_keys',
  'delegated_auth_accessors',
] as const;

/** Parses an enable request's `config` map the way handleMount/handleEnableAuth do. */
export function parseMountConfig(core: VaultCore, raw: Record<string, unknown> | null): MountConfig {
  const config: MountConfig = { default_lease_ttl: 0, max_lease_ttl: 0, force_no_cache: false };
  const map = raw ?? {};
  const ttl = (key: 'default_lease_ttl' | 'max_lease_ttl', label: string) => {
    const value = map[key];
    if (value === undefined || value === null || value === '' || value === 'system') return 0;
    const text = typeof value === 'string' ? value : String(value);
    try {
      return parseDurationSeconds(value);
    } catch (e) {
      throw errorResponse(`unable to parse ${label} TTL of ${text}: ${(e as Error).message}`);
    }
  };
  config.default_lease_ttl = ttl('default_lease_ttl', 'default');
  config.max_lease_ttl = ttl('max_lease_ttl', 'max');
  if (config.max_lease_ttl !== 0 && config.default_lease_ttl > config.max_lease_ttl) {
    throw errorResponse('given default lease TTL greater than given max lease TTL');
  }
  if (config.default_lease_ttl > core.maxLeaseTtl && config.max_lease_ttl === 0) {
    throw errorResponse(`given default lease TTL greater than system max lease TTL of ${core.maxLeaseTtl}`);
  }
  if (map.force_no_cache !== undefined) {
    try {
      config.force_no_cache = toBool(map.force_no_cache);
    } catch {
      throw errorResponse('unable to convert given mount config information');
    }
  }
  const visibility = map.listing_visibility;
  if (visibility !== undefined && visibility !== '') {
    if (visibility !== 'unauth' && visibility !== 'hidden') {
      throw errorResponse(`invalid listing_visibility ${toStringValue(visibility)}`);
    }
    config.listing_visibility = visibility;
  }
  for (const key of LIST_CONFIG_KEYS) {
    const value = map[key];
    if (value === undefined || value === null) continue;
    const list = (Array.isArray(value) ? value.map(String) : String(value).split(',')).map((s) => s.trim()).filter(Boolean);
    if (list.length > 0) (config as unknown as Record<string, unknown>)[key] = list;
  }
  return config;
}

/** Vault's conflict checks against both tables (mountInternal, router.MountConflict). */
export function checkMountConflict(core: VaultCore, table: 'mounts' | 'auth', path: string): void {
  for (const existing of core.mounts.list(table)) {
    if (existing.path.startsWith(path) || path.startsWith(existing.path)) {
      throw errorResponse(`path is already in use at ${existing.path}`);
    }
  }
  const fullPath = table === 'auth' ? `auth/${path}` : path;
  for (const existing of core.mounts.all()) {
    const other = routePath(existing);
    if (other.startsWith(fullPath) || fullPath.startsWith(other)) throw errorResponse(`existing mount at ${other}`);
  }
}

export function mountPaths(core: VaultCore): PathSpec[] {
  return [
    {
      pattern: 'mounts/?',
      operations: {
        read: () => {
          const data: Record<string, unknown> = {};
          for (const entry of core.mounts.list('mounts')) data[entry.path] = mountInfo(core, entry);
          return { data };
        },
      },
      help: { synopsis: 'List the currently mounted backends.' },
    },
    {
      pattern: 'mounts/(?<path>.+?)',
      fields: {
        path: { type: 'string' },
        type: { type: 'string' },
        description: { type: 'string' },
        config: { type: 'map' },
        options: { type: 'kvPairs' },
        local: { type: 'bool', default: false },
        seal_wrap: { type: 'bool', default: false },
        external_entropy_access: { type: 'bool', default: false },
        plugin_name: { type: 'string' },
        plugin_version: { type: 'string' },
      },
      operations: {
        read: (_req, d) => {
          const path = sanitizePath(d.get<string>('path'));
          const found = core.route(path);
          if (!found || found.entry.table !== 'mounts') throw errorResponse(`No secret engine mount at ${path}`);
          return { data: mountInfo(core, found.entry) };
        },
        update: (_req, d) => {
          enableMount(core, {
            path: sanitizePath(d.get<string>('path')),
            type: d.get<string>('type'),
            description: d.get<string>('description'),
            config: d.get<Record<string, unknown> | null>('config'),
            options: d.getOk<Record<string, string>>('options')[1] ? d.get<Record<string, string>>('options') : null,
            local: d.get<boolean>('local'),
            sealWrap: d.get<boolean>('seal_wrap'),
            externalEntropyAccess: d.get<boolean>('external_entropy_access'),
            pluginName: d.get<string>('plugin_name'),
            pluginVersion: d.get<string>('plugin_version'),
          });
          return undefined;
        },
        delete: (_req, d) => {
          disableMount(core, sanitizePath(d.get<string>('path')));
          return undefined;
        },
      },
      help: { synopsis: 'Mount a new backend at a new path.' },
    },
  ];
}

interface EnableRequest {
  path: string;
  type: string;
  description: string;
  config: Record<string, unknown> | null;
  options: Record<string, string> | null;
  local: boolean;
  sealWrap: boolean;
  externalEntropyAccess: boolean;
  pluginName: string;
  pluginVersion: string;
}

function enableMount(core: VaultCore, req: EnableRequest): void {
  const config = parseMountConfig(core, req.config);
  let type = req.type;
  let options = req.options;
  if (type === '') throw errorResponse('backend type must be specified as a string');
  if (type === 'plugin') {
    const name = typeof req.config?.plugin_name === 'string' && req.config.plugin_name ? req.config.plugin_name : req.pluginName;
    if (!name) throw errorResponse('plugin_name must be provided for plugin backend');
    type = name;
  }
  const plugin = core.catalog.get('secret', type);
  if (plugin?.alias) {
    type = plugin.alias.type;
    options = { ...(options ?? {}), ...plugin.alias.options };
  } else if (!plugin?.allowsVersionOption && options && options.version) {
    throw errorResponse(`secrets engine "${type}" does not allow setting a version`);
  }
  for (const p of PROTECTED_MOUNTS) if (req.path.startsWith(p)) throw errorResponse(`cannot mount "${req.path}"`);
  const target = core.catalog.get('secret', type);
  if (target?.singleton) throw errorResponse(`mount type of "${type}" is not mountable`);
  checkMountConflict(core, 'mounts', req.path);
  if (!target) throw errorResponse(`plugin not found in the catalog: ${type}`);
  const entry: MountEntry = core.newMountEntry({
    table: 'mounts',
    path: req.path,
    type,
    description: req.description,
    config,
    options,
    local: req.local,
    seal_wrap: req.sealWrap,
    external_entropy_access: req.externalEntropyAccess,
  });
  core.mounts.add(entry);
  core.refreshRoutes();
}

function disableMount(core: VaultCore, path: string): void {
  for (const p of PROTECTED_MOUNTS) if (path.startsWith(p)) throw errorResponse(`cannot unmount "${path}"`);
  const removed = core.mounts.remove('mounts', path);
  if (!removed) return;
  core.storage.deletePrefix(`logical/${removed.uuid}/`);
  core.refreshRoutes();
}
