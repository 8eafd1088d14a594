// KV version 2: versioned secrets (vault-plugin-secrets-kv v0.19.0 backend.go VersionedKVFactory).
import { defineEngine, type Engine } from '../../framework/engine.js';
import type { EngineRequest, PathSpec } from '../../framework/path.js';
import { ROOT_NOT_SUPPORTED, invalidVersionedPath } from './messages.js';
import { configPath } from './v2-path-config.js';
import { dataPath } from './v2-path-data.js';
import { deletePaths, destroyPath } from './v2-path-delete.js';
import { metadataPath } from './v2-path-metadata.js';
import { subkeysPath } from './v2-path-subkeys.js';
import { notFoundWithWarning } from './v2-responses.js';
import { ensureUpgraded } from './v2-upgrade.js';

/** Bare API roots that get the root warning instead of the per-command one (subkeys is not among them). */
const API_ROOTS = new Set(['metadata', 'data', 'delete', 'undelete', 'destroy']);

/** The `vault kv <command>` that a request to a non-versioned path should have used. */
const CLI_COMMAND = { update: 'put', patch: 'patch', read: 'get', list: 'list', delete: 'delete' } as const;

/** backend.go pathInvalid: every other path answers 404 with a warning pointing at the right API. */
function invalidPath(): PathSpec {
  const answer = (command: string) => (req: EngineRequest) =>
    notFoundWithWarning(API_ROOTS.has(req.relPath) ? ROOT_NOT_SUPPORTED : invalidVersionedPath(command));
  return {
    pattern: '.*',
    operations: {
      update: answer(CLI_COMMAND.update),
      patch: answer(CLI_COMMAND.patch),
      read: answer(CLI_COMMAND.read),
      list: answer(CLI_COMMAND.list),
      delete: answer(CLI_COMMAND.delete),
    },
    help: { synopsis: 'Paths that a versioned K/V secrets engine does not serve.' },
  };
}

export function kvV2Engine(): Engine {
  // Order matters: the first matching pattern serves a request, and the catch-all comes last.
  const engine = defineEngine({
    paths: [configPath(), dataPath(), metadataPath(), destroyPath(), subkeysPath(), ...deletePaths(), invalidPath()],
  });
  return {
    ...engine,
    // v1 data left by a tune to version 2 is migrated before anything (existence checks included) reads it.
    async resolveWrite(req) {
      ensureUpgraded(req.storage, req.now);
      return engine.resolveWrite(req);
    },
    // Not async: an async wrapper returning the engine's promise would cost extra turns of the microtask queue.
    handle(req) {
      try {
        ensureUpgraded(req.storage, req.now);
      } catch (err) {
        return Promise.reject(err);
      }
      return engine.handle(req);
    },
  };
}
