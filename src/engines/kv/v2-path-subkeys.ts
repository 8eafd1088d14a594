// subkeys/<path>: a version's key structure with every leaf value replaced by null
// (vault-plugin-secrets-kv v0.19.0 path_subkeys.go).
import { codedError } from '../../core/errors.js';
import type { LogicalResponse } from '../../core/request.js';
import type { FieldData } from '../../framework/field-data.js';
import { matchAllRest, type EngineRequest, type PathSpec } from '../../framework/path.js';
import { VERSION_DATA_MISSING } from './messages.js';
import { isDeleted, readMetadata, readVersion, versionView } from './v2-records.js';
import { notFoundWithData } from './v2-responses.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Keeps non-empty objects down to `maxDepth` levels (0 = no limit) and turns everything else, arrays and
 * empty objects included, into null (path_subkeys.go removeValues).
 */
export function subkeysOf(input: Record<string, unknown>, maxDepth: number): Record<string, unknown> {
  const walk = (obj: Record<string, unknown>, depth: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      const childDepth = depth + 1;
      const descend = isObject(v) && Object.keys(v).length > 0 && (maxDepth === 0 || childDepth <= maxDepth);
      Object.defineProperty(out, k, { value: descend ? walk(v as Record<string, unknown>, childDepth) : null, enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return walk(input, 1);
}

function read(req: EngineRequest, d: FieldData): LogicalResponse | undefined {
  const key = d.get<string>('path');
  const meta = readMetadata(req.storage, key);
  if (!meta) return undefined;
  const requested = d.get<number>('version');
  const version = requested > 0 ? requested : meta.current_version;
  const vm = meta.versions[String(version)];
  if (!vm) return undefined;
  const metadata = versionView(meta, version, vm);
  if (isDeleted(vm, req.now) || vm.destroyed) return notFoundWithData({ subkeys: null, metadata });
  const stored = readVersion(req.storage, key, version);
  if (!stored) throw codedError(500, VERSION_DATA_MISSING);
  return { data: { subkeys: stored.data === null ? null : subkeysOf(stored.data, d.get<number>('depth')), metadata } };
}

export function subkeysPath(): PathSpec {
  return {
    pattern: `subkeys/${matchAllRest('path')}`,
    fields: {
      path: { type: 'string', description: 'Location of the secret.' },
      depth: { type: 'int', description: 'The maximum depth to traverse. No limit will be imposed if not provided or if 0.' },
      version: { type: 'int', description: 'Specifies which version to retrieve. If not provided, the current version will be used.' },
    },
    operations: { read },
    help: { synopsis: 'Read the structure of a secret entry from the Key-Value store with the values removed.' },
  };
}
