// An engine is a value: its paths and metadata (Vault's framework.Backend), checked when it is defined.
import { codedError, errorResponse, errors } from '../core/errors.js';
import type { LogicalResponse, Operation } from '../core/request.js';
import { FieldData } from './field-data.js';
import type { EngineRequest, HandlerResult, PathSpec } from './path.js';
import type { SecretCall, SecretTypeSpec } from './secret-type.js';

interface CompiledPath {
  spec: PathSpec;
  regex: RegExp;
  /** Literal text every match starts with: paths without it skip the regex. */
  prefix: string;
}

/** The literal text every match of a pattern starts with ('' when that is not plain to see). */
export function literalPrefix(pattern: string): string {
  if (pattern.includes('|')) return '';
  let end = 0;
  while (end < pattern.length && !'\\^$.|?*+()[]{}'.includes(pattern[end]!)) end++;
  // `?`, `*` or `{` after the last literal character may make it optional.
  if (end > 0 && end < pattern.length && '?*{'.includes(pattern[end]!)) end--;
  return pattern.slice(0, end);
}

export interface Engine {
  readonly paths: readonly PathSpec[];
  /** Paths reachable without a token (relative to the mount), e.g. `login`. */
  readonly unauthenticatedPaths?: readonly string[];
  /** Paths that need sudo (relative to the mount); a trailing `*` is a prefix. */
  readonly rootPaths?: readonly string[];
  handle(req: EngineRequest): Promise<LogicalResponse | undefined>;
  /** create vs update for a write, using the matched path's existence check. Field errors surface here (400). */
  resolveWrite(req: EngineRequest): Promise<'create' | 'update'>;
  /** A lease's renewal routed back to its secret type (handleRevokeRenew); the response carries the new TTLs. */
  renewSecret(req: EngineRequest, secretType: string, call: SecretCall): Promise<LogicalResponse | undefined>;
  /** A lease's revocation routed back to its secret type; throws when the engine could not revoke. */
  revokeSecret(req: EngineRequest, secretType: string, call: SecretCall): Promise<void>;
  /** Stops what the engine runs on its own (timers); called when the mount goes or the engine is rebuilt. */
  cleanup?(): void;
  /** Auth methods: the entity alias a login request names, before it runs (AliasLookaheadOperation); '' if none. */
  readonly aliasLookahead?: (req: EngineRequest) => string;
  /** Auth methods: the TTLs a login token gets on renewal (Backend.AuthRenew); throws to refuse. */
  readonly renewAuth?: (req: EngineRequest, auth: AuthRenewal) => AuthRenewal;
}

/** The Auth of a renewal: what the method decides (seconds) and the internal data it issued the token with. */
export interface AuthRenewal {
  ttl: number;
  maxTtl: number;
  period: number;
  internal: Record<string, unknown>;
}

export interface EngineSpec {
  paths: PathSpec[];
  /** Stops what the engine runs on its own (Vault's Backend.Clean). */
  cleanup?: () => void;
  /** The lease types this engine's secrets are issued as. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  secretTypes?: SecretTypeSpec<any>[];
  unauthenticatedPaths?: string[];
  rootPaths?: string[];
  aliasLookahead?: (req: EngineRequest) => string;
  renewAuth?: (req: EngineRequest, auth: AuthRenewal) => AuthRenewal;
}

export function defineEngine(spec: EngineSpec): Engine {
  const compiled: CompiledPath[] = spec.paths.map((p) => {
    if (!p.pattern && p.pattern !== '') throw new Error('path with a blank pattern');
    if (p.operations.create && !p.existenceCheck) {
      throw new Error(`path ${p.pattern} declares create without an existence check`);
    }
    return { spec: p, regex: new RegExp(`^${p.pattern}$`), prefix: literalPrefix(p.pattern) };
  });

  function match(relPath: string): { path: CompiledPath; captures: Record<string, string> } | undefined {
    for (const path of compiled) {
      if (!relPath.startsWith(path.prefix)) continue;
      const m = path.regex.exec(relPath);
      if (!m) continue;
      // As Go's regexp does for Vault, a named group that took no part in the match captures "".
      const captures: Record<string, string> = m.groups ?? {};
      for (const k in captures) captures[k] ??= '';
      return { path, captures };
    }
    return undefined;
  }

  /** Request data merged with URL captures (captures win); reports replaced keys. */
  function fieldData(path: CompiledPath, req: EngineRequest, captures: Record<string, string>) {
    const raw = copyData(req.data);
    const replaced: string[] = [];
    for (const k in captures) {
      // sdk/framework/backend.go: any body value for a captured name is replaced, and reported.
      if (raw[k] !== undefined && raw[k] !== null) replaced.push(k);
      raw[k] = captures[k];
    }
    const data = new FieldData(raw, path.spec.fields ?? {});
    const invalid = data.validate();
    if (invalid) throw errorResponse(`Field validation failed: ${invalid}`);
    return { data, replaced };
  }

  const secretTypes = new Map((spec.secretTypes ?? []).map((t) => [t.type, t]));
  /** handleRevokeRenew: an unknown or missing secret_type is "secret is unsupported by this backend". */
  function secretTypeOf(type: string): SecretTypeSpec {
    const found = secretTypes.get(type);
    if (!found) throw codedError(500, 'secret is unsupported by this backend');
    return found;
  }

  return {
    paths: spec.paths,
    unauthenticatedPaths: spec.unauthenticatedPaths,
    rootPaths: spec.rootPaths,
    cleanup: spec.cleanup,
    aliasLookahead: spec.aliasLookahead,
    renewAuth: spec.renewAuth,

    async renewSecret(req, type, call) {
      const secretType = secretTypeOf(type);
      if (!secretType.renew) throw errors.unsupportedOperation();
      const renewal = await secretType.renew(req, call);
      return {
        // A renewal answers with the secret only (LeaseExtend): the lease's data is null from then on.
        data: renewal.data ?? null,
        secret: { type, ttl: renewal.ttl, maxTtl: renewal.maxTtl, renewable: true, internal: call.internal },
        warnings: renewal.warnings,
      };
    },

    async revokeSecret(req, type, call) {
      await secretTypeOf(type).revoke(req, call);
    },

    async resolveWrite(req) {
      const found = match(req.relPath);
      if (!found || !found.path.spec.existenceCheck) return 'update';
      const { data } = fieldData(found.path, req, found.captures);
      return (await found.path.spec.existenceCheck(req, data)) ? 'update' : 'create';
    },

    // Not async: most handlers answer synchronously, and an async wrapper would cost a turn of the
    // microtask queue per request. Errors still come back as a rejected promise.
    handle(req) {
      try {
        const found = match(req.relPath);
        if (!found) throw errors.unsupportedPath();
        const { path, captures } = found;
        if (req.operation === 'help') return Promise.resolve(helpResponse(req.relPath, path.spec));
        let op: Operation = req.operation;
        // A path without a create handler serves creates with its update handler (Vault's framework does the same).
        if (op === 'create' && !path.spec.operations.create) op = 'update';
        const handler = path.spec.operations[op as Exclude<Operation, 'help'>];
        if (!handler) throw errors.unsupportedOperation();
        const { data, replaced } = fieldData(path, req, captures);
        const result = handler(req, data);
        const finish = (response: HandlerResult) => withFrameworkWarnings(path.spec, req, replaced, response ?? undefined);
        if (result && typeof (result as PromiseLike<HandlerResult>).then === 'function') return Promise.resolve(result).then(finish);
        return Promise.resolve(finish(result as HandlerResult));
      } catch (err) {
        return Promise.reject(err);
      }
    },
  };
}

/** The warnings Vault's framework adds to a handler's response (ignored and replaced parameters). */
function withFrameworkWarnings(spec: PathSpec, req: EngineRequest, replaced: string[], response: LogicalResponse | undefined): LogicalResponse | undefined {
  if (!response) return undefined;
  // A forced-status response was serialised inside the plugin (logical.RespondWithStatusCode);
  // warnings the framework adds afterwards never reach its body.
  if (response.statusCode !== undefined) return response;
  const ignored = spec.takesArbitraryInput ? [] : unrecognized(req.data, spec.fields ?? {});
  if (ignored.length === 0 && replaced.length === 0) return response;
  const warnings = [...(response.warnings ?? [])];
  if (ignored.length > 0) warnings.push(`Endpoint ignored these unrecognized parameters: [${ignored.join(' ')}]`);
  if (replaced.length > 0) {
    warnings.push(`Endpoint replaced the value of these parameters with the values captured from the endpoint's path: [${replaced.sort().join(' ')}]`);
  }
  return Object.assign({}, response, { warnings });
}

/**
 * A shallow copy of request data. Object.assign is much cheaper than a spread followed by stores in
 * Node 20, but would turn a "__proto__" key into a prototype; the spread keeps it as data.
 */
function copyData(data: Record<string, unknown>): Record<string, unknown> {
  return Object.prototype.hasOwnProperty.call(data, '__proto__') ? { ...data } : Object.assign({}, data);
}

/** Request keys the path declares no field for, sorted. */
function unrecognized(data: Record<string, unknown>, fields: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const k in data) if (Object.prototype.hasOwnProperty.call(data, k) && fields[k] === undefined) out.push(k);
  return out.length > 1 ? out.sort() : out;
}

function helpResponse(relPath: string, spec: PathSpec): LogicalResponse {
  const fields = Object.entries(spec.fields ?? {})
    .map(([name, f]) => `    ${name} (${f.type})\n        ${f.description ?? ''}`)
    .join('\n\n');
  const help = [
    `Request:        ${relPath}`,
    `Matching Route: ^${spec.pattern}$`,
    '',
    spec.help?.synopsis ?? '',
    fields ? `\n## PARAMETERS\n\n${fields}` : '',
    spec.help?.description ? `\n## DESCRIPTION\n\n${spec.help.description}` : '',
  ].join('\n');
  return { rawBody: { help, openapi: { openapi: '3.0.2', paths: {} } } };
}
