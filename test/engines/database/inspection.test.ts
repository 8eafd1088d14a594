// vault.backends.database and GET /_emu/state/database: the users the emulator holds on each
// connection and the statements it ran, with the password redacted.
import { afterEach, describe, expect, it } from 'vitest';
import { call, testEmu } from '../../helpers/emulator.js';
import { PG_URL, pgScratch, skipMessage, type PgScratch } from './real-databases.js';

if (!PG_URL) console.warn(skipMessage('VAULT_EMU_TEST_PG_URL'));

describe.skipIf(!PG_URL)('database backend inspection', () => {
  let scratch: PgScratch | undefined;
  const issued: string[] = [];
  afterEach(async () => {
    await scratch?.cleanup(issued.splice(0));
    scratch = undefined;
  });

  it('lists held users until they are dropped, and every statement without the password', async () => {
    scratch = await pgScratch(PG_URL!);
    const s = scratch;
    const emu = await testEmu({ clock: 'virtual', clockStart: Date.UTC(2024, 5, 3, 16) });
    await call(emu, 'POST', '/v1/sys/mounts/db', { type: 'database' });
    await call(emu, 'POST', '/v1/db/config/main', {
      plugin_name: 'postgresql-database-plugin',
      connection_url: `postgresql://{{username}}:{{password}}@${s.host}:${s.port}/${s.database}?sslmode=disable`,
      username: s.admin,
      password: s.adminPassword,
      allowed_roles: '*',
    });
    await call(emu, 'POST', '/v1/db/roles/ro', {
      db_name: 'main',
      creation_statements: `CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';`,
      default_ttl: '1h',
    });
    const creds = (await call(emu, 'GET', '/v1/db/creds/ro')).json;
    issued.push(creds.data.username);
    expect(emu.backends.database.users()).toEqual([
      { mount: 'db/', connection: 'main', plugin: 'postgresql-database-plugin', username: creds.data.username, created_at: '2024-06-03T16:00:00Z', expires_at: '2024-06-03T17:00:05Z' },
    ]);
    const created = emu.backends.database.operations().find((o) => o.operation === 'create-user')!;
    expect(created.statements).toEqual([`CREATE ROLE "${creds.data.username}" WITH LOGIN PASSWORD '[redacted]' VALID UNTIL '2024-06-03T17:00:05Z';`]);
    expect(JSON.stringify(emu.backends.database.operations())).not.toContain(creds.data.password);

    await emu.clock.advance('1h');
    expect(emu.backends.database.users()).toEqual([]);
    const state = (await call(emu, 'GET', '/_emu/state/database')).json;
    expect(state.users).toEqual([]);
    expect(state.operations.map((o: { operation: string; outcome: string }) => [o.operation, o.outcome])).toEqual([
      ['create-user', 'ok'],
      ['delete-user', 'ok'],
    ]);
    expect((await emu.inject({ method: 'GET', url: '/_emu/state/database' })).statusCode).toBe(403);
  });
});
