// The real servers the database tests run against, from VAULT_EMU_TEST_PG_URL / VAULT_EMU_TEST_MYSQL_URL,
// and scratch objects (an admin role owning a schema) unique per test, dropped afterwards.
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import pg from 'pg';

export const PG_URL = process.env.VAULT_EMU_TEST_PG_URL;
export const MYSQL_URL = process.env.VAULT_EMU_TEST_MYSQL_URL;

export function skipMessage(variable: string): string {
  return `skipped: set ${variable} to run the real-database tests (e.g. .ci/run sets it)`;
}

export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

export async function pgQuery(url: string, text: string, values?: unknown[]): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

export interface PgScratch {
  admin: string;
  adminPassword: string;
  schema: string;
  host: string;
  port: number;
  database: string;
  /** Drops leftover issued roles, the schema and the admin. */
  cleanup(extraRoles: string[]): Promise<void>;
}

/** A non-superuser `vault_admin_<id>` with CREATEROLE owning schema `s_<id>` with table `items`. */
export async function pgScratch(url: string): Promise<PgScratch> {
  const id = uniqueSuffix();
  const admin = `vault_admin_${id}`;
  const schema = `s_${id}`;
  const adminPassword = `pw-${uniqueSuffix()}`;
  const parsed = new URL(url);
  const database = parsed.pathname.slice(1);
  await pgQuery(url, `CREATE ROLE "${admin}" WITH LOGIN CREATEROLE PASSWORD '${adminPassword}'`);
  await pgQuery(url, `CREATE SCHEMA "${schema}" AUTHORIZATION "${admin}"`);
  await pgQuery(url, `GRANT CONNECT ON DATABASE "${database}" TO "${admin}" WITH GRANT OPTION`);
  await pgQuery(url, `SET ROLE "${admin}"; CREATE TABLE "${schema}".items (id int); INSERT INTO "${schema}".items VALUES (1)`);
  return {
    admin,
    adminPassword,
    schema,
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    database,
    async cleanup(extraRoles) {
      for (const role of extraRoles) {
        const exists = await pgQuery(url, 'SELECT 1 FROM pg_roles WHERE rolname=$1', [role]);
        if (exists.rowCount) await pgQuery(url, `DROP OWNED BY "${role}" CASCADE; DROP ROLE IF EXISTS "${role}"`);
      }
      await pgQuery(url, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pgQuery(url, `DROP OWNED BY "${admin}" CASCADE; DROP ROLE IF EXISTS "${admin}"`);
    },
  };
}

/** Logs in as an issued user and runs one statement; resolves with the error code, or 'ok'. */
export async function pgAs(s: PgScratch, user: string, password: string, text: string): Promise<string> {
  const client = new pg.Client({ host: s.host, port: s.port, database: s.database, user, password });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    return `login:${(e as { code?: string }).code ?? (e as Error).message}`;
  }
  try {
    await client.query(text);
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code ?? (e as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Whether `password` is the role's password, checked against its stored SCRAM-SHA-256 verifier: the
 * test servers trust local connections, so a login would succeed with any password.
 */
export async function pgPasswordIs(url: string, role: string, password: string): Promise<boolean> {
  const { createHash, createHmac, pbkdf2Sync } = await import('node:crypto');
  const row = (await pgQuery(url, 'SELECT rolpassword FROM pg_authid WHERE rolname = $1', [role])).rows[0] as { rolpassword: string | null } | undefined;
  const m = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):/.exec(row?.rolpassword ?? '');
  if (!m) return false;
  const salted = pbkdf2Sync(Buffer.from(password), Buffer.from(m[2]!, 'base64'), Number(m[1]), 32, 'sha256');
  const storedKey = createHash('sha256').update(createHmac('sha256', salted).update('Client Key').digest()).digest();
  return storedKey.toString('base64') === m[3];
}

/** mysql2 options from a `mysql://user[:password]@host:port/db` URL. */
export function mysqlOptions(url: string): { host: string; port: number; user: string; password: string; database: string } {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: parsed.pathname.slice(1),
  };
}

export async function mysqlQuery(url: string, text: string, values?: unknown[]): Promise<unknown[]> {
  const conn = await mysql.createConnection(mysqlOptions(url));
  try {
    const [rows] = await conn.query(text, values);
    return rows as unknown[];
  } finally {
    await conn.end();
  }
}

export interface MySqlScratch {
  admin: string;
  adminPassword: string;
  /** A scratch database with table `items`, the admin holding every privilege on it with grant option. */
  database: string;
  host: string;
  port: number;
  /** Drops leftover issued users, the database and the admin. */
  cleanup(extraUsers: string[]): Promise<void>;
}

/** An admin `vault_admin_<id>`@'%' (CREATE USER, all on `vs_<id>` with grant option) and database `vs_<id>`. */
export async function mysqlScratch(url: string): Promise<MySqlScratch> {
  const id = uniqueSuffix();
  const admin = `vault_admin_${id}`;
  const database = `vs_${id}`;
  const adminPassword = `pw-${uniqueSuffix()}`;
  const root = mysqlOptions(url);
  await mysqlQuery(url, `CREATE DATABASE \`${database}\``);
  await mysqlQuery(url, `CREATE TABLE \`${database}\`.items (id int)`);
  await mysqlQuery(url, `INSERT INTO \`${database}\`.items VALUES (1)`);
  await mysqlQuery(url, `CREATE USER '${admin}'@'%' IDENTIFIED BY '${adminPassword}'`);
  await mysqlQuery(url, `GRANT CREATE USER ON *.* TO '${admin}'@'%'`);
  await mysqlQuery(url, `GRANT ALL PRIVILEGES ON \`${database}\`.* TO '${admin}'@'%' WITH GRANT OPTION`);
  return {
    admin,
    adminPassword,
    database,
    host: root.host,
    port: root.port,
    async cleanup(extraUsers) {
      for (const user of extraUsers) await mysqlQuery(url, `DROP USER IF EXISTS '${user}'@'%'`);
      await mysqlQuery(url, `DROP DATABASE IF EXISTS \`${database}\``);
      await mysqlQuery(url, `DROP USER IF EXISTS '${admin}'@'%'`);
    },
  };
}

/** Logs in to MySQL/MariaDB as a user and runs one statement; resolves with the error number, or 'ok'. */
export async function mysqlAs(s: { host: string; port: number; database: string }, user: string, password: string, text: string): Promise<string> {
  let conn: mysql.Connection;
  try {
    conn = await mysql.createConnection({ host: s.host, port: s.port, user, password, database: s.database });
  } catch (e) {
    return `login:${(e as { errno?: number }).errno ?? (e as Error).message}`;
  }
  try {
    await conn.query(text);
    return 'ok';
  } catch (e) {
    return String((e as { errno?: number }).errno ?? (e as Error).message);
  } finally {
    await conn.end().catch(() => undefined);
  }
}

/** The users MySQL/MariaDB holds by that name (any host). */
export async function mysqlUserExists(url: string, user: string): Promise<boolean> {
  return (await mysqlQuery(url, 'SELECT 1 FROM mysql.user WHERE User = ?', [user])).length > 0;
}
