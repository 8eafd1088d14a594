// sys/audit, sys/audit/:path and sys/audit-hash/:path (vault/logical_system_paths.go auditPaths;
// vault/logical_system.go handleAuditTable, handleEnableAudit, handleDisableAudit, handleAuditHash).
import type { PathSpec } from '../../framework/path.js';
import { AuditConfigError } from '../audit/options.js';
import { errorResponse } from '../errors.js';
import type { LogicalResponse } from '../request.js';
import type { VaultCore } from '../vault-core.js';
import { sanitizePath } from './path-mounts.js';

function table(core: VaultCore): LogicalResponse {
  const data: Record<string, unknown> = {};
  for (const e of core.auditDevices.entries()) {
    data[e.path] = { description: e.description, local: e.local, options: e.options, path: e.path, type: e.type };
  }
  return { data };
}

/** handleError: the audit system's message as an error response (400). */
function asErrorResponse(err: unknown): never {
  if (err instanceof AuditConfigError) throw errorResponse(err.message);
  throw err;
}

export function auditPaths(core: VaultCore): PathSpec[] {
  return [
    {
      pattern: 'audit-hash/(?<path>.+)',
      fields: {
        path: { type: 'string', description: 'The name of the backend. Cannot be delimited. Example: "mysql"' },
        input: { type: 'string', description: 'The input string to hash' },
      },
      operations: {
        update: (_req, d) => {
          const input = d.get<string>('input');
          if (input === '') throw errorResponse('the "input" parameter is empty');
          try {
            return { data: { hash: core.auditDevices.hash(sanitizePath(d.get<string>('path')), input) } };
          } catch (err) {
            return asErrorResponse(err);
          }
        },
      },
      help: { synopsis: 'The hash of the given string via the given audit backend' },
    },
    {
      pattern: 'audit',
      operations: { read: () => table(core) },
      help: { synopsis: 'List the currently enabled audit backends.' },
    },
    {
      pattern: 'audit/(?<path>.+)',
      fields: {
        path: { type: 'string', description: 'The name of the backend. Cannot be delimited. Example: "mysql"' },
        type: { type: 'string', description: 'The type of the backend. Example: "mysql"' },
        description: { type: 'string', description: 'User-friendly description for this audit backend.' },
        options: { type: 'kvPairs', description: 'Configuration options for the audit backend.' },
        local: { type: 'bool', default: false, description: 'Mark the mount as a local mount, which is not replicated and is unaffected by replication.' },
      },
      operations: {
        update: async (_req, d) => {
          try {
            await core.auditDevices.enable({
              path: d.get<string>('path'),
              type: d.get<string>('type'),
              description: d.get<string>('description'),
              options: d.get<Record<string, string>>('options'),
              local: d.get<boolean>('local'),
            });
          } catch (err) {
            asErrorResponse(err);
          }
          return undefined;
        },
        delete: (_req, d) => {
          core.auditDevices.disable(d.get<string>('path'));
          return undefined;
        },
      },
      help: { synopsis: 'Enable or disable audit backends.' },
    },
  ];
}
