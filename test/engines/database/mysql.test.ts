// The database engine against a real MySQL/MariaDB: the MySQL plugin family's usernames, Vault's
// documented MySQL statements, login with the issued credentials, renew, expiry, rotate-root.
import { afterEach, describe, expect, it } from 'vitest';
import { call, testEmu } from '../../helpers/emulator.js';
import { MYSQL_URL, mysqlAs, mysqlQuery, mysqlScratch, mysqlUserExists, skipMessage, uniqueSuffix, type MySqlScratch } from './real-databases.js';

if (!MYSQL_URL) console.warn(skipMessage('VAULT_EMU_TEST_MYSQL_URL'));

describe.skipIf(!MYSQL_URL)('database engine on real MySQL/MariaDB', () => {
  const url = MYSQL_URL!;
  let scratch: MySqlScratch | undefined;
  const issued: string[] = [];

  afterEach(async () => {
    await scratch?.cleanup(issued.splice(0));
    scratch = undefined;
  });

  async function setup(plugin = 'mysql-database-plugin', extra: Record<string, unknown> = {}) {
    scratch = await mysqlScratch(url);
    // A seed per test: issued usernames must not collide with another test file's on the shared server.
    const emu = await testEmu({ clock: 'virtual', seed: uniqueSuffix() });
    expect((await call(emu, 'POST', '/v1/sys/mounts/database', { type: 'database' })).status).toBe(204);
    const config = await call(emu, 'POST', '/v1/database/config/my-mysql', {
      plugin_name: plugin,
      connection_url: `{{username}}:{{password}}@tcp(${scratch.host}:${scratch.port})/`,
      username: scratch.admin,
      password: scratch.adminPassword,
      allowed_roles: '*',
      ...extra,
    });
    expect(config.status, JSON.stringify(config.json)).toBe(204);
    return { emu, s: scratch };
  }

  /** Vault's documented MySQL role (website/content/docs/secrets/databases/mysql-maria.mdx). */
  const readonlyRole = (s: MySqlScratch, ttl = '1h') => ({
    db_name: 'my-mysql',
    creation_statements: [`CREATE USER '{{name}}'@'%' IDENTIFIED BY '{{password}}'; GRANT SELECT ON ${s.database}.* TO '{{name}}'@'%';`],
    default_ttl: ttl,
    max_ttl: '24h',
  });

  async function issue(emu: Awaited<ReturnType<typeof testEmu>>, role: string) {
    const creds = await call(emu, 'GET', `/v1/database/creds/${role}`);
    expect(creds.status, JSON.stringify(creds.json)).toBe(200);
    issued.push(creds.json.data.username);
    return creds.json as { lease_id: string; lease_duration: number; renewable: boolean; data: { username: string; password: string } };
  }

  it('issues a user that can SELECT but not INSERT, renews it, and drops it when the lease ends', async () => {
    const { emu, s } = await setup();
    expect((await call(emu, 'POST', '/v1/database/roles/app-readonly', readonlyRole(s))).status).toBe(204);
    const creds = await issue(emu, 'app-readonly');
    const { username, password } = creds.data;
    // printf "v-%s-%s-%s-%s" (token|truncate 10) (app-readonly|truncate 10) (random 20) (unix_time) | truncate 32
    expect(username).toMatch(/^v-token-app-readon-[A-Za-z0-9]{13}$/);
    expect(password).toMatch(/^[A-Za-z0-9-]{20}$/);
    expect(creds).toMatchObject({ renewable: true, lease_duration: 3600 });
    expect(creds.lease_id).toMatch(/^database\/creds\/app-readonly\/[A-Za-z0-9]{24}$/);
    expect(await mysqlUserExists(url, username)).toBe(true);

    expect(await mysqlAs(s, username, password, 'SELECT * FROM items')).toBe('ok');
    expect(await mysqlAs(s, username, password, 'INSERT INTO items VALUES (2)')).toBe('1142'); // ER_TABLEACCESS_DENIED_ERROR

    await emu.clock.advance('30m');
    const renewed = await call(emu, 'PUT', '/v1/sys/leases/renew', { lease_id: creds.lease_id });
    expect(renewed.status).toBe(200);
    expect(renewed.json.lease_duration).toBe(3600);
    // The renewal moved the lease: the user outlives the original hour.
    await emu.clock.advance('40m');
    expect(await mysqlUserExists(url, username)).toBe(true);

    await emu.clock.advance('21m');
    expect(await mysqlUserExists(url, username)).toBe(false);
    // ER_ACCESS_DENIED_ERROR, or MariaDB's ER_ACCESS_DENIED_NO_PASSWORD_ERROR for a user it no longer has
    expect(await mysqlAs(s, username, password, 'SELECT 1')).toMatch(/^login:(1045|1698)$/);
    expect((await call(emu, 'PUT', '/v1/sys/leases/lookup', { lease_id: creds.lease_id })).json.errors).toEqual(['invalid lease']);
  });

  it('revokes through the lease manager with the default revocation statements', async () => {
    const { emu, s } = await setup();
    await call(emu, 'POST', '/v1/database/roles/app-readonly', readonlyRole(s));
    const creds = await issue(emu, 'app-readonly');
    expect((await call(emu, 'PUT', '/v1/sys/leases/revoke', { lease_id: creds.lease_id })).status).toBe(204);
    expect(await mysqlUserExists(url, creds.data.username)).toBe(false);
  });

  it('rotates the root password on the server and keeps working with the new one', async () => {
    const { emu, s } = await setup();
    const hash = async () => ((await mysqlQuery(url, "SELECT authentication_string AS h FROM mysql.user WHERE User = ? AND Host = '%'", [s.admin])) as { h: string }[])[0]!.h;
    const before = await hash();
    expect(await mysqlAs(s, s.admin, s.adminPassword, 'SELECT 1')).toBe('ok');
    expect((await call(emu, 'POST', '/v1/database/rotate-root/my-mysql')).status).toBe(204);
    expect(await hash()).not.toBe(before);
    expect(await mysqlAs(s, s.admin, s.adminPassword, 'SELECT 1')).toBe('login:1045');
    expect((await call(emu, 'GET', '/v1/database/config/my-mysql')).json.data.connection_details).toEqual({
      connection_url: `{{username}}:{{password}}@tcp(${s.host}:${s.port})/`,
      username: s.admin,
    });
    await call(emu, 'POST', '/v1/database/roles/app-readonly', readonlyRole(s));
    const creds = await issue(emu, 'app-readonly');
    expect(await mysqlAs(s, creds.data.username, creds.data.password, 'SELECT * FROM items')).toBe('ok');
  });

  for (const plugin of ['mysql-aurora-database-plugin', 'mysql-rds-database-plugin', 'mysql-legacy-database-plugin']) {
    it(`${plugin} makes 16-character legacy usernames`, async () => {
      const { emu, s } = await setup(plugin);
      await call(emu, 'POST', '/v1/database/roles/app-readonly', readonlyRole(s));
      const creds = await issue(emu, 'app-readonly');
      // printf "v-%s-%s" (app-readonly|truncate 4) (random 20) | truncate 16
      expect(creds.data.username).toMatch(/^v-app--[A-Za-z0-9]{9}$/);
      expect(await mysqlAs(s, creds.data.username, creds.data.password, 'SELECT * FROM items')).toBe('ok');
    });
  }

  it('uses a custom username_template', async () => {
    const { emu, s } = await setup('mysql-database-plugin', { username_template: 'app-{{.RoleName | truncate 3}}-{{random 6 | lowercase}}' });
    await call(emu, 'POST', '/v1/database/roles/reporting', readonlyRole(s));
    const creds = await issue(emu, 'reporting');
    expect(creds.data.username).toMatch(/^app-rep-[a-z0-9]{6}$/);
    expect(await mysqlAs(s, creds.data.username, creds.data.password, 'SELECT * FROM items')).toBe('ok');
  });

  it('answers with the errors Vault gives', async () => {
    const { emu, s } = await setup();
    const refused = await call(emu, 'POST', '/v1/database/config/down', { plugin_name: 'mysql-database-plugin', connection_url: 'u:p@tcp(127.0.0.1:1)/', allowed_roles: '*' });
    expect(refused.status).toBe(400);
    expect(refused.json.errors).toEqual(['error creating database object: error verifying - ping: dial tcp 127.0.0.1:1: connect: connection refused']);
    const badDsn = await call(emu, 'POST', '/v1/database/config/down', { plugin_name: 'mysql-database-plugin', connection_url: 'no-slash', allowed_roles: '*' });
    expect(badDsn.json.errors).toEqual(['error creating database object: error verifying - connection: unable to parse connectionURL: invalid DSN: missing the slash separating the database name']);
    const denied = await call(emu, 'POST', '/v1/database/config/down', { plugin_name: 'mysql-database-plugin', connection_url: `{{username}}:{{password}}@tcp(${s.host}:${s.port})/`, username: s.admin, password: 'wrong-password', allowed_roles: '*' });
    expect(denied.status).toBe(400);
    expect(denied.json.errors[0]).toMatch(new RegExp(`^error creating database object: error verifying - ping: Error 1045 \\(28000\\): Access denied for user '${s.admin}'@'[^']+' \\(using password: YES\\)$`));
    expect(denied.json.errors[0]).not.toContain('wrong-password');
    const badTemplate = await call(emu, 'POST', '/v1/database/config/down', { plugin_name: 'mysql-database-plugin', connection_url: 'u:p@tcp(127.0.0.1:1)/', username_template: '{{ .Nope', verify_connection: false });
    expect(badTemplate.json.errors).toEqual(['error creating database object: unable to initialize username template: unable to parse template: template: template:1: unclosed action']);

    // A statement the server rejects: the creds call fails with the driver's error, nothing is issued.
    await call(emu, 'POST', '/v1/database/roles/broken', { db_name: 'my-mysql', creation_statements: ['SELECT 1; SELEC 1;'] });
    const broken = await call(emu, 'GET', '/v1/database/creds/broken');
    expect(broken.status).toBe(500);
    expect(broken.json.errors[0]).toMatch(/^1 error occurred:\n\t\* Error 1064 \(42000\): You have an error in your SQL syntax; .*\n\n$/);

    // Unverified config to a closed port: creds fail with the dial error.
    await call(emu, 'POST', '/v1/database/config/down', { plugin_name: 'mysql-database-plugin', connection_url: 'u:p@tcp(127.0.0.1:1)/', allowed_roles: '*', verify_connection: false });
    await call(emu, 'POST', '/v1/database/roles/r', { db_name: 'down', creation_statements: 'SELECT 1' });
    const creds = await call(emu, 'GET', '/v1/database/creds/r');
    expect(creds.status).toBe(500);
    expect(creds.json.errors).toEqual(['1 error occurred:\n\t* dial tcp 127.0.0.1:1: connect: connection refused\n\n']);
  });
});
