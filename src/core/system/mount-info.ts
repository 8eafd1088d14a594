// The mount info object shared by sys/mounts, sys/auth and sys/internal/ui/mounts
// (vault/logical_system.go mountInfo).
import type { MountEntry } from '../mounts.js';
import type { VaultCore } from '../vault-core.js';

/** Config lists shown only when non-empty (MountEntry.SyncCache / synthesizedConfigCache). */
const SYNTHESIZED_LISTS = [
  'audit_non_hmac_request_keys',
  'audit_non_hmac_response_keys',
  'passthrough_request_headers',
  'allowed_response_headers',
  'allowed_managed_keys',
  'delegated_auth_accessors',
] as const;

/** The catalog entry a mount runs (auth mounts from the auth kind). */
export function pluginOf(core: VaultCore, entry: MountEntry) {
  return core.catalog.get(entry.table === 'auth' ? 'auth' : 'secret', entry.type);
}

/**
 * `legacyTtlFormat` (sys/mounts, sys/auth) keeps 0 for "system default"; the UI listing shows
 * the system values instead.
 */
export function mountInfo(core: VaultCore, entry: MountEntry, legacyTtlFormat = true): Record<string, unknown> {
  const plugin = pluginOf(core, entry);
  const c = entry.config;
  const config: Record<string, unknown> = {
    default_lease_ttl: c.default_lease_ttl === 0 && !legacyTtlFormat ? core.defaultLeaseTtl : c.default_lease_ttl,
    max_lease_ttl: c.max_lease_ttl === 0 && !legacyTtlFormat ? core.maxLeaseTtl : c.max_lease_ttl,
    force_no_cache: c.force_no_cache,
  };
  for (const key of SYNTHESIZED_LISTS) {
    const value = c[key];
    if (value && value.length > 0) config[key] = value;
  }
  if (c.listing_visibility) config.listing_visibility = c.listing_visibility;
  if (c.identity_token_key) config.identity_token_key = c.identity_token_key;
  if (entry.table === 'auth') config.token_type = c.token_type ?? 'default-service';
  if (c.user_lockout_config) {
    config.user_lockout_config = {
      user_lockout_counter_reset_duration: c.user_lockout_config.lockout_counter_reset,
      user_lockout_threshold: c.user_lockout_config.lockout_threshold,
      user_lockout_duration: c.user_lockout_config.lockout_duration,
      user_lockout_disable: c.user_lockout_config.disable_lockout,
    };
  }
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
