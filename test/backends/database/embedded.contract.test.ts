// The DatabaseBackend contract against the embedded PostgreSQL: a production-style connection_url
// is served by the embedded engine through its login front; logins, grants and passwords are
// checked there for real. One engine for the file; each fixture gets its own admin and schema.
import pg from 'pg';
import { afterAll } from 'vitest';
import { EmbeddedPostgresDatabaseBackend, EmbeddedPostgresServer } from '../../../src/backends/database/embedded/backend.js';
import { SeededRandom } from '../../../src/core/random.js';
import { uniqueSuffix } from '../../engines/database/real-databases.js';
import { databaseBackendContract } from './contract.js';

const server = new EmbeddedPostgresServer({ now: () => Date.UTC(2030, 0, 2, 3, 4, 5) });
afterAll(() => server.close());
const SERVED_HOST = 'db-primary.corp.local';

async function runAs(user: string, password: string, sql: string): Promise<'ok' | 'denied' | 'login-refused'> {
  const front = await server.front();
  const client = new pg.Client({ host: front.host, port: front.port, user, password, database: 'appdb' });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    if (['28P01', '28000'].includes((e as { code?: string }).code ?? '')) return 'login-refused';
    throw e;
  }
  try {
    await client.query(sql);
    return 'ok';
  } catch (e) {
    if ((e as { code?: string }).code === '42501') return 'denied';
    throw e;
  } finally {
    await client.end();
  }
}

databaseBackendContract('postgresql-database-plugin on the embedded PostgreSQL', undefined, async () => {
  const id = uniqueSuffix();
  const admin = `vault_admin_${id}`;
  const adminPassword = `admin-${id}`;
  const schema = `s_${id}`;
  const { embedded } = server;
  await embedded.query(`CREATE ROLE "${admin}" WITH LOGIN CREATEROLE PASSWORD '${adminPassword}'`);
  await embedded.query(`CREATE SCHEMA "${schema}" AUTHORIZATION "${admin}"`);
  await embedded.exec([`CREATE TABLE "${schema}".items (id int)`, `INSERT INTO "${schema}".items VALUES (1)`], { role: admin });
  const connectionUrl = (host: string, port: number) => `postgresql://{{username}}:{{password}}@${host}:${port}/appdb?sslmode=require`;
  const config = { connection_url: connectionUrl(SERVED_HOST, 5432), username: admin, password: adminPassword };
  return {
    backend: new EmbeddedPostgresDatabaseBackend(server, new SeededRandom(id), { servesAddress: ({ host }) => host === SERVED_HOST }),
    config,
    // Not a host the embedded engine serves: connected to for real, and nothing listens there.
    unreachableConfig: { ...config, connection_url: connectionUrl('127.0.0.1', 1) },
    adminPassword,
    creationStatements: [`CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}'; GRANT USAGE ON SCHEMA "${schema}" TO "{{name}}"; GRANT SELECT ON ALL TABLES IN SCHEMA "${schema}" TO "{{name}}";`],
    select: `SELECT * FROM "${schema}".items`,
    insert: `INSERT INTO "${schema}".items VALUES (2)`,
    runAs,
    // The front checks the password for real: a login is the test.
    passwordAccepted: async (user, password) => (await runAs(user, password, 'SELECT 1')) === 'ok',
    userExists: async (user) => (await embedded.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [user])).length > 0,
    expiry: async (user) => (await embedded.query<{ rolvaliduntil: Date | null }>('SELECT rolvaliduntil FROM pg_roles WHERE rolname = $1', [user]))[0]?.rolvaliduntil?.getTime() ?? null,
    async cleanup(users) {
      for (const user of users) {
        if ((await embedded.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [user])).length === 0) continue;
        await embedded.query(`DROP OWNED BY "${user}"`);
        await embedded.query(`DROP ROLE "${user}"`);
      }
      await embedded.query(`DROP SCHEMA "${schema}" CASCADE`);
      await embedded.query(`DROP OWNED BY "${admin}"`);
      await embedded.query(`DROP ROLE "${admin}"`);
    },
  };
});
