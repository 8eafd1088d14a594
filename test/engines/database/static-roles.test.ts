// Static roles on a real PostgreSQL: the password is set on creation, read through static-creds,
// rotated by rotate-role and on rotation_period / rotation_schedule as the virtual clock moves; each
// time the server holds the new password and not the old one (checked against pg_authid's SCRAM
// verifier: the test server trusts local logins, so a login proves the role exists, not the password).
// Errors as Vault words them.
import { afterEach, describe, expect, it } from 'vitest';
import { call, testEmu } from '../../helpers/emulator.js';
import { PG_URL, pgAs, pgPasswordIs, pgQuery, pgScratch, skipMessage, uniqueSuffix, type PgScratch } from './real-databases.js';

if (!PG_URL) console.warn(skipMessage('VAULT_EMU_TEST_PG_URL'));

const START = Date.UTC(2024, 5, 3, 16, 0, 0);

describe.skipIf(!PG_URL)('database static roles on real PostgreSQL', () => {
  const url = PG_URL!;
  let scratch: PgScratch | undefined;
  const users: string[] = [];

  afterEach(async () => {
    await scratch?.cleanup(users.splice(0));
    scratch = undefined;
  });

  async function setup() {
    scratch = await pgScratch(url);
    const user = `app_static_${uniqueSuffix()}`;
    users.push(user);
    await pgQuery(url, `CREATE ROLE "${user}" WITH LOGIN PASSWORD 'initial'`);
    await pgQuery(url, `GRANT "${user}" TO "${scratch.admin}"`);
    const emu = await testEmu({ clock: 'virtual', clockStart: START });
    await call(emu, 'POST', '/v1/sys/mounts/database', { type: 'database' });
    const config = await call(emu, 'POST', '/v1/database/config/pg', {
      plugin_name: 'postgresql-database-plugin',
      connection_url: `postgresql://{{username}}:{{password}}@${scratch.host}:${scratch.port}/${scratch.database}?sslmode=disable`,
      username: scratch.admin,
      password: scratch.adminPassword,
      allowed_roles: '*',
    });
    expect(config.status).toBe(204);
    return { emu, s: scratch, user };
  }

  it('sets the password on creation, serves it, and rotates it every rotation_period', async () => {
    const { emu, s, user } = await setup();
    expect((await call(emu, 'POST', '/v1/database/static-roles/app', { db_name: 'pg', username: user, rotation_period: '1h' })).status).toBe(204);
    expect(await pgPasswordIs(url, user, 'initial')).toBe(false);
    const creds = await call(emu, 'GET', '/v1/database/static-creds/app');
    expect(creds.status).toBe(200);
    expect(creds.json.lease_id).toBe('');
    expect(creds.json.data).toEqual({
      last_vault_rotation: '2024-06-03T16:00:00Z',
      password: expect.stringMatching(/^[A-Za-z0-9-]{20}$/),
      rotation_period: 3600,
      ttl: 3600,
      username: user,
    });
    const first = creds.json.data.password;
    expect(await pgPasswordIs(url, user, first)).toBe(true);
    expect(await pgAs(s, user, first, 'SELECT 1')).toBe('ok');
    const role = await call(emu, 'GET', '/v1/database/static-roles/app');
    expect(role.json.data).toEqual({
      credential_type: 'password',
      db_name: 'pg',
      last_vault_rotation: '2024-06-03T16:00:00Z',
      rotation_period: 3600,
      rotation_statements: [],
      username: user,
    });
    expect((await call(emu, 'LIST', '/v1/database/static-roles')).json.data.keys).toEqual(['app']);

    await emu.clock.advance('59m');
    expect((await call(emu, 'GET', '/v1/database/static-creds/app')).json.data).toMatchObject({ password: first, ttl: 60 });
    await emu.clock.advance('1m');
    const rotated = (await call(emu, 'GET', '/v1/database/static-creds/app')).json.data;
    expect(rotated.password).not.toBe(first);
    expect(rotated.last_vault_rotation).toBe('2024-06-03T17:00:00Z');
    expect(await pgPasswordIs(url, user, first)).toBe(false);
    expect(await pgPasswordIs(url, user, rotated.password)).toBe(true);

    expect((await call(emu, 'POST', '/v1/database/rotate-role/app')).status).toBe(204);
    // The handle and /_emu/state/database show each rotation, never the password.
    const rotations = emu.backends.database.operations().filter((o) => o.username === user);
    expect(rotations.map((o) => [o.mount, o.connection, o.plugin, o.operation, o.outcome])).toEqual(
      Array(3).fill(['database/', 'pg', 'postgresql-database-plugin', 'update-user', 'ok']),
    );
    const state = await call(emu, 'GET', '/_emu/state/database');
    expect(state.status).toBe(200);
    expect(state.json.operations.filter((o: { username: string }) => o.username === user)).toHaveLength(3);
    expect(state.text).not.toContain(rotated.password);
    const manual = (await call(emu, 'GET', '/v1/database/static-creds/app')).json.data;
    expect(manual.password).not.toBe(rotated.password);
    expect(await pgPasswordIs(url, user, manual.password)).toBe(true);
    // Deleting the static role stops rotations and leaves the user as it is.
    expect((await call(emu, 'DELETE', '/v1/database/static-roles/app')).status).toBe(204);
    await emu.clock.advance('2h');
    expect(await pgPasswordIs(url, user, manual.password)).toBe(true);
  });

  it('rotates on a cron rotation_schedule', async () => {
    const { emu, s, user } = await setup();
    expect((await call(emu, 'POST', '/v1/database/static-roles/nightly', { db_name: 'pg', username: user, rotation_schedule: '0 0 * * *' })).status).toBe(204);
    const before = (await call(emu, 'GET', '/v1/database/static-creds/nightly')).json.data;
    expect(before).toMatchObject({ rotation_schedule: '0 0 * * *', ttl: 8 * 3600 });
    await emu.clock.set('2024-06-04T00:00:00Z');
    const after = (await call(emu, 'GET', '/v1/database/static-creds/nightly')).json.data;
    expect(after.password).not.toBe(before.password);
    expect(after.last_vault_rotation).toBe('2024-06-04T00:00:00Z');
    expect(await pgPasswordIs(url, user, after.password)).toBe(true);
  });

  it('answers Vault\'s errors', async () => {
    const { emu, user } = await setup();
    const post = (body: Record<string, unknown>, name = 'bad') => call(emu, 'POST', `/v1/database/static-roles/${name}`, body);
    expect((await post({ username: user, rotation_period: 3600 })).json.errors).toEqual(['database name is a required field']);
    expect((await post({ db_name: 'pg', rotation_period: 3600 })).json.errors).toEqual(['username is a required field to create a static account']);
    expect((await post({ db_name: 'pg', username: user })).json.errors).toEqual(['one of rotation_schedule or rotation_period must be provided to create a static account']);
    expect((await post({ db_name: 'pg', username: user, rotation_period: 2 })).json.errors).toEqual(['rotation_period must be 5 seconds or more']);
    expect((await post({ db_name: 'pg', username: user, rotation_period: 60, rotation_schedule: '* * * * *' })).json.errors).toEqual([
      'mutually exclusive fields rotation_period and rotation_schedule were both specified; only one of them can be provided',
    ]);
    expect((await post({ db_name: 'pg', username: user, rotation_schedule: 'nope' })).json.errors).toEqual([
      'could not parse rotation_schedule%!(EXTRA string=error, *errors.errorString=expected exactly 5 fields, found 1: [nope])',
    ]);
    expect((await post({ db_name: 'pg', username: user, rotation_schedule: '0 0 * * *', rotation_window: 60 })).json.errors).toEqual([
      'rotation_window is invalid%!(EXTRA string=error, *errors.errorString=rotation_window must be 3600 seconds or more)',
    ]);
    expect((await call(emu, 'GET', '/v1/database/static-creds/nope')).json.errors).toEqual(['unknown role: nope']);
    expect((await call(emu, 'POST', '/v1/database/rotate-role/nope')).json.errors).toEqual(['no static role found for role name']);
    await call(emu, 'POST', '/v1/database/roles/dyn', { db_name: 'pg', creation_statements: 'SELECT 1' });
    expect((await post({ db_name: 'pg', username: user, rotation_period: 3600 }, 'dyn')).json.errors).toEqual(['Role and Static Role names must be unique']);
    const missing = await post({ db_name: 'pg', username: 'no_such_user_here', rotation_period: 3600 }, 'ghost');
    expect(missing.status).toBe(500);
    expect(missing.json.errors[0]).toContain('error setting credentials: ');
    expect((await call(emu, 'GET', '/v1/database/static-roles/ghost')).status).toBe(404);
  });
});
