// The mount info object shared by sys/mounts, sys/auth and sys/internal/ui/mounts (vault/logical_system.go mountInfo).
import type { MountEntry } from '../mounts.js';
import type { VaultCore } from '../vault-core.js';

export function mountInfo(core: VaultCore, entry: MountEntry): Record<string, unknown> {
  const plugin = core.catalog.get(entry.table === 'auth' ? 'auth' : 'secret', entry.type);
  const config: Record<string, unknown> = {
    default_lease_ttl: entry.config.default_lease_ttl,
    force_no_cache: entry.config.force_no_cache,
    max_lease_ttl: entry.config.max_lease_ttl,
  };
  for (const key of [
    'audit_non_hmac_request_keys',
    'audit_non_hmac_response_keys',
    'passthrough_request_headers',
    'allowed_response_headers',
    'allowed_managed_keys',
  ] as const) {
    const value = entry.config[key];
    if (value && value.length > 0) config[key] = value;
  }
  if (entry.config.listing_visibility) config.listing_visibility = entry.config.listing_visibility;
  if (entry.table === 'auth') config.token_type = entry.config.token_type ?? 'default-service';
  const info: Record<string, unknown> = {
    accessor: entry.accessor,
    config,
    description: entry.description,
    external_entropy_access: entry.external_entropy_access,
    local: entry.local,
    options: entry.options,
    plugin_version: entry.plugin_version,
    running_plugin_version: plugin?.runningVersion ?? `v${core.version}+builtin.vault`,
    running_sha256: '',
    seal_wrap: entry.seal_wrap,
    type: entry.type,
    uuid: entry.uuid,
  };
  if (plugin?.deprecationStatus) info.deprecation_status = plugin.deprecationStatus;
  return info;
}
