// node-vault 0.12.0 against a live emulator: the seed's AppRole flow through the client's approle
// commands (addApproleRole, getApproleRoleId, getApproleRoleSecret, approleLogin, the secret-id
// lookups and destroys), the login token used, expiring on the virtual clock, and Vault's refusals
// (bad secret id, used-up secret id, CIDR binding, lockout) as the rejections node-vault surfaces.
import { describe, expect, it } from 'vitest';
import { ROOT, liveEmu } from '../helpers/emulator.js';
import { failure, nodeVault } from '../helpers/clients.js';

const START = Date.UTC(2024, 5, 3, 16, 0, 0);
const DB_CONSUMER = 'path "secret/*" { capabilities = ["read"] }';

async function approleSetup() {
  const emu = await liveEmu({ clock: 'virtual', clockStart: START });
  const admin = nodeVault({ endpoint: emu.url, token: ROOT });
  await admin.enableAuth({ mount_point: 'approle', type: 'approle' });
  await admin.addPolicy({ name: 'db-consumer', rules: DB_CONSUMER });
  return { emu, admin };
}

describe('node-vault approle commands', () => {
  it('creates webapp, reads its role-id, generates a secret-id, logs in with approleLogin and uses the token until it expires', async () => {
    const { emu, admin } = await approleSetup();
    // node-vault sends only the properties of its request schema: durations as integers (seconds), and
    // the legacy `policies` (token_policies would be dropped), which Vault stores as token_policies.
    await admin.addApproleRole({ role_name: 'webapp', policies: 'db-consumer', token_ttl: 3600, token_max_ttl: 14400, secret_id_ttl: 2592000, secret_id_num_uses: 0 });
    expect((await admin.getApproleRole({ role_name: 'webapp' })).data).toMatchObject({
      token_policies: ['db-consumer'],
      token_ttl: 3600,
      token_max_ttl: 14400,
      secret_id_ttl: 2592000,
      secret_id_num_uses: 0,
      bind_secret_id: true,
    });
    expect((await admin.approleRoles()).data.keys).toEqual(['webapp']);
    const roleId = (await admin.getApproleRoleId({ role_name: 'webapp' })).data.role_id as string;
    expect(roleId).toMatch(/^[0-9a-f-]{36}$/);
    const secret = (await admin.getApproleRoleSecret({ role_name: 'webapp', metadata: '{"app":"billing"}' })).data;
    expect(secret).toMatchObject({ secret_id_num_uses: 0, secret_id_ttl: 2592000, secret_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });

    // approleLogin stores auth.client_token as the client's token (tokenSource).
    const app = nodeVault({ endpoint: emu.url });
    const res = await app.approleLogin({ role_id: roleId, secret_id: secret.secret_id });
    expect(res.auth).toMatchObject({
      policies: ['db-consumer', 'default'],
      token_policies: ['db-consumer', 'default'],
      metadata: { app: 'billing', role_name: 'webapp' },
      lease_duration: 3600,
      renewable: true,
      orphan: true,
      token_type: 'service',
    });
    expect(app.token).toBe(res.auth.client_token);
    expect(app.token).toMatch(/^hvs\.CAESI/);

    const self = (await app.tokenLookupSelf()).data;
    expect(self).toMatchObject({ display_name: 'approle', path: 'auth/approle/login', policies: ['db-consumer', 'default'], meta: { app: 'billing', role_name: 'webapp' }, ttl: 3600 });
    // db-consumer grants secret/* and nothing on sys/: Vault's ACL refusal is a multierror.
    expect(await failure(app.mounts())).toEqual({ message: '1 error occurred:\n\t* permission denied\n\n', status: 403 });

    await emu.clock.advance('59m');
    expect((await app.tokenLookupSelf()).data.ttl).toBe(60);
    await emu.clock.advance('1m');
    // Expired at issue time + 1h: the token is gone, refused as Vault refuses an unknown token.
    expect(await failure(app.tokenLookupSelf())).toEqual({ message: '2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n', status: 403 });
    // The secret id (num_uses 0) logs in again after the token is gone.
    const again = await app.approleLogin({ role_id: roleId, secret_id: secret.secret_id });
    expect(again.auth.entity_id).toBe(res.auth.entity_id);
    expect(again.auth.client_token).not.toBe(res.auth.client_token);
  });

  it('looks up, lists and destroys secret ids by value and by accessor', async () => {
    const { admin } = await approleSetup();
    await admin.addApproleRole({ role_name: 'worker', secret_id_num_uses: 3 });
    const a = (await admin.getApproleRoleSecret({ role_name: 'worker' })).data;
    const b = (await admin.getApproleRoleSecret({ role_name: 'worker', metadata: '{"team":"ops"}', cidr_list: ['127.0.0.1/32'] })).data;
    expect((await admin.approleSecretAccessors({ role_name: 'worker' })).data.keys.sort()).toEqual([a.secret_id_accessor, b.secret_id_accessor].sort());

    const looked = (await admin.approleSecretLookup({ role_name: 'worker', secret_id: b.secret_id })).data;
    expect(looked).toMatchObject({ secret_id_accessor: b.secret_id_accessor, secret_id_num_uses: 3, metadata: { team: 'ops' }, cidr_list: ['127.0.0.1/32'] });
    const byAccessor = (await admin.approleSecretAccessorLookup({ role_name: 'worker', secret_id_accessor: a.secret_id_accessor })).data;
    expect(byAccessor).toMatchObject({ secret_id_accessor: a.secret_id_accessor, secret_id_num_uses: 3, metadata: {} });

    await admin.approleSecretDestroy({ role_name: 'worker', secret_id: b.secret_id });
    await admin.approleSecretAccessorDestroy({ role_name: 'worker', secret_id_accessor: a.secret_id_accessor });
    // Vault answers a LIST with no keys 404 {"errors":[]}; node-vault rejects with its status text.
    expect(await failure(admin.approleSecretAccessors({ role_name: 'worker' }))).toEqual({ message: 'Status 404', status: 404 });
    // Lookup of an unknown secret id: Vault's 204, which node-vault resolves with the empty body.
    expect(await admin.approleSecretLookup({ role_name: 'worker', secret_id: b.secret_id })).toBe('');
    // An unknown accessor: Vault's 404 carries the error in data.error, not in errors, so node-vault
    // rejects with its generic status text.
    expect(await failure(admin.approleSecretAccessorLookup({ role_name: 'worker', secret_id_accessor: a.secret_id_accessor }))).toEqual({
      message: 'Status 404',
      status: 404,
    });
  });

  it('rejects logins with Vault’s messages: wrong secret id, used-up secret id, CIDR refusal, lockout', async () => {
    const { emu, admin } = await approleSetup();
    await admin.addApproleRole({ role_name: 'once', secret_id_num_uses: 1 });
    const roleId = (await admin.getApproleRoleId({ role_name: 'once' })).data.role_id as string;
    const secretId = (await admin.getApproleRoleSecret({ role_name: 'once' })).data.secret_id as string;
    const app = nodeVault({ endpoint: emu.url });
    await app.approleLogin({ role_id: roleId, secret_id: secretId });
    expect(await failure(app.approleLogin({ role_id: roleId, secret_id: secretId }))).toEqual({ message: 'invalid role or secret ID', status: 400 });
    // node-vault checks its request schema (role_id required) before sending anything.
    expect(await failure(app.approleLogin({ secret_id: secretId }))).toEqual({ message: 'Missing required property: role_id', status: -1 });

    // The loopback client is outside 10.0.0.0/8.
    await admin.addApproleRole({ role_name: 'pinned' });
    const pinnedRole = (await admin.getApproleRoleId({ role_name: 'pinned' })).data.role_id as string;
    const pinned = (await admin.getApproleRoleSecret({ role_name: 'pinned', cidr_list: ['10.0.0.0/8'] })).data.secret_id as string;
    expect(await failure(app.approleLogin({ role_id: pinnedRole, secret_id: pinned }))).toEqual({
      message: 'source address "127.0.0.1" unauthorized through CIDR restrictions on the secret ID',
      status: 400,
    });

    // Five bad secret ids lock the role_id for 15 minutes, good secret id or not.
    await admin.addApproleRole({ role_name: 'guarded' });
    const guardedRole = (await admin.getApproleRoleId({ role_name: 'guarded' })).data.role_id as string;
    const good = (await admin.getApproleRoleSecret({ role_name: 'guarded' })).data.secret_id as string;
    for (let i = 0; i < 5; i++) {
      expect(await failure(app.approleLogin({ role_id: guardedRole, secret_id: 'wrong' }))).toEqual({ message: 'invalid role or secret ID', status: 400 });
    }
    expect(await failure(app.approleLogin({ role_id: guardedRole, secret_id: good }))).toEqual({ message: 'permission denied', status: 403 });
    await emu.clock.advance('15m');
    expect((await app.approleLogin({ role_id: guardedRole, secret_id: good })).auth.metadata).toEqual({ role_name: 'guarded' });
  });
});
