// node-vault 0.12.0 against a live emulator and a real PostgreSQL: `generateDatabaseCredentials`
// (GET /{databasePath}/creds/{name}), the issued user logging in, and Vault's errors as rejections.
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, liveEmu } from '../helpers/emulator.js';
import { failure, nodeVault } from '../helpers/clients.js';
import { PG_URL, pgAs, pgQuery, pgScratch, skipMessage, uniqueSuffix, type PgScratch } from '../engines/database/real-databases.js';

if (!PG_URL) console.warn(skipMessage('VAULT_EMU_TEST_PG_URL'));

describe.skipIf(!PG_URL)('node-vault generateDatabaseCredentials on real PostgreSQL', () => {
  let scratch: PgScratch | undefined;
  const issued: string[] = [];
  afterEach(async () => {
    await scratch?.cleanup(issued.splice(0));
    scratch = undefined;
  });

  it('issues a user that logs in with its grants; renew and revoke act on the server', async () => {
    const s = (scratch = await pgScratch(PG_URL!));
    const emu = await liveEmu({ clock: 'virtual', seed: uniqueSuffix() });
    const vault = nodeVault({ endpoint: emu.url, token: ROOT });
    await vault.mount({ mount_point: 'db', type: 'database' });
    await vault.write('db/config/production-postgres', {
      plugin_name: 'postgresql-database-plugin',
      connection_url: `postgresql://{{username}}:{{password}}@${s.host}:${s.port}/${s.database}?sslmode=disable`,
      username: s.admin,
      password: s.adminPassword,
      allowed_roles: 'app-*',
    });
    await vault.write('db/roles/app-readonly', {
      db_name: 'production-postgres',
      creation_statements: [`CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}'; GRANT USAGE ON SCHEMA "${s.schema}" TO "{{name}}"; GRANT SELECT ON ALL TABLES IN SCHEMA "${s.schema}" TO "{{name}}";`],
      default_ttl: '1h',
      max_ttl: '24h',
    });

    const creds = await vault.generateDatabaseCredentials({ databasePath: 'db', name: 'app-readonly' });
    issued.push(creds.data.username);
    expect(creds.lease_id).toMatch(/^db\/creds\/app-readonly\/[A-Za-z0-9]{24}$/);
    expect(creds).toMatchObject({ lease_duration: 3600, renewable: true });
    expect(creds.data.username).toMatch(/^v-token-app-read-[A-Za-z0-9]{20}-\d+$/);
    expect(await pgAs(s, creds.data.username, creds.data.password, `SELECT * FROM "${s.schema}".items`)).toBe('ok');
    expect(await pgAs(s, creds.data.username, creds.data.password, `INSERT INTO "${s.schema}".items VALUES (2)`)).toBe('42501');

    const validUntil = async () => ((await pgQuery(PG_URL!, 'SELECT rolvaliduntil FROM pg_roles WHERE rolname=$1', [creds.data.username])).rows[0]?.rolvaliduntil as Date).getTime();
    const before = await validUntil();
    await emu.clock.advance('10m');
    await vault.renew({ lease_id: creds.lease_id });
    expect(await validUntil()).toBe(before + 10 * 60_000);

    await vault.revoke({ lease_id: creds.lease_id });
    expect((await pgQuery(PG_URL!, 'SELECT 1 FROM pg_roles WHERE rolname=$1', [creds.data.username])).rowCount).toBe(0);
    expect(await pgAs(s, creds.data.username, creds.data.password, 'SELECT 1')).toBe('login:28000');

    expect(await failure(vault.generateDatabaseCredentials({ databasePath: 'db', name: 'nope' }))).toEqual({ message: 'unknown role: nope', status: 400 });
    await vault.write('db/roles/other', { db_name: 'production-postgres', creation_statements: 'SELECT 1' });
    expect(await failure(vault.generateDatabaseCredentials({ databasePath: 'db', name: 'other' }))).toEqual({ message: '1 error occurred:\n\t* "other" is not an allowed role\n\n', status: 500 });
  }, 30000);
});
