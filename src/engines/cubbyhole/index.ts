// Cubbyhole: KV-v1-like storage private to each token, destroyed with it (vault/logical_cubbyhole.go).
// Unlike KV v1, its handler failures are plain errors, so they answer 500 with go-multierror text.
import { createHash } from 'node:crypto';
import { codedError } from '../../core/errors.js';
import type { Storage } from '../../core/storage.js';
import { defineEngine, type Engine } from '../../framework/engine.js';
import type { FieldData } from '../../framework/field-data.js';
import { matchAllRest, type EngineRequest } from '../../framework/path.js';

/** vault/logical_cubbyhole.go handleRead / handleWrite. */
const MISSING_PATH = 'missing path';
/** vault/logical_cubbyhole.go handleWrite. */
const MISSING_DATA_FIELDS = 'missing data fields';

/** Each token's data sits under a hash of the token (Vault salts it), so one token never sees another's. */
function ownerPrefix(clientToken: string): string {
  return `${createHash('sha256').update(clientToken).digest('hex')}/`;
}

function keyOf(req: EngineRequest, d: FieldData): string {
  return ownerPrefix(req.clientToken) + d.get<string>('path');
}

function deleteTree(storage: Storage, prefix: string): void {
  for (const child of storage.list(prefix)) {
    if (child.endsWith('/')) deleteTree(storage, prefix + child);
    else storage.delete(prefix + child);
  }
}

/** Removes everything a token stored; called when the token is revoked (vault/token_store.go cubbyholeDestroyer). */
export function destroyCubbyhole(storage: Storage, clientToken: string): void {
  deleteTree(storage, ownerPrefix(clientToken));
}

function write(req: EngineRequest, d: FieldData) {
  if (Object.keys(req.data).length === 0) throw codedError(500, MISSING_DATA_FIELDS);
  if (d.get<string>('path') === '') throw codedError(500, MISSING_PATH);
  req.storage.put(keyOf(req, d), req.data);
  return undefined;
}

export function cubbyholeEngine(): Engine {
  return defineEngine({
    paths: [
      {
        pattern: matchAllRest('path'),
        fields: { path: { type: 'string', description: 'Specifies the path of the secret.' } },
        takesArbitraryInput: true,
        existenceCheck: (req, d) => req.storage.get(keyOf(req, d)) !== undefined,
        operations: {
          read: (req, d) => {
            if (d.get<string>('path') === '') throw codedError(500, MISSING_PATH);
            const stored = req.storage.get<Record<string, unknown>>(keyOf(req, d));
            return stored === undefined ? undefined : { data: stored };
          },
          create: write,
          update: write,
          delete: (req, d) => {
            req.storage.delete(keyOf(req, d));
            return undefined;
          },
          list: (req, d) => {
            let prefix = d.get<string>('path');
            if (prefix !== '' && !prefix.endsWith('/')) prefix += '/';
            return { data: { keys: req.storage.list(ownerPrefix(req.clientToken) + prefix) } };
          },
        },
        help: { synopsis: 'Pass-through secret storage to a token-specific cubbyhole in the storage\nbackend, allowing you to read/write arbitrary data into secret storage.' },
      },
    ],
  });
}
