// The postgresql-database-plugin against a real PostgreSQL server through `pg`
// (plugins/database/postgresql/postgresql.go, sdk/database/helper/connutil/sql.go).
import type pg from 'pg';
import {
  configBool,
  configInt,
  configString,
  DatabasePluginError,
  sanitize,
  type DatabaseBackend,
  type DeleteUserRequest,
  type InitializeRequest,
  type NewUserRequest,
  type PluginRandom,
  type UpdateUserRequest,
} from './database-backend.js';
import { EXPIRATION_LAYOUT, formatGoTime } from './go-time.js';
import { pgConnectionConfig, pgxErrorText } from './postgres-wire.js';
import { scramSha256Verifier } from './scram.js';
import { containsMultilineStatement, fillTemplate, quoteIdentifier, splitStatements } from './statements.js';
import { PluginUsernames } from './plugin-usernames.js';

const DEFAULT_USERNAME_TEMPLATE = '{{ printf "v-%s-%s-%s-%s" (.DisplayName | truncate 8) (.RoleName | truncate 8) (random 20) (unix_time) | truncate 63 }}';
const DEFAULT_EXPIRATION_STATEMENT = `
ALTER ROLE "{{name}}" VALID UNTIL '{{expiration}}';
`;
const DEFAULT_CHANGE_PASSWORD_STATEMENT = `
ALTER ROLE "{{username}}" WITH PASSWORD '{{password}}';
`;

/** pg, imported on the first connection rather than at start-up (its module graph costs every process start ~45 ms). */
let pgDriver: typeof pg | undefined;
type Client = pg.PoolClient;

export class PostgresDatabaseBackend implements DatabaseBackend {
  private pool: pg.Pool | undefined;
  /** Clients given an 'error' listener (pg reuses client objects across checkouts). */
  private readonly guarded = new WeakSet<Client>();
  private connection: pg.ClientConfig | undefined;
  private usernames: PluginUsernames | undefined;
  private scram = false;
  private rootPassword = '';
  /** Creation/revocation statement → the queries it runs (parsing throws inside JSON.parse: cached). */
  private readonly queriesOf = new Map<string, readonly string[]>();

  constructor(private readonly random: PluginRandom) {}

  async initialize(req: InitializeRequest): Promise<{ config: Record<string, unknown> }> {
    const config = req.config;
    const connectionUrl = configString(config, 'connection_url');
    if (connectionUrl === '') throw new DatabasePluginError('connection_url cannot be empty');
    const username = configString(config, 'username');
    const password = configString(config, 'password');
    this.rootPassword = password;
    const templated = connectionUrl.includes('{{username}}') && connectionUrl.includes('{{password}}');
    if ([username, password].some((v) => v.includes('{{username}}') || v.includes('{{password}}'))) {
      throw new DatabasePluginError('username and/or password cannot contain the template variables');
    }
    const selfManaged = configBool(config, 'self_managed');
    if (!selfManaged && username === '' && password === '' && templated) {
      throw new DatabasePluginError("must either provide username/password or set self-managed to 'true'");
    }
    const escape = !configBool(config, 'disable_escaping');
    const url = fillTemplate(connectionUrl, {
      username: escape ? goPathEscape(username) : username,
      password: escape ? goPathEscape(password) : password,
    });
    const maxOpen = configInt(config, 'max_open_connections') || 4;
    this.connection = pgConnectionConfig(url);

    let template = configString(config, 'username_template');
    if (template === '') template = DEFAULT_USERNAME_TEMPLATE;
    this.usernames = PluginUsernames.initialize(template, this.random);
    const auth = configString(config, 'password_authentication');
    if (auth !== '') {
      if (auth !== 'password' && auth !== 'scram-sha-256') throw new DatabasePluginError(`'${auth}' is not a valid password authentication type`);
      this.scram = auth === 'scram-sha-256';
    }
    await this.closePool();
    // idleTimeoutMillis 0: database/sql keeps idle connections (Vault sets no idle time limit), and no
    // timer is armed and cleared around every statement.
    const driver = (pgDriver ??= (await import('pg')).default);
    this.pool = new driver.Pool({ ...this.connection, max: maxOpen, application_name: 'vault', idleTimeoutMillis: 0 });
    // An idle client's connection error must not crash the process; the next query reports it.
    this.pool.on('error', () => undefined);
    if (req.verifyConnection && !selfManaged) {
      let client: Client | undefined;
      try {
        client = await this.pool.connect();
        await client.query('SELECT 1');
      } catch (e) {
        throw this.error(`error verifying connection: ${this.driverText(e)}`);
      } finally {
        client?.release();
      }
    }
    return { config };
  }

  async newUser(req: NewUserRequest): Promise<{ username: string }> {
    if (req.statements.length === 0) throw new DatabasePluginError('empty creation statements');
    const username = this.generateUsername(req);
    const values: Record<string, string> = {
      name: username,
      username,
      password: this.scram ? scramSha256Verifier(req.password, this.random.bytes(16)) : req.password,
      expiration: formatGoTime(req.expiration, EXPIRATION_LAYOUT),
    };
    await this.inTransaction('unable to start transaction: ', async (client) => {
      for (const stmt of req.statements) {
        for (const query of this.queries(stmt)) {
          try {
            await client.query(fillTemplate(query, values));
          } catch (e) {
            throw this.error(`failed to execute query: ${this.driverText(e)}`);
          }
        }
      }
    });
    return { username };
  }

  async updateUser(req: UpdateUserRequest): Promise<void> {
    if (req.username === '') throw new DatabasePluginError('missing username');
    if (!req.password && !req.expiration) throw new DatabasePluginError('no changes requested');
    // UpdateUser collects both changes' errors in a multierror.
    const failures: string[] = [];
    if (req.password) await this.changePassword(req.username, req.password).catch((e: Error) => failures.push(e.message));
    if (req.expiration) await this.changeExpiration(req.username, req.expiration).catch((e: Error) => failures.push(e.message));
    if (failures.length > 0) {
      const noun = failures.length === 1 ? '1 error occurred' : `${failures.length} errors occurred`;
      throw new DatabasePluginError(`${noun}:\n${failures.map((f) => `\t* ${f}`).join('\n')}\n\n`);
    }
  }

  private async changePassword(username: string, change: { newPassword: string; statements: string[] }): Promise<void> {
    const statements = change.statements.length > 0 ? change.statements : [DEFAULT_CHANGE_PASSWORD_STATEMENT];
    if (change.newPassword === '') throw new DatabasePluginError('missing password');
    await this.inTransaction('unable to start transaction: ', async (client) => {
      for (const stmt of statements) {
        for (const query of splitStatements(stmt)) {
          const password = this.scram ? scramSha256Verifier(change.newPassword, this.random.bytes(16)) : change.newPassword;
          try {
            await client.query(fillTemplate(query, { name: username, username, password }));
          } catch (e) {
            throw this.error(`failed to execute query: ${this.driverText(e)}`);
          }
        }
      }
    });
  }

  private async changeExpiration(username: string, change: { newExpiration: number; statements: string[] }): Promise<void> {
    const statements = change.statements.length > 0 ? change.statements : [DEFAULT_EXPIRATION_STATEMENT];
    const expiration = formatGoTime(change.newExpiration, EXPIRATION_LAYOUT);
    await this.inTransaction('', async (client) => {
      for (const stmt of statements) {
        for (const query of splitStatements(stmt)) {
          try {
            await client.query(fillTemplate(query, { name: username, username, expiration }));
          } catch (e) {
            throw this.error(this.driverText(e));
          }
        }
      }
    });
  }

  async deleteUser(req: DeleteUserRequest): Promise<void> {
    if (req.statements.length === 0) return this.defaultDeleteUser(req.username);
    await this.inTransaction('', async (client) => {
      for (const stmt of req.statements) {
        for (const query of this.queries(stmt)) {
          try {
            await client.query(fillTemplate(query, { name: req.username, username: req.username }));
          } catch (e) {
            throw this.error(this.driverText(e));
          }
        }
      }
    });
  }

  /** defaultDeleteUser: revokes outside a transaction, carrying on past errors, then drops the role. */
  private async defaultDeleteUser(username: string): Promise<void> {
    const client = await this.connect('');
    try {
      const run = async (text: string, values?: unknown[]) => {
        try {
          return await client.query(text, values);
        } catch (e) {
          throw this.error(this.driverText(e));
        }
      };
      const exists = await run('SELECT exists (SELECT rolname FROM pg_roles WHERE rolname=$1);', [username]);
      if (!exists.rows[0]?.exists) return;
      const schemas = await run('SELECT DISTINCT table_schema FROM information_schema.role_column_grants WHERE grantee=$1;', [username]);
      const user = quoteIdentifier(username);
      const statements: string[] = [];
      for (const row of schemas.rows as { table_schema: string }[]) {
        // Vault leaves the schema unquoted in this one statement.
        statements.push(`REVOKE ALL PRIVILEGES ON ALL TABLES IN SCHEMA ${row.table_schema} FROM ${user};`);
        statements.push(`REVOKE USAGE ON SCHEMA ${quoteIdentifier(row.table_schema)} FROM ${user};`);
      }
      statements.push(`REVOKE ALL PRIVILEGES ON ALL TABLES IN SCHEMA public FROM ${user};`);
      statements.push(`REVOKE ALL PRIVILEGES ON ALL SEQUENCES IN SCHEMA public FROM ${user};`);
      statements.push(`REVOKE USAGE ON SCHEMA public FROM ${user};`);
      const db = await run('SELECT current_database();');
      const dbname = db.rows[0]?.current_database as string | null | undefined;
      if (dbname) statements.push(`REVOKE CONNECT ON DATABASE ${quoteIdentifier(dbname)} FROM ${user};`);
      let last: string | undefined;
      for (const stmt of statements) {
        try {
          await client.query(stmt);
        } catch (e) {
          last = this.driverText(e);
        }
      }
      if (last !== undefined) throw this.error(`could not perform all revocation statements: ${last}`);
      await run(`DROP ROLE IF EXISTS ${user};`);
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.closePool();
  }

  /** An element run whole when it contains END, else split as Vault splits it. */
  private queries(stmt: string): readonly string[] {
    let queries = this.queriesOf.get(stmt);
    if (!queries) {
      queries = containsMultilineStatement(stmt) ? [stmt] : splitStatements(stmt);
      if (this.queriesOf.size >= 256) this.queriesOf.clear();
      this.queriesOf.set(stmt, queries);
    }
    return queries;
  }

  private generateUsername(req: NewUserRequest): string {
    if (!this.usernames) throw new DatabasePluginError('plugin has not been initialized');
    return this.usernames.generate(req.usernameConfig, req.now);
  }

  private async connect(prefix: string): Promise<Client> {
    if (!this.pool) throw new DatabasePluginError('plugin has not been initialized');
    let client: Client;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw this.error(`${prefix}${this.driverText(e)}`);
    }
    // A checked-out client whose server goes away emits 'error'; the pending query reports it.
    if (!this.guarded.has(client)) {
      client.on('error', () => undefined);
      this.guarded.add(client);
    }
    return client;
  }

  /** Every statement in one transaction, rolled back on the first failure (database/sql's Tx). */
  private async inTransaction(beginPrefix: string, body: (client: Client) => Promise<void>): Promise<void> {
    const client = await this.begin(beginPrefix);
    let broken = false;
    try {
      await body(client);
      try {
        await client.query('COMMIT');
      } catch (e) {
        throw this.error(this.driverText(e));
      }
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw e;
    } finally {
      client.release(broken);
    }
  }

  /**
   * BEGIN on a pooled connection. A connection the server dropped while idle is discarded and a new
   * one tried, as database/sql retries driver.ErrBadConn, so the error seen is the new connection's.
   */
  private async begin(prefix: string): Promise<Client> {
    for (let attempt = 0; ; attempt++) {
      const client = await this.connect(prefix);
      try {
        await client.query('BEGIN');
        return client;
      } catch (e) {
        client.release(true);
        if (attempt < 2 && isBadConnection(e)) continue;
        throw this.error(`${prefix}${this.driverText(e)}`);
      }
    }
  }

  private driverText(e: unknown): string {
    return pgxErrorText(e, this.connection);
  }

  private error(message: string): DatabasePluginError {
    return new DatabasePluginError(sanitize(message, [this.rootPassword]));
  }

  private async closePool(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    if (pool) await pool.end().catch(() => undefined);
  }
}

/** Go's url.PathEscape. */
export function goPathEscape(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%(2[46B]|3[AD]|40)/g, (m) => decodeURIComponent(m));
}

/** A connection that died under the pool (server restart, network cut): worth one new connection. */
function isBadConnection(e: unknown): boolean {
  const err = e as { message?: string; code?: string };
  return err.message === 'Connection terminated unexpectedly' || err.message === 'Client has encountered a connection error and is not queryable' || err.code === 'ECONNRESET' || err.code === 'EPIPE';
}
