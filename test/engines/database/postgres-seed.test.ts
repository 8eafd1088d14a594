// The seed's database workflow over HTTP against a real PostgreSQL: config with scram-sha-256,
// rotate-root, roles app-readonly / app-readwrite, creds, login, renew, expiry on the virtual clock.
import { afterEach, describe, expect, it } from 'vitest';
import { call, testEmu } from '../../helpers/emulator.js';
import { PG_URL, pgAs, pgQuery, pgScratch, skipMessage, uniqueSuffix, type PgScratch } from './real-databases.js';

if (!PG_URL) console.warn(skipMessage('VAULT_EMU_TEST_PG_URL'));

describe.skipIf(!PG_URL)('database engine on real PostgreSQL (the seed workflow)', () => {
  const url = PG_URL!;
  let scratch: PgScratch | undefined;
  const issued: string[] = [];

  afterEach(async () => {
    await scratch?.cleanup(issued.splice(0));
    scratch = undefined;
  });

  async function setup() {
    scratch = await pgScratch(url);
    // A seed per test: issued usernames must not collide with another test file's on the shared server.
    const emu = await testEmu({ clock: 'virtual', seed: uniqueSuffix() });
    expect((await call(emu, 'POST', '/v1/sys/mounts/database', { type: 'database' })).status).toBe(204);
    const config = await call(emu, 'POST', '/v1/database/config/production-postgres', {
      plugin_name: 'postgresql-database-plugin',
      connection_url: `postgresql://{{username}}:{{password}}@${scratch.host}:${scratch.port}/${scratch.database}?sslmode=disable`,
      username: scratch.admin,
      password: scratch.adminPassword,
      allowed_roles: 'app-readonly,app-readwrite',
      password_authentication: 'scram-sha-256',
    });
    expect(config.status).toBe(204);
    return { emu, s: scratch };
  }

  const readonlyCreation = (schema: string) => [
    `CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}'; GRANT USAGE ON SCHEMA "${schema}" TO "{{name}}"; GRANT SELECT ON ALL TABLES IN SCHEMA "${schema}" TO "{{name}}"; ALTER DEFAULT PRIVILEGES IN SCHEMA "${schema}" GRANT SELECT ON TABLES TO "{{name}}";`,
  ];
  const cleanRevocation = (schema: string) => [
    `REVOKE ALL PRIVILEGES ON ALL TABLES IN SCHEMA "${schema}" FROM "{{name}}"; REVOKE USAGE ON SCHEMA "${schema}" FROM "{{name}}"; ALTER DEFAULT PRIVILEGES IN SCHEMA "${schema}" REVOKE ALL ON TABLES FROM "{{name}}"; DROP ROLE IF EXISTS "{{name}}";`,
  ];

  it('reads the config back without the password, redacting nothing in a templated URL', async () => {
    const { emu, s } = await setup();
    const read = await call(emu, 'GET', '/v1/database/config/production-postgres');
    expect(read.status).toBe(200);
    expect(read.json.data).toMatchObject({ plugin_name: 'postgresql-database-plugin', allowed_roles: ['app-readonly', 'app-readwrite'], root_credentials_rotate_statements: [], password_policy: '', plugin_version: '', verify_connection: true });
    expect(read.json.data.connection_details).toEqual({
      connection_url: `postgresql://{{username}}:{{password}}@${s.host}:${s.port}/${s.database}?sslmode=disable`,
      username: s.admin,
      password_authentication: 'scram-sha-256',
    });
    expect((await call(emu, 'LIST', '/v1/database/config')).json.data.keys).toEqual(['production-postgres']);
  });

  it('rotates the root password on the server and keeps working with the new one', async () => {
    const { emu, s } = await setup();
    const verifier = async () => (await pgQuery(url, 'SELECT rolpassword FROM pg_authid WHERE rolname=$1', [s.admin])).rows[0].rolpassword as string;
    const before = await verifier();
    expect((await call(emu, 'POST', '/v1/database/rotate-root/production-postgres')).status).toBe(204);
    const after = await verifier();
    expect(after).not.toBe(before);
    expect(after).toMatch(/^SCRAM-SHA-256\$4096:/);
    await call(emu, 'POST', '/v1/database/roles/app-readonly', { db_name: 'production-postgres', creation_statements: readonlyCreation(s.schema), revocation_statements: cleanRevocation(s.schema), default_ttl: '1h', max_ttl: '24h' });
    const creds = await call(emu, 'GET', '/v1/database/creds/app-readonly');
    expect(creds.status).toBe(200);
    issued.push(creds.json.data.username);
  });

  it('issues a user that can SELECT but not INSERT, renews it, and drops it when the lease ends', async () => {
    const { emu, s } = await setup();
    expect((await call(emu, 'POST', '/v1/database/roles/app-readonly', { db_name: 'production-postgres', creation_statements: readonlyCreation(s.schema), revocation_statements: cleanRevocation(s.schema), default_ttl: '1h', max_ttl: '24h' })).status).toBe(204);
    const creds = await call(emu, 'GET', '/v1/database/creds/app-readonly');
    expect(creds.status).toBe(200);
    const { username, password } = creds.json.data;
    issued.push(username);
    expect(username).toMatch(/^v-token-app-read-[A-Za-z0-9]{20}-\d+$/); // the dev root token made with an id is a `token` display name, as in Vault
    expect(password).toMatch(/^[A-Za-z0-9-]{20}$/);
    expect(creds.json).toMatchObject({ renewable: true, lease_duration: 3600 });
    expect(creds.json.lease_id).toMatch(/^database\/creds\/app-readonly\/[A-Za-z0-9]{24}$/);

    expect(await pgAs(s, username, password, `SELECT * FROM "${s.schema}".items`)).toBe('ok');
    expect(await pgAs(s, username, password, `INSERT INTO "${s.schema}".items VALUES (2)`)).toBe('42501');

    const validUntil = async () => (await pgQuery(url, 'SELECT rolvaliduntil FROM pg_roles WHERE rolname=$1', [username])).rows[0]?.rolvaliduntil as Date | undefined;
    const first = await validUntil();
    await emu.clock.advance('30m');
    const renewed = await call(emu, 'PUT', '/v1/sys/leases/renew', { lease_id: creds.json.lease_id });
    expect(renewed.status).toBe(200);
    expect(renewed.json.lease_duration).toBe(3600);
    expect((await validUntil())!.getTime()).toBe(first!.getTime() + 30 * 60 * 1000);

    await emu.clock.advance('61m');
    expect((await pgQuery(url, 'SELECT 1 FROM pg_roles WHERE rolname=$1', [username])).rowCount).toBe(0);
    expect(await pgAs(s, username, password, 'SELECT 1')).toBe('login:28000');
  });

  it("keeps the lease when the seed's own revocation fails on default privileges, and retries it", async () => {
    const { emu, s } = await setup();
    await call(emu, 'POST', '/v1/database/roles/app-readwrite', {
      db_name: 'production-postgres',
      creation_statements: readonlyCreation(s.schema),
      revocation_statements: [`REVOKE ALL PRIVILEGES ON ALL TABLES IN SCHEMA "${s.schema}" FROM "{{name}}"; DROP ROLE IF EXISTS "{{name}}";`],
      default_ttl: '1h',
      max_ttl: '24h',
    });
    const creds = await call(emu, 'GET', '/v1/database/creds/app-readwrite');
    expect(creds.status).toBe(200);
    issued.push(creds.json.data.username);
    await emu.clock.advance('1h');
    expect((await pgQuery(url, 'SELECT 1 FROM pg_roles WHERE rolname=$1', [creds.json.data.username])).rowCount).toBe(1);
    const lookup = await call(emu, 'PUT', '/v1/sys/leases/lookup', { lease_id: creds.json.lease_id });
    expect(lookup.status).toBe(200);
    // Retries back off and then give up: the lease is listed as irrevocable with the server's error.
    await emu.clock.advance('2h');
    const irrevocable = await call(emu, 'GET', '/v1/sys/leases?type=irrevocable');
    expect(irrevocable.status).toBe(200);
    const row = irrevocable.json.data.leases.find((l: { lease_id: string }) => l.lease_id === creds.json.lease_id);
    expect(row.error).toContain('cannot be dropped because some objects depend on it (SQLSTATE 2BP01)');
  });

  it('answers with the errors Vault gives', async () => {
    const { emu } = await setup();
    expect((await call(emu, 'GET', '/v1/database/creds/nope')).json).toEqual({ errors: ['unknown role: nope'] });
    await call(emu, 'POST', '/v1/database/roles/other', { db_name: 'production-postgres', creation_statements: 'SELECT 1' });
    const notAllowed = await call(emu, 'GET', '/v1/database/creds/other');
    expect(notAllowed.status).toBe(500);
    expect(notAllowed.json.errors).toEqual(['1 error occurred:\n\t* "other" is not an allowed role\n\n']);
    expect((await call(emu, 'POST', '/v1/database/roles/x', {})).json).toEqual({ errors: ['database name is required'] });
    const down = await call(emu, 'POST', '/v1/database/config/down', { plugin_name: 'postgresql-database-plugin', connection_url: 'postgresql://u:p@127.0.0.1:1/test', allowed_roles: '*' });
    expect(down.status).toBe(400);
    expect(down.json.errors[0]).toBe('error creating database object: error verifying connection: failed to connect to `host=127.0.0.1 user=u database=test`: dial error (dial tcp 127.0.0.1:1: connect: connection refused)');
    const unverified = await call(emu, 'POST', '/v1/database/config/down', { plugin_name: 'postgresql-database-plugin', connection_url: 'postgresql://u:p@127.0.0.1:1/test', allowed_roles: '*', verify_connection: false });
    expect(unverified.status).toBe(200);
    expect(unverified.json.warnings).toEqual([
      'Password found in connection_url, use a templated url to enable root rotation and prevent read access to password information.',
      'Endpoint ignored these unrecognized parameters: [connection_url]',
    ]);
    expect((await call(emu, 'GET', '/v1/database/config/down')).json.data.connection_details.connection_url).toBe('postgresql://u:xxxxx@127.0.0.1:1/test');
    await call(emu, 'POST', '/v1/database/roles/r', { db_name: 'down', creation_statements: 'SELECT 1' });
    const creds = await call(emu, 'GET', '/v1/database/creds/r');
    expect(creds.status).toBe(500);
    expect(creds.json.errors[0]).toBe('1 error occurred:\n\t* unable to start transaction: failed to connect to `host=127.0.0.1 user=u database=test`: dial error (dial tcp 127.0.0.1:1: connect: connection refused)\n\n');
  });
});
