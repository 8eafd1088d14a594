// How an engine declares one URL family (Vault's sdk/framework/path.go): a pattern, typed fields,
// operations and an optional existence check, all as data.
import type { LogicalRequest, LogicalResponse, MountRequestContext, Operation } from '../core/request.js';
import type { FieldData } from './field-data.js';
import type { FieldSchema } from './field-types.js';

/** What a handler sees: the logical request plus its mount and the path relative to the mount. */
export interface EngineRequest extends LogicalRequest, MountRequestContext {
  /** Path relative to the mount, e.g. `data/app` on `secret/`. */
  relPath: string;
}

export type HandlerResult = LogicalResponse | undefined | void;
export type OperationHandler = (req: EngineRequest, data: FieldData) => HandlerResult | Promise<HandlerResult>;

export interface PathSpec {
  /** Regex source; anchored with ^…$ when compiled. Named groups become fields. */
  pattern: string;
  fields?: Record<string, FieldSchema>;
  operations: Partial<Record<Exclude<Operation, 'help'>, OperationHandler>>;
  /** Decides create (false) vs update (true) for writes; without it every write is an update. */
  existenceCheck?: (req: EngineRequest, data: FieldData) => boolean | Promise<boolean>;
  /** Accept any body keys without the "ignored parameters" warning (KV v1, cubbyhole). */
  takesArbitraryInput?: boolean;
  help?: { synopsis: string; description?: string };
}

/** Vault's GenericNameRegex as a named capture. */
export function genericName(name: string): string {
  return `(?<${name}>\\w(([\\w\\-.]+)?\\w)?)`;
}

/** Matches the rest of the path, including slashes. */
export function matchAllRest(name: string): string {
  return `(?<${name}>.*)`;
}

/** An optional trailing segment `/name`. */
export function optionalParam(name: string): string {
  return `(/(?<${name}>.+))?`;
}
