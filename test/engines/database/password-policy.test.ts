// A connection's password_policy (or a role's credential_config.password_policy) makes the engine draw
// passwords from sys/policies/password; a missing policy is Vault's 500.
import { afterEach, describe, expect, it } from 'vitest';
import { call, testEmu } from '../../helpers/emulator.js';
import { PG_URL, pgPasswordIs, pgScratch, skipMessage, type PgScratch } from './real-databases.js';

if (!PG_URL) console.warn(skipMessage('VAULT_EMU_TEST_PG_URL'));

describe.skipIf(!PG_URL)('database passwords from a password policy', () => {
  let scratch: PgScratch | undefined;
  const issued: string[] = [];
  afterEach(async () => {
    await scratch?.cleanup(issued.splice(0));
    scratch = undefined;
  });

  it('uses the connection policy, the role policy over it, and fails on a missing one', async () => {
    scratch = await pgScratch(PG_URL!);
    const s = scratch;
    const emu = await testEmu({ clock: 'virtual' });
    await call(emu, 'PUT', '/v1/sys/policies/password/digits', { policy: 'length = 30\nrule "charset" {\n  charset = "0123456789"\n}' });
    await call(emu, 'PUT', '/v1/sys/policies/password/upper', { policy: 'length = 12\nrule "charset" {\n  charset = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"\n}' });
    await call(emu, 'POST', '/v1/sys/mounts/database', { type: 'database' });
    await call(emu, 'POST', '/v1/database/config/pg', {
      plugin_name: 'postgresql-database-plugin',
      connection_url: `postgresql://{{username}}:{{password}}@${s.host}:${s.port}/${s.database}?sslmode=disable`,
      username: s.admin,
      password: s.adminPassword,
      allowed_roles: '*',
      password_policy: 'digits',
    });
    const creation = `CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';`;
    await call(emu, 'POST', '/v1/database/roles/a', { db_name: 'pg', creation_statements: creation });
    await call(emu, 'POST', '/v1/database/roles/b', { db_name: 'pg', creation_statements: creation, credential_config: { password_policy: 'upper' } });
    await call(emu, 'POST', '/v1/database/roles/c', { db_name: 'pg', creation_statements: creation, credential_config: { password_policy: 'missing' } });
    const a = (await call(emu, 'GET', '/v1/database/creds/a')).json.data;
    issued.push(a.username);
    expect(a.password).toMatch(/^[0-9]{30}$/);
    expect(await pgPasswordIs(PG_URL!, a.username, a.password)).toBe(true);
    const b = (await call(emu, 'GET', '/v1/database/creds/b')).json.data;
    issued.push(b.username);
    expect(b.password).toMatch(/^[A-Z]{12}$/);
    expect(await call(emu, 'GET', '/v1/database/creds/c')).toMatchObject({
      status: 500,
      json: { errors: ['1 error occurred:\n\t* failed to generate password: no password policy found\n\n'] },
    });
  });
});
