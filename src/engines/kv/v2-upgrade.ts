// Moving a tuned-up KV v1 mount's data into KV v2 (vault-plugin-secrets-kv v0.19.0 upgrade.go).
// Vault runs this in the background and answers 400 "Upgrading from non-versioned to versioned data…"
// meanwhile; here it runs to completion before the first request is served, so that window never shows.
import type { Storage } from '../../core/storage.js';
import { V1_DATA_PREFIX } from './v1.js';
import { UPGRADE_KEY, addVersion, emptyMetadata, writeMetadata, writeVersion } from './v2-records.js';

interface UpgradeInfo {
  started_time: number;
  done: boolean;
}

/** Every key below `prefix`, recursively (logical.CollectKeys). */
function collectKeys(storage: Storage, prefix: string): string[] {
  const out: string[] = [];
  for (const child of storage.list(prefix)) {
    if (child.endsWith('/')) out.push(...collectKeys(storage, prefix + child));
    else out.push(prefix + child);
  }
  return out;
}

/**
 * Makes each v1 object version 1 of its key, as upgradeKey does: created now, and added with a max of one
 * version, which is why an upgraded key reports oldest_version 1. Runs once per mount.
 */
export function ensureUpgraded(storage: Storage, now: number): void {
  if (storage.peek<UpgradeInfo>(UPGRADE_KEY)?.done) return;
  for (const storageKey of collectKeys(storage, V1_DATA_PREFIX)) {
    const key = storageKey.slice(V1_DATA_PREFIX.length);
    const data = storage.get<Record<string, unknown>>(storageKey) ?? null;
    const meta = emptyMetadata(key);
    addVersion(meta, now, null, 1);
    writeVersion(storage, key, 1, { data, created_time: now, deletion_time: null });
    writeMetadata(storage, meta);
    storage.delete(storageKey);
  }
  storage.put(UPGRADE_KEY, { started_time: now, done: true } satisfies UpgradeInfo);
}
