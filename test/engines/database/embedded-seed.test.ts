// The seed's database workflow (seeds/002: prod-postgres at postgres.internal) run unchanged against
// the embedded PostgreSQL: the non-loopback host is served by the embedded engine, the admin's first
// password is taken from the config, rotate-root changes it for real, issued users log in through the
// login front with their own grants, and expire on the emulator's clock.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { call, testEmu } from '../../helpers/emulator.js';

const START = Date.UTC(2024, 5, 3, 16, 0, 0);

async function login(address: { host: string; port: number }, user: string, password: string, sql: string): Promise<string> {
  const client = new pg.Client({ host: address.host, port: address.port, user, password, database: 'appdb' });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    return `login:${(e as { code?: string }).code}`;
  }
  try {
    await client.query(sql);
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code ?? 'error';
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('the seed workflow on the embedded PostgreSQL', () => {
  it('configures, rotates root, issues, logs in, renews and expires', { timeout: 60_000 }, async () => {
    const emu = await testEmu({
      clock: 'virtual',
      clockStart: START,
      embeddedPostgres: { setupStatements: ['CREATE TABLE public.orders (id int)', 'INSERT INTO public.orders VALUES (1)'] },
    });
    const embedded = emu.backends.embeddedPostgres!;
    await call(emu, 'POST', '/v1/sys/mounts/database', { type: 'database' });
    const config = await call(emu, 'POST', '/v1/database/config/prod-postgres', {
      plugin_name: 'postgresql-database-plugin',
      connection_url: 'postgresql://{{username}}:{{password}}@postgres.internal:5432/appdb?sslmode=require',
      allowed_roles: 'app-readonly,app-readwrite,app-migration',
      username: 'vault_admin',
      password: 'initial-admin-password',
    });
    expect(config.status).toBe(204);
    const verifier = async () => (await embedded.query<{ rolpassword: string }>("SELECT rolpassword FROM pg_authid WHERE rolname = 'vault_admin'"))[0]!.rolpassword;
    const before = await verifier();
    expect((await call(emu, 'POST', '/v1/database/rotate-root/prod-postgres')).status).toBe(204);
    expect(await verifier()).not.toBe(before);
    const address = await embedded.address();
    expect(await login(address, 'vault_admin', 'initial-admin-password', 'SELECT 1')).toBe('login:28P01');

    expect(
      (
        await call(emu, 'POST', '/v1/database/roles/app-readonly', {
          db_name: 'prod-postgres',
          creation_statements: `CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}'; GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{{name}}";`,
          revocation_statements: `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{{name}}"; DROP ROLE IF EXISTS "{{name}}";`,
          default_ttl: '1h',
          max_ttl: '24h',
        })
      ).status,
    ).toBe(204);
    const creds = await call(emu, 'GET', '/v1/database/creds/app-readonly');
    expect(creds.status).toBe(200);
    expect(creds.json).toMatchObject({ lease_duration: 3600, renewable: true });
    const { username, password } = creds.json.data;
    expect(await login(address, username, password, 'SELECT * FROM public.orders')).toBe('ok');
    expect(await login(address, username, password, 'INSERT INTO public.orders VALUES (2)')).toBe('42501');
    expect(await login(address, username, 'wrong', 'SELECT 1')).toBe('login:28P01');

    await emu.clock.advance('50m');
    expect((await call(emu, 'PUT', '/v1/sys/leases/renew', { lease_id: creds.json.lease_id, increment: '1h' })).json.lease_duration).toBe(3600);
    await emu.clock.advance('30m');
    // Past the first hour, inside the renewal: VALID UNTIL moved, so the login works.
    expect(await login(address, username, password, 'SELECT 1')).toBe('ok');
    await emu.clock.advance('30m');
    expect(await login(address, username, password, 'SELECT 1')).toBe('login:28P01');
    expect(await embedded.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [username])).toEqual([]);
    expect(emu.backends.database.users()).toEqual([]);
  });

  it('keeps a loopback PostgreSQL real, and takes the explicit host `embedded` even when told hosts: []', async () => {
    const emu = await testEmu({ embeddedPostgres: { hosts: [] } });
    await call(emu, 'POST', '/v1/sys/mounts/database', { type: 'database' });
    const refused = await call(emu, 'POST', '/v1/database/config/local', {
      plugin_name: 'postgresql-database-plugin',
      connection_url: 'postgresql://{{username}}:{{password}}@127.0.0.1:1/appdb',
      username: 'x',
      password: 'y',
    });
    expect(refused.status).toBe(400);
    expect(refused.json.errors[0]).toContain('dial tcp 127.0.0.1:1: connect: connection refused');
    const explicit = await call(emu, 'POST', '/v1/database/config/explicit', {
      plugin_name: 'postgresql-database-plugin',
      connection_url: 'postgresql://{{username}}:{{password}}@embedded/appdb',
      username: 'vault_admin',
      password: 'first',
    });
    expect(explicit.status).toBe(204);
    expect(await emu.backends.embeddedPostgres!.query("SELECT rolname FROM pg_roles WHERE rolname = 'vault_admin'")).toEqual([{ rolname: 'vault_admin' }]);
  });
});
