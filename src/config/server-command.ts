// `vault-emu server`: Vault's `vault server` command line (flags, -dev, -config files) turned into
// emulator options, then the server started in this very process and its banner printed.
import type { VaultEmuOptions } from '../options.js';
import pkg from '../../package.json' with { type: 'json' };
import type { RunningVaultEmu } from '../emulator.js';
import { clusterAddressFor, configurationTable, devBlock, wrapAtLength } from './banner.js';
import { FlagError, parseFlags, type ParsedFlags } from './flags.js';
import { ListenerError, resolveListener, servedListener, splitHostPort, type ResolvedListener } from './listener.js';
import { loadConfigPaths } from './load.js';
import * as msg from './messages.js';
import { ConfigError, type ServerConfig } from './server-config.js';
import { FLAGS_IMPLYING_DEV, FLAGS_NOT_EMULATED, SERVER_FLAGS, SERVER_HELP } from './server-flags.js';

export type Env = Record<string, string | undefined>;

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export interface StartedServer {
  emu: RunningVaultEmu;
}

/** Vault's system TTL default (vault/core.go defaultLeaseTTL = maxLeaseTTL = 32 days). */
const SYSTEM_TTL = 768 * 3600;
const LOG_LEVELS = ['trace', 'debug', 'notice', 'info', '', 'warn', 'warning', 'err', 'error'];
const LOG_FORMATS = ['', 'standard', 'json'];

/** Go's wording for a failed bind, as Vault reports it (`listen tcp 127.0.0.1:8200: bind: address already in use`). */
function bindError(address: string, err: unknown): string {
  const reasons: Record<string, string> = {
    EADDRINUSE: 'address already in use',
    EADDRNOTAVAIL: 'cannot assign requested address',
    EACCES: 'permission denied',
  };
  const code = (err as NodeJS.ErrnoException).code ?? '';
  return `listen tcp ${address}: bind: ${reasons[code] ?? (err as Error).message}`;
}

function flagValue<T>(flags: ParsedFlags, name: string): T | undefined {
  return flags.values.get(name) as T | undefined;
}

/** Runs the server command. Resolves with the running server, or with an exit code when it cannot start. */
export async function runServerCommand(args: string[], env: Env, io: Io): Promise<StartedServer | number> {
  if (args.some((a) => a === '-h' || a === '-help' || a === '--help')) {
    io.out(`${SERVER_HELP}\n`);
    return 0;
  }
  let flags: ParsedFlags;
  try {
    flags = parseFlags(SERVER_FLAGS, args, env);
  } catch (err) {
    if (err instanceof FlagError) {
      io.err(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const on = (name: string) => flagValue<boolean>(flags, name) === true;
  const dev = on('dev') || FLAGS_IMPLYING_DEV.some(on);
  const configPaths = flagValue<string[]>(flags, 'config') ?? [];
  if (on('dev-tls')) {
    io.err('vault-emu: -dev-tls is not emulated; serve HTTPS with -config and a listener with tls_cert_file and tls_key_file\n');
    return 1;
  }
  let rootTokenId = flagValue<string>(flags, 'dev-root-token-id');
  if (!dev) {
    if (configPaths.length === 0) {
      io.err(`${msg.MUST_SPECIFY_CONFIG}\n`);
      return 1;
    }
    if (rootTokenId) io.err(`${wrapAtLength(msg.ROOT_TOKEN_OUTSIDE_DEV)}\n`);
    rootTokenId = undefined;
  }

  let config: ServerConfig | undefined;
  try {
    config = loadConfigPaths(configPaths);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(`${err.message}\n`);
      return 1;
    }
    throw err;
  }

  const logLevel = flagValue<string>(flags, 'log-level') ?? config?.logLevel ?? '';
  const logFormat = flagValue<string>(flags, 'log-format') ?? config?.logFormat ?? '';
  if (!LOG_LEVELS.includes(logLevel.trim().toLowerCase())) {
    io.err(`${msg.unknownLogLevel(logLevel.trim().toLowerCase())}\n`);
    return 1;
  }
  if (!LOG_FORMATS.includes(logFormat.trim().toLowerCase())) {
    io.err(`${msg.unknownLogFormat(logFormat)}\n`);
    return 1;
  }

  let storageType = 'inmem';
  if (!dev || config?.storage) {
    if (!config?.storage) {
      io.err(`${msg.STORAGE_REQUIRED}\n`);
      return 1;
    }
    storageType = config.storage.type;
  }

  const notes = [...(config?.notEmulated ?? []), ...FLAGS_NOT_EMULATED.filter((f) => flags.given.has(f)).map((f) => `flag -${f}`)];
  if (!dev && configPaths.length > 0 && storageType.startsWith('inmem')) io.out(`\n${wrapAtLength(msg.inmemNotForProduction(storageType))}\n\n`);

  const defaultLeaseTtl = config?.defaultLeaseTtl || SYSTEM_TTL;
  const maxLeaseTtl = config?.maxLeaseTtl || SYSTEM_TTL;
  if (defaultLeaseTtl > maxLeaseTtl) {
    io.err(`${msg.errorInitializingCore(msg.DEFAULT_LARGER_THAN_MAX)}\n`);
    return 1;
  }

  let listener: ResolvedListener;
  let clusterAddress = '';
  // Dev mode's listener allows sys/metrics without a token; a config file's telemetry stanza replaces dev mode's.
  let unauthenticatedMetricsAccess = dev;
  try {
    if (dev) {
      const address = flagValue<string>(flags, 'dev-listen-address') || '127.0.0.1:8200';
      listener = { ...splitHostPort(address), address };
      // Vault would serve the config files' listeners next to the dev one; only the dev one is served here.
      notes.push(...(config?.listeners ?? []).map((l) => `listener "${l.type}"${l.address ? ` (${l.address})` : ''}`));
    } else {
      const served = servedListener(config!);
      notes.push(...served.ignored);
      if (!served.listener) {
        io.err('vault-emu: no listener "tcp" is configured, so there is nothing to serve\n');
        return 1;
      }
      listener = resolveListener(served.listener);
      unauthenticatedMetricsAccess = served.listener.unauthenticatedMetricsAccess;
      clusterAddress = served.listener.clusterAddress;
    }
  } catch (err) {
    if (err instanceof ListenerError) {
      io.err(`${msg.ERROR_PARSING_LISTENER}\n${msg.errorInitializingListener('tcp', err.message)}\n`);
      return 1;
    }
    throw err;
  }
  for (const note of notes) io.err(`vault-emu: not emulated, accepted and ignored: ${note}\n`);

  const options: VaultEmuOptions = {
    dev,
    rootToken: dev ? rootTokenId || undefined : undefined,
    host: listener.host,
    port: listener.port,
    tls: listener.tls,
    defaultLeaseTtl,
    maxLeaseTtl,
    embeddedPostgres: embeddedPostgresFromEnv(env.VAULT_EMU_EMBEDDED_POSTGRES_HOSTS),
    disableUserLockout: env.VAULT_DISABLE_USER_LOCKOUT,
    userLockouts: config?.userLockouts,
    log: (line) => io.err(`${line}\n`),
    telemetry: {
      prometheusRetentionTime: config?.telemetry?.prometheusRetentionSeconds ?? (dev ? 24 * 3600 : 0),
      disableHostname: config?.telemetry?.disableHostname ?? dev,
      unauthenticatedMetricsAccess,
    },
  };
  const { startVaultEmu } = await import('../emulator.js');
  let emu: RunningVaultEmu;
  try {
    emu = await startVaultEmu(options);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).syscall === 'listen') {
      io.err(`${msg.ERROR_PARSING_LISTENER}\n${msg.errorInitializingListener('tcp', bindError(listener.address, err))}\n`);
      return 1;
    }
    throw err;
  }

  const bound = emu.url.replace(/^https?:\/\//, '');
  const { port } = splitHostPort(bound);
  const apiAddress = dev ? emu.url : env.VAULT_API_ADDR || env.VAULT_REDIRECT_ADDR || env.VAULT_ADVERTISE_ADDR || config?.apiAddr || '';
  io.out(
    configurationTable({
      apiAddress,
      clusterAddress: apiAddress ? clusterAddressFor(apiAddress) : undefined,
      envNames: Object.keys(env),
      listener: { address: bound, clusterAddress: clusterAddress || `${bound.slice(0, bound.lastIndexOf(':'))}:${port + 1}`, tls: !!listener.tls },
      logLevel,
      storage: storageType,
      version: `Vault v${emu.options.vaultVersion}, built ${emu.core.buildDate}`,
      versionSha: `vault-emu v${pkg.version}`,
    }),
  );
  if (dev) {
    const unsealKey = (emu as { unsealKeys?: string[] }).unsealKeys?.[0];
    io.out(devBlock(emu.url, emu.rootToken, unsealKey));
  }
  return { emu };
}

/** VAULT_EMU_EMBEDDED_POSTGRES_HOSTS: `none`, `all`, `non-loopback` (the default) or a comma list of hosts. */
function embeddedPostgresFromEnv(value: string | undefined): VaultEmuOptions['embeddedPostgres'] {
  const v = (value ?? '').trim();
  if (v === '' || v === 'non-loopback') return {};
  if (v === 'none') return false;
  if (v === 'all') return { hosts: 'all' };
  return { hosts: v.split(',').map((h) => h.trim()).filter((h) => h !== '') };
}
