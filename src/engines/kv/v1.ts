// KV version 1: a passthrough of JSON objects (vault-plugin-secrets-kv passthrough.go).
import { codedError } from '../../core/errors.js';
import { defineEngine, type Engine } from '../../framework/engine.js';
import { parseDurationSeconds } from '../../framework/duration.js';
import type { EngineRequest } from '../../framework/path.js';

const DATA_PREFIX = 'kv/';

function keyOf(req: EngineRequest): string {
  return DATA_PREFIX + req.relPath;
}

export function kvV1Engine(): Engine {
  return defineEngine({
    paths: [
      {
        pattern: '.*',
        takesArbitraryInput: true,
        existenceCheck: (req) => req.storage.get(keyOf(req)) !== undefined,
        operations: {
          read: (req) => {
            const stored = req.storage.get<Record<string, unknown>>(keyOf(req));
            if (stored === undefined) return undefined;
            let ttl = req.defaultLeaseTtl;
            const ttlRaw = stored.ttl ?? stored.lease;
            if (ttlRaw !== undefined) {
              try {
                ttl = parseDurationSeconds(ttlRaw);
              } catch {
                // An unparsable ttl key keeps the mount default, as the plugin does.
              }
            }
            return { data: stored, leaseDuration: ttl };
          },
          create: write,
          update: write,
          delete: (req) => {
            req.storage.delete(keyOf(req));
            return undefined;
          },
          list: (req) => {
            const keys = req.storage.list(keyOf(req));
            return { data: { keys } };
          },
        },
        help: {
          synopsis: 'Pass-through secret storage to the storage backend, allowing you to read/write arbitrary data into secret storage.',
        },
      },
    ],
  });
}

function write(req: EngineRequest) {
  if (Object.keys(req.data).length === 0) throw codedError(500, 'missing data fields');
  if (req.data.ttl !== undefined) {
    try {
      parseDurationSeconds(req.data.ttl);
    } catch {
      throw codedError(500, 'failed to parse TTL');
    }
  }
  req.storage.put(keyOf(req), req.data);
  return undefined;
}
