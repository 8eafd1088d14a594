// metadata/<path>: key settings, version history, listing and permanent deletion
// (vault-plugin-secrets-kv v0.19.0 path_metadata.go).
import { errorResponse } from '../../core/errors.js';
import type { LogicalResponse } from '../../core/request.js';
import type { FieldData } from '../../framework/field-data.js';
import { matchAllRest, type EngineRequest, type PathSpec } from '../../framework/path.js';
import { CAS_REQUIRED_IGNORED, MISSING_PATH } from './messages.js';
import { parseCustomMetadata, validateCustomMetadata } from './v2-custom-metadata.js';
import {
  deleteMetadata,
  deleteVersion,
  durationString,
  emptyMetadata,
  listMetadata,
  readConfig,
  readMetadata,
  timeString,
  toUint32,
  writeMetadata,
  type KeyMetadata,
} from './v2-records.js';
import { notFoundEmpty } from './v2-responses.js';

/** The custom_metadata a request sent, with a JSON null read as an empty map. */
function sentCustomMetadata(d: FieldData): [Record<string, unknown>, boolean] {
  const [raw, sent] = d.getOk<Record<string, unknown> | null>('custom_metadata');
  return [d.raw.custom_metadata === null || raw === null ? {} : raw, sent];
}

/** A warning when a key opts out of check-and-set that the mount config mandates. */
function casWarning(req: EngineRequest, d: FieldData): LogicalResponse | undefined {
  const [casRequired, sent] = d.getOk<boolean>('cas_required');
  if (sent && !casRequired && readConfig(req.storage).cas_required) return { warnings: [CAS_REQUIRED_IGNORED] };
  return undefined;
}

function read(req: EngineRequest, d: FieldData): LogicalResponse | undefined {
  const meta = readMetadata(req.storage, d.get<string>('path'));
  if (!meta) return undefined;
  const versions: Record<string, unknown> = {};
  for (const [n, v] of Object.entries(meta.versions)) {
    versions[n] = { created_time: timeString(v.created_time), deletion_time: timeString(v.deletion_time), destroyed: v.destroyed };
  }
  return {
    data: {
      versions,
      current_version: meta.current_version,
      oldest_version: meta.oldest_version,
      created_time: timeString(meta.created_time),
      updated_time: timeString(meta.updated_time),
      max_versions: meta.max_versions,
      cas_required: meta.cas_required,
      delete_version_after: durationString(meta.delete_version_after),
      custom_metadata: meta.custom_metadata,
    },
  };
}

function write(req: EngineRequest, d: FieldData): LogicalResponse | undefined {
  const key = d.get<string>('path');
  if (key === '') throw errorResponse(MISSING_PATH);
  const [maxVersions, maxSent] = d.getOk<number>('max_versions');
  const [casRequired, casSent] = d.getOk<boolean>('cas_required');
  const [deleteAfter, deleteAfterSent] = d.getOk<number>('delete_version_after');
  const [customRaw, customSent] = sentCustomMetadata(d);
  if (!maxSent && !casSent && !deleteAfterSent && !customSent) return undefined;
  let custom: Record<string, string> = {};
  if (customSent) {
    custom = parseCustomMetadata(customRaw, false);
    validateCustomMetadata(custom);
  }
  const response = casWarning(req, d);
  const meta = readMetadata(req.storage, key) ?? emptyMetadata(key, req.now);
  if (maxSent) meta.max_versions = toUint32(maxVersions);
  if (casSent) meta.cas_required = casRequired;
  if (deleteAfterSent) meta.delete_version_after = deleteAfter;
  if (customSent) meta.custom_metadata = custom;
  writeMetadata(req.storage, meta);
  return response;
}

/** JSON merge patch of the four settings; custom_metadata members merge one by one, null removes one. */
function patch(req: EngineRequest, d: FieldData): LogicalResponse | undefined {
  const key = d.get<string>('path');
  if (key === '') throw errorResponse(MISSING_PATH);
  const [customRaw, customSent] = sentCustomMetadata(d);
  if (customSent) validateCustomMetadata(parseCustomMetadata(customRaw, true));
  const meta = readMetadata(req.storage, key);
  if (!meta) return notFoundEmpty();
  const response = casWarning(req, d);
  applyPatch(meta, d, customRaw, customSent);
  writeMetadata(req.storage, meta);
  return response;
}

function applyPatch(meta: KeyMetadata, d: FieldData, customRaw: Record<string, unknown>, customSent: boolean): void {
  const [maxVersions, maxSent] = d.getOk<number>('max_versions');
  const [casRequired, casSent] = d.getOk<boolean>('cas_required');
  const [deleteAfter, deleteAfterSent] = d.getOk<number>('delete_version_after');
  if (maxSent) meta.max_versions = toUint32(maxVersions);
  if (casSent) meta.cas_required = casRequired;
  if (deleteAfterSent) meta.delete_version_after = deleteAfter;
  if (!customSent) return;
  if (d.raw.custom_metadata === null) {
    // A null custom_metadata removes the whole member from the patched document.
    meta.custom_metadata = null;
    return;
  }
  const merged: Record<string, string> = { ...(meta.custom_metadata ?? {}) };
  const parsed = parseCustomMetadata(customRaw, true);
  for (const [k, v] of Object.entries(customRaw)) {
    if (v === null) delete merged[k];
    else Object.defineProperty(merged, k, { value: parsed[k], enumerable: true, writable: true, configurable: true });
  }
  meta.custom_metadata = merged;
}

function remove(req: EngineRequest, d: FieldData): undefined {
  const key = d.get<string>('path');
  const meta = readMetadata(req.storage, key);
  if (!meta) return undefined;
  for (const n of Object.keys(meta.versions)) deleteVersion(req.storage, key, Number(n));
  deleteMetadata(req.storage, key);
  return undefined;
}

export function metadataPath(): PathSpec {
  return {
    pattern: `metadata/${matchAllRest('path')}`,
    fields: {
      path: { type: 'string', description: 'Location of the secret.' },
      cas_required: { type: 'bool', description: 'If true the key will require the cas parameter to be set on all write requests.' },
      max_versions: { type: 'int', description: 'The number of versions to keep. If not set, the backend’s configured max version is used.' },
      delete_version_after: { type: 'durationSecond', description: 'The length of time before a version is deleted.' },
      custom_metadata: { type: 'map', description: 'User-provided key-value pairs that are used to describe arbitrary and version-agnostic information about a secret.' },
    },
    existenceCheck: (req, d) => readMetadata(req.storage, d.get<string>('path')) !== undefined,
    operations: {
      read,
      create: write,
      update: write,
      patch,
      delete: remove,
      list: (req, d) => ({ data: { keys: listMetadata(req.storage, d.get<string>('path')) } }),
    },
    help: { synopsis: 'Configures settings for the KV store' },
  };
}
