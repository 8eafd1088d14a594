// An engine is a value: its paths and metadata (Vault's framework.Backend), checked when it is defined.
import { errorResponse, errors } from '../core/errors.js';
import type { LogicalResponse, Operation } from '../core/request.js';
import { FieldData } from './field-data.js';
import type { EngineRequest, PathSpec } from './path.js';

interface CompiledPath {
  spec: PathSpec;
  regex: RegExp;
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
}

export interface EngineSpec {
  paths: PathSpec[];
  unauthenticatedPaths?: string[];
  rootPaths?: string[];
}

export function defineEngine(spec: EngineSpec): Engine {
  const compiled: CompiledPath[] = spec.paths.map((p) => {
    if (!p.pattern && p.pattern !== '') throw new Error('path with a blank pattern');
    if (p.operations.create && !p.existenceCheck) {
      throw new Error(`path ${p.pattern} declares create without an existence check`);
    }
    return { spec: p, regex: new RegExp(`^${p.pattern}$`) };
  });

  function match(relPath: string): { path: CompiledPath; captures: Record<string, string> } | undefined {
    for (const path of compiled) {
      const m = path.regex.exec(relPath);
      if (!m) continue;
      const captures: Record<string, string> = {};
      // As Go's regexp does for Vault, a named group that took no part in the match captures "".
      for (const [k, v] of Object.entries(m.groups ?? {})) captures[k] = v ?? '';
      return { path, captures };
    }
    return undefined;
  }

  /** Request data merged with URL captures (captures win); reports replaced keys. */
  function fieldData(path: CompiledPath, req: EngineRequest, captures: Record<string, string>) {
    const raw: Record<string, unknown> = { ...req.data };
    const replaced: string[] = [];
    for (const [k, v] of Object.entries(captures)) {
      // sdk/framework/backend.go: any body value for a captured name is replaced, and reported.
      if (raw[k] !== undefined && raw[k] !== null) replaced.push(k);
      raw[k] = v;
    }
    const data = new FieldData(raw, path.spec.fields ?? {});
    const invalid = data.validate();
    if (invalid) throw errorResponse(`Field validation failed: ${invalid}`);
    return { data, replaced };
  }

  return {
    paths: spec.paths,
    unauthenticatedPaths: spec.unauthenticatedPaths,
    rootPaths: spec.rootPaths,

    async resolveWrite(req) {
      const found = match(req.relPath);
      if (!found || !found.path.spec.existenceCheck) return 'update';
      const { data } = fieldData(found.path, req, found.captures);
      return (await found.path.spec.existenceCheck(req, data)) ? 'update' : 'create';
    },

    async handle(req) {
      const found = match(req.relPath);
      if (!found) throw errors.unsupportedPath();
      const { path, captures } = found;
      if (req.operation === 'help') return helpResponse(req.relPath, path.spec);
      let op: Operation = req.operation;
      // A path without a create handler serves creates with its update handler (Vault's framework does the same).
      if (op === 'create' && !path.spec.operations.create) op = 'update';
      const handler = path.spec.operations[op as Exclude<Operation, 'help'>];
      if (!handler) throw errors.unsupportedOperation();
      const { data, replaced } = fieldData(path, req, captures);
      const response = (await handler(req, data)) ?? undefined;
      if (!response) return undefined;
      // A forced-status response was serialised inside the plugin (logical.RespondWithStatusCode);
      // warnings the framework adds afterwards never reach its body.
      if (response.statusCode !== undefined) return response;
      const warnings = [...(response.warnings ?? [])];
      if (!path.spec.takesArbitraryInput) {
        const fields = path.spec.fields ?? {};
        const ignored = Object.keys(req.data).filter((k) => fields[k] === undefined).sort();
        if (ignored.length > 0) warnings.push(`Endpoint ignored these unrecognized parameters: [${ignored.join(' ')}]`);
      }
      if (replaced.length > 0) {
        warnings.push(
          `Endpoint replaced the value of these parameters with the values captured from the endpoint's path: [${replaced.sort().join(' ')}]`,
        );
      }
      return warnings.length > 0 ? { ...response, warnings } : response;
    },
  };
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
