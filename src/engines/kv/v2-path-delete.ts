// delete/, undelete/ and destroy/<path>: act on listed versions (vault-plugin-secrets-kv v0.19.0
// path_delete.go, path_destroy.go). Unknown keys and versions are silently skipped (204).
import { errorResponse } from '../../core/errors.js';
import type { FieldData } from '../../framework/field-data.js';
import type { FieldSchema } from '../../framework/field-types.js';
import { matchAllRest, type EngineRequest, type PathSpec } from '../../framework/path.js';
import { NO_VERSION_DELETE, NO_VERSION_DESTROY } from './messages.js';
import { automaticDeletionTime, deleteVersion, isDeleted, readConfig, readMetadata, writeMetadata } from './v2-records.js';

function versionFields(versionsDescription: string): Record<string, FieldSchema> {
  return {
    path: { type: 'string', description: 'Location of the secret.' },
    versions: { type: 'commaIntSlice', description: versionsDescription },
  };
}

function versionsOf(d: FieldData, missingMessage: string): number[] {
  const versions = d.get<number[]>('versions');
  if (versions.length === 0) throw errorResponse(missingMessage);
  return versions;
}

function softDelete(req: EngineRequest, d: FieldData): undefined {
  const versions = versionsOf(d, NO_VERSION_DELETE);
  const meta = readMetadata(req.storage, d.get<string>('path'));
  if (!meta) return undefined;
  for (const n of versions) {
    const vm = meta.versions[String(n)];
    if (!vm || vm.destroyed || isDeleted(vm, req.now)) continue;
    vm.deletion_time = req.now;
  }
  writeMetadata(req.storage, meta);
  return undefined;
}

/** Clears the deletion; with delete_version_after in force the version gets a fresh deadline from now. */
function undelete(req: EngineRequest, d: FieldData): undefined {
  const versions = versionsOf(d, NO_VERSION_DELETE);
  const config = readConfig(req.storage);
  const meta = readMetadata(req.storage, d.get<string>('path'));
  if (!meta) return undefined;
  for (const n of versions) {
    const vm = meta.versions[String(n)];
    if (!vm || vm.destroyed) continue;
    vm.deletion_time = automaticDeletionTime(req.now, config, meta);
  }
  writeMetadata(req.storage, meta);
  return undefined;
}

/** Marks versions destroyed and removes their data for good; the deletion_time is left as it was. */
function destroy(req: EngineRequest, d: FieldData): undefined {
  const versions = versionsOf(d, NO_VERSION_DESTROY);
  const key = d.get<string>('path');
  const meta = readMetadata(req.storage, key);
  if (!meta) return undefined;
  for (const n of versions) {
    const vm = meta.versions[String(n)];
    if (vm && !vm.destroyed) vm.destroyed = true;
  }
  writeMetadata(req.storage, meta);
  for (const n of versions) deleteVersion(req.storage, key, n);
  return undefined;
}

export function deletePaths(): PathSpec[] {
  return [
    {
      pattern: `delete/${matchAllRest('path')}`,
      fields: versionFields('The versions to be archived. The versioned data will not be deleted, but it will no longer be returned in normal get requests.'),
      operations: { update: softDelete },
      help: { synopsis: 'Marks one or more versions as deleted in the KV store.' },
    },
    {
      pattern: `undelete/${matchAllRest('path')}`,
      fields: versionFields('The versions to unarchive. The versions will be restored and their data will be returned on normal get requests.'),
      operations: { update: undelete },
      help: { synopsis: 'Undeletes one or more versions from the KV store.' },
    },
  ];
}

export function destroyPath(): PathSpec {
  return {
    pattern: `destroy/${matchAllRest('path')}`,
    fields: versionFields('The versions to destroy. Their data will be permanently deleted.'),
    operations: { update: destroy },
    help: { synopsis: 'Permanently removes one or more versions in the KV store' },
  };
}
