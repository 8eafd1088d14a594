// roles/:name and roles/ (LIST): dynamic roles (builtin/logical/database/path_roles.go).
import { errorResponse } from '../../core/errors.js';
import type { Storage } from '../../core/storage.js';
import { genericName, type PathSpec } from '../../framework/path.js';
import { dbMessages as m } from './messages.js';

export interface RoleEntry {
  db_name: string;
  creation_statements: string[];
  revocation_statements: string[];
  rollback_statements: string[];
  renew_statements: string[];
  /** Seconds. */
  default_ttl: number;
  max_ttl: number;
  credential_type: string;
  credential_config: Record<string, string>;
}

const CREDENTIAL_TYPES = ['password', 'rsa_private_key', 'client_certificate'];

export function readRole(storage: Storage, name: string): RoleEntry | undefined {
  return storage.get<RoleEntry>(`role/${name}`);
}

/** The stored role itself, deeply frozen (no copy): for reading only, as on every creds read. */
export function peekRole(storage: Storage, name: string): Readonly<RoleEntry> | undefined {
  return storage.peek<RoleEntry>(`role/${name}`) as Readonly<RoleEntry> | undefined;
}

export function rolePaths(): PathSpec[] {
  return [
    {
      pattern: 'roles/?',
      operations: { list: (req) => ({ data: { keys: req.storage.list('role/') } }) },
      help: { synopsis: 'Manage the roles that can be created with this backend.' },
    },
    {
      pattern: `roles/${genericName('name')}`,
      fields: {
        name: { type: 'string', description: 'Name of the role.' },
        db_name: { type: 'string', description: 'Name of the database this role acts on.' },
        creation_statements: { type: 'stringSlice', description: 'Statements executed to create and configure a user.' },
        revocation_statements: { type: 'stringSlice', description: 'Statements executed to revoke a user.' },
        renew_statements: { type: 'stringSlice', description: 'Statements executed to renew a user.' },
        rollback_statements: { type: 'stringSlice', description: 'Statements executed to roll back a failed creation.' },
        default_ttl: { type: 'durationSecond', description: 'Default ttl for role.' },
        max_ttl: { type: 'durationSecond', description: 'Maximum time a credential is valid for' },
        credential_type: { type: 'string', default: 'password', description: 'The type of credential to manage.' },
        credential_config: { type: 'kvPairs', description: 'The configuration for the given credential_type.' },
      },
      existenceCheck: (req, d) => readRole(req.storage, d.get<string>('name')) !== undefined,
      operations: {
        create: (req, d) => writeRole(req.storage, d, true),
        update: (req, d) => writeRole(req.storage, d, false),
        read: (req, d) => {
          const role = readRole(req.storage, d.get<string>('name'));
          if (!role) return undefined;
          const data: Record<string, unknown> = {
            db_name: role.db_name,
            creation_statements: role.creation_statements,
            revocation_statements: role.revocation_statements,
            rollback_statements: role.rollback_statements,
            renew_statements: role.renew_statements,
            default_ttl: role.default_ttl,
            max_ttl: role.max_ttl,
            credential_type: role.credential_type,
          };
          if (Object.keys(role.credential_config).length > 0) data.credential_config = role.credential_config;
          return { data };
        },
        delete: (req, d) => {
          req.storage.delete(`role/${d.get<string>('name')}`);
          return undefined;
        },
      },
      help: { synopsis: 'Manage the roles that can be created with this backend.' },
    },
  ];
}

type FieldData = Parameters<NonNullable<PathSpec['operations']['update']>>[1];

function writeRole(storage: Storage, d: FieldData, isCreate: boolean): undefined {
  const name = d.get<string>('name');
  if (name === '') throw errorResponse(m.emptyRoleName);
  if (storage.get(`static-role/${name}`) !== undefined) throw errorResponse(m.namesUnique);
  const role: RoleEntry = readRole(storage, name) ?? {
    db_name: '',
    creation_statements: [],
    revocation_statements: [],
    rollback_statements: [],
    renew_statements: [],
    default_ttl: 0,
    max_ttl: 0,
    credential_type: 'password',
    credential_config: {},
  };
  const pick = <T>(field: string, apply: (v: T) => void) => {
    if (d.has(field) || isCreate) apply(d.get<T>(field));
  };
  pick<string>('db_name', (v) => (role.db_name = v));
  if (role.db_name === '') throw errorResponse(m.dbNameRequired);
  if (d.has('credential_type')) {
    const type = d.get<string>('credential_type');
    if (!CREDENTIAL_TYPES.includes(type)) throw errorResponse(m.invalidCredentialType(type));
    role.credential_type = type;
  }
  pick<Record<string, string>>('credential_config', (v) => (role.credential_config = v ?? {}));
  const invalid = credentialConfigError(role.credential_type, role.credential_config);
  if (invalid) throw errorResponse(`credential_config validation failed: ${invalid}`);
  pick<string[]>('creation_statements', (v) => (role.creation_statements = v));
  pick<string[]>('revocation_statements', (v) => (role.revocation_statements = v));
  pick<string[]>('rollback_statements', (v) => (role.rollback_statements = v));
  pick<string[]>('renew_statements', (v) => (role.renew_statements = v));
  role.revocation_statements = role.revocation_statements.filter((s) => s !== '');
  pick<number>('default_ttl', (v) => (role.default_ttl = v));
  pick<number>('max_ttl', (v) => (role.max_ttl = v));
  storage.put(`role/${name}`, role);
  return undefined;
}

/** The rsa_private_key generator's checks (path_roles.go setCredentialConfig → newRSAKeyGenerator). */
function credentialConfigError(type: string, config: Record<string, string>): string | undefined {
  if (type !== 'rsa_private_key') return undefined;
  const bits = config.key_bits;
  if (bits !== undefined && !['2048', '3072', '4096'].includes(bits)) return `invalid key_bits: ${bits}`;
  const format = config.format;
  if (format !== undefined && format !== 'pkcs8') return `invalid format: ${format}`;
  return undefined;
}
