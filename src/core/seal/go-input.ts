// Request decoding the way Vault's raw sys handlers do it in Go: encoding/json into a typed struct
// (http/handler.go parseJSONRequest), encoding/hex and encoding/base64 for key shares.
import { decodeGoBase64 } from '../system/go-base64.js';
import { sealMessages } from './messages.js';
import { SHARE_OVERHEAD } from './shamir.js';

/** Barrier key length bounds (vault/barrier_aes_gcm.go KeyLength) plus the share overhead. */
export const KEY_MIN_BYTES = 16;
export const KEY_MAX_BYTES = 32 + SHARE_OVERHEAD;

/** A key share as the unseal, generate-root and rekey handlers read it: hex when that decodes to a
 *  plausible length, otherwise standard base64; undefined when neither decodes. */
export function decodeKeyParam(text: string): Buffer | undefined {
  if (/^(?:[0-9a-fA-F]{2})*$/.test(text)) {
    const hex = Buffer.from(text, 'hex');
    if (hex.length >= KEY_MIN_BYTES && hex.length <= KEY_MAX_BYTES) return hex;
  }
  const b64 = decodeGoBase64(text);
  return 'bytes' in b64 ? b64.bytes : undefined;
}

export type GoFieldType = 'int' | 'string' | 'bool' | '[]string';

export interface GoStruct {
  /** Go type name, as it appears in decode errors (e.g. `InitRequest`). */
  name: string;
  /** JSON name (the struct tag, or the Go field name when untagged) → Go type. */
  fields: Record<string, GoFieldType>;
}

export class GoDecodeError extends Error {}

type Decoded<S extends GoStruct> = { [K in keyof S['fields']]: GoValue<S['fields'][K]> };
type GoValue<T extends GoFieldType> = T extends 'int' ? number : T extends 'string' ? string : T extends 'bool' ? boolean : string[] | null;

function zero(type: GoFieldType): unknown {
  return type === 'int' ? 0 : type === 'string' ? '' : type === 'bool' ? false : null;
}

/** How encoding/json names a JSON value in an UnmarshalTypeError. */
function describe(value: unknown, target: GoFieldType | 'string-element'): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'number') return target === 'int' ? `number ${String(value)}` : 'number';
  return typeof value === 'boolean' ? 'bool' : 'string';
}

/** encoding/json semantics: keys match fields exactly or case-insensitively, later keys win, null
 *  leaves a scalar alone, and the first type mismatch is reported after the whole object is read. */
export function decodeGoStruct<S extends GoStruct>(body: Record<string, unknown>, struct: S): Decoded<S> {
  const out: Record<string, unknown> = {};
  for (const [name, type] of Object.entries(struct.fields)) out[name] = zero(type);
  let firstError: string | undefined;
  const fail = (value: unknown, field: string, type: GoFieldType | 'string-element') => {
    const goType = type === 'string-element' ? 'string' : type;
    firstError ??= `json: cannot unmarshal ${describe(value, type)} into Go struct field ${struct.name}.${field} of type ${goType}`;
  };
  const names = Object.keys(struct.fields);
  for (const [key, value] of Object.entries(body)) {
    const field = names.find((n) => n === key) ?? names.find((n) => n.toLowerCase() === key.toLowerCase());
    if (field === undefined) continue;
    const type = struct.fields[field]!;
    if (value === null) {
      if (type === '[]string') out[field] = null;
      continue;
    }
    switch (type) {
      case 'int':
        if (typeof value === 'number' && Number.isSafeInteger(value)) out[field] = value;
        else fail(value, field, type);
        break;
      case 'string':
        if (typeof value === 'string') out[field] = value;
        else fail(value, field, type);
        break;
      case 'bool':
        if (typeof value === 'boolean') out[field] = value;
        else fail(value, field, type);
        break;
      case '[]string': {
        if (!Array.isArray(value)) {
          fail(value, field, type);
          break;
        }
        const list: string[] = [];
        for (const item of value) {
          if (typeof item === 'string') list.push(item);
          else if (item === null) list.push('');
          else fail(item, field, 'string-element');
        }
        out[field] = list;
        break;
      }
    }
  }
  if (firstError !== undefined) throw new GoDecodeError(sealMessages.parseJson(firstError));
  return out as Decoded<S>;
}
