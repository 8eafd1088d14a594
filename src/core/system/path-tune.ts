// sys/mounts/:path/tune and sys/auth/:path/tune (vault/logical_system.go handleTuneReadCommon,
// handleTuneWriteCommon; vault/logical_system_helpers.go tuneMountTTLs).
import type { FieldData } from '../../framework/field-data.js';
import type { PathSpec } from '../../framework/path.js';
import { codedError, errorResponse } from '../errors.js';
import type { MountEntry, UserLockoutConfig } from '../mounts.js';
import type { LogicalResponse } from '../request.js';
import type { VaultCore } from '../vault-core.js';
import { tuneMessages as t, mountMessages as m } from './messages.js';
import { canonicalVersion, normalizeTokenType, parseDurationSecondText, pluginNotFoundUnlessBuiltin, Unconvertible, validListingVisibility } from './mount-config.js';
import { sanitizePath } from './path-mounts.js';

/** Mounts whose settings cannot be tuned (vault/mount.go untunableMounts). */
const UNTUNABLE = ['cubbyhole/', 'sys/', 'audit/'] as const;
/** Auth types that take user_lockout_config. */
const LOCKOUT_TYPES = ['ldap', 'approle', 'userpass'];
const LIST_SETTINGS = ['audit_non_hmac_request_keys', 'audit_non_hmac_response_keys', 'passthrough_request_headers', 'allowed_response_headers', 'allowed_managed_keys', 'delegated_auth_accessors'] as const;

function tuneFields(auth: boolean): NonNullable<PathSpec['fields']> {
  const fields: NonNullable<PathSpec['fields']> = {
    path: { type: 'string', description: 'The mount to tune.' },
    default_lease_ttl: { type: 'string', description: 'Default lease TTL, or "system".' },
    max_lease_ttl: { type: 'string', description: 'Maximum lease TTL, or "system".' },
    description: { type: 'string', description: 'Free text shown in listings.' },
    audit_non_hmac_request_keys: { type: 'commaStringSlice', description: 'Request keys the audit devices do not hash.' },
    audit_non_hmac_response_keys: { type: 'commaStringSlice', description: 'Response keys the audit devices do not hash.' },
    options: { type: 'kvPairs', description: 'Plugin options, e.g. the kv version.' },
    listing_visibility: { type: 'string', description: '"unauth" lists the mount in the unauthenticated UI listing.' },
    passthrough_request_headers: { type: 'commaStringSlice', description: 'Request headers passed to the plugin.' },
    allowed_response_headers: { type: 'commaStringSlice', description: 'Response headers the plugin may set.' },
    token_type: { type: 'string', description: 'Token type issued by an auth mount.' },
    user_lockout_config: { type: 'map', description: 'User lockout settings.' },
    plugin_version: { type: 'string', description: 'Plugin semantic version.' },
    identity_token_key: { type: 'string', description: 'Key that signs plugin identity tokens.' },
  };
  if (!auth) {
    // The auth tune path does not declare these two (vault/logical_system_paths.go).
    fields.allowed_managed_keys = { type: 'commaStringSlice', description: 'Managed keys the mount may use.' };
    fields.delegated_auth_accessors = { type: 'commaStringSlice', description: 'Auth accessors allowed to delegate.' };
  }
  return fields;
}

export function tunePaths(core: VaultCore): PathSpec[] {
  const spec = (auth: boolean): PathSpec => ({
    pattern: `${auth ? 'auth' : 'mounts'}/(?<path>.+?)/tune`,
    fields: tuneFields(auth),
    operations: {
      read: (_req, d) => tuneRead(core, (auth ? 'auth/' : '') + d.get<string>('path')),
      update: (_req, d) => tuneWrite(core, (auth ? 'auth/' : '') + d.get<string>('path'), d),
    },
    help: { synopsis: auth ? 'Tune the configuration parameters for an auth path.' : 'Tune backend configuration parameters for this mount.' },
  });
  return [spec(false), spec(true)];
}

function tuneRead(core: VaultCore, rawPath: string): LogicalResponse {
  const path = sanitizePath(rawPath);
  const entry = core.mounts.matching(path);
  if (!entry) throw errorResponse(t.noSysView(path));
  const c = entry.config;
  const ttls = core.effectiveTtls(entry);
  const data: Record<string, unknown> = {
    description: entry.description,
    default_lease_ttl: ttls.defaultLeaseTtl,
    max_lease_ttl: ttls.maxLeaseTtl,
    force_no_cache: c.force_no_cache,
  };
  if (entry.external_entropy_access) data.external_entropy_access = true;
  if (entry.table === 'auth') data.token_type = c.token_type ?? 'default-service';
  // delegated_auth_accessors is not part of the tune read (handleTuneReadCommon).
  for (const key of LIST_SETTINGS.filter((k) => k !== 'delegated_auth_accessors')) {
    const value = c[key];
    if (value && value.length > 0) data[key] = value;
  }
  if (c.listing_visibility) data.listing_visibility = c.listing_visibility;
  if (c.identity_token_key) data.identity_token_key = c.identity_token_key;
  if (c.user_lockout_config) {
    data.user_lockout_counter_reset_duration = c.user_lockout_config.lockout_counter_reset;
    data.user_lockout_threshold = c.user_lockout_config.lockout_threshold;
    data.user_lockout_duration = c.user_lockout_config.lockout_duration;
    data.user_lockout_disable = c.user_lockout_config.disable_lockout;
  }
  if (entry.options && Object.keys(entry.options).length > 0) data.options = entry.options;
  if (entry.plugin_version) data.plugin_version = entry.plugin_version;
  return { data };
}

/**
 * Applies each setting in Vault's order. Vault persists after every setting, so a later error
 * leaves the earlier ones applied: the entry is saved whatever happens.
 */
function tuneWrite(core: VaultCore, rawPath: string, d: FieldData): LogicalResponse | undefined {
  const path = sanitizePath(rawPath);
  for (const p of UNTUNABLE) if (path.startsWith(p)) throw errorResponse(t.cannotTune(path));
  const found = core.mounts.matching(path);
  if (!found) throw errorResponse(t.noEntry(path));
  const entry: MountEntry = structuredClone(found);
  const isAuthPath = path.startsWith('auth/');
  let reload = false;
  try {
    tuneTtls(entry, d);
    tuneLockout(entry, d);
    const [description, hasDescription] = d.getOk<string>('description');
    if (hasDescription) entry.description = description;
    tunePluginVersion(core, entry, d);
    const [key, hasKey] = d.getOk<string>('identity_token_key');
    if (hasKey) {
      if (key !== '' && key !== 'default') throw errorResponse(m.identityKeyMissing(key));
      if (key === '') delete entry.config.identity_token_key;
      else entry.config.identity_token_key = key;
    }
    for (const setting of ['audit_non_hmac_request_keys', 'audit_non_hmac_response_keys'] as const) {
      const [value, sent] = d.getOk<string[]>(setting);
      if (sent) entry.config[setting] = value;
    }
    const [visibility, hasVisibility] = d.getOk<string>('listing_visibility');
    if (hasVisibility) {
      if (!validListingVisibility(visibility)) throw errorResponse(m.invalidListingVisibility(visibility));
      entry.config.listing_visibility = visibility;
    }
    const [tokenType, hasTokenType] = d.getOk<string>('token_type');
    if (hasTokenType) {
      if (!isAuthPath) throw errorResponse(t.tokenTypeAuthOnly);
      if (entry.type === 'token' || entry.type === 'ns_token') throw errorResponse(t.tokenTypeOnToken);
      const normalized = normalizeTokenType(tokenType);
      if (!normalized) throw errorResponse(m.invalidTokenType);
      entry.config.token_type = normalized;
    }
    for (const setting of ['passthrough_request_headers', 'allowed_response_headers', 'allowed_managed_keys', 'delegated_auth_accessors'] as const) {
      if (!d.schema[setting]) continue;
      const [value, sent] = d.getOk<string[]>(setting);
      if (sent) entry.config[setting] = value;
    }
    const upgrade = tuneOptions(entry, d);
    if (upgrade) {
      reload = true;
      return { warnings: [t.upgrading(upgrade.from, upgrade.to)] };
    }
    return undefined;
  } finally {
    core.mounts.replace(entry);
    core.refreshRoutes();
    // Vault reloads the backend only after a kv version upgrade (reloadBackendCommon).
    if (reload) core.invalidateEngine(entry.uuid);
  }
}

/** A duration setting: "system" is 0 (the system value); parse errors answer Go's text (handleError). */
function durationSetting(text: string): number {
  if (text === 'system') return 0;
  try {
    return parseDurationSecondText(text);
  } catch (e) {
    throw errorResponse((e as Error).message);
  }
}

function ttlSetting(d: FieldData, name: string, current: number): number {
  const text = d.get<string>(name);
  return text === '' ? current : durationSetting(text);
}

function tuneTtls(entry: MountEntry, d: FieldData): void {
  const def = ttlSetting(d, 'default_lease_ttl', entry.config.default_lease_ttl);
  const max = ttlSetting(d, 'max_lease_ttl', entry.config.max_lease_ttl);
  if (def === entry.config.default_lease_ttl && max === entry.config.max_lease_ttl) return;
  if (def !== 0 && max !== 0 && max < def) throw errorResponse(t.maxBelowDefault(max, def));
  entry.config.default_lease_ttl = def;
  entry.config.max_lease_ttl = max;
}

/** mapstructure's non-weak decode into APIUserLockoutConfig (strings, or numbers; a bool for lockout_disable). */
function decodeLockout(map: Record<string, unknown>): { threshold?: string; duration?: string; reset?: string; disable?: boolean } {
  const str = (v: unknown): string | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return String(v);
    throw new Unconvertible();
  };
  const disable = map.lockout_disable;
  if (disable !== undefined && disable !== null && typeof disable !== 'boolean') throw new Unconvertible();
  return {
    threshold: str(map.lockout_threshold),
    duration: str(map.lockout_duration),
    reset: str(map.lockout_counter_reset_duration),
    disable: (disable as boolean | null | undefined) ?? undefined,
  };
}

function tuneLockout(entry: MountEntry, d: FieldData): void {
  const map = d.get<Record<string, unknown> | null>('user_lockout_config') ?? {};
  if (Object.keys(map).length === 0) return;
  let api: ReturnType<typeof decodeLockout>;
  try {
    api = decodeLockout(map);
  } catch (e) {
    if (!(e instanceof Unconvertible)) throw e;
    throw errorResponse(t.unconvertibleLockout);
  }
  if (!LOCKOUT_TYPES.includes(entry.type.toLowerCase())) throw errorResponse(t.lockoutNotAllowed(entry.type));
  const lockout: UserLockoutConfig = entry.config.user_lockout_config ?? { lockout_threshold: 0, lockout_duration: 0, lockout_counter_reset: 0, disable_lockout: false };
  if (api.threshold) {
    if (!/^[0-9]+$/.test(api.threshold)) {
      throw codedError(500, t.unparsableThreshold(`strconv.ParseUint: parsing ${JSON.stringify(api.threshold)}: invalid syntax`));
    }
    lockout.lockout_threshold = Number(api.threshold);
  }
  if (api.duration) lockout.lockout_duration = durationSetting(api.duration);
  if (api.reset) lockout.lockout_counter_reset = durationSetting(api.reset);
  if (api.disable !== undefined) lockout.disable_lockout = api.disable;
  entry.config.user_lockout_config = lockout;
}

function tunePluginVersion(core: VaultCore, entry: MountEntry, d: FieldData): void {
  const [version, sent] = d.getOk<string>('plugin_version');
  if (!sent) return;
  const parsed = canonicalVersion(version);
  if ('error' in parsed) throw errorResponse(m.invalidSemver(version, parsed.error));
  pluginNotFoundUnlessBuiltin(core, entry, parsed.version);
  entry.plugin_version = parsed.version;
}

/** Merges options; a kv `version` may only go up. Returns the upgrade when one happened. */
function tuneOptions(entry: MountEntry, d: FieldData): { from: number; to: number } | undefined {
  const [options, sent] = d.getOk<Record<string, string>>('options');
  if (!sent || Object.keys(options).length === 0) return undefined;
  let upgrade: { from: number; to: number } | undefined;
  if (options.version !== undefined) {
    const current = parseOptionInt(entry.options?.version ?? '', (cause) => codedError(500, `unable to parse mount entry: ${cause}`));
    const wanted = parseOptionInt(options.version, (cause) => errorResponse(t.unparsableOptions(cause)));
    if (wanted !== 1 && wanted !== 2) throw errorResponse(t.invalidVersion(wanted));
    if (current > wanted) throw errorResponse(t.cannotDowngrade(current));
    if (current < wanted) upgrade = { from: current, to: wanted };
  }
  const merged: Record<string, string> = { ...(entry.options ?? {}) };
  for (const [k, v] of Object.entries(options)) {
    // An empty value removes the option, except `version`, which guards against kv downgrades.
    if (v === '' && k !== 'version') delete merged[k];
    else merged[k] = v;
  }
  entry.options = merged;
  return upgrade;
}

/** parseutil.ParseInt of an option value ("" is 0). */
function parseOptionInt(text: string, fail: (cause: string) => Error): number {
  if (text === '') return 0;
  if (!/^[+-]?[0-9]+$/.test(text)) throw fail(`strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`);
  return Number(text);
}
