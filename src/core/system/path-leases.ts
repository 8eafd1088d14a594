// sys/leases/* and the legacy sys/renew, sys/revoke, sys/revoke-prefix, sys/revoke-force
// (vault/logical_system_paths.go leasePaths; handlers in vault/logical_system.go). The expiration
// manager does the work; errors it returns become error responses (handleErrorNoReadOnlyForward).
import type { FieldData } from '../../framework/field-data.js';
import type { PathSpec } from '../../framework/path.js';
import { rfc3339Nano } from '../clock.js';
import { codedError, errorResponse } from '../errors.js';
import { LeaseError, leaseMessages as m } from '../lease/messages.js';
import type { LogicalResponse } from '../request.js';
import type { VaultCore } from '../vault-core.js';
import { atoi } from './path-tools.js';

/** MaxIrrevocableLeasesToReturn. */
const MAX_IRREVOCABLE_LISTED = 10_000;

/** Runs a manager call; its errors are error responses (400), anything else passes through. */
async function asErrorResponse<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof LeaseError) throw errorResponse(err.message);
    throw err;
  }
}

/** The body's lease_id, else the one in the URL; required. */
function leaseIdOf(d: FieldData): string {
  const id = d.get<string>('lease_id') || d.get<string>('url_lease_id');
  if (!id) throw errorResponse(m.leaseIdRequired);
  return id;
}

/** RespondWithStatusCode(nil, nil, 202): the status alone. */
const ACCEPTED: LogicalResponse = { statusCode: 202, emptyBody: true };

export function leasePaths(core: VaultCore): PathSpec[] {
  const urlLeaseId = { url_lease_id: { type: 'string', description: 'The lease identifier to renew. This is included with a lease.' } } as const;
  const leaseId = { lease_id: { type: 'string', description: 'The lease identifier to renew. This is included with a lease.' } } as const;
  const sync = { sync: { type: 'bool', default: true, description: 'Whether or not to perform the revocation synchronously' } } as const;
  const prefix = { prefix: { type: 'string', description: 'The path to revoke keys under. Example: "prod/aws/ops"' } } as const;
  const irrevocableFields = {
    type: { type: 'string', description: 'Type of leases to get counts for (currently only supporting irrevocable).' },
    include_child_namespaces: { type: 'bool', default: false, description: 'Set true if the response should include counts for child namespaces.' },
  } as const;

  return [
    {
      pattern: 'leases/lookup/(?<prefix>.*)',
      fields: { prefix: { type: 'string', description: 'The path to list leases under. Example: "aws/creds/deploy"' } },
      operations: {
        list: (_req, d) => {
          let p = d.get<string>('prefix');
          if (p !== '' && !p.endsWith('/')) p += '/';
          return { data: { keys: core.leases.list(p) } };
        },
      },
      help: { synopsis: 'View or list lease metadata.' },
    },
    {
      pattern: 'leases/lookup',
      fields: { lease_id: { type: 'string', description: 'The lease identifier to renew. This is included with a lease.' } },
      operations: {
        update: (req, d) => {
          const id = d.get<string>('lease_id');
          if (!id) throw errorResponse(m.leaseIdRequired);
          const times = core.leases.lookup(id, req.now);
          if (!times) throw errorResponse(m.invalidLease);
          const time = (v: unknown) => (typeof v === 'number' ? rfc3339Nano(v) : v);
          return { data: { ...times, expire_time: time(times.expire_time), issue_time: time(times.issue_time), last_renewal: time(times.last_renewal) } };
        },
      },
      help: { synopsis: 'View or list lease metadata.' },
    },
    {
      pattern: '(leases/)?renew(/(?<url_lease_id>.+))?',
      fields: {
        ...urlLeaseId,
        ...leaseId,
        increment: { type: 'durationSecond', description: 'The desired increment in seconds to the lease' },
      },
      operations: {
        update: (req, d) => {
          const id = leaseIdOf(d);
          return asErrorResponse(() => core.leases.renew(id, d.get<number>('increment'), req.now));
        },
      },
      help: { synopsis: 'Renews a lease, requesting to extend the lease.' },
    },
    {
      pattern: '(leases/)?revoke(/(?<url_lease_id>.+))?',
      fields: { ...urlLeaseId, ...leaseId, ...sync },
      operations: {
        update: async (req, d) => {
          const id = leaseIdOf(d);
          if (!d.get<boolean>('sync')) {
            core.leases.lazyRevoke(id, req.now);
            return ACCEPTED;
          }
          await asErrorResponse(() => core.leases.revoke(id));
          return undefined;
        },
      },
      help: { synopsis: 'Revokes a lease immediately.' },
    },
    {
      pattern: '(leases/)?revoke-force/(?<prefix>.+)',
      fields: prefix,
      operations: {
        update: async (req, d) => {
          await asErrorResponse(() => core.leases.revokePrefix(d.get<string>('prefix'), { force: true, sync: true }, req.now));
          return undefined;
        },
      },
      help: { synopsis: 'Revokes all secrets or tokens generated under a given prefix immediately' },
    },
    {
      pattern: '(leases/)?revoke-prefix/(?<prefix>.+)',
      fields: { ...prefix, ...sync },
      operations: {
        update: async (req, d) => {
          const isSync = d.get<boolean>('sync');
          await asErrorResponse(() => core.leases.revokePrefix(d.get<string>('prefix'), { force: false, sync: isSync }, req.now));
          return isSync ? undefined : ACCEPTED;
        },
      },
      help: { synopsis: 'Revokes all secrets (via a lease ID prefix) or tokens (via the tokens\' path property) generated under a given prefix immediately.' },
    },
    {
      pattern: 'leases/tidy',
      operations: {
        update: () => {
          // Vault runs tidy in the background and answers at once.
          void core.leases.tidy().catch(() => undefined);
          return { data: null, warnings: [m.tidyStarted], statusCode: 202, mountType: '' };
        },
      },
      help: { synopsis: 'This endpoint performs cleanup tasks that can be run if certain error conditions have occurred.' },
    },
    {
      pattern: 'leases/count',
      fields: irrevocableFields,
      operations: {
        read: (_req, d) => {
          if (!isIrrevocableQuery(d)) return undefined;
          return { data: core.leases.irrevocableCounts() };
        },
      },
      help: { synopsis: 'Count of leases associated with this Vault cluster' },
    },
    {
      pattern: 'leases',
      fields: { ...irrevocableFields, limit: { type: 'string', default: '', description: 'Set to a positive integer or "none" for all.' } },
      operations: {
        read: (_req, d) => {
          if (!isIrrevocableQuery(d)) return undefined;
          const limit = irrevocableLimit(d.get<string>('limit'));
          const { leases, truncated } = core.leases.irrevocableLeases(limit);
          const response: LogicalResponse = { data: { lease_count: leases.length, leases } };
          if (truncated) response.warnings = [m.tooManyIrrevocable];
          return response;
        },
      },
      help: { synopsis: 'List leases associated with this Vault cluster' },
    },
  ];
}

function isIrrevocableQuery(d: FieldData): boolean {
  const [type, sent] = d.getOk<string>('type');
  return sent && type.toLowerCase() === 'irrevocable';
}

/** processLimit: '' is the default cap, "none" is everything, else a positive integer. */
function irrevocableLimit(raw: string): number | undefined {
  if (raw === '') return MAX_IRREVOCABLE_LISTED;
  if (raw.toLowerCase() === 'none') return undefined;
  let n: number;
  try {
    n = atoi(raw);
  } catch (err) {
    throw codedError(500, `invalid 'limit' provided: ${(err as Error).message}`);
  }
  if (n < 1) throw codedError(500, "limit must be 'none' or a positive integer");
  return n;
}
