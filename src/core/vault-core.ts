// The request pipeline and the state it runs on. Knows no engine by name: engines come from the
// PluginCatalog, the system backend from ./system.
import type { Engine } from '../framework/engine.js';
import type { EngineRequest } from '../framework/path.js';
import type { Clock } from './clock.js';
import { errorResponse, errors, VaultError } from './errors.js';
import { MountTables, routePath, storagePrefix, type MountEntry } from './mounts.js';
import type { PluginCatalog } from './plugins.js';
import type { Random } from './random.js';
import type { LogicalRequest, LogicalResponse, Operation } from './request.js';
import { SealState } from './seal/seal-state.js';
import { InMemoryStorage, StorageView } from './storage.js';
import { TokenStore, type TokenEntry } from './token-store.js';

export interface CoreOptions {
  clock: Clock;
  random: Random;
  catalog: PluginCatalog;
  /** Vault version reported by health, seal-status and plugin versions, e.g. `1.17.6`. */
  version: string;
  /** Build date reported by seal-status (RFC 3339). */
  buildDate: string;
  /** System default and maximum lease TTL in seconds (768h unless a config file says otherwise). */
  defaultLeaseTtl: number;
  maxLeaseTtl: number;
  /** Builds the system backend; injected to keep this file free of sys/ path declarations. */
  systemBackend: (core: VaultCore) => Engine;
}

export interface HandledRequest {
  response: LogicalResponse | undefined;
  /** The `mount_type` for the envelope ('' for unauthenticated paths and unrouted errors). */
  mountType: string;
  operation: Operation;
}

interface Route {
  prefix: string;
  entry: MountEntry;
}

const WRITE_OPS: ReadonlySet<Operation> = new Set(['create', 'update', 'patch']);

export class VaultCore {
  readonly storage = new InMemoryStorage();
  readonly mounts = new MountTables(this.storage);
  readonly tokens: TokenStore;
  readonly seal: SealState;
  readonly clock: Clock;
  readonly random: Random;
  readonly catalog: PluginCatalog;
  readonly version: string;
  readonly buildDate: string;
  readonly defaultLeaseTtl: number;
  readonly maxLeaseTtl: number;
  readonly clusterName: string;
  readonly clusterId: string;
  private readonly engines = new Map<string, Engine>();
  private routes: Route[] = [];
  private readonly systemEngine: Engine;

  constructor(opts: CoreOptions) {
    this.clock = opts.clock;
    this.random = opts.random;
    this.catalog = opts.catalog;
    this.version = opts.version;
    this.buildDate = opts.buildDate;
    this.defaultLeaseTtl = opts.defaultLeaseTtl;
    this.maxLeaseTtl = opts.maxLeaseTtl;
    this.tokens = new TokenStore(this.storage, this.random);
    this.tokens.onRevoke((entry) => this.tokenRevoked(entry));
    this.seal = new SealState(this);
    this.clusterName = `vault-cluster-${this.random.hex(4)}`;
    this.clusterId = this.random.uuid();
    this.systemEngine = opts.systemBackend(this);
  }

  /** Builds a mount entry with a fresh accessor and uuid. */
  newMountEntry(fields: Partial<MountEntry> & Pick<MountEntry, 'table' | 'path' | 'type'>): MountEntry {
    const accessor = fields.table === 'auth' ? `auth_${fields.type}_${this.random.hex(4)}` : `${fields.type}_${this.random.hex(4)}`;
    return {
      description: '',
      accessor,
      uuid: this.random.uuid(),
      config: { default_lease_ttl: 0, max_lease_ttl: 0, force_no_cache: false },
      options: null,
      local: false,
      seal_wrap: false,
      external_entropy_access: false,
      plugin_version: '',
      ...fields,
    };
  }

  /** The mounts every initialised Vault has (vault/mount.go requiredMounts, auth.go token). */
  setupRequiredMounts(): void {
    const add = (e: MountEntry) => this.mounts.add(e);
    add(this.newMountEntry({ table: 'mounts', path: 'cubbyhole/', type: 'cubbyhole', description: 'per-token private secret storage', local: true }));
    add(
      this.newMountEntry({
        table: 'mounts',
        path: 'identity/',
        type: 'identity',
        description: 'identity store',
        config: { default_lease_ttl: 0, max_lease_ttl: 0, force_no_cache: false, passthrough_request_headers: ['Authorization'] },
      }),
    );
    add(
      this.newMountEntry({
        table: 'mounts',
        path: 'sys/',
        type: 'system',
        description: 'system endpoints used for control, policy and debugging',
        seal_wrap: true,
        config: { default_lease_ttl: 0, max_lease_ttl: 0, force_no_cache: false, passthrough_request_headers: ['Accept'] },
      }),
    );
    add(
      this.newMountEntry({
        table: 'auth',
        path: 'token/',
        type: 'token',
        description: 'token based credentials',
        config: { default_lease_ttl: 0, max_lease_ttl: 0, force_no_cache: false, token_type: 'default-service' },
      }),
    );
    this.refreshRoutes();
  }

  /** Rebuilds the routing table; call after any mount table change or storage restore. */
  refreshRoutes(): void {
    const live = new Set<string>();
    this.routes = this.mounts
      .all()
      .map((entry) => {
        live.add(entry.uuid);
        return { prefix: routePath(entry), entry };
      })
      .sort((a, b) => b.prefix.length - a.prefix.length);
    for (const uuid of [...this.engines.keys()]) if (!live.has(uuid)) this.engines.delete(uuid);
  }

  /** Lets every mount whose plugin keeps per-token data drop the revoked token's share. */
  private tokenRevoked(entry: TokenEntry): void {
    for (const mount of this.mounts.all()) {
      const plugin = this.catalog.get(mount.table === 'auth' ? 'auth' : 'secret', mount.type);
      plugin?.onTokenRevoked?.(new StorageView(this.storage, storagePrefix(mount)), entry.id);
    }
  }

  /** Drops a cached engine so the next request builds it from the (changed) mount entry. */
  invalidateEngine(uuid: string): void {
    this.engines.delete(uuid);
  }

  /** Longest-prefix match; retried with a trailing slash so `secret` reaches `secret/`. */
  route(path: string): Route | undefined {
    const find = (p: string) => this.routes.find((r) => p.startsWith(r.prefix));
    return find(path) ?? (path.endsWith('/') ? undefined : find(`${path}/`));
  }

  engineFor(entry: MountEntry): Engine {
    if (entry.type === 'system') return this.systemEngine;
    let engine = this.engines.get(entry.uuid);
    if (!engine) {
      const plugin = this.catalog.get(entry.table === 'auth' ? 'auth' : 'secret', entry.type);
      if (!plugin) throw errors.internal();
      engine = plugin.create({ mount: entry, clock: this.clock, random: this.random });
      this.engines.set(entry.uuid, engine);
    }
    return engine;
  }

  /** Effective TTLs of a mount: its tuned values, or the system's. */
  effectiveTtls(entry: MountEntry): { defaultLeaseTtl: number; maxLeaseTtl: number } {
    return {
      defaultLeaseTtl: entry.config.default_lease_ttl || this.defaultLeaseTtl,
      maxLeaseTtl: entry.config.max_lease_ttl || this.maxLeaseTtl,
    };
  }

  /** Resolves a client token, applying Vault's 403 rules. */
  authenticate(clientToken: string): TokenEntry {
    if (!clientToken) throw errors.missingToken();
    const entry = this.tokens.lookup(clientToken);
    if (!entry) throw errors.invalidToken();
    return entry;
  }

  /** Authorisation hook: root passes; policy evaluation arrives with the ACL (issue #3). */
  authorize(token: TokenEntry, _path: string, _operation: Operation): void {
    if (this.tokens.isRoot(token)) return;
    throw errors.permissionDenied();
  }

  async handle(req: LogicalRequest): Promise<HandledRequest> {
    if (this.seal.sealed) throw errors.sealed();
    if (WRITE_OPS.has(req.operation) && req.path.endsWith('/')) throw errorResponse("cannot write to a path ending in '/'");

    const route = this.route(req.path);
    const engine = route ? this.engineFor(route.entry) : undefined;
    const relPath = route ? req.path.slice(Math.min(route.prefix.length, req.path.length)) : '';
    const unauthenticated = !!engine && isUnauthenticated(engine, relPath);

    let token: TokenEntry | undefined;
    if (!unauthenticated) token = this.authenticate(req.clientToken);
    if (!route || !engine) {
      if (token && this.tokens.isRoot(token)) throw errors.noHandler(req.path);
      throw errors.permissionDenied();
    }

    const entry = route.entry;
    const ttls = this.effectiveTtls(entry);
    const engineReq: EngineRequest = {
      ...req,
      relPath,
      mountPoint: route.prefix,
      mountType: entry.type,
      mountAccessor: entry.accessor,
      storage: new StorageView(this.storage, storagePrefix(entry)),
      defaultLeaseTtl: ttls.defaultLeaseTtl,
      maxLeaseTtl: ttls.maxLeaseTtl,
      options: entry.options,
    };
    if (req.operation === 'update' || req.operation === 'create') {
      engineReq.operation = await engine.resolveWrite(engineReq);
    }
    if (token) this.authorize(token, req.path, engineReq.operation);

    const response = await engine.handle(engineReq);
    return { response, mountType: unauthenticated ? '' : entry.type, operation: engineReq.operation };
  }
}

function isUnauthenticated(engine: Engine, relPath: string): boolean {
  return (engine.unauthenticatedPaths ?? []).some((p) => (p.endsWith('*') ? relPath.startsWith(p.slice(0, -1)) : relPath === p));
}

export { VaultError };
