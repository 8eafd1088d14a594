// static-roles/:name, static-roles/ (LIST), static-creds/:name and rotate-role/:name
// (builtin/logical/database/path_roles.go, path_creds_create.go, path_rotate_credentials.go).
import { rfc3339Nano } from '../../core/clock.js';
import { codedError, errorResponse } from '../../core/errors.js';
import type { FieldData } from '../../framework/field-data.js';
import { genericName, type EngineRequest, type PathSpec } from '../../framework/path.js';
import { requireConfig } from './connections.js';
import { CronParseError, parseCron } from './cron-schedule.js';
import { dbMessages as m } from './messages.js';
import { roleAllowed } from './path-creds-create.js';
import { readRole } from './path-roles.js';
import {
  QUEUE_TICK_SECONDS,
  credentialTtl,
  nextRotationFrom,
  readStaticRole,
  staticRolePath,
  type StaticRoleEntry,
  type StaticRotations,
} from './static-rotation.js';

/** Go's fmt.Sprintf(text, "error", err) with no verbs in text: logical.ErrorResponse(text, "error", err). */
function withExtraError(text: string, err: string): string {
  return `${text}%!(EXTRA string=error, *errors.errorString=${err})`;
}

const STATIC_FIELDS = {
  name: { type: 'string', description: 'Name of the role.' },
  db_name: { type: 'string', description: 'Name of the database this role acts on.' },
  username: { type: 'string', description: 'Name of the static user account for Vault to manage.' },
  rotation_period: { type: 'durationSecond', description: 'Period for automatic credential rotation of the given username.' },
  rotation_schedule: { type: 'string', description: 'Schedule for automatic credential rotation of the given username.' },
  rotation_window: { type: 'durationSecond', description: 'The window of time in which rotations are allowed to occur starting from a given "rotation_schedule".' },
  rotation_statements: { type: 'stringSlice', description: 'Database statements to rotate the account credentials.' },
  self_managed_password: { type: 'string', description: 'Used to connect to a self-managed static account.' },
  credential_type: { type: 'string', default: 'password', description: 'The type of credential to manage.' },
  credential_config: { type: 'map', description: 'The configuration for the given credential_type.' },
} as const;

export function staticRolePaths(rotations: StaticRotations): PathSpec[] {
  return [
    {
      pattern: 'static-roles/?',
      operations: { list: (req) => ({ data: { keys: req.storage.list('static-role/') } }) },
      help: { synopsis: 'Manage the static roles that can be created with this backend.' },
    },
    {
      pattern: `static-roles/${genericName('name')}`,
      fields: STATIC_FIELDS,
      existenceCheck: (req, d) => readStaticRole(req.storage, d.get<string>('name')) !== undefined,
      operations: {
        read: (req, d) => {
          const role = readStaticRole(req.storage, d.get<string>('name'));
          return role ? { data: staticRoleData(role) } : undefined;
        },
        create: (req, d) => writeStaticRole(rotations, req, d),
        update: (req, d) => writeStaticRole(rotations, req, d),
        delete: (req, d) => {
          const name = d.get<string>('name');
          rotations.pop(name);
          req.storage.delete(staticRolePath(name));
          return undefined;
        },
      },
      help: { synopsis: 'Manage the static roles that can be created with this backend.' },
    },
    {
      pattern: `static-creds/${genericName('name')}`,
      fields: { name: { type: 'string', description: 'Name of the static role.' } },
      operations: {
        read: (req, d) => {
          const name = d.get<string>('name');
          const role = readStaticRole(req.storage, name);
          if (!role) throw errorResponse(m.unknownRole(name));
          const config = requireConfig(req.storage, role.db_name);
          if (!roleAllowed(config, name)) throw codedError(500, m.notAllowed(name));
          const a = role.static_account;
          const data: Record<string, unknown> = { username: a.username, ttl: credentialTtl(a, req.now), last_vault_rotation: rfc3339Nano(a.last_vault_rotation) };
          if (a.rotation_schedule === '') data.rotation_period = a.rotation_period;
          else {
            data.rotation_schedule = a.rotation_schedule;
            if (a.rotation_window !== 0) data.rotation_window = a.rotation_window;
          }
          data.password = a.password;
          return { data };
        },
      },
      help: { synopsis: 'Request database credentials for a certain static role. These credentials are rotated periodically.' },
    },
    {
      pattern: `rotate-role/${genericName('name')}`,
      fields: { name: { type: 'string', description: 'Name of the static role' } },
      operations: {
        update: async (req, d) => {
          const name = d.get<string>('name');
          if (name === '') throw errorResponse(m.emptyRoleName);
          const role = readStaticRole(req.storage, name);
          if (!role) throw errorResponse(m.noStaticRole);
          rotations.pop(name);
          try {
            const rotated = await rotations.setStaticAccount(name, role, req.now);
            rotations.push(name, Math.floor(nextRotationFrom(role.static_account, rotated) / 1000));
          } catch (e) {
            rotations.push(name, Math.floor((req.now + 10_000) / 1000));
            throw codedError(500, m.rotateRoleFailed(errorText(e)));
          }
          return undefined;
        },
      },
      help: { synopsis: 'Request to rotate the credentials for a static user account.' },
    },
  ];
}

function errorText(e: unknown): string {
  const errs = (e as { errors?: string[] }).errors;
  const raw = errs?.[0] ?? (e instanceof Error ? e.message : String(e));
  return raw.replace(/^1 error occurred:\n\t\* /, '').replace(/\n\n$/, '');
}

function staticRoleData(role: StaticRoleEntry): Record<string, unknown> {
  const a = role.static_account;
  const data: Record<string, unknown> = {
    credential_type: role.credential_type,
    db_name: role.db_name,
    rotation_statements: role.rotation_statements,
    username: a.username,
  };
  if (a.last_vault_rotation !== 0) data.last_vault_rotation = rfc3339Nano(a.last_vault_rotation);
  if (a.rotation_schedule === '' && a.rotation_period !== 0) data.rotation_period = a.rotation_period;
  else if (a.rotation_schedule !== '') {
    data.rotation_schedule = a.rotation_schedule;
    if (a.rotation_window !== 0) data.rotation_window = a.rotation_window;
  }
  if (Object.keys(role.credential_config).length > 0) data.credential_config = role.credential_config;
  return data;
}

/** pathStaticRoleCreateUpdate. */
async function writeStaticRole(rotations: StaticRotations, req: EngineRequest, d: FieldData): Promise<undefined> {
  const name = d.get<string>('name');
  if (name === '') throw errorResponse(m.emptyRoleName);
  if (readRole(req.storage, name)) throw errorResponse(m.namesUnique);
  const existing = readStaticRole(req.storage, name);
  const create = req.operation === 'create' || !existing;
  const role: StaticRoleEntry = existing ?? {
    db_name: '',
    rotation_statements: [],
    credential_type: 'password',
    credential_config: {},
    static_account: { username: '', password: '', last_vault_rotation: 0, next_vault_rotation: 0, rotation_period: 0, rotation_schedule: '', rotation_window: 0, self_managed_password: '' },
  };
  const account = role.static_account;
  const [dbName, dbNameSent] = d.getOk<string>('db_name');
  if (dbNameSent || create) role.db_name = dbName;
  if (role.db_name === '') throw errorResponse(m.dbNameRequiredField);
  const username = d.get<string>('username');
  if (username === '' && create) throw errorResponse(m.usernameRequired);
  if (account.username !== '' && account.username !== username) throw errorResponse(m.cannotUpdateUsername);
  account.username = username;

  const [period, periodSent] = d.getOk<number>('rotation_period');
  const [schedule, scheduleSent] = d.getOk<string>('rotation_schedule');
  const [window, windowSent] = d.getOk<number>('rotation_window');
  if (scheduleSent && periodSent) throw errorResponse(m.periodAndSchedule);
  if (create && !scheduleSent && !periodSent) throw errorResponse(m.periodOrSchedule);
  if (periodSent) {
    if (period < QUEUE_TICK_SECONDS) throw errorResponse(m.periodTooShort(QUEUE_TICK_SECONDS));
    account.rotation_period = period;
    if (windowSent) throw errorResponse(m.windowWithPeriod);
    account.rotation_schedule = '';
    account.rotation_window = 0;
  }
  if (scheduleSent) {
    try {
      parseCron(schedule);
    } catch (e) {
      if (e instanceof CronParseError) throw errorResponse(withExtraError('could not parse rotation_schedule', e.message));
      throw e;
    }
    account.rotation_schedule = schedule;
    if (windowSent) {
      if (window < 3600) throw errorResponse(withExtraError('rotation_window is invalid', 'rotation_window must be 3600 seconds or more'));
      account.rotation_window = window;
    }
    account.rotation_period = 0;
  }
  const [statements, statementsSent] = d.getOk<string[]>('rotation_statements');
  if (statementsSent || req.operation === 'create') role.rotation_statements = statements ?? [];
  const [credentialType, typeSent] = d.getOk<string>('credential_type');
  if (typeSent) {
    if (!['password', 'rsa_private_key', 'client_certificate'].includes(credentialType)) throw errorResponse(m.invalidCredentialType(credentialType));
    role.credential_type = credentialType;
  }
  const [selfManaged, selfManagedSent] = d.getOk<string>('self_managed_password');
  if (selfManagedSent && create) account.self_managed_password = selfManaged;
  const [credentialConfig, configSent] = d.getOk<Record<string, string>>('credential_config');
  if (configSent || req.operation === 'create') role.credential_config = credentialConfig ?? {};

  let lastRotation = account.last_vault_rotation;
  if (req.operation === 'create') {
    // The password is set on the database at once; nothing is stored if that fails.
    lastRotation = await rotations.setStaticAccount(name, role, req.now);
  } else {
    req.storage.put(staticRolePath(name), role);
  }
  if (periodSent) rotations.push(name, Math.floor((lastRotation + account.rotation_period * 1000) / 1000));
  else if (scheduleSent) rotations.push(name, Math.floor(nextRotationFrom(account, lastRotation) / 1000));
  return undefined;
}
