// KV v2 storage records and the rules that act on them (vault-plugin-secrets-kv v0.19.0: types.proto,
// backend.go config/getKeyMetadata/getVersionKey, path_data.go AddVersion/cleanupOldVersions,
// delete_version_after.go). Times are milliseconds since the epoch, as req.now gives them.
import { createHash } from 'node:crypto';
import { rfc3339Nano } from '../../core/clock.js';
import { folder, type Frozen, type Storage } from '../../core/storage.js';
import { formatGoDuration } from '../../framework/duration.js';

/** Everything v2 writes sits under this prefix, apart from the v1 data it migrates (see v2-upgrade.ts). */
export const V2_PREFIX = 'v2/';
const CONFIG_KEY = `${V2_PREFIX}config`;
const METADATA_PREFIX = `${V2_PREFIX}metadata/`;
const VERSIONS_PREFIX = `${V2_PREFIX}versions/`;
export const UPGRADE_KEY = `${V2_PREFIX}upgrading`;

/** backend.go defaultMaxVersions. */
export const DEFAULT_MAX_VERSIONS = 10;
/** A mount delete_version_after of -1s disables the setting on every key (delete_version_after.go). */
export const DELETE_VERSION_AFTER_DISABLED = -1;

/** types.proto Configuration; delete_version_after in seconds, null when unset. */
export interface MountConfig {
  max_versions: number;
  cas_required: boolean;
  delete_version_after: number | null;
}

/** types.proto VersionMetadata. */
export interface VersionMetadata {
  created_time: number;
  deletion_time: number | null;
  destroyed: boolean;
}

/** types.proto KeyMetadata; custom_metadata is null when empty, as a protobuf round trip leaves it. */
export interface KeyMetadata {
  key: string;
  versions: Record<string, VersionMetadata>;
  current_version: number;
  oldest_version: number;
  created_time: number | null;
  updated_time: number | null;
  max_versions: number;
  cas_required: boolean;
  delete_version_after: number | null;
  custom_metadata: Record<string, string> | null;
}

/** types.proto Version: the secret itself (any JSON object, or null when written as null). */
export interface VersionRecord {
  data: Record<string, unknown> | null;
  created_time: number;
  deletion_time: number | null;
}

/** Go's uint32(int) conversion, used for max_versions. */
export function toUint32(n: number): number {
  return n >>> 0;
}

export function readConfig(storage: Storage): MountConfig {
  return storage.get<MountConfig>(CONFIG_KEY) ?? { max_versions: 0, cas_required: false, delete_version_after: null };
}

export function writeConfig(storage: Storage, config: MountConfig): void {
  storage.put(CONFIG_KEY, config);
}

export function readMetadata(storage: Storage, key: string): KeyMetadata | undefined {
  return storage.get<KeyMetadata>(METADATA_PREFIX + key);
}

/** The stored metadata itself, frozen: for handlers that only read it. */
export function peekMetadata(storage: Storage, key: string): Frozen<KeyMetadata> | undefined {
  return folder(storage, METADATA_PREFIX).peek<KeyMetadata>(key);
}

export function writeMetadata(storage: Storage, meta: KeyMetadata): void {
  const custom = meta.custom_metadata && Object.keys(meta.custom_metadata).length > 0 ? meta.custom_metadata : null;
  storage.put(METADATA_PREFIX + meta.key, { ...meta, custom_metadata: custom });
}

export function deleteMetadata(storage: Storage, key: string): void {
  storage.delete(METADATA_PREFIX + key);
}

/** Immediate children of a metadata folder ('' is the root; folders end in '/'). */
export function listMetadata(storage: Storage, prefix: string): string[] {
  return storage.list(METADATA_PREFIX + prefix);
}

/** A key with no versions yet; metadata writes stamp the times, data writes leave them to addVersion. */
export function emptyMetadata(key: string, now: number | null = null): KeyMetadata {
  return {
    key,
    versions: {},
    current_version: 0,
    oldest_version: 0,
    created_time: now,
    updated_time: now,
    max_versions: 0,
    cas_required: false,
    delete_version_after: null,
    custom_metadata: null,
  };
}

/** Hashed names of recent versions: a hash per read would cost more than the read itself. */
const versionHashes = new Map<string, string>();
const VERSION_HASHES_KEPT = 10_000;

/** The hash naming a version's entry under VERSIONS_PREFIX, as Vault's salted version keys are. */
function versionHash(key: string, version: number): string {
  const plain = `${key}|${version}`;
  let hash = versionHashes.get(plain);
  if (hash === undefined) {
    hash = createHash('sha256').update(plain).digest('hex');
    if (versionHashes.size >= VERSION_HASHES_KEPT) versionHashes.clear();
    versionHashes.set(plain, hash);
  }
  return hash;
}

/** One storage entry per key and version. */
function versionKey(key: string, version: number): string {
  return VERSIONS_PREFIX + versionHash(key, version);
}

export function readVersion(storage: Storage, key: string, version: number): VersionRecord | undefined {
  return storage.get<VersionRecord>(versionKey(key, version));
}

export function writeVersion(storage: Storage, key: string, version: number, record: VersionRecord): void {
  storage.put(versionKey(key, version), record);
}

export function deleteVersion(storage: Storage, key: string, version: number): void {
  storage.delete(versionKey(key, version));
}

/**
 * Records a new current version and prunes version metadata beyond the effective max_versions
 * (the larger of key and mount settings, else 10). Returns the highest pruned version, or 0.
 */
export function addVersion(
  meta: KeyMetadata,
  createdTime: number,
  deletionTime: number | null,
  mountMaxVersions: number,
): { vm: VersionMetadata; versionToDelete: number } {
  const vm: VersionMetadata = { created_time: createdTime, deletion_time: deletionTime, destroyed: false };
  meta.current_version += 1;
  meta.versions[String(meta.current_version)] = vm;
  meta.updated_time = createdTime;
  if (meta.created_time === null) meta.created_time = createdTime;
  const configured = Math.max(meta.max_versions, mountMaxVersions);
  const maxVersions = configured > 0 ? configured : DEFAULT_MAX_VERSIONS;
  if (meta.current_version - meta.oldest_version >= maxVersions) {
    const versionToDelete = meta.current_version - maxVersions;
    for (let i = meta.oldest_version; i <= versionToDelete; i++) delete meta.versions[String(i)];
    meta.oldest_version = versionToDelete + 1;
    return { vm, versionToDelete };
  }
  return { vm, versionToDelete: 0 };
}

/** Deletes pruned version data, walking down from versionToDelete until a version is already gone. */
export function cleanupOldVersions(storage: Storage, key: string, versionToDelete: number): void {
  const doomed: number[] = [];
  for (let i = versionToDelete; i > 0; i--) {
    if (readVersion(storage, key, i) === undefined) break;
    doomed.push(i);
  }
  for (const i of doomed.reverse()) deleteVersion(storage, key, i);
}

/**
 * When a version created (or undeleted) at `from` is deleted automatically: `from` plus the smaller
 * non-zero delete_version_after of mount and key; null when neither is set or the mount disables it.
 */
export function automaticDeletionTime(from: number, config: MountConfig, meta: KeyMetadata): number | null {
  const mount = config.delete_version_after ?? 0;
  if (mount === DELETE_VERSION_AFTER_DISABLED) return null;
  const key = meta.delete_version_after ?? 0;
  if (mount === 0 && key === 0) return null;
  let min = key;
  if ((mount !== 0 && mount < min) || min === 0) min = mount;
  return from + min * 1000;
}

/**
 * Whether a version reads as deleted. Vault compares with a strict "before now" at nanosecond precision;
 * with a virtual clock two requests can share one instant, so a deletion stamped "now" counts at once.
 */
export function isDeleted(vm: VersionMetadata, now: number): boolean {
  return vm.deletion_time !== null && vm.deletion_time <= now;
}

/** backend.go ptypesTimestampToString: RFC 3339 with nanoseconds, '' when unset. */
export function timeString(ms: number | null): string {
  return ms === null ? '' : rfc3339Nano(ms);
}

export function durationString(seconds: number | null): string {
  return formatGoDuration(seconds ?? 0);
}

/** What reads need of a stored version beyond its metadata: its formatted view and its entry's name. */
interface StoredVersion {
  view: Record<string, unknown>;
  hash: string;
  /** The data read answers with, for the (frozen) version record it was made from. */
  readData?: { record: object; data: Record<string, unknown> };
}

/** By frozen version metadata (from storage.peek), which can no longer change: each is worked out once. */
const storedVersions = new WeakMap<object, StoredVersion>();

/** A frozen vm belongs to a frozen parse of its key's metadata (custom_metadata included). */
function storedVersion(meta: Frozen<KeyMetadata>, version: number, vm: Frozen<VersionMetadata>): StoredVersion | undefined {
  // Only frozen objects are ever entered, so a hit needs no check.
  let stored = storedVersions.get(vm);
  if (!stored) {
    if (!Object.isFrozen(vm) || !Object.isFrozen(meta)) return undefined;
    stored = { view: Object.freeze(formatVersionView(meta, version, vm)), hash: versionHash(meta.key, version) };
    storedVersions.set(vm, stored);
  }
  return stored;
}

/** The per-version metadata returned by data writes, patches, reads and subkeys. */
export function versionView(meta: Frozen<KeyMetadata>, version: number, vm: Frozen<VersionMetadata>): Record<string, unknown> {
  return storedVersion(meta, version, vm)?.view ?? formatVersionView(meta, version, vm);
}

/**
 * What a read of a version answers with as `data`: `{data, metadata}`, made once per frozen version
 * record (and so rendered once: see sortedGoJson), frozen like its parts. Undefined when the version's
 * data is missing from storage.
 */
export function readVersionData(storage: Storage, meta: Frozen<KeyMetadata>, version: number, vm: Frozen<VersionMetadata>): Record<string, unknown> | undefined {
  const stored = storedVersion(meta, version, vm);
  const record = folder(storage, VERSIONS_PREFIX).peek<VersionRecord>(stored?.hash ?? versionHash(meta.key, version));
  if (!record) return undefined;
  if (!stored || !Object.isFrozen(record)) return { data: record.data, metadata: versionView(meta, version, vm) };
  if (stored.readData?.record !== record) stored.readData = { record, data: Object.freeze({ data: record.data, metadata: stored.view }) };
  return stored.readData.data;
}

function formatVersionView(meta: Frozen<KeyMetadata>, version: number, vm: Frozen<VersionMetadata>): Record<string, unknown> {
  // Keys in Go's (sorted) output order, so rendering has nothing to reorder.
  return {
    created_time: timeString(vm.created_time),
    custom_metadata: meta.custom_metadata,
    deletion_time: timeString(vm.deletion_time),
    destroyed: vm.destroyed,
    version,
  };
}
