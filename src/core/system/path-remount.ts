// sys/remount and sys/remount/status/:migration_id (vault/logical_system.go handleRemount, moveMount,
// handleRemountStatusCheck; vault/mount.go remountSecretsEngine, vault/auth.go remountCredential).
// Vault moves the mount in a goroutine; the emulator moves it before answering, so the status
// already reads "success" (a client polling the status endpoint sees the same final state).
import type { PathSpec } from '../../framework/path.js';
import { errorResponse } from '../errors.js';
import type { MountEntry } from '../mounts.js';
import type { VaultCore } from '../vault-core.js';
import { remountMessages as r } from './messages.js';
import { PROTECTED_MOUNTS, sanitizePath } from './path-mounts.js';

/** Auth mounts that cannot be moved (vault/auth.go protectedAuths). */
const PROTECTED_AUTHS = ['auth/token'] as const;

interface MigrationInfo {
  source_mount: string;
  target_mount: string;
  /** in-progress, success or failure (MountMigrationStatus, kebab-case). */
  status: 'in-progress' | 'success' | 'failure';
}

/** Vault keeps migrations in memory only (Core.mountMigrationTracker); so does one system backend. */
export type MigrationTracker = Map<string, MigrationInfo>;

/** Go's path.Clean. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const cleaned = (rooted ? '/' : '') + out.join('/');
  return cleaned === '' ? '.' : cleaned;
}

/** validateMountPath: the destination must be its own path.Clean (trailing slash kept) and printable. */
function validateDestination(path: string): void {
  const clean = cleanPath(path) + (path.endsWith('/') ? '/' : '');
  if (path !== clean) throw errorResponse(r.notClean(path, clean));
  // Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
  if (/[^\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(path)) throw errorResponse(r.nonPrintable);
}

export function remountPaths(core: VaultCore, migrations: MigrationTracker): PathSpec[] {
  return [
    {
      pattern: 'remount',
      fields: {
        from: { type: 'string', description: 'The current mount path.' },
        to: { type: 'string', description: 'The new mount path.' },
      },
      operations: {
        update: async (req, d) => {
          const from = d.get<string>('from');
          const to = d.get<string>('to');
          const id = await remount(core, migrations, from, to, req.now);
          return { data: { migration_id: id }, warnings: [r.queued] };
        },
      },
      help: { synopsis: 'Move the mount point of an already-mounted backend, within or across namespaces' },
    },
    {
      pattern: 'remount/status/(?<migration_id>.+?)',
      fields: { migration_id: { type: 'string', description: 'The ID sys/remount returned.' } },
      operations: {
        read: (_req, d) => {
          const id = d.get<string>('migration_id');
          if (id === '') throw errorResponse(r.missingMigrationId);
          const info = migrations.get(id);
          if (!info) return undefined;
          return { data: { migration_id: id, migration_info: { ...info } } };
        },
      },
      help: { synopsis: 'Check the status of a mount move operation' },
    },
  ];
}

async function remount(core: VaultCore, migrations: MigrationTracker, fromRaw: string, toRaw: string, now: number): Promise<string> {
  if (fromRaw === '' || toRaw === '') throw errorResponse(r.missingPaths);
  if (fromRaw.startsWith(' ') || fromRaw.endsWith(' ')) throw errorResponse(r.fromWhitespace);
  if (toRaw.startsWith(' ') || toRaw.endsWith(' ')) throw errorResponse(r.toWhitespace);
  const from = sanitizePath(fromRaw);
  const to = sanitizePath(toRaw);
  validateDestination(to);
  if (from.startsWith('auth/')) {
    if (!to.startsWith('auth/')) throw errorResponse(r.authToNonAuth(to));
    for (const p of PROTECTED_AUTHS) if (from.startsWith(p)) throw errorResponse(r.cannotRemount(from));
    for (const p of PROTECTED_AUTHS) if (to.startsWith(p)) throw errorResponse(r.cannotRemountAuthTo(to));
  } else {
    for (const p of PROTECTED_MOUNTS) {
      if (from.startsWith(p)) throw errorResponse(r.cannotRemount(from));
      if (to.startsWith(p)) throw errorResponse(r.cannotRemountTo(to));
    }
  }
  const entry = core.mounts.matching(from);
  if (!entry) throw errorResponse(r.noMatchingMount(from));
  const conflict = core.mounts.conflict(to);
  if (conflict) throw errorResponse(r.pathInUse(conflict));

  const id = core.random.uuid();
  // The source's leases are revoked before the move (vault/mount.go remountSecretsEngine); if one
  // cannot be, the migration fails and the mount stays where it was.
  try {
    await core.leases.revokePrefix(from, { force: false, sync: true }, now);
  } catch {
    migrations.set(id, { source_mount: from, target_mount: to, status: 'failure' });
    return id;
  }
  move(core, entry, to);
  migrations.set(id, { source_mount: from, target_mount: to, status: 'success' });
  return id;
}

/** remountCredential / remountSecretsEngine: same uuid and accessor, so the data moves along. */
function move(core: VaultCore, entry: MountEntry, to: string): void {
  const moved: MountEntry = { ...entry, path: entry.table === 'auth' ? to.slice('auth/'.length) : to };
  core.mounts.replace(moved);
  core.refreshRoutes();
  // Engines may hold their mount entry; the next request builds them at the new path.
  core.invalidateEngine(entry.uuid);
}
