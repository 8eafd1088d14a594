// Composition root: the only file that picks concrete implementations and wires them together.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { hostname } from 'node:os';
import { SystemClock, VirtualClock, wallClockNow, type Clock } from './core/clock.js';
import { PluginCatalog } from './core/plugins.js';
import { createRandom } from './core/random.js';
import { systemBackend } from './core/system/index.js';
import { tokenBackend } from './core/token/index.js';
import { rawHandlers } from './core/system/raw-handlers.js';
import { VaultCore } from './core/vault-core.js';
import { builtinPlugins } from './engines/registry.js';
import { BuiltinDatabasePlugins } from './backends/database/catalog.js';
import type { DatabaseInspection } from './backends/database/inspection.js';
import { buildApp, injectRequest } from './http/app.js';
import { resolveOptions, type ResolvedOptions, type VaultEmuOptions } from './options.js';
import pkg from '../package.json' with { type: 'json' };

/** Build date reported for the emulated release (Vault 1.17.6's). */
const BUILD_DATE = '2024-09-24T19:48:40Z';

export interface VaultEmu {
  /** The root token (dev mode); '' until sys/init runs on a non-dev server, then the init root token. */
  readonly rootToken: string;
  /** Base64 unseal key shares: the single dev-mode key, or those of the last sys/init or rekey; [] before. */
  readonly unsealKeys: string[];
  readonly clock: Clock;
  readonly options: Readonly<ResolvedOptions>;
  /** Sends a request without a socket (Fastify's inject). */
  inject(opts: InjectOptions | string): Promise<LightMyRequestResponse>;
  /** Starts listening; resolves with the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
  /** Internal core, for tests of this package. */
  readonly core: VaultCore;
  /** What the emulator's backends hold and did (also served at GET /_emu/state/<backend>). */
  readonly backends: {
    readonly database: DatabaseInspection;
    /** The embedded PostgreSQL: where applications connect (starting it if needed), and SQL as its superuser. */
    readonly embeddedPostgres: EmbeddedPostgresHandle | undefined;
  };
}

export interface RunningVaultEmu extends VaultEmu {
  readonly url: string;
}

export async function createVaultEmu(options: VaultEmuOptions = {}): Promise<VaultEmu> {
  const opts = resolveOptions(options);
  const clock: Clock = opts.clock === 'virtual' ? new VirtualClock(opts.clockStart ?? wallClockNow()) : new SystemClock();
  const random = createRandom(opts.seed);
  // Each emulator opens its own database connections, closed with it.
  const databasePlugins = new BuiltinDatabasePlugins(() => clock.now(), opts.embeddedPostgres);
  const core = new VaultCore({
    clock,
    random,
    catalog: new PluginCatalog([...builtinPlugins(opts.vaultVersion, { databasePlugins }), ...opts.plugins]),
    version: opts.vaultVersion,
    buildDate: BUILD_DATE,
    defaultLeaseTtl: opts.defaultLeaseTtl,
    maxLeaseTtl: opts.maxLeaseTtl,
    systemBackend,
    tokenBackend,
    telemetry: {
      prometheusRetentionMs: opts.telemetry.prometheusRetentionSeconds * 1000,
      hostname: opts.telemetry.disableHostname ? undefined : hostname(),
    },
    disableUserLockoutEnv: opts.disableUserLockoutEnv,
    userLockouts: opts.userLockouts,
  });
  core.leases.log = opts.log;
  let devRootToken: string | undefined;
  if (opts.dev) devRootToken = await initialiseDevServer(core, opts.rootToken);
  const { app, listener } = buildApp(core, rawHandlers(core), {
    isRootToken: (token) => {
      const entry = core.tokens.lookup(token, clock.now());
      return !!entry && core.tokens.isRoot(entry);
    },
    info: () => ({ name: 'vault-emu', version: pkg.version, vault_version: opts.vaultVersion, clock_mode: clock.mode }),
    clock,
    databaseState: () => ({ users: databasePlugins.inspection.users(), operations: databasePlugins.inspection.operations() }),
  }, opts.tls, { ui: opts.ui, unauthenticatedMetricsAccess: opts.telemetry.unauthenticatedMetricsAccess, directLane: opts.directLane });
  await app.ready();
  let listening = false;
  let url = '';
  return {
    get rootToken() {
      return devRootToken ?? core.seal.initRootToken;
    },
    get unsealKeys() {
      return [...core.seal.currentUnsealKeys];
    },
    clock,
    options: opts,
    core,
    backends: { database: databasePlugins.inspection, embeddedPostgres: embeddedHandle(databasePlugins) },
    inject: (o) => injectRequest(app, o),
    async listen() {
      if (!listening) {
        const addr = await listener.listen(opts.port, opts.host);
        listening = true;
        const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
        url = `${opts.tls ? 'https' : 'http'}://${host}:${addr.port}`;
      }
      return url;
    },
    async close() {
      core.leases.stop();
      core.stopEngines();
      clock.stop();
      if (listening) await listener.close();
      listening = false;
      await app.close();
      await databasePlugins.closeAll();
    },
  };
}

/** What `vault server -dev` does at start: init with one share, unseal with it, mount `secret/` as
 *  KV v2, and with `-dev-root-token-id` create a root token with that id through auth/token/create,
 *  then revoke the init root token through revoke-self (command/server.go enableDev). Returns the
 *  root token to hand out. */
async function initialiseDevServer(core: VaultCore, rootTokenId: string | undefined): Promise<string> {
  const now = core.clock.now();
  const init = core.seal.initialize({ shares: 1, threshold: 1 }, [], '', now);
  core.seal.submitUnsealKey(init.keys[0]!);
  core.mounts.add(core.newMountEntry({ table: 'mounts', path: 'secret/', type: 'kv', description: 'key/value secret storage', options: { version: '2' } }));
  core.refreshRoutes();
  if (!rootTokenId) return init.rootToken;
  const request = (path: string, data: Record<string, unknown>) =>
    core.handle({ id: 'dev-gen-root', operation: 'update', path, data, clientToken: init.rootToken, headers: {}, now: core.clock.now() });
  const created = await request('auth/token/create', { id: rootTokenId, policies: ['root'], no_parent: true, no_default_policy: true });
  await request('auth/token/revoke-self', {});
  return created.response!.auth!.client_token;
}

export interface EmbeddedPostgresHandle {
  /** The login front's address: connect there with issued credentials (boots the engine on first call). */
  address(): Promise<{ host: string; port: number }>;
  /** A query as the superuser, for inspection (pg_roles, grants…). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

function embeddedHandle(plugins: BuiltinDatabasePlugins): EmbeddedPostgresHandle | undefined {
  const server = plugins.embeddedPostgres();
  if (!server) return undefined;
  return {
    async address() {
      const front = await server.front();
      return { host: front.host, port: front.port };
    },
    async query<T>(sql: string, params?: unknown[]) {
      await server.front();
      return server.embedded.query(sql, params) as Promise<T[]>;
    },
  };
}

export async function startVaultEmu(options: VaultEmuOptions = {}): Promise<RunningVaultEmu> {
  const emu = await createVaultEmu(options);
  const url = await emu.listen();
  return Object.assign(emu, { url }) as RunningVaultEmu;
}
