// The embedded engine behind the DatabaseBackend interface: Vault's postgresql-database-plugin
// logic running against the embedded PostgreSQL through the login front, with a production
// connection_url redirected there; issued credentials log in for real.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PluginRandom } from '../../../src/backends/database/database-backend.js';
import { connectionUrlAddress, connectionUrlToFront, EmbeddedPostgresDatabaseBackend, EmbeddedPostgresServer } from '../../../src/backends/database/embedded/backend.js';

let now = Date.parse('2030-01-01T00:00:00Z');
const server = new EmbeddedPostgresServer({ now: () => now, setupStatements: ['CREATE TABLE items (id int, name text)', "INSERT INTO items VALUES (1, 'first')"] });
const random: PluginRandom = {
  base62: (n) => Array.from(randomBytes(n), (b) => '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'[b % 62]).join(''),
  uuid: () => crypto.randomUUID(),
  bytes: (n) => randomBytes(n),
};
const PRODUCTION_URL = 'postgresql://{{username}}:{{password}}@db-primary.corp.local:5432/appdb?sslmode=require';
const SEED_CREATION = `CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}'; GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{{name}}";`;
let backend: EmbeddedPostgresDatabaseBackend;
let adminPassword = 'initial-admin-password';

beforeAll(async () => {
  backend = new EmbeddedPostgresDatabaseBackend(server, random);
  await backend.initialize({ config: { connection_url: PRODUCTION_URL, username: 'vault_admin', password: adminPassword }, verifyConnection: true });
}, 60_000);
afterAll(async () => {
  await backend.close();
  await server.close();
});

async function login(user: string, password: string): Promise<pg.Client> {
  const front = await server.front();
  const client = new pg.Client({ host: front.host, port: front.port, user, password, database: 'appdb' });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

const loginError = (user: string, password: string) =>
  login(user, password).then(
    async (c) => {
      await c.end();
      return undefined;
    },
    (e: { code?: string; message: string }) => ({ code: e.code, message: e.message }),
  );

describe('embedded PostgreSQL as a DatabaseBackend', () => {
  it('redirects a production connection_url (URL or DSN) to the front, TLS off', () => {
    expect(connectionUrlToFront(PRODUCTION_URL, '127.0.0.1', 40000)).toBe('postgresql://{{username}}:{{password}}@127.0.0.1:40000/appdb?sslmode=disable');
    expect(connectionUrlToFront('postgres://db.example:5432/app', '127.0.0.1', 40000)).toBe('postgres://127.0.0.1:40000/app');
    expect(connectionUrlToFront("host=db.example port=5432 user={{username}} password={{password}} dbname=app sslmode=verify-full", '127.0.0.1', 40000)).toBe(
      'host=127.0.0.1 port=40000 user={{username}} password={{password}} dbname=app sslmode=disable',
    );
  });

  it('reads the configured server address from a URL or a DSN', () => {
    expect(connectionUrlAddress(PRODUCTION_URL)).toEqual({ host: 'db-primary.corp.local', port: 5432 });
    expect(connectionUrlAddress('postgres://u:p@db:6543/x')).toEqual({ host: 'db', port: 6543 });
    expect(connectionUrlAddress('host=db.example port=6000 dbname=app')).toEqual({ host: 'db.example', port: 6000 });
    expect(connectionUrlAddress('dbname=app')).toEqual({ host: 'localhost', port: 5432 });
  });

  it("creates a user with the seed's statements; it logs in, reads, and cannot write", async () => {
    const { username } = await backend.newUser({ usernameConfig: { DisplayName: 'token', RoleName: 'app-readonly' }, statements: [SEED_CREATION], rollbackStatements: [], password: 'A1a-issued-password', expiration: now + 3_600_000 + 5_000, now });
    expect(username).toMatch(/^v-token-app-read-[A-Za-z0-9]{20}-1893456000$/);
    const [role] = await server.embedded.query<{ rolvaliduntil: Date }>('SELECT rolvaliduntil FROM pg_roles WHERE rolname = $1', [username]);
    expect(role!.rolvaliduntil).toEqual(new Date(now + 3_605_000));
    const client = await login(username, 'A1a-issued-password');
    try {
      expect((await client.query('SELECT current_user, count(*)::int AS n FROM items')).rows).toEqual([{ current_user: username, n: 1 }]);
      await expect(client.query("INSERT INTO items VALUES (2, 'x')")).rejects.toMatchObject({ code: '42501' });
    } finally {
      await client.end();
    }

    // Renew: the default ALTER ROLE … VALID UNTIL; past the old expiry on the clock, login still works.
    await backend.updateUser({ username, expiration: { newExpiration: now + 7_200_000, statements: [] } });
    now += 3_700_000;
    await (await login(username, 'A1a-issued-password')).end();
    now += 3_600_000;
    expect(await loginError(username, 'A1a-issued-password')).toEqual({ code: '28P01', message: `password authentication failed for user "${username}"` });

    // Revoke with Vault's default revocation: the role is gone.
    await backend.deleteUser({ username, statements: [] });
    expect(await server.embedded.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [username])).toEqual([]);
  });

  it("runs the statements as the admin role: a superuser-only statement fails with Vault's error text", async () => {
    const err = await backend.newUser({ usernameConfig: { DisplayName: 'token', RoleName: 'too-strong' }, statements: [`CREATE ROLE "{{name}}" SUPERUSER LOGIN PASSWORD '{{password}}'`], rollbackStatements: [], password: 'A1a-x', expiration: now + 60_000, now }).catch((e: Error) => e);
    expect((err as Error).message).toBe('failed to execute query: ERROR: permission denied to create role (SQLSTATE 42501)');
  });

  it('rotates the root password for real: the old one is refused, the plugin keeps working with the new one', async () => {
    await backend.updateUser({ username: 'vault_admin', password: { newPassword: 'rotated-admin-password', statements: [`ALTER USER "{{username}}" WITH PASSWORD '{{password}}';`] } });
    expect(await loginError('vault_admin', adminPassword)).toMatchObject({ code: '28P01' });
    adminPassword = 'rotated-admin-password';
    await backend.initialize({ config: { connection_url: PRODUCTION_URL, username: 'vault_admin', password: adminPassword }, verifyConnection: true });
    const { username } = await backend.newUser({ usernameConfig: { DisplayName: 'token', RoleName: 'after' }, statements: [SEED_CREATION], rollbackStatements: [], password: 'A1a-after', expiration: now + 60_000, now });
    await (await login(username, 'A1a-after')).end();
  });

  it("fails verification with a wrong admin password, in pgx's words", async () => {
    const other = new EmbeddedPostgresDatabaseBackend(server, random);
    const err = await other.initialize({ config: { connection_url: PRODUCTION_URL, username: 'vault_admin', password: 'wrong' }, verifyConnection: true }).catch((e: Error) => e);
    await other.close();
    // The error names the configured server, as Vault's would.
    expect((err as Error).message).toBe(`error verifying connection: failed to connect to \`host=db-primary.corp.local user=vault_admin database=appdb\`: server error (FATAL: password authentication failed for user "vault_admin" (SQLSTATE 28P01))`);
  });

  // Last: it stops the shared engine.
  it("reports a stopped engine as Vault reports an unreachable server, naming the configured one", async () => {
    await server.close();
    const err = await backend.newUser({ usernameConfig: { DisplayName: 'token', RoleName: 'down' }, statements: [SEED_CREATION], rollbackStatements: [], password: 'A1a-down', expiration: now + 60_000, now }).catch((e: Error) => e);
    expect((err as Error).message).toBe('unable to start transaction: failed to connect to `host=db-primary.corp.local user=vault_admin database=appdb`: dial error (dial tcp db-primary.corp.local:5432: connect: connection refused)');
  });
});
