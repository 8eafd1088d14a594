// What a login is refused for: used-up and expired secret ids, CIDR bindings, and the user lockout.
import { describe, expect, it } from 'vitest';
import { call, testEmu } from '../../helpers/emulator.js';
import { approleEmu, login, roleCredentials, START } from './approle-helpers.js';

describe('approle login rules', () => {
  it('spends secret_id_num_uses and refuses the secret id once used up', async () => {
    const emu = await approleEmu();
    await call(emu, 'POST', '/v1/auth/approle/role/batch-job', { secret_id_num_uses: 2 });
    const { roleId, secretId, accessor } = await roleCredentials(emu, 'batch-job');
    expect((await login(emu, { role_id: roleId, secret_id: secretId })).status).toBe(200);
    const looked = await call(emu, 'POST', '/v1/auth/approle/role/batch-job/secret-id-accessor/lookup', { secret_id_accessor: accessor });
    expect(looked.json.data.secret_id_num_uses).toBe(1);
    expect((await login(emu, { role_id: roleId, secret_id: secretId })).status).toBe(200);
    const third = await login(emu, { role_id: roleId, secret_id: secretId });
    expect(third).toEqual({ status: 400, json: { errors: ['invalid role or secret ID'] } });
    // The secret id is gone: lookup answers 204.
    expect((await call(emu, 'POST', '/v1/auth/approle/role/batch-job/secret-id/lookup', { secret_id: secretId })).status).toBe(204);
  });

  it('refuses a client outside the secret id CIDRs and the role CIDRs', async () => {
    const emu = await approleEmu();
    await call(emu, 'POST', '/v1/auth/approle/role/pinned', {});
    const outside = await roleCredentials(emu, 'pinned', { cidr_list: '10.0.0.0/8' });
    expect(await login(emu, { role_id: outside.roleId, secret_id: outside.secretId })).toEqual({
      status: 400,
      json: { errors: ['source address "127.0.0.1" unauthorized through CIDR restrictions on the secret ID'] },
    });
    const inside = await roleCredentials(emu, 'pinned', { cidr_list: '127.0.0.0/8' });
    expect((await login(emu, { role_id: inside.roleId, secret_id: inside.secretId })).status).toBe(200);

    await call(emu, 'POST', '/v1/auth/approle/role/office', { secret_id_bound_cidrs: ['192.168.0.0/16'] });
    const office = await roleCredentials(emu, 'office');
    expect(await login(emu, { role_id: office.roleId, secret_id: office.secretId })).toEqual({
      status: 400,
      json: { errors: ['source address "127.0.0.1" unauthorized by CIDR restrictions on the role: %!w(<nil>)'] },
    });
    // A secret id's CIDRs must lie inside the role's.
    const wider = await call(emu, 'POST', '/v1/auth/approle/role/office/secret-id', { cidr_list: '10.0.0.0/8' });
    expect(wider.status).toBe(500);
  });

  it('expires secret ids on the clock', async () => {
    const emu = await approleEmu();
    await call(emu, 'POST', '/v1/auth/approle/role/short', { secret_id_ttl: '10m' });
    const { roleId, secretId, secret } = await roleCredentials(emu, 'short');
    expect(secret.json.data.secret_id_ttl).toBe(600);
    await emu.clock.advance('9m');
    expect((await login(emu, { role_id: roleId, secret_id: secretId })).status).toBe(200);
    await emu.clock.advance('2m');
    expect(await login(emu, { role_id: roleId, secret_id: secretId })).toEqual({ status: 400, json: { errors: ['invalid role or secret ID'] } });
  });

  it('an expired secret id works until the next minute’s periodic tidy removes it, as in Vault', async () => {
    const emu = await approleEmu();
    // Start on a whole minute: the secret id expires 10 s after the next one.
    await emu.clock.set(Math.ceil(emu.clock.now() / 60_000) * 60_000);
    await call(emu, 'POST', '/v1/auth/approle/role/short', { secret_id_ttl: '70s' });
    const { roleId, secretId } = await roleCredentials(emu, 'short');
    const lookup = () => call(emu, 'POST', '/v1/auth/approle/role/short/secret-id/lookup', { secret_id: secretId });
    await emu.clock.advance('80s'); // expired 10 s ago; the next tidy is 40 s away
    expect((await lookup()).status).toBe(200);
    expect((await login(emu, { role_id: roleId, secret_id: secretId })).status).toBe(200);
    await emu.clock.advance('40s'); // the minute boundary: the tidy has run
    expect((await lookup()).status).toBe(204);
    expect(await login(emu, { role_id: roleId, secret_id: secretId })).toEqual({ status: 400, json: { errors: ['invalid role or secret ID'] } });
    expect((await call(emu, 'LIST', '/v1/auth/approle/role/short/secret-id')).status).toBe(404);
  });

  it('VAULT_DISABLE_USER_LOCKOUT decides alone when set: true never locks, false locks whatever the tune says, other text fails the login', async () => {
    const lockoutEmu = async (disableUserLockout: boolean | string) => {
      const emu = await testEmu({ clock: 'virtual', clockStart: START, disableUserLockout });
      expect((await call(emu, 'POST', '/v1/sys/auth/approle', { type: 'approle' })).status).toBe(204);
      await call(emu, 'POST', '/v1/auth/approle/role/webapp', {});
      return { emu, ...(await roleCredentials(emu, 'webapp')) };
    };
    const off = await lockoutEmu(true);
    for (let i = 0; i < 6; i++) expect((await login(off.emu, { role_id: off.roleId, secret_id: 'wrong' })).status).toBe(400);
    expect((await login(off.emu, { role_id: off.roleId, secret_id: off.secretId })).status).toBe(200);
    expect((await call(off.emu, 'GET', '/v1/sys/locked-users')).json.data.by_namespace).toEqual([]);

    const on = await lockoutEmu('false');
    expect((await call(on.emu, 'POST', '/v1/sys/auth/approle/tune', { user_lockout_config: { disable_lockout: true } })).status).toBe(204);
    for (let i = 0; i < 5; i++) expect((await login(on.emu, { role_id: on.roleId, secret_id: 'wrong' })).status).toBe(400);
    expect(await login(on.emu, { role_id: on.roleId, secret_id: on.secretId })).toEqual({ status: 403, json: { errors: ['permission denied'] } });

    const unreadable = await lockoutEmu('maybe');
    expect(await login(unreadable.emu, { role_id: unreadable.roleId, secret_id: unreadable.secretId })).toEqual({
      status: 500,
      json: { errors: ['Error parsing the environment variable VAULT_DISABLE_USER_LOCKOUT'] },
    });
  });

  it('takes the threshold and duration from the server config’s user_lockout stanzas, the mount’s tune first', async () => {
    const emu = await testEmu({
      clock: 'virtual',
      clockStart: START,
      userLockouts: [
        { type: 'all', threshold: 5, duration: 900, counterReset: 900, disable: false },
        { type: 'approle', threshold: 2, duration: 60, counterReset: 900, disable: false },
      ],
    });
    expect((await call(emu, 'POST', '/v1/sys/auth/approle', { type: 'approle' })).status).toBe(204);
    await call(emu, 'POST', '/v1/auth/approle/role/webapp', {});
    const { roleId, secretId } = await roleCredentials(emu, 'webapp');
    for (let i = 0; i < 2; i++) expect((await login(emu, { role_id: roleId, secret_id: 'wrong' })).status).toBe(400);
    expect((await login(emu, { role_id: roleId, secret_id: secretId })).status).toBe(403);
    await emu.clock.advance('61s');
    expect((await login(emu, { role_id: roleId, secret_id: secretId })).status).toBe(200);
    // The tune's threshold wins over the config's.
    expect((await call(emu, 'POST', '/v1/sys/auth/approle/tune', { user_lockout_config: { lockout_threshold: 3 } })).status).toBe(204);
    for (let i = 0; i < 2; i++) expect((await login(emu, { role_id: roleId, secret_id: 'wrong' })).status).toBe(400);
    expect((await login(emu, { role_id: roleId, secret_id: secretId })).status).toBe(200);
  });

  it('locks a role_id after 5 bad secret ids for 15 minutes, and lists and unlocks it', async () => {
    const emu = await approleEmu();
    await call(emu, 'POST', '/v1/auth/approle/role/webapp', {});
    const { roleId, secretId } = await roleCredentials(emu, 'webapp');
    for (let i = 0; i < 5; i++) {
      expect((await login(emu, { role_id: roleId, secret_id: 'wrong' })).json).toEqual({ errors: ['invalid role or secret ID'] });
    }
    // Locked: even the right secret id is refused.
    expect(await login(emu, { role_id: roleId, secret_id: secretId })).toEqual({ status: 403, json: { errors: ['permission denied'] } });
    const accessor = (await call(emu, 'GET', '/v1/sys/auth')).json.data['approle/'].accessor as string;
    const locked = await call(emu, 'GET', '/v1/sys/locked-users');
    expect(locked.json.data).toEqual({
      by_namespace: [{ namespace_id: 'root', namespace_path: '', counts: 1, mount_accessors: [{ mount_accessor: accessor, counts: 1, alias_identifiers: [roleId] }] }],
      total: 1,
    });
    await emu.clock.advance('14m');
    expect((await login(emu, { role_id: roleId, secret_id: secretId })).status).toBe(403);
    await emu.clock.advance('1m');
    expect((await login(emu, { role_id: roleId, secret_id: secretId })).status).toBe(200);

    for (let i = 0; i < 5; i++) await login(emu, { role_id: roleId, secret_id: 'wrong' });
    expect((await login(emu, { role_id: roleId, secret_id: secretId })).status).toBe(403);
    expect((await call(emu, 'POST', `/v1/sys/locked-users/${accessor}/unlock/${roleId}`)).status).toBe(204);
    expect((await login(emu, { role_id: roleId, secret_id: secretId })).status).toBe(200);
    expect((await call(emu, 'GET', '/v1/sys/locked-users')).json.data).toEqual({ by_namespace: [], total: 0 });
  });

  it('answers a login without role_id as Vault does with the lockout on', async () => {
    const emu = await approleEmu();
    expect(await login(emu, { secret_id: 'x' })).toEqual({ status: 500, json: { errors: ['failed to determine alias name from login request'] } });
    expect(await login(emu, { role_id: 'nope', secret_id: 'x' })).toEqual({ status: 400, json: { errors: ['invalid role or secret ID'] } });
  });
});
