// The MySQL family of plugins (mysql-, mysql-aurora-, mysql-rds-, mysql-legacy-database-plugin)
// against a real MySQL or MariaDB server through `mysql2` (plugins/database/mysql/*.go).
// Loaded on the first MySQL connection: most emulators never open one, and it costs ~50 ms to load.
import type { Pool, PoolConnection } from 'mysql2/promise';

type MySqlDriver = typeof import('mysql2/promise');
import {
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
import { goPathEscape } from './postgres.js';
import { fillTemplate, splitStatements } from './statements.js';
import { PluginUsernames } from './plugin-usernames.js';

export const MYSQL_USERNAME_TEMPLATE = '{{ printf "v-%s-%s-%s-%s" (.DisplayName | truncate 10) (.RoleName | truncate 10) (random 20) (unix_time) | truncate 32 }}';
export const MYSQL_LEGACY_USERNAME_TEMPLATE = '{{ printf "v-%s-%s-%s" (.RoleName | truncate 4) (random 20) | truncate 16 }}';

const DEFAULT_REVOCATION = `
		REVOKE ALL PRIVILEGES, GRANT OPTION FROM '{{name}}'@'%';
		DROP USER '{{name}}'@'%'
	`;
const DEFAULT_ROTATE = `
		ALTER USER '{{username}}'@'%' IDENTIFIED BY '{{password}}';
	`;

export class MySqlDatabaseBackend implements DatabaseBackend {
  private pool: Pool | undefined;
  private driver: MySqlDriver | undefined;
  private usernames: PluginUsernames | undefined;
  private rootPassword = '';
  private address = '';
  /** The connection URL with the credentials filled in; parsed when the pool opens, as Connection() does. */
  private dsn: string | undefined;
  private maxOpen = 4;

  constructor(
    private readonly random: PluginRandom,
    private readonly defaultUsernameTemplate: string,
  ) {}

  async initialize(req: InitializeRequest): Promise<{ config: Record<string, unknown> }> {
    const config = req.config;
    let template = configString(config, 'username_template');
    if (template === '') template = this.defaultUsernameTemplate;
    this.usernames = PluginUsernames.initialize(template, this.random);
    const connectionUrl = configString(config, 'connection_url');
    if (connectionUrl === '') throw new DatabasePluginError('connection_url cannot be empty');
    this.rootPassword = configString(config, 'password');
    // The MySQL producer escapes the username only; the password goes in as it is.
    this.dsn = fillTemplate(connectionUrl, { username: goPathEscape(configString(config, 'username')), password: this.rootPassword });
    this.maxOpen = configInt(config, 'max_open_connections') || 4;
    this.driver ??= ((await import('mysql2/promise')) as { default: MySqlDriver }).default;
    await this.closePool();
    if (req.verifyConnection) {
      let pool: Pool;
      try {
        pool = this.connection();
      } catch (e) {
        throw this.error(`error verifying - connection: ${(e as Error).message}`);
      }
      let conn: PoolConnection | undefined;
      try {
        conn = await pool.getConnection();
        await conn.ping();
      } catch (e) {
        throw this.error(`error verifying - ping: ${this.driverText(e)}`);
      } finally {
        conn?.release();
      }
    }
    return { config };
  }

  async newUser(req: NewUserRequest): Promise<{ username: string }> {
    if (req.statements.length === 0) throw new DatabasePluginError('empty creation statements');
    if (!this.usernames) throw new DatabasePluginError('plugin has not been initialized');
    const username = this.usernames.generate(req.usernameConfig, req.now);
    await this.executeInTransaction(req.statements, { name: username, username, password: req.password, expiration: formatGoTime(req.expiration, EXPIRATION_LAYOUT) });
    return { username };
  }

  async updateUser(req: UpdateUserRequest): Promise<void> {
    if (!req.password && !req.expiration) throw new DatabasePluginError('no change requested');
    // A new expiration is accepted and ignored: MySQL users have none.
    if (!req.password) return;
    if (req.username === '' || req.password.newPassword === '') throw new DatabasePluginError('failed to change password: must provide both username and password');
    const statements = req.password.statements.length > 0 ? req.password.statements : [DEFAULT_ROTATE];
    try {
      await this.executeInTransaction(statements, { name: req.username, username: req.username, password: req.password.newPassword });
    } catch (e) {
      throw this.error(`failed to change password: ${(e as Error).message}`);
    }
  }

  async deleteUser(req: DeleteUserRequest): Promise<void> {
    const statements = req.statements.length > 0 ? req.statements : [DEFAULT_REVOCATION];
    await this.executeInTransaction(statements, { name: req.username, username: req.username });
  }

  async close(): Promise<void> {
    await this.closePool();
  }

  /** executePreparedStatementsWithMap: every piece of every statement in one transaction. */
  private async executeInTransaction(statements: string[], values: Record<string, string>): Promise<void> {
    const pool = this.connection();
    let conn: PoolConnection;
    try {
      conn = await pool.getConnection();
    } catch (e) {
      throw this.error(this.driverText(e));
    }
    try {
      await conn.query('START TRANSACTION');
      for (const stmt of statements) {
        for (const query of splitStatements(stmt)) await conn.query(fillTemplate(query, values));
      }
      await conn.query('COMMIT');
    } catch (e) {
      await conn.query('ROLLBACK').catch(() => undefined);
      throw this.error(this.driverText(e));
    } finally {
      conn.release();
    }
  }

  /** Connection(): the open pool, or a new one from the DSN (`unable to parse connectionURL: …`). */
  private connection(): Pool {
    if (this.pool) return this.pool;
    if (this.dsn === undefined) throw new DatabasePluginError('plugin has not been initialized');
    let options: ReturnType<typeof parseMySqlDsn>;
    try {
      options = parseMySqlDsn(this.dsn);
    } catch (e) {
      throw this.error(`unable to parse connectionURL: ${(e as Error).message}`);
    }
    this.address = `${options.host}:${options.port}`;
    if (!this.driver) throw new DatabasePluginError('plugin has not been initialized');
    this.pool = this.driver.createPool({ ...options, connectionLimit: this.maxOpen, multipleStatements: false });
    return this.pool;
  }

  /** go-sql-driver's texts: `Error 1045 (28000): …`, or the dial error. */
  private driverText(e: unknown): string {
    const err = (e ?? {}) as { errno?: number; sqlState?: string; sqlMessage?: string; code?: string; message?: string };
    if (err.sqlMessage && err.errno) return err.sqlState ? `Error ${err.errno} (${err.sqlState}): ${err.sqlMessage}` : `Error ${err.errno}: ${err.sqlMessage}`;
    if (err.code === 'ECONNREFUSED') return `dial tcp ${this.address}: connect: connection refused`;
    return err.message ?? String(e);
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

/** go-sql-driver's DSN `[user[:password]@][net[(addr)]]/dbname[?params]` as mysql2 options. */
export function parseMySqlDsn(dsn: string): { host: string; port: number; user?: string; password?: string; database?: string; socketPath?: string } {
  const slash = dsn.lastIndexOf('/');
  if (slash < 0) throw new DatabasePluginError('invalid DSN: missing the slash separating the database name');
  const head = dsn.slice(0, slash);
  const database = decodeURIComponent(dsn.slice(slash + 1).split('?')[0]!) || undefined;
  const at = head.lastIndexOf('@');
  const userinfo = at >= 0 ? head.slice(0, at) : '';
  const address = at >= 0 ? head.slice(at + 1) : head;
  const colon = userinfo.indexOf(':');
  const user = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
  const password = colon >= 0 ? userinfo.slice(colon + 1) : undefined;
  const m = /^(\w*)(?:\((.*)\))?$/.exec(address);
  const net = m?.[1] || 'tcp';
  const addr = m?.[2] ?? '127.0.0.1:3306';
  if (net === 'unix') return { host: 'localhost', port: 0, socketPath: addr, user: user || undefined, password, database };
  const portSep = addr.lastIndexOf(':');
  const host = portSep >= 0 ? addr.slice(0, portSep) : addr;
  const port = portSep >= 0 ? Number(addr.slice(portSep + 1)) : 3306;
  return { host: host.replace(/^\[|\]$/g, ''), port, user: user || undefined, password, database };
}
