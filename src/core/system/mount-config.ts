// The `config` map of an enable request and the value parsers shared with tune
// (vault/logical_system.go handleMount/handleEnableAuth/validateVersion, vault/mount.go APIMountConfig).
import { DurationError, parseGoDuration } from '../../framework/duration.js';
import { errorResponse } from '../errors.js';
import type { MountConfig, MountEntry, MountTable } from '../mounts.js';
import type { VaultCore } from '../vault-core.js';
import { mountMessages as m } from './messages.js';

/** Config keys whose string form is split on commas before decoding (expandStringValsWithCommas). */
const COMMA_EXPANDED = [
  'audit_non_hmac_request_keys',
  'audit_non_hmac_response_keys',
  'passthrough_request_headers',
  'allowed_response_headers',
  'allowed_managed_keys',
] as const;
const LIST_KEYS = [...COMMA_EXPANDED, 'delegated_auth_accessors'] as const;
const STRING_KEYS = ['default_lease_ttl', 'max_lease_ttl', 'listing_visibility', 'token_type', 'plugin_version', 'identity_token_key', 'plugin_name'] as const;

/**
 * Plugins compiled into Vault's core factories (vault/core.go logicalBackends/credentialBackends plus
 * command/commands.go): only their builtin version may be selected.
 */
const CORE_LINKED: Record<MountTable, readonly string[]> = {
  mounts: ['kv', 'cubbyhole', 'system', 'identity', 'database', 'plugin'],
  auth: ['token', 'plugin'],
};

export class Unconvertible extends Error {}

/** Go's strconv.ParseInt(s, 10, 64) error text, or the value. */
export function goParseInt(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (!Number.isSafeInteger(n) && Math.abs(n) >= 2 ** 63) throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

/** parseutil.ParseDurationSecond of a string: integer seconds, `<n>d`, or a Go duration; whole seconds. */
export function parseDurationSecondText(s: string): number {
  if (s === '') return 0;
  if (/^[+-]?[0-9]+$/.test(s)) return goParseInt(s);
  if (s.endsWith('d')) return goParseInt(s.slice(0, -1)) * 86400;
  try {
    return Math.trunc(parseGoDuration(s) / 1e9);
  } catch (e) {
    throw new Error(e instanceof DurationError ? e.message : String(e));
  }
}

/** mapstructure's non-weak decode of a JSON value into a Go string (json.Number is a string kind). */
function decodeString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new Unconvertible();
}

function decodeStringList(value: unknown): string[] {
  if (!Array.isArray(value)) throw new Unconvertible();
  return value.map((v) => (v === null ? '' : decodeString(v)));
}

/** parseutil.ParseCommaStringSlice of a string: split on commas and trim, "" is empty. */
export function commaList(text: string): string[] {
  return text === '' ? [] : text.split(',').map((s) => s.trim());
}

export interface EnableConfig {
  config: MountConfig;
  pluginName: string;
  pluginVersion: string;
}

/** Decodes and checks an enable request's `config` up to the type checks, in Vault's order. */
export function parseEnableConfig(core: VaultCore, table: MountTable, raw: Record<string, unknown> | null | undefined): EnableConfig {
  const map = { ...(raw ?? {}) };
  for (const key of COMMA_EXPANDED) if (typeof map[key] === 'string') map[key] = commaList(map[key]);
  const api: Record<string, unknown> = {};
  try {
    for (const key of STRING_KEYS) if (map[key] !== undefined && map[key] !== null) api[key] = decodeString(map[key]);
    for (const key of LIST_KEYS) if (map[key] !== undefined && map[key] !== null) api[key] = decodeStringList(map[key]);
    const noCache = map.force_no_cache;
    if (noCache !== undefined && noCache !== null) {
      if (typeof noCache !== 'boolean') throw new Unconvertible();
      api.force_no_cache = noCache;
    }
    const lockout = map.user_lockout_config;
    if (lockout !== undefined && lockout !== null && (typeof lockout !== 'object' || Array.isArray(lockout))) throw new Unconvertible();
  } catch (e) {
    if (!(e instanceof Unconvertible)) throw e;
    throw errorResponse(table === 'auth' ? m.unconvertibleAuthConfig : m.unconvertibleMountConfig);
  }
  const config: MountConfig = { default_lease_ttl: 0, max_lease_ttl: 0, force_no_cache: false };
  const ttl = (key: 'default_lease_ttl' | 'max_lease_ttl', message: (v: string, c: string) => string): number => {
    const text = (api[key] as string | undefined) ?? '';
    if (text === '' || text === 'system') return 0;
    try {
      return parseDurationSecondText(text);
    } catch (e) {
      throw errorResponse(message(text, (e as Error).message));
    }
  };
  config.default_lease_ttl = ttl('default_lease_ttl', m.unparsableDefaultTtl);
  config.max_lease_ttl = ttl('max_lease_ttl', m.unparsableMaxTtl);
  if (config.max_lease_ttl !== 0 && config.default_lease_ttl > config.max_lease_ttl) throw errorResponse(m.defaultAboveMax);
  if (config.default_lease_ttl > core.maxLeaseTtl && config.max_lease_ttl === 0) throw errorResponse(m.defaultAboveSystemMax(core.maxLeaseTtl));
  if (api.force_no_cache === true) config.force_no_cache = true;
  for (const key of LIST_KEYS) {
    const list = api[key] as string[] | undefined;
    if (list && list.length > 0) config[key] = list;
  }
  if (api.listing_visibility) config.listing_visibility = api.listing_visibility as string;
  if (api.identity_token_key) config.identity_token_key = api.identity_token_key as string;
  if (api.token_type !== undefined) config.token_type = api.token_type as string;
  return {
    config,
    pluginName: (api.plugin_name as string | undefined) ?? '',
    pluginVersion: (api.plugin_version as string | undefined) ?? '',
  };
}

/** checkListingVisibility: "", "hidden" or "unauth". */
export function validListingVisibility(value: string): boolean {
  return value === '' || value === 'hidden' || value === 'unauth';
}

/** The token_type values an auth mount accepts ("" means default-service). */
export function normalizeTokenType(value: string): string | undefined {
  if (value === '' || value === 'default-service') return 'default-service';
  return ['default-batch', 'service', 'batch'].includes(value) ? value : undefined;
}

// hashicorp/go-version's version grammar (NewVersion).
const GO_VERSION =
  /^v?(?<segments>[0-9]+(\.[0-9]+)*?)(-(?<pre1>[0-9]+[0-9A-Za-z\-~]*(\.[0-9A-Za-z\-~]+)*)|(-?(?<pre2>[A-Za-z\-~]+[0-9A-Za-z\-~]*(\.[0-9A-Za-z\-~]+)*)))?(\+(?<meta>[0-9A-Za-z\-~]+(\.[0-9A-Za-z\-~]+)*))?$/;

/** go-version's canonical form with a leading v (e.g. "1.2" → "v1.2.0"), or the parse error text. */
export function canonicalVersion(version: string): { version: string } | { error: string } {
  const match = GO_VERSION.exec(version);
  if (!match?.groups) return { error: `Malformed version: ${version}` };
  const segments = match.groups.segments!.split('.').map((s) => BigInt(s).toString());
  while (segments.length < 3) segments.push('0');
  const pre = match.groups.pre2 ?? match.groups.pre1 ?? '';
  const meta = match.groups.meta ?? '';
  return { version: `v${segments.join('.')}${pre ? `-${pre}` : ''}${meta ? `+${meta}` : ''}` };
}

/** The version Vault reports for a builtin plugin (helper/versions GetBuiltinVersion). */
export function builtinVersion(core: VaultCore, table: MountTable, type: string): string {
  return core.catalog.get(table === 'auth' ? 'auth' : 'secret', type)?.runningVersion ?? `v${core.version}+builtin.vault`;
}

/** validateVersion: the version to store on the entry ('' for the builtin), or an error response. */
export function validatePluginVersion(core: VaultCore, table: MountTable, name: string, version: string): string {
  if (version === '') return '';
  const parsed = canonicalVersion(version);
  if ('error' in parsed) throw errorResponse(m.invalidSemver(version, parsed.error));
  if (parsed.version === builtinVersion(core, table, name)) return '';
  if (CORE_LINKED[table].includes(name)) {
    throw errorResponse(table === 'auth' ? m.nonBuiltinAuthVersion(name) : m.nonBuiltinSecretVersion(name));
  }
  return parsed.version;
}

/**
 * LookupPluginVersion for a mount's own type: only a builtin of the plugin registry at exactly its
 * builtin version is in the catalog (core singletons such as token are not registry plugins).
 */
export function pluginNotFoundUnlessBuiltin(core: VaultCore, entry: MountEntry, version: string): void {
  const plugin = core.catalog.get(entry.table === 'auth' ? 'auth' : 'secret', entry.type);
  const registered = !!plugin && !plugin.singleton && !plugin.alias;
  if (!registered || version !== builtinVersion(core, entry.table, entry.type)) {
    throw errorResponse(m.pluginNotFound(entry.type, version));
  }
}
