// Cubbyhole: KV-v1-like storage private to each token (vault/logical_cubbyhole.go).
import { createHash } from 'node:crypto';
import { errorResponse } from '../../core/errors.js';
import { defineEngine, type Engine } from '../../framework/engine.js';
import type { EngineRequest } from '../../framework/path.js';

/** Each token's data sits under a hash of the token, so one token never sees another's. */
function keyOf(req: EngineRequest): string {
  const owner = createHash('sha256').update(req.clientToken).digest('hex');
  return `${owner}/${req.relPath}`;
}

export function cubbyholeEngine(): Engine {
  return defineEngine({
    paths: [
      {
        pattern: '.*',
        takesArbitraryInput: true,
        existenceCheck: (req) => req.storage.get(keyOf(req)) !== undefined,
        operations: {
          read: (req) => {
            const stored = req.storage.get<Record<string, unknown>>(keyOf(req));
            return stored === undefined ? undefined : { data: stored };
          },
          create: write,
          update: write,
          delete: (req) => {
            req.storage.delete(keyOf(req));
            return undefined;
          },
          list: (req) => ({ data: { keys: req.storage.list(keyOf(req)) } }),
        },
        help: { synopsis: 'Pass-through secret storage to a token-specific cubbyhole in the storage backend.' },
      },
    ],
  });
}

function write(req: EngineRequest) {
  if (Object.keys(req.data).length === 0) throw errorResponse('missing data fields');
  req.storage.put(keyOf(req), req.data);
  return undefined;
}
