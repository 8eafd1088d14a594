// config: mount-wide KV v2 settings (vault-plugin-secrets-kv v0.19.0 path_config.go).
import type { PathSpec } from '../../framework/path.js';
import { DELETE_VERSION_AFTER_DISABLED, durationString, readConfig, toUint32, writeConfig } from './v2-records.js';

export function configPath(): PathSpec {
  return {
    pattern: 'config',
    fields: {
      max_versions: { type: 'int', description: 'The number of versions to keep for each key. Defaults to 10' },
      cas_required: { type: 'bool', description: 'If true, the backend will require the cas parameter to be set for each write' },
      delete_version_after: {
        type: 'signedDurationSecond',
        description:
          'If set, the length of time before a version is deleted. A negative duration disables the use of delete_version_after on all keys. A zero duration clears the current setting. Accepts a Go duration format string.',
      },
    },
    operations: {
      read: (req) => {
        const config = readConfig(req.storage);
        return {
          data: {
            max_versions: config.max_versions,
            cas_required: config.cas_required,
            delete_version_after: durationString(config.delete_version_after),
          },
        };
      },
      update: (req, d) => {
        const [maxVersions, maxSent] = d.getOk<number>('max_versions');
        const [casRequired, casSent] = d.getOk<boolean>('cas_required');
        const [deleteAfter, deleteAfterSent] = d.getOk<number>('delete_version_after');
        if (!maxSent && !casSent && !deleteAfterSent) return undefined;
        const config = readConfig(req.storage);
        if (maxSent) config.max_versions = toUint32(maxVersions);
        if (casSent) config.cas_required = casRequired;
        if (deleteAfterSent) {
          // Negative disables the setting on every key, zero clears it (path_config.go pathConfigWrite).
          if (deleteAfter < 0) config.delete_version_after = DELETE_VERSION_AFTER_DISABLED;
          else config.delete_version_after = deleteAfter === 0 ? null : deleteAfter;
        }
        writeConfig(req.storage, config);
        return undefined;
      },
    },
    help: { synopsis: 'Configures settings for the KV store' },
  };
}
