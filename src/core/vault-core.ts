// The request pipeline and the state it runs on. Knows no engine by name: engines come from the
// PluginCatalog, the system backend from ./system.
import type { Engine } from '../framework/engine.js';
import type { EngineRequest } from '../framework/path.js';
import type { Clock } from './clock.js';
import { errorResponse, errors, VaultError } from './errors.js';
import { LeaseManager } from './lease/lease-manager.js';
import { passwordFromPolicy } from './system/path-password-policies.js';
import { leaseRouting, registerLease } from './lease/core-wiring.js';
import { handleLogin } from './login.js';
import { UserLockout, type UserLockoutConfig } from './login-lockout.js';
import { registerCoreGauges } from './metrics/core-gauges.js';
import { VaultMetrics, type MetricKey } from './metrics/metrics.js';
import { RequestMetrics, type RequestTiming } from './metrics/request-metrics.js';
import { MountTables, routePath, storagePrefix, type MountEntry } from './mounts.js';
import type { PluginCatalog } from './plugins.js';
import type { AclRequest } from './policy/acl.js';
import { AuditBroker } from './audit/broker.js';
import { RequestAudit, type AuditTrail } from './audit/request-audit.js';
import { addressAllowed } from './token/bound-cidrs.js';
import { aclFor, authorizeRequest, hasSudo, isRootPath } from './policy/authorize.js';
import { PolicyStore } from './policy/store.js';
import type { Random } from './random.js';
import type { LogicalRequest, LogicalResponse, Operation } from './request.js';
import { SealState } from './seal/seal-state.js';
import { InMemoryStorage, StorageView } from './storage.js';
import { nullTokenParameter } from './token/index.js';
import { tokenMessages } from './token/messages.js';
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
  /** Builds the token store's auth/token/ endpoints, likewise part of the core rather than a plugin. */
  tokenBackend: (core: VaultCore) => Engine;
  /** Telemetry as `vault server -dev` sets it up (Prometheus kept 24h, no host name) unless given. */
  telemetry?: { prometheusRetentionMs: number; hostname?: string };
  /** VAULT_DISABLE_USER_LOCKOUT's text, when set. */
  disableUserLockoutEnv?: string;
  /** The server config's user_lockout stanzas. */
  userLockouts?: UserLockoutConfig[];
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
  /** The mount's storage view, made once per routing table rather than per request. */
  storage: StorageView;
  /** `vault.route.<operation>.<mount>` keys, made on first use. */
  metricKeys: Partial<Record<Operation, MetricKey>>;
}

/** What a request used up or measured, read when it ends. */
interface RequestTrace {
  token?: TokenEntry;
  timing?: RequestTiming;
}

const WRITE_OPS: ReadonlySet<Operation> = new Set(['create', 'update', 'patch']);

export class VaultCore {
  readonly storage = new InMemoryStorage();
  readonly mounts = new MountTables(this.storage);
  readonly tokens: TokenStore;
  readonly policies = new PolicyStore(this.storage);
  /** Failed-login counts and locked users of auth methods (sys/locked-users). */
  readonly userLockout: UserLockout;
  readonly seal: SealState;
  readonly leases: LeaseManager;
  readonly auditDevices: AuditBroker;
  private readonly audit: RequestAudit;
  readonly clock: Clock;
  readonly random: Random;
  readonly catalog: PluginCatalog;
  readonly version: string;
  readonly buildDate: string;
  readonly defaultLeaseTtl: number;
  readonly maxLeaseTtl: number;
  readonly clusterName: string;
  readonly clusterId: string;
  readonly metrics: VaultMetrics;
  private readonly requestMetrics: RequestMetrics;
  private readonly engines = new Map<string, Engine>();
  private routes: Route[] = [];
  private readonly systemEngine: Engine;
  private readonly tokenEngine: Engine;

  constructor(opts: CoreOptions) {
    this.userLockout = new UserLockout(this.storage, opts.disableUserLockoutEnv, opts.userLockouts);
    this.clock = opts.clock;
    this.random = opts.random;
    this.catalog = opts.catalog;
    this.version = opts.version;
    this.buildDate = opts.buildDate;
    this.defaultLeaseTtl = opts.defaultLeaseTtl;
    this.maxLeaseTtl = opts.maxLeaseTtl;
    this.tokens = new TokenStore(this.storage, this.random);
    this.tokens.onRevoke((entry) => this.tokenRevoked(entry));
    this.leases = new LeaseManager(this.storage, this.clock, this.random, leaseRouting(this));
    this.tokens.watchLeases({
      saved: (lease) => this.leases.tokenLeaseSaved(lease),
      issued: (lease) => this.leases.tokenLeaseIssued(lease),
      deleted: (leaseId) => this.leases.tokenLeaseDeleted(leaseId),
    });
    this.seal = new SealState(this);
    this.auditDevices = new AuditBroker(this.storage, this.random, this.clock);
    this.audit = new RequestAudit({
      broker: this.auditDevices,
      now: () => this.clock.now(),
      runningVersion: (entry) => this.catalog.get(entry.table === 'auth' ? 'auth' : 'secret', entry.type)?.runningVersion ?? `v${this.version}+builtin.vault`,
      grantingPolicies: (token, path, operation) => grantingPolicies(this, token, path, operation),
    });
    this.clusterName = `vault-cluster-${this.random.hex(4)}`;
    this.clusterId = this.random.uuid();
    const telemetry = opts.telemetry ?? { prometheusRetentionMs: 24 * 3600 * 1000 };
    this.metrics = new VaultMetrics({ clock: this.clock, serviceName: 'vault', ...telemetry });
    this.requestMetrics = new RequestMetrics(this.metrics);
    registerCoreGauges(this);
    this.systemEngine = opts.systemBackend(this);
    this.tokenEngine = opts.tokenBackend(this);
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
    this.policies.setupBuiltins();
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
        return { prefix: routePath(entry), entry, storage: new StorageView(this.storage, storagePrefix(entry)), metricKeys: {} };
      })
      .sort((a, b) => b.prefix.length - a.prefix.length);
    for (const uuid of [...this.engines.keys()]) if (!live.has(uuid)) this.invalidateEngine(uuid);
    this.auditDevices.reconcile();
  }

  /** Lets every mount whose plugin keeps per-token data drop the revoked token's share, and expires
   *  the token's leases (revoked by their timers, as RevokeByToken does). */
  private tokenRevoked(entry: TokenEntry): void {
    this.leases.revokeByToken(entry.id, this.clock.now());
    for (const mount of this.mounts.all()) {
      const plugin = this.catalog.get(mount.table === 'auth' ? 'auth' : 'secret', mount.type);
      plugin?.onTokenRevoked?.(new StorageView(this.storage, storagePrefix(mount)), entry.id);
    }
  }

  /** Drops a cached engine so the next request builds it from the (changed) mount entry. */
  invalidateEngine(uuid: string): void {
    // Timers an engine set (static-role rotations) go with it (Vault's Backend.Clean on unmount).
    this.engines.get(uuid)?.cleanup?.();
    this.engines.delete(uuid);
  }

  /** The emulator is closing: every engine stops its timers. */
  stopEngines(): void {
    for (const uuid of [...this.engines.keys()]) this.invalidateEngine(uuid);
  }

  /** Longest-prefix match; retried with a trailing slash so `secret` reaches `secret/`. */
  route(path: string): Route | undefined {
    const find = (p: string) => this.routes.find((r) => p.startsWith(r.prefix));
    return find(path) ?? (path.endsWith('/') ? undefined : find(`${path}/`));
  }

  engineFor(entry: MountEntry): Engine {
    if (entry.type === 'system') return this.systemEngine;
    if (entry.type === 'token' && entry.table === 'auth') return this.tokenEngine;
    let engine = this.engines.get(entry.uuid);
    if (!engine) {
      const plugin = this.catalog.get(entry.table === 'auth' ? 'auth' : 'secret', entry.type);
      if (!plugin) throw errors.internal();
      engine = plugin.create({
        mount: entry,
        clock: this.clock,
        random: this.random,
        storage: new StorageView(this.storage, storagePrefix(entry)),
        passwordFromPolicy: (name) => passwordFromPolicy(this, name),
      });
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

  /** vault/token_store.go UseToken; a token revoked meanwhile is an invalid token. */
  private useToken(token: TokenEntry): TokenEntry {
    const used = this.tokens.useToken(token);
    if (!used) throw errors.invalidToken();
    return used;
  }

  /**
   * Resolves a client token, applying Vault's 403 rules; an expired token is gone (judged at `now`). A
   * token with bound CIDRs (and a TTL) is refused from any other client address.
   */
  authenticate(clientToken: string, now: number = this.clock.now(), remoteAddress?: string): TokenEntry {
    if (!clientToken) throw errors.missingToken();
    // The entry comes back frozen (read-only lookup: no copy per request); useToken works on a fresh copy.
    const entry = this.tokens.lookup(clientToken, now, { readOnly: true });
    if (!entry) throw errors.invalidToken();
    if (entry.bound_cidrs !== undefined && entry.bound_cidrs.length > 0 && entry.ttl !== 0 && !addressAllowed(remoteAddress, entry.bound_cidrs)) throw errors.permissionDenied();
    return entry;
  }

  /** The ACL check of a request (403 unless the token's policies allow it; sudo on root paths). */
  authorize(token: TokenEntry, req: AclRequest, rootPath = false): void {
    authorizeRequest(aclFor(this.policies, token.policies), req, rootPath);
  }

  /** The token's capabilities on a path, as sys/capabilities answers them (`["root"]` for root). */
  capabilitiesOf(token: TokenEntry, path: string): string[] {
    return aclFor(this.policies, token.policies).capabilities(path);
  }

  /** Whether a policy of that name exists (`root` always does); names are matched case-insensitively. */
  policyExists(name: string): boolean {
    return this.policies.get(name) !== undefined;
  }

  /** Vault's SudoPrivilege: root, or sudo in the rule deciding `path` (full path, e.g. `auth/token/create`). */
  hasSudo(token: TokenEntry, path: string): boolean {
    return hasSudo(aclFor(this.policies, token.policies), path);
  }

  async handle(req: LogicalRequest): Promise<HandledRequest> {
    const spent: RequestTrace = {};
    // The front door reads the clock for `req.now` just before this call: it is the request's start.
    const start = req.now;
    // Audit entries are built only while a device is enabled (no allocation otherwise), and for
    // sys/audit/ requests, whose response goes to the device they enable.
    const trail = this.audit.enabled || req.path.startsWith('sys/audit/') ? this.audit.begin(req) : undefined;
    try {
      const handled = await this.handleRequest(req, spent, start, trail);
      if (trail) await this.audit.logResponse(trail, handled.response);
      return handled;
    } catch (err) {
      if (trail) await this.audit.logFailure(trail, err);
      throw err;
    } finally {
      // A limited-use token's last use runs to the end, then the token goes (request_handling.go).
      if (spent.token && this.tokens.isLastUse(spent.token)) this.tokens.revokeTree(spent.token.id);
      if (spent.timing) this.requestMetrics.finish(spent.timing, start, this.clock.now());
    }
  }

  private async handleRequest(req: LogicalRequest, spent: RequestTrace, start: number, trail?: AuditTrail): Promise<HandledRequest> {
    if (this.seal.sealed) throw errors.sealed();
    if (WRITE_OPS.has(req.operation) && req.path.endsWith('/')) throw errorResponse("cannot write to a path ending in '/'");

    const route = this.route(req.path);
    const engine = route ? this.engineFor(route.entry) : undefined;
    const relPath = route ? req.path.slice(Math.min(route.prefix.length, req.path.length)) : '';
    const unauthenticated = !!engine && isUnauthenticated(engine, relPath);
    if (trail) Object.assign(trail, { stage: 'checking', mount: route?.entry, mountPoint: route?.prefix, unauthenticated });
    const timing: RequestTiming = (spent.timing = { login: unauthenticated });

    const nullToken = nullTokenParameter(req.path, req.data);
    if (nullToken) throw errorResponse(nullToken, 403);
    let token: TokenEntry | undefined;
    if (!unauthenticated) {
      // The request started a moment ago: its start stands for the token check's.
      timing.checkStart = start;
      token = this.authenticate(req.clientToken, req.now, req.remoteAddress);
    }
    // One use is spent as soon as the token is known, even if the ACL then denies the request.
    if (token) token = spent.token = this.useToken(token);
    if (trail) trail.token = token;
    if (!route || !engine) {
      // ACL before routing: only a token allowed on the path learns that nothing is mounted there.
      if (token) this.authorize(token, { path: req.path, operation: req.operation, data: req.data, wrapTtl: req.wrapTtl });
      if (trail) await this.audit.logRequest(trail);
      throw errors.noHandler(req.path);
    }

    const entry = route.entry;
    const ttls = this.effectiveTtls(entry);
    // Every field written out, not copied with a spread or Object.assign: several times cheaper per request
    // in Node 20. `satisfies` keeps the list complete: a field added to LogicalRequest must be added here.
    const engineReq: EngineRequest = {
      id: req.id,
      operation: req.operation,
      path: req.path,
      data: req.data,
      headers: req.headers,
      now: req.now,
      remoteAddress: req.remoteAddress,
      remotePort: req.remotePort,
      wrapTtl: req.wrapTtl,
      displayName: token?.display_name ?? '',
      relPath,
      mountPoint: route.prefix,
      mountType: entry.type,
      mountAccessor: entry.accessor,
      // Engines see the token's stored id; the token store also needs the string as sent.
      clientToken: token?.id ?? req.clientToken,
      inboundToken: req.clientToken,
      storage: route.storage,
      defaultLeaseTtl: ttls.defaultLeaseTtl,
      maxLeaseTtl: ttls.maxLeaseTtl,
      options: entry.options,
    } satisfies { [K in keyof Required<EngineRequest>]: unknown };
    if (req.operation === 'update' || req.operation === 'create') {
      engineReq.operation = await engine.resolveWrite(engineReq);
    }
    if (trail) trail.operation = engineReq.operation;
    if (token) {
      const aclReq = { path: req.path, operation: engineReq.operation, data: req.data, wrapTtl: req.wrapTtl };
      this.authorize(token, aclReq, isRootPath(engine.rootPaths, relPath));
      timing.checkEnd = this.clock.now();
    }
    if (trail) await this.audit.logRequest(trail);

    timing.routeKey = this.requestMetrics.routeKey(route.metricKeys, engineReq.operation, route.prefix);
    timing.routeStart = timing.checkEnd ?? this.clock.now();
    // Login paths: user lockout around the handler, and the method's Auth made into a token.
    let response = unauthenticated ? await handleLogin(this, entry, engine, engineReq) : await engine.handle(engineReq);
    if (response?.secret) response = registerLease(this, req, response, token);
    if (spent.token && this.tokens.isLastUse(spent.token) && response?.leaseId) throw errorResponse(tokenMessages.leasedOnLastUse);
    return { response, mountType: unauthenticated ? '' : entry.type, operation: engineReq.operation };
  }
}

/** ACLResults.GrantingPolicies: root's own entry, or each of the token's policies that allows the operation alone. */
function grantingPolicies(core: VaultCore, token: TokenEntry, path: string, operation: Operation) {
  const info = (name: string) => ({ name, namespace_id: 'root', type: 'acl' });
  if (token.policies.includes('root')) return [info('root')];
  return token.policies.filter((p) => core.policyExists(p) && aclFor(core.policies, [p]).allowOperation({ path, operation }).allowed).map(info);
}

function isUnauthenticated(engine: Engine, relPath: string): boolean {
  return (engine.unauthenticatedPaths ?? []).some((p) => (p.endsWith('*') ? relPath.startsWith(p.slice(0, -1)) : relPath === p));
}

export { VaultError };
