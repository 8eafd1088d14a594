// sys endpoints Vault serves outside the logical router (http/sys_health.go, sys_seal.go,
// sys_leader.go, sys_init.go, sys_generate_root.go, sys_rekey.go): no envelope, own method rules.

import { parseGoBool } from '../../framework/field-types.js';
import type { VaultCore } from '../vault-core.js';
import { sealRawHandlers } from './raw-seal.js';

export interface RawInput {
  method: string;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  clientToken: string;
  now: number;
  /** The client's address, for tokens bound to CIDRs. */
  remoteAddress?: string;
}

export interface RawOutput {
  status: number;
  /** undefined → empty body. An array of errors is written as {"errors":[…]}. */
  body?: unknown;
}

export type RawHandler = (input: RawInput) => RawOutput | Promise<RawOutput>;

const methodNotAllowed: RawOutput = { status: 405, body: { errors: [] } };

/** strconv.ParseBool of a query value (anything but text is no bool). */
function queryBool(v: unknown): boolean | undefined {
  return typeof v === 'string' ? parseGoBool(v) : undefined;
}

/** GET/HEAD sys/health with its status-code query parameters. */
export function healthHandler(core: VaultCore): RawHandler {
  return ({ method, query, now }) => {
    if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed;
    const codes: Record<string, number> = {
      activecode: 200,
      standbycode: 429,
      drsecondarycode: 472,
      performancestandbycode: 473,
      sealedcode: 503,
      uninitcode: 501,
    };
    // http/sys_health.go: a present parameter must parse, even when empty (parseutil.ParseBool,
    // strconv.Atoi); any int64 code is used as given (Go panics on one outside 100-999 and drops the
    // connection, which the HTTP layer reproduces).
    for (const key of ['standbyok', 'perfstandbyok']) {
      const v = query[key];
      if (v !== undefined && queryBool(v) === undefined) return { status: 400, body: { errors: [] } };
    }
    for (const key of Object.keys(codes)) {
      const v = query[key];
      if (v === undefined) continue;
      if (typeof v !== 'string' || !/^[-+]?\d{1,18}$/.test(v)) return { status: 400, body: { errors: [] } };
      codes[key] = Number.parseInt(v, 10);
    }
    const { initialized, sealed } = core.seal;
    const status = !initialized ? codes.uninitcode! : sealed ? codes.sealedcode! : codes.activecode!;
    const body: Record<string, unknown> = {
      initialized,
      sealed,
      standby: sealed,
      performance_standby: false,
      replication_performance_mode: 'disabled',
      replication_dr_mode: 'disabled',
      server_time_utc: Math.floor(now / 1000),
      version: core.version,
      enterprise: false,
    };
    if (!sealed) {
      body.cluster_name = core.clusterName;
      body.cluster_id = core.clusterId;
    }
    body.echo_duration_ms = 0;
    body.clock_skew_ms = 0;
    body.replication_primary_canary_age_ms = 0;
    return { status, body: method === 'HEAD' ? undefined : body };
  };
}

/** GET sys/leader on a node without HA: the same answer sealed or not (vault/ha.go LeaderLocked
 *  reports ErrHANotEnabled before it looks at the seal). */
export function leaderHandler(_core: VaultCore): RawHandler {
  return ({ method }) => {
    if (method !== 'GET') return methodNotAllowed;
    return {
      status: 200,
      body: {
        ha_enabled: false,
        is_self: false,
        active_time: '0001-01-01T00:00:00Z',
        leader_address: '',
        leader_cluster_address: '',
        performance_standby: false,
        performance_standby_last_remote_wal: 0,
      },
    };
  };
}

/** The seal-status object, also returned by sys/unseal. */
export function sealStatusBody(core: VaultCore): Record<string, unknown> {
  const s = core.seal;
  const body: Record<string, unknown> = {
    type: 'shamir',
    initialized: s.initialized,
    sealed: s.sealed,
    t: s.threshold,
    n: s.shares,
    progress: s.progress,
    nonce: s.nonce,
    version: core.version,
    build_date: core.buildDate,
    migration: false,
  };
  if (!s.sealed) {
    body.cluster_name = core.clusterName;
    body.cluster_id = core.clusterId;
  }
  body.recovery_seal = false;
  body.storage_type = 'inmem';
  return body;
}

export function sealStatusHandler(core: VaultCore): RawHandler {
  return ({ method }) => (method === 'GET' ? { status: 200, body: sealStatusBody(core) } : methodNotAllowed);
}

/** Raw handlers by logical path. The seal flows (init, unseal, seal, generate-root, rekey) register here too. */
export function rawHandlers(core: VaultCore): Map<string, RawHandler> {
  return new Map<string, RawHandler>([
    ['sys/health', healthHandler(core)],
    ['sys/leader', leaderHandler(core)],
    ['sys/seal-status', sealStatusHandler(core)],
    ...sealRawHandlers(core, () => sealStatusBody(core)),
  ]);
}

