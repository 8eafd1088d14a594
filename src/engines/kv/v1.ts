// KV version 1: a passthrough of JSON objects (vault-plugin-secrets-kv v0.19.0 passthrough.go).
import { errorResponse } from '../../core/errors.js';
import { defineEngine, type Engine } from '../../framework/engine.js';
import { DurationError, parseGoDuration } from '../../framework/duration.js';
import type { FieldData } from '../../framework/field-data.js';
import { matchAllRest, type EngineRequest } from '../../framework/path.js';
import { MISSING_DATA_FIELDS, MISSING_PATH } from './messages.js';

/** Where v1 keeps each object in the mount's storage; the v2 upgrade reads from here. */
export const V1_DATA_PREFIX = 'kv/';

function keyOf(d: FieldData): string {
  return V1_DATA_PREFIX + d.get<string>('path');
}

/**
 * The stored `ttl` (or `lease`) value in seconds, as parseutil.ParseDurationSecond reads it from
 * number-preserving JSON; undefined when it does not parse (the read then keeps the mount default).
 */
export function storedTtlSeconds(raw: unknown): number | undefined {
  if (raw === null) return 0;
  let text: string;
  if (typeof raw === 'number') text = String(raw);
  else if (typeof raw === 'string') text = raw;
  else return undefined;
  if (text === '') return 0;
  if (/^[+-]?[0-9]+$/.test(text)) return Number.parseInt(text, 10);
  if (text.endsWith('d')) {
    const days = text.slice(0, -1);
    return /^[+-]?[0-9]+$/.test(days) ? Number.parseInt(days, 10) * 86400 : undefined;
  }
  try {
    return Math.trunc(parseGoDuration(text) / 1e9);
  } catch (e) {
    if (e instanceof DurationError) return undefined;
    throw e;
  }
}

export function kvV1Engine(): Engine {
  return defineEngine({
    paths: [
      {
        pattern: matchAllRest('path'),
        fields: { path: { type: 'string', description: 'Location of the secret.' } },
        takesArbitraryInput: true,
        existenceCheck: (req, d) => req.storage.get(keyOf(d)) !== undefined,
        operations: {
          read: (req, d) => {
            const stored = req.storage.get<Record<string, unknown>>(keyOf(d));
            if (stored === undefined) return undefined;
            let ttl = req.defaultLeaseTtl;
            const hasTtl = Object.prototype.hasOwnProperty.call(stored, 'ttl');
            const ttlRaw = hasTtl ? stored.ttl : stored.lease;
            if (hasTtl || Object.prototype.hasOwnProperty.call(stored, 'lease')) ttl = storedTtlSeconds(ttlRaw) ?? ttl;
            // KV returns a TTL hint without registering a lease (vault/request_handling.go).
            return { data: stored, leaseDuration: ttl };
          },
          create: write,
          update: write,
          delete: (req, d) => {
            req.storage.delete(keyOf(d));
            return undefined;
          },
          list: (req, d) => {
            let prefix = d.get<string>('path');
            if (prefix !== '' && !prefix.endsWith('/')) prefix += '/';
            return { data: { keys: req.storage.list(V1_DATA_PREFIX + prefix) } };
          },
        },
        help: {
          synopsis: 'Pass-through secret storage to the storage backend, allowing you to\nread/write arbitrary data into secret storage.',
        },
      },
    ],
  });
}

/** Replaces the stored object with the request body; the ttl key is kept as data and not checked here. */
function write(req: EngineRequest, d: FieldData) {
  if (d.get<string>('path') === '') throw errorResponse(MISSING_PATH);
  if (Object.keys(req.data).length === 0) throw errorResponse(MISSING_DATA_FIELDS);
  req.storage.put(keyOf(d), req.data);
  return undefined;
}
