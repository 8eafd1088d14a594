// The real servers the database tests run against, from VAULT_EMU_TEST_PG_URL / VAULT_EMU_TEST_MYSQL_URL,
// and scratch objects (an admin role owning a schema) unique per test, dropped afterwards.
import { randomBytes } from 'node:crypto';
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
