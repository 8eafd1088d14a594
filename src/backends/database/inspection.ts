// What the database backends did, for tests to look at (vault.backends.database and
// GET /_emu/state/database): the users the emulator created and has not dropped, and every
// create/update/delete with the statements it was given, filled in as the plugin fills them except the
// password, which never leaves the emulator in clear.
import { rfc3339Nano } from '../../core/clock.js';
import type { DatabaseBackend, DeleteUserRequest, NewUserRequest, UpdateUserRequest } from './database-backend.js';
import { fillTemplate } from './statements.js';

/** Where a backend instance belongs: the mount and connection name it serves, and its plugin. */
export interface BackendLabel {
  mount: string;
  connection: string;
  plugin: string;
}

export interface DatabaseUserRecord extends BackendLabel {
  username: string;
  created_at: string;
  /** The credential's expiry on the database (VALID UNTIL), if it has one. */
  expires_at: string | null;
}

export interface DatabaseOperationRecord extends BackendLabel {
  at: string;
  operation: 'create-user' | 'update-user' | 'delete-user';
  username: string;
  statements: string[];
  /** 'ok', or the plugin's error. */
  outcome: string;
}

const REDACTED = '[redacted]';
/** Operations kept (the oldest are dropped first). */
const KEEP_OPERATIONS = 10_000;

export class DatabaseInspection {
  private readonly live = new Map<string, DatabaseUserRecord>();
  /** The operations, oldest first, from index `logStart` on (older ones are dropped in batches). */
  private log: DatabaseOperationRecord[] = [];
  private logStart = 0;

  constructor(private readonly now: () => number) {}

  /** Users created through the emulator and not dropped since, oldest first. */
  users(): DatabaseUserRecord[] {
    return [...this.live.values()].map((u) => ({ ...u }));
  }

  /** Every create/update/delete, oldest first. */
  operations(): DatabaseOperationRecord[] {
    return this.log.slice(this.logStart).map((o) => ({ ...o, statements: [...o.statements] }));
  }

  /** A backend whose calls are recorded under `label`. */
  wrap(inner: DatabaseBackend, label: BackendLabel): DatabaseBackend {
    const record = (operation: DatabaseOperationRecord['operation'], username: string, statements: string[], outcome: string, at = rfc3339Nano(this.now())) => {
      this.log.push({ ...label, at, operation, username, statements, outcome });
      // Dropping one record per push would move the whole array each time: drop a batch now and then.
      if (this.log.length - this.logStart > KEEP_OPERATIONS) this.logStart++;
      if (this.logStart >= KEEP_OPERATIONS) {
        this.log = this.log.slice(this.logStart);
        this.logStart = 0;
      }
    };
    const key = (username: string) => `${label.mount}\u0000${label.connection}\u0000${username}`;
    return {
      initialize: (req) => inner.initialize(req),
      close: () => inner.close(),
      newUser: async (req: NewUserRequest) => {
        try {
          const out = await inner.newUser(req);
          const at = rfc3339Nano(this.now());
          const expires = req.expiration ? rfc3339Nano(req.expiration) : null;
          record('create-user', out.username, render(req.statements, out.username, req.expiration, expires), 'ok', at);
          this.live.set(key(out.username), { ...label, username: out.username, created_at: at, expires_at: expires });
          return out;
        } catch (e) {
          record('create-user', '', render(req.statements, '{{name}}', req.expiration), errorText(e));
          throw e;
        }
      },
      updateUser: async (req: UpdateUserRequest) => {
        const statements = [
          ...render(req.password?.statements ?? [], req.username, undefined),
          ...render(req.expiration?.statements ?? [], req.username, req.expiration?.newExpiration),
        ];
        try {
          await inner.updateUser(req);
          record('update-user', req.username, statements, 'ok');
          const user = this.live.get(key(req.username));
          if (user && req.expiration) user.expires_at = rfc3339Nano(req.expiration.newExpiration);
        } catch (e) {
          record('update-user', req.username, statements, errorText(e));
          throw e;
        }
      },
      deleteUser: async (req: DeleteUserRequest) => {
        try {
          await inner.deleteUser(req);
          record('delete-user', req.username, render(req.statements, req.username, undefined), 'ok');
          this.live.delete(key(req.username));
        } catch (e) {
          record('delete-user', req.username, render(req.statements, req.username, undefined), errorText(e));
          throw e;
        }
      },
    };
  }
}

function render(statements: readonly string[], username: string, expiration: number | undefined, expirationText?: string | null): string[] {
  const values: Record<string, string> = { name: username, username, password: REDACTED };
  if (expiration) values.expiration = expirationText ?? rfc3339Nano(expiration);
  return statements.map((s) => fillTemplate(s, values));
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
