// data/<path>: read, write, patch and soft-delete of versions (vault-plugin-secrets-kv v0.19.0 path_data.go).
import { codedError, errorResponse } from '../../core/errors.js';
import type { LogicalResponse } from '../../core/request.js';
import type { FieldData } from '../../framework/field-data.js';
import { toInt } from '../../framework/field-types.js';
import type { EngineRequest, PathSpec } from '../../framework/path.js';
import { mergeObjects } from './merge-patch.js';
import {
  BAD_JSON_PATCH,
  CAS_MISMATCH,
  CAS_PARSE_ERROR,
  CAS_REQUIRED,
  MISSING_PATH,
  NO_DATA_PROVIDED,
  RESOURCE_DOES_NOT_EXIST,
  VERSION_DATA_MISSING,
} from './messages.js';
import {
  addVersion,
  automaticDeletionTime,
  cleanupOldVersions,
  emptyMetadata,
  isDeleted,
  peekMetadata,
  readVersionData,
  readConfig,
  readMetadata,
  readVersion,
  versionView,
  writeMetadata,
  writeVersion,
  type KeyMetadata,
  type MountConfig,
} from './v2-records.js';
import { notFoundEmpty, notFoundWithData } from './v2-responses.js';

/** Vault's matchAllNoTrailingSlashRegex: the key may not end in '/'. */
const KEY_WITHOUT_TRAILING_SLASH = '(?<path>.*?[^/])';

/** options.cas as mapstructure.WeakDecode reads it into an int (null reads as 0). */
function casOf(raw: unknown): number {
  if (raw === null) return 0;
  try {
    return toInt(raw);
  } catch {
    throw errorResponse(CAS_PARSE_ERROR);
  }
}

/** path_data.go validateCheckAndSetOption. */
function checkCas(d: FieldData, config: MountConfig, meta: KeyMetadata): void {
  const [options, sent] = d.getOk<Record<string, unknown> | null>('options');
  if (sent && options && Object.prototype.hasOwnProperty.call(options, 'cas')) {
    if (casOf(options.cas) !== meta.current_version) throw errorResponse(CAS_MISMATCH);
  } else if (config.cas_required || meta.cas_required) {
    throw errorResponse(CAS_REQUIRED);
  }
}

/** Stores `data` as the next version of `meta` and answers with that version's metadata. */
function storeNewVersion(req: EngineRequest, config: MountConfig, meta: KeyMetadata, data: Record<string, unknown> | null): LogicalResponse {
  const created = req.now;
  const deletion = automaticDeletionTime(created, config, meta);
  const { vm, versionToDelete } = addVersion(meta, created, deletion, config.max_versions);
  writeVersion(req.storage, meta.key, meta.current_version, { data, created_time: created, deletion_time: deletion });
  writeMetadata(req.storage, meta);
  cleanupOldVersions(req.storage, meta.key, versionToDelete);
  return { data: versionView(meta, meta.current_version, vm) };
}

function read(req: EngineRequest, d: FieldData): LogicalResponse | undefined {
  const key = d.get<string>('path');
  const meta = peekMetadata(req.storage, key);
  if (!meta) return undefined;
  const requested = d.get<number>('version');
  const version = requested > 0 ? requested : meta.current_version;
  const vm = meta.versions[version];
  if (!vm) return undefined;
  if (isDeleted(vm, req.now) || vm.destroyed) return notFoundWithData({ data: null, metadata: versionView(meta, version, vm) });
  // Frozen stored data goes into the response as it is: rendering only reads it.
  const data = readVersionData(req.storage, meta, version, vm);
  if (!data) throw codedError(500, VERSION_DATA_MISSING);
  return { data };
}

function write(req: EngineRequest, d: FieldData): LogicalResponse {
  const key = d.get<string>('path');
  if (key === '') throw errorResponse(MISSING_PATH);
  const config = readConfig(req.storage);
  if (!d.getOk('data')[1]) throw errorResponse(NO_DATA_PROVIDED);
  // A JSON null is stored as null and read back as `"data": null`.
  const data = d.raw.data === null ? null : d.get<Record<string, unknown>>('data');
  const meta = readMetadata(req.storage, key) ?? emptyMetadata(key);
  checkCas(d, config, meta);
  return storeNewVersion(req, config, meta, data);
}

function patch(req: EngineRequest, d: FieldData): LogicalResponse {
  const key = d.get<string>('path');
  if (!d.getOk('data')[1]) throw errorResponse(NO_DATA_PROVIDED);
  const meta = readMetadata(req.storage, key);
  if (!meta) return notFoundEmpty();
  const config = readConfig(req.storage);
  checkCas(d, config, meta);
  const current = meta.current_version;
  const vm = meta.versions[String(current)];
  if (!vm) return notFoundEmpty();
  if (isDeleted(vm, req.now) || vm.destroyed) return notFoundWithData(versionView(meta, current, vm));
  const stored = readVersion(req.storage, key, current);
  if (!stored) throw codedError(500, VERSION_DATA_MISSING);
  if (stored.data === null) throw codedError(500, RESOURCE_DOES_NOT_EXIST);
  if (d.raw.data === null) throw codedError(500, BAD_JSON_PATCH);
  const patched = mergeObjects(stored.data, d.get<Record<string, unknown>>('data'));
  return storeNewVersion(req, config, meta, patched);
}

/** Soft-deletes the current version unless it is already deleted or destroyed. */
function softDeleteCurrent(req: EngineRequest, d: FieldData): undefined {
  const meta = readMetadata(req.storage, d.get<string>('path'));
  if (!meta) return undefined;
  const vm = meta.versions[String(meta.current_version)];
  if (!vm || vm.destroyed || isDeleted(vm, req.now)) return undefined;
  vm.deletion_time = req.now;
  writeMetadata(req.storage, meta);
  return undefined;
}

export function dataPath(): PathSpec {
  return {
    pattern: `data/${KEY_WITHOUT_TRAILING_SLASH}`,
    fields: {
      path: { type: 'string', description: 'Location of the secret.' },
      version: { type: 'int', description: 'If provided during a read, the value at the version number will be returned' },
      options: { type: 'map', description: 'Options for writing a KV entry. Set the "cas" value to use a Check-And-Set operation.' },
      data: { type: 'map', description: 'The contents of the data map will be stored and returned on read.' },
    },
    existenceCheck: (req, d) => peekMetadata(req.storage, d.get<string>('path')) !== undefined,
    operations: { read, create: write, update: write, patch, delete: softDeleteCurrent },
    help: { synopsis: 'Write, Patch, Read, and Delete data in the Key-Value Store.' },
  };
}
