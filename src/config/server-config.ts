// A Vault server configuration file (HCL or JSON) read the way Vault 1.17 reads it
// (command/server/config.go ParseConfig, internalshared/configutil): listeners, storage, TTLs, ui and
// api_addr are honoured; every other top-level setting is accepted and listed as not emulated.
import { filterItems, NO_POS, type HclItem, type HclNode, type HclObjectList } from '../hcl/ast.js';
import { decodeBody, type HclMap, type HclValue } from '../hcl/decode.js';
import { parseHcl } from '../hcl/parse.js';
import { DurationError, parseDurationSeconds } from '../framework/duration.js';
import { parseGoBool } from '../framework/field-types.js';
import * as msg from './messages.js';
import type { UserLockoutConfig } from '../core/login-lockout.js';

export interface ListenerConfig {
  type: string;
  /** As written; '' when absent (Vault then binds 127.0.0.1:8200). */
  address: string;
  clusterAddress: string;
  tlsDisable: boolean;
  tlsCertFile: string;
  tlsKeyFile: string;
  tlsClientCaFile: string;
  tlsRequireAndVerifyClientCert: boolean;
  tlsDisableClientCerts: boolean;
  /** The listener's `telemetry { unauthenticated_metrics_access }`. */
  unauthenticatedMetricsAccess: boolean;
}

/** The `telemetry` stanza's settings this emulator acts on (internalshared/configutil/telemetry.go). */
export interface TelemetryConfig {
  /** Seconds; 24h when the stanza leaves it out, 0 disables Prometheus. */
  prometheusRetentionSeconds: number;
  disableHostname: boolean;
}

export interface ServerConfig {
  listeners: ListenerConfig[];
  storage?: { type: string; config: Record<string, string> };
  apiAddr: string;
  enableUi?: boolean;
  /** Seconds; 0 when not set. */
  defaultLeaseTtl: number;
  maxLeaseTtl: number;
  logLevel: string;
  logFormat: string;
  /** The `telemetry` stanza; absent when there is none (then no Prometheus, host name in gauge names). */
  telemetry?: TelemetryConfig;
  /** The `user_lockout` stanzas, resolved per file and appended in file order (Config.Merge). */
  userLockouts: UserLockoutConfig[];
  /** Settings that were accepted but have no effect here, e.g. `seal "awskms"`, `telemetry.statsd_address`. */
  notEmulated: string[];
}

/** A configuration error whose message is Vault's. */
export class ConfigError extends Error {}

export function emptyConfig(): ServerConfig {
  return { listeners: [], apiAddr: '', defaultLeaseTtl: 0, maxLeaseTtl: 0, logLevel: '', logFormat: '', userLockouts: [], notEmulated: [] };
}

/** Top-level keys this emulator acts on; anything else is reported as not emulated. */
const HONOURED = new Set(['listener', 'storage', 'backend', 'ui', 'api_addr', 'default_lease_ttl', 'max_lease_ttl', 'log_level', 'log_format', 'telemetry', 'user_lockout']);
/** Keys of the `telemetry` stanza this emulator acts on. */
const HONOURED_TELEMETRY = new Set(['prometheus_retention_time', 'disable_hostname']);
const MEMORY_STORAGE = new Set(['inmem', 'inmem_ha', 'inmem_transactional', 'inmem_transactional_ha']);

/** Go's fmt %v of a decoded value, for error texts. */
function goValue(v: HclValue): string {
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (v !== null && typeof v === 'object') return `map[${Object.keys(v).sort().map((k) => `${k}:${goValue(v[k]!)}`).join(' ')}]`;
  return String(v);
}

/** go-secure-stdlib parseutil.ParseBool (mapstructure's weak decoding into a bool). */
export function parseWeakBool(v: HclValue): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') {
    const b = parseGoBool(v);
    if (b !== undefined) return b;
    if (v === '') return false;
    throw new ConfigError(`cannot parse '' as bool: strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
  }
  throw new ConfigError(`'' expected type 'bool', got unconvertible type '${Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}'}', value: '${goValue(v)}'`);
}

function weakDuration(v: HclValue): number {
  try {
    if (typeof v === 'number' || typeof v === 'string') return parseDurationSeconds(v);
    return parseDurationSeconds(goValue(v));
  } catch (err) {
    if (err instanceof DurationError) throw new ConfigError(err.message);
    throw err;
  }
}

function asString(v: HclValue | undefined, key: string): string {
  if (v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  throw new ConfigError(`${key}: unknown type for string`);
}

/** The value of the last top-level `key = value` (HCL1 keeps the last one). */
function lastValue(root: HclObjectList, key: string): HclNode | undefined {
  const items = root.items.filter((i) => i.keys.length === 1 && i.keys[0]!.value.toLowerCase() === key);
  return items[items.length - 1]?.val;
}

function literal(node: HclNode | undefined): HclValue | undefined {
  if (!node) return undefined;
  return decodeBody({ kind: 'list-of-items', items: [{ keys: [{ text: 'v', value: 'v', pos: NO_POS }], val: node, pos: NO_POS, assign: NO_POS }] }).v;
}

function describeItem(item: HclItem): string {
  const [first, ...labels] = item.keys;
  return [first!.value, ...labels.map((k) => JSON.stringify(k.value))].join(' ');
}

function parseListener(item: HclItem): ListenerConfig {
  const body = decodeBody(item.val);
  const bool = (key: string): boolean => {
    if (body[key] === undefined) return false;
    try {
      return parseWeakBool(body[key]!);
    } catch (err) {
      throw new ConfigError(msg.invalidListenerValue(key, (err as Error).message));
    }
  };
  let type = asString(body.type, 'type');
  if (type === '' && item.keys.length === 1) type = item.keys[0]!.value;
  if (type === '') throw new ConfigError(msg.LISTENER_TYPE_REQUIRED);
  type = type.toLowerCase();
  if (type !== 'tcp' && type !== 'unix') throw new ConfigError(msg.unsupportedListenerType(type));
  return {
    type,
    address: asString(body.address, 'address'),
    clusterAddress: asString(body.cluster_address, 'cluster_address'),
    tlsDisable: bool('tls_disable'),
    tlsCertFile: asString(body.tls_cert_file, 'tls_cert_file'),
    tlsKeyFile: asString(body.tls_key_file, 'tls_key_file'),
    tlsClientCaFile: asString(body.tls_client_ca_file, 'tls_client_ca_file'),
    tlsRequireAndVerifyClientCert: bool('tls_require_and_verify_client_cert'),
    tlsDisableClientCerts: bool('tls_disable_client_certs'),
    unauthenticatedMetricsAccess: listenerTelemetryBool(body.telemetry, 'unauthenticated_metrics_access'),
  };
}

/** A flag of the listener's `telemetry` block (parseAndClearBool in configutil/listener.go). */
function listenerTelemetryBool(block: HclValue | undefined, key: string): boolean {
  const blocks = Array.isArray(block) ? block : block === undefined ? [] : [block];
  let value: HclValue | undefined;
  for (const b of blocks) if (b !== null && typeof b === 'object' && !Array.isArray(b) && b[key] !== undefined) value = b[key];
  if (value === undefined) return false;
  try {
    return parseWeakBool(value);
  } catch (err) {
    throw new ConfigError(msg.invalidListenerValue(`telemetry.${key}`, (err as Error).message));
  }
}

/** configutil parseTelemetry: one stanza at most; a missing prometheus_retention_time means 24h. */
function parseTelemetry(root: HclObjectList, notEmulated: string[]): TelemetryConfig | undefined {
  const items = filterItems(root, 'telemetry').items;
  if (items.length === 0) return undefined;
  if (items.length > 1) throw new ConfigError(msg.errorParsingSection('telemetry', "only one 'telemetry' block is permitted"));
  const body = decodeBody(items[0]!.val);
  try {
    const retention = body.prometheus_retention_time;
    const config: TelemetryConfig = {
      prometheusRetentionSeconds: retention === undefined ? 24 * 3600 : weakDuration(retention),
      disableHostname: body.disable_hostname === undefined ? false : parseWeakBool(body.disable_hostname),
    };
    for (const key of Object.keys(body)) if (!HONOURED_TELEMETRY.has(key.toLowerCase())) notEmulated.push(`telemetry.${key}`);
    return config;
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError(msg.errorParsingSection('telemetry', err.message));
    throw err;
  }
}

function parseStorage(root: HclObjectList, name: 'storage' | 'backend'): ServerConfig['storage'] {
  const items = filterItems(root, name).items;
  if (items.length === 0) return undefined;
  if (items.length > 1) throw new ConfigError(msg.errorParsingSection(name, msg.onlyOneBlock(name)));
  const item = items[0]!;
  const type = (item.keys[0]?.value ?? name).toLowerCase();
  const config: Record<string, string> = {};
  for (const [k, v] of Object.entries(decodeBody(item.val))) config[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return { type, config };
}

/** Parses one configuration file's text. Throws ConfigError or HclSyntaxError with Vault's message. */
export function parseServerConfig(text: string): ServerConfig {
  const root = parseHcl(text).body;
  const config = emptyConfig();
  const value = (key: string) => literal(lastValue(root, key));

  config.apiAddr = asString(value('api_addr'), 'api_addr');
  config.logLevel = asString(value('log_level'), 'log_level');
  config.logFormat = asString(value('log_format'), 'log_format');

  const listeners = filterItems(root, 'listener').items;
  config.listeners = listeners.map((item, i) => {
    try {
      return parseListener(item);
    } catch (err) {
      if (err instanceof ConfigError) throw new ConfigError(msg.errorParsingSection('listener', `listeners.${i}: ${err.message}`));
      throw err;
    }
  });

  const max = value('max_lease_ttl');
  if (max !== undefined) config.maxLeaseTtl = weakDuration(max);
  const dflt = value('default_lease_ttl');
  if (dflt !== undefined) config.defaultLeaseTtl = weakDuration(dflt);
  const ui = value('ui');
  if (ui !== undefined) config.enableUi = parseWeakBool(ui);
  if (config.enableUi) config.notEmulated.push('ui (the web UI is not served)');

  config.userLockouts = parseUserLockouts(root);
  config.telemetry = parseTelemetry(root, config.notEmulated);
  config.storage = parseStorage(root, 'storage') ?? parseStorage(root, 'backend');
  if (config.storage && !MEMORY_STORAGE.has(config.storage.type)) config.notEmulated.push(`storage "${config.storage.type}" (data is kept in memory)`);

  const seen = new Set<string>();
  for (const item of root.items) {
    const key = item.keys[0]?.value.toLowerCase() ?? '';
    if (HONOURED.has(key)) continue;
    const what = describeItem(item);
    if (!seen.has(what)) config.notEmulated.push(what);
    seen.add(what);
  }
  return config;
}

/** Config.Merge: later files add listeners and override whatever they set. */
export function mergeConfigs(a: ServerConfig, b: ServerConfig): ServerConfig {
  return {
    listeners: [...a.listeners, ...b.listeners],
    storage: b.storage ?? a.storage,
    telemetry: b.telemetry ?? a.telemetry,
    apiAddr: b.apiAddr || a.apiAddr,
    enableUi: b.enableUi ?? a.enableUi,
    defaultLeaseTtl: b.defaultLeaseTtl || a.defaultLeaseTtl,
    maxLeaseTtl: b.maxLeaseTtl || a.maxLeaseTtl,
    logLevel: b.logLevel || a.logLevel,
    logFormat: b.logFormat || a.logFormat,
    userLockouts: [...a.userLockouts, ...b.userLockouts],
    notEmulated: [...a.notEmulated, ...b.notEmulated],
  };
}

// The `user_lockout` stanzas (internalshared/configutil/userlockout.go ParseUserLockouts): one per auth
// type or "all"; "all" gets Vault's defaults for what it leaves out, every other type takes what it
// leaves out from "all".
/** configutil.GetSupportedUserLockoutsAuthMethods, plus "all". */
const LOCKOUT_TYPES = ['all', 'ldap', 'approle', 'userpass'];
/** configutil defaults. */
const LOCKOUT_DEFAULTS = { threshold: 5, duration: 15 * 60, counterReset: 15 * 60, disable: false };

type LockoutFields = { [K in keyof typeof LOCKOUT_DEFAULTS]?: (typeof LOCKOUT_DEFAULTS)[K] };

/** strconv.ParseUint(text, 10, 64) of fmt's %v of the value. */
function parseUint(v: HclValue): number {
  const text = goValue(v);
  if (!/^[0-9]+$/.test(text)) throw new Error(`strconv.ParseUint: parsing ${JSON.stringify(text)}: invalid syntax`);
  if (BigInt(text) > 0xffffffffffffffffn) throw new Error(`strconv.ParseUint: parsing ${JSON.stringify(text)}: value out of range`);
  return Number(text);
}

/** parseutil.ParseDurationSecond, in seconds. */
function lockoutDuration(v: HclValue): number {
  try {
    return parseDurationSeconds(typeof v === 'number' || typeof v === 'string' ? v : goValue(v));
  } catch (err) {
    if (err instanceof DurationError) throw new Error(err.message);
    throw err;
  }
}

/** The stanzas of one file, resolved as ParseUserLockouts leaves them ("all" always among them); [] without any. */
export function parseUserLockouts(root: HclObjectList): UserLockoutConfig[] {
  const items = filterItems(root, 'user_lockout').items;
  if (items.length === 0) return [];
  const byType = new Map<string, LockoutFields>();
  items.forEach((item, i) => {
    const fail = (text: string): never => {
      throw new ConfigError(msg.errorParsingSection('user_lockout', text));
    };
    const body = decodeBody(item.val);
    let type = body.type === undefined ? '' : goValue(body.type);
    if (type === '') {
      if (item.keys.length === 1) type = item.keys[0]!.value;
      else fail(`user_lockouts.${i}: auth type for user lockout must be specified, if it applies to all auth methods specify "all" `);
    }
    type = type.toLowerCase();
    if (!LOCKOUT_TYPES.includes(type)) fail(`user_lockouts.${i}: unsupported auth type ${JSON.stringify(type)}`);
    const at = `user_lockouts.${i}`;
    const set: LockoutFields = {};
    const read = <T>(key: string, parse: (v: HclValue) => T, what: (err: string) => string): T | undefined => {
      if (body[key] === undefined) return undefined;
      try {
        return parse(body[key]!);
      } catch (err) {
        return fail(`${at} ${what((err as Error).message)}`);
      }
    };
    set.threshold = read('lockout_threshold', parseUint, (e) => `error parsing lockout_threshold: ${e}`);
    set.duration = read('lockout_duration', lockoutDuration, (e) => `error parsing lockout_duration: ${e}`);
    if (set.duration !== undefined && set.duration < 0) fail(`${at} lockout_duration cannot be negative`);
    set.counterReset = read('lockout_counter_reset', lockoutDuration, (e) => `error parsing lockout_counter_reset: ${e}`);
    if (set.counterReset !== undefined && set.counterReset < 0) fail(`${at} lockout_counter_reset cannot be negative`);
    set.disable = read('disable_lockout', parseWeakBool, (e) => `invalid value for disable_lockout: ${e}`);
    byType.set(type, set);
  });
  const given = byType.get('all') ?? {};
  const all = {
    threshold: given.threshold ?? LOCKOUT_DEFAULTS.threshold,
    duration: given.duration ?? LOCKOUT_DEFAULTS.duration,
    counterReset: given.counterReset ?? LOCKOUT_DEFAULTS.counterReset,
    disable: given.disable ?? LOCKOUT_DEFAULTS.disable,
  };
  const out: UserLockoutConfig[] = [{ type: 'all', ...all }];
  for (const [type, set] of byType) {
    if (type === 'all') continue;
    out.push({
      type,
      threshold: set.threshold ?? all.threshold,
      duration: set.duration ?? all.duration,
      counterReset: set.counterReset ?? all.counterReset,
      disable: set.disable ?? all.disable,
    });
  }
  return out;
}
