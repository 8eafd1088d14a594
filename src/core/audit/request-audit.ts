// Where the request pipeline meets the audit devices (vault/request_handling.go: the LogRequest and
// LogResponse calls in handleRequest, handleLoginRequest and handleCancelableRequest). The core keeps an
// AuditTrail per request only while a device is enabled, and calls in at three points: once the token
// and ACL checks pass (request entry), when a response comes back, and when the request fails.
import { createHash } from 'node:crypto';
import { multierror, VaultError, messages } from '../errors.js';
import type { MountEntry } from '../mounts.js';
import type { Operation, LogicalRequest, LogicalResponse } from '../request.js';
import type { TokenEntry } from '../token-store.js';
import { AuditWriteError, type AuditBroker } from './broker.js';
import type { AuditAuth, AuditEvent, AuditMount, AuditPolicyInfo, AuditRequest } from './entry.js';

export interface AuditTrail {
  req: LogicalRequest;
  /** pre: not yet audited (sealed, malformed); checking: token and ACL checks; logged: request entry written. */
  stage: 'pre' | 'checking' | 'logged';
  operation: Operation;
  mount?: MountEntry;
  mountPoint?: string;
  unauthenticated: boolean;
  token?: TokenEntry;
  /** Set once the ACL check passed (policy_results.allowed). */
  allowed: boolean;
}

export interface RequestAuditDeps {
  broker: AuditBroker;
  now(): number;
  /** `running_plugin_version` of a mount, as sys/mounts reports it. */
  runningVersion(entry: MountEntry): string;
  /** The token's policies that grant the operation (ACLResults.GrantingPolicies). */
  grantingPolicies(token: TokenEntry, path: string, operation: Operation): AuditPolicyInfo[];
}

const MULTIERROR = /^\d+ errors? occurred:\n/;
const WRITES: ReadonlySet<Operation> = new Set(['create', 'update']);

/** te.CreateClientID for a token without entity: SHA-256 of its sorted policies and namespace id. */
function clientIdOf(token: TokenEntry): string {
  if (token.entity_id) return token.entity_id;
  const input = [...token.policies].sort().map((p) => `\x7f${p}`).join('') + '\x00root';
  return createHash('sha256').update(input.slice(1)).digest('base64');
}

function issueTime(seconds: number): string | undefined {
  return seconds > 0 ? `${new Date(seconds * 1000).toISOString().slice(0, 19)}Z` : undefined;
}

export class RequestAudit {
  constructor(private readonly deps: RequestAuditDeps) {}

  get enabled(): boolean {
    return this.deps.broker.enabled;
  }

  begin(req: LogicalRequest): AuditTrail {
    return { req, stage: 'pre', operation: req.operation, unauthenticated: false, allowed: false };
  }

  /** The request entry once the token and ACL checks passed (Vault then routes the request). */
  async logRequest(trail: AuditTrail): Promise<void> {
    trail.allowed = true;
    trail.stage = 'logged';
    await this.write('request', trail);
  }

  async logResponse(trail: AuditTrail, response: LogicalResponse | undefined): Promise<void> {
    const r = response;
    const resp = r ? { auth: r.auth ? this.responseAuth(r.auth) : undefined, data: r.data ?? (r.rawBody as Record<string, unknown> | undefined), leaseId: r.leaseId, warnings: r.warnings } : undefined;
    await this.write('response', trail, resp);
  }

  /** A failed request: the request entry too if the checks failed, then the response entry; a device
   *  failure turns the error into Vault's 500. */
  async logFailure(trail: AuditTrail, err: unknown): Promise<void> {
    if (trail.stage === 'pre') return;
    const vaultErr = err instanceof VaultError ? err : undefined;
    const message = vaultErr?.errors[0] ?? messages.internalError;
    const status = vaultErr?.status ?? 500;
    if (trail.stage === 'checking') {
      // CheckToken's error: logged as is on the request; the response is ErrorResponse(err.Error()).
      await this.write('request', trail, undefined, message);
      const outer = MULTIERROR.test(message) ? message : multierror([status === 403 ? messages.permissionDenied : status >= 500 ? messages.internalError : 'invalid request']);
      await this.write('response', trail, status >= 500 ? undefined : { data: { error: message } }, outer);
      return;
    }
    if (MULTIERROR.test(message)) return this.write('response', trail, undefined, message);
    if (status === 404 && message.startsWith('no handler for route')) {
      return this.write('response', trail, { data: { error: message } }, multierror([messages.unsupportedPath]));
    }
    if (status >= 500) return this.write('response', trail, undefined, multierror([messages.internalError]));
    // A backend's ErrorResponse with no error beside it.
    await this.write('response', trail, { data: { error: message } });
  }

  private async write(type: 'request' | 'response', trail: AuditTrail, response?: AuditEvent['response'], error?: string): Promise<void> {
    const keys = trail.mount?.config;
    const event: AuditEvent = {
      type,
      time: this.deps.now(),
      auth: this.auth(trail),
      request: this.request(trail, type),
      response,
      error,
      nonHmacRequestKeys: keys?.audit_non_hmac_request_keys,
      nonHmacResponseKeys: keys?.audit_non_hmac_response_keys,
    };
    try {
      await this.deps.broker.log(event);
    } catch (err) {
      if (err instanceof AuditWriteError) throw new VaultError(500, [messages.internalError]);
      throw err;
    }
  }

  /** CheckToken's auth: none when the token was missing or invalid; the token's data otherwise. */
  private auth(trail: AuditTrail): AuditAuth | undefined {
    const t = trail.token;
    if (!t) {
      if (!trail.unauthenticated) return undefined;
      return { client_token: trail.req.clientToken, policy_results: { allowed: true }, token_type: 'default' };
    }
    let granting: AuditPolicyInfo[] | undefined;
    if (trail.allowed) {
      const policies = this.deps.grantingPolicies(t, trail.req.path, trail.operation);
      // audit.newAuth sizes the list and then appends, so as many empty entries lead it (Vault 1.17).
      granting = [...policies.map(() => ({ type: '' })), ...policies];
    }
    return {
      accessor: t.accessor,
      client_token: trail.req.clientToken,
      display_name: t.display_name,
      entity_id: t.entity_id,
      metadata: t.meta,
      policies: t.policies,
      policy_results: { allowed: trail.allowed, granting_policies: granting },
      remaining_uses: t.num_uses > 0 ? t.num_uses : undefined,
      token_policies: t.policies,
      token_issue_time: issueTime(t.creation_time),
      token_ttl: t.ttl,
      token_type: t.type,
    };
  }

  private request(trail: AuditTrail, type: 'request' | 'response'): AuditRequest {
    const { req, token: t, mount } = trail;
    const auditMount: AuditMount | undefined = mount && {
      point: trail.mountPoint ?? '',
      type: mount.type,
      accessor: mount.accessor,
      class: mount.path === 'sys/' && mount.table === 'mounts' ? '' : mount.table === 'auth' ? 'auth' : 'secret',
      runningVersion: this.deps.runningVersion(mount),
    };
    const headers: Record<string, string[]> = {};
    for (const name of ['correlation-id', 'x-correlation-id']) {
      const v = req.headers[name];
      if (v !== undefined) headers[name] = Array.isArray(v) ? v : [v];
    }
    return {
      clientId: t ? clientIdOf(t) : undefined,
      clientToken: t?.id ?? req.clientToken,
      clientTokenAccessor: t?.accessor ?? '',
      data: req.data,
      headers,
      id: req.id,
      mount: auditMount,
      // The router sets the mount accessor while routing: for writes already in the existence check,
      // which runs once the token is known; the response entry has it once the request was routed.
      routed: (WRITES.has(req.operation) && (!!t || trail.unauthenticated)) || (type === 'response' && trail.stage === 'logged'),
      operation: trail.operation,
      path: req.path,
      remoteAddress: req.remoteAddress,
      remotePort: req.remotePort,
      wrapTtl: req.wrapTtl,
    };
  }

  private responseAuth(a: NonNullable<LogicalResponse['auth']>): AuditAuth {
    return {
      accessor: a.accessor,
      client_token: a.client_token,
      entity_id: a.entity_id,
      metadata: a.metadata,
      num_uses: a.num_uses,
      policies: a.policies,
      token_policies: a.token_policies,
      token_ttl: a.lease_duration,
      token_type: a.token_type,
    };
  }
}
