// The one options object of the public API, with its defaults.
import { parseDurationSeconds } from './framework/duration.js';
import type { UserLockoutConfig } from './core/login-lockout.js';
import type { PluginDefinition } from './core/plugins.js';
import type { EmbeddedPostgresSettings } from './backends/database/catalog.js';

export interface VaultEmuOptions {
  /** Start as `vault server -dev` does: initialised, unsealed, `secret/` mounted. Default true. */
  dev?: boolean;
  /** Dev root token id (like `-dev-root-token-id`); generated `hvs.…` when absent. */
  rootToken?: string;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Address to listen on. Default 127.0.0.1. */
  host?: string;
  /** Seed for every generated id, token, key and password, so a run can be reproduced. */
  seed?: string | number;
  /** 'system' (default) follows real time; 'virtual' moves only when told to. */
  clock?: 'system' | 'virtual';
  /** Start time of a virtual clock (ms since the epoch or a Date); defaults to now. */
  clockStart?: number | Date;
  /** The Vault version to report. Default 1.17.6. */
  vaultVersion?: string;
  /** System default/max lease TTL (seconds or a duration string). Default 768h each. */
  defaultLeaseTtl?: number | string;
  maxLeaseTtl?: number | string;
  /** Serve HTTPS with this certificate and key (PEM). */
  tls?: { cert: string | Buffer; key: string | Buffer; clientCa?: string | Buffer };
  /** Serve the UI paths as Vault does with `ui = true` (`/` and `/ui` redirect to `/ui/`); otherwise
   *  non-API paths are Go's 404. Default: true in dev mode, false otherwise. */
  ui?: boolean;
  /** Extra engine types users can mount with sys/mounts (tests of lease handling, custom engines). */
  plugins?: PluginDefinition[];
  /** The embedded PostgreSQL (PGlite) that database connections use instead of the server they name:
   *  by default every host but loopback ones (so `@db-primary.corp.local` runs unchanged and a local
   *  PostgreSQL is used for real), the host `embedded` always; `hosts: 'all' | [...]` to choose, false
   *  to never use it. It boots on first use. */
  embeddedPostgres?: false | EmbeddedPostgresSettings;
  /** Serve a plain request that arrives whole on an idle connection without Node's HTTP parser (the
   *  same bytes on the wire, less CPU). Default true; false sends every request through Node's parser. */
  directLane?: boolean;
  /** Receives Vault's server log lines (failed lease revocations, …); the CLI writes them to stderr. */
  log?: (line: string) => void;
  /** VAULT_DISABLE_USER_LOCKOUT: true turns user lockout off for every mount, false on whatever the mounts'
   *  tune says; text is read as Go's ParseBool reads the variable (the CLI passes its environment's value,
   *  and text it cannot read fails logins on lockout-capable mounts, as Vault's do). Unset by default. */
  disableUserLockout?: boolean | string;
  /** The server config's `user_lockout` stanzas as Vault resolves them (durations in seconds): the CLI
   *  passes its config file's; by type, 'all' for every method. Default: none (5 failures, 15 minutes). */
  userLockouts?: UserLockoutConfig[];
  /** Telemetry (Vault's `telemetry` stanza and the listener's `telemetry` block). Defaults are dev mode's
   *  (Prometheus kept 24h, no host name in gauge names, sys/metrics without a token); outside dev mode,
   *  Vault's without a telemetry stanza (no Prometheus, host name in gauge names, token required). */
  telemetry?: {
    /** How long Prometheus keeps an idle metric (seconds or a duration string); 0 disables Prometheus. */
    prometheusRetentionTime?: number | string;
    disableHostname?: boolean;
    unauthenticatedMetricsAccess?: boolean;
  };
}

export interface ResolvedOptions {
  dev: boolean;
  rootToken?: string;
  port: number;
  host: string;
  seed?: string | number;
  clock: 'system' | 'virtual';
  clockStart?: number;
  vaultVersion: string;
  defaultLeaseTtl: number;
  maxLeaseTtl: number;
  tls?: { cert: Buffer; key: Buffer; clientCa?: Buffer };
  ui: boolean;
  plugins: PluginDefinition[];
  embeddedPostgres: false | EmbeddedPostgresSettings;
  log?: (line: string) => void;
  directLane: boolean;
  disableUserLockoutEnv?: string;
  userLockouts: UserLockoutConfig[];
  telemetry: { prometheusRetentionSeconds: number; disableHostname: boolean; unauthenticatedMetricsAccess: boolean };
}

export const DEFAULT_VAULT_VERSION = '1.17.6';
/** Vault's system TTLs: 32 days (vault/expiration.go maxLeaseTTL; default = max). */
export const DEFAULT_LEASE_TTL = 768 * 3600;

export function resolveOptions(options: VaultEmuOptions = {}): ResolvedOptions {
  const toBuf = (v: string | Buffer) => (Buffer.isBuffer(v) ? v : Buffer.from(v));
  const maxLeaseTtl = options.maxLeaseTtl !== undefined ? parseDurationSeconds(options.maxLeaseTtl) : DEFAULT_LEASE_TTL;
  const defaultLeaseTtl = options.defaultLeaseTtl !== undefined ? parseDurationSeconds(options.defaultLeaseTtl) : Math.min(DEFAULT_LEASE_TTL, maxLeaseTtl);
  return {
    dev: options.dev ?? true,
    ui: options.ui ?? options.dev ?? true,
    rootToken: options.rootToken,
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    seed: options.seed,
    clock: options.clock ?? 'system',
    clockStart: options.clockStart instanceof Date ? options.clockStart.getTime() : options.clockStart,
    vaultVersion: options.vaultVersion ?? DEFAULT_VAULT_VERSION,
    plugins: options.plugins ?? [],
    embeddedPostgres: options.embeddedPostgres ?? {},
    log: options.log,
    directLane: options.directLane ?? true,
    disableUserLockoutEnv: options.disableUserLockout === undefined ? undefined : String(options.disableUserLockout),
    userLockouts: options.userLockouts ?? [],
    defaultLeaseTtl,
    maxLeaseTtl,
    telemetry: resolveTelemetry(options.telemetry, options.dev ?? true),
    tls: options.tls ? { cert: toBuf(options.tls.cert), key: toBuf(options.tls.key), clientCa: options.tls.clientCa ? toBuf(options.tls.clientCa) : undefined } : undefined,
  };
}

/** Dev mode's telemetry (command/server/config.go DevConfig, command/server.go) or Vault's defaults without one. */
function resolveTelemetry(t: VaultEmuOptions['telemetry'], dev: boolean): ResolvedOptions['telemetry'] {
  const retention = t?.prometheusRetentionTime;
  return {
    prometheusRetentionSeconds: retention !== undefined ? parseDurationSeconds(retention) : dev ? 24 * 3600 : 0,
    disableHostname: t?.disableHostname ?? dev,
    unauthenticatedMetricsAccess: t?.unauthenticatedMetricsAccess ?? dev,
  };
}
