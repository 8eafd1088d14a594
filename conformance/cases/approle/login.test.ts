import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';
import { credentials, disableAppRole, enableAppRole, login } from './approle-lib.js';

let mount = '';
beforeAll(async () => {
  mount = await enableAppRole();
});
afterAll(() => disableAppRole(mount));

describe('AppRole login (conformance)', () => {
  it('issues an orphan token named after the mount with the role policies, default and role_name', async () => {
    await vault('POST', `auth/${mount}/role/WebApp`, { body: { token_policies: 'db-consumer', token_ttl: '1h', token_max_ttl: '4h', secret_id_ttl: '720h', secret_id_num_uses: 0 } });
    const { roleId, secretId } = await credentials(mount, 'webapp', { metadata: JSON.stringify({ env: 'ci' }) });
    const res = await login(mount, { role_id: ` ${roleId} `, secret_id: secretId });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ lease_id: '', renewable: false, lease_duration: 0, data: null, wrap_info: null, mount_type: '' });
    const auth = res.json.auth;
    expect(auth).toEqual({
      client_token: auth.client_token,
      accessor: auth.accessor,
      policies: ['db-consumer', 'default'],
      token_policies: ['db-consumer', 'default'],
      metadata: { env: 'ci', role_name: 'webapp' },
      lease_duration: 3600,
      renewable: true,
      entity_id: auth.entity_id,
      token_type: 'service',
      orphan: true,
      mfa_requirement: null,
      num_uses: 0,
    });
    expect(auth.entity_id).toMatch(/^[0-9a-f-]{36}$/);
    const self = await vault('GET', 'auth/token/lookup-self', { token: auth.client_token });
    expect(self.json.data).toMatchObject({ display_name: mount.replaceAll('/', '-'), path: `auth/${mount}/login`, orphan: true, creation_ttl: 3600, meta: { env: 'ci', role_name: 'webapp' } });
    const again = await login(mount, { role_id: roleId, secret_id: secretId });
    expect(again.json.auth.entity_id).toBe(auth.entity_id);
    await vault('POST', 'auth/token/revoke', { body: { token: auth.client_token } });
    await vault('POST', 'auth/token/revoke', { body: { token: again.json.auth.client_token } });
  });

  it('spends secret id uses and then answers invalid role or secret ID', async () => {
    await vault('POST', `auth/${mount}/role/once`, { body: { secret_id_num_uses: 1 } });
    const { roleId, secretId } = await credentials(mount, 'once');
    const first = await login(mount, { role_id: roleId, secret_id: secretId });
    expect(first.status).toBe(200);
    await vault('POST', 'auth/token/revoke', { body: { token: first.json.auth.client_token } });
    const second = await login(mount, { role_id: roleId, secret_id: secretId });
    expect([second.status, second.json]).toEqual([400, { errors: ['invalid role or secret ID'] }]);
    const missing = await login(mount, { role_id: roleId });
    expect([missing.status, missing.json]).toEqual([400, { errors: ['missing secret_id'] }]);
    const unknownRole = await login(mount, { role_id: 'no-such-role-id', secret_id: 'x' });
    expect([unknownRole.status, unknownRole.json]).toEqual([400, { errors: ['invalid role or secret ID'] }]);
  });

  it('locks the role_id after 5 bad secret ids, lists it in sys/locked-users, and unlocks it', async () => {
    await vault('POST', `auth/${mount}/role/locky`, { body: {} });
    const { roleId, secretId } = await credentials(mount, 'locky');
    for (let i = 0; i < 5; i++) expect((await login(mount, { role_id: roleId, secret_id: 'wrong' })).status).toBe(400);
    const locked = await login(mount, { role_id: roleId, secret_id: secretId });
    expect([locked.status, locked.json]).toEqual([403, { errors: ['permission denied'] }]);
    const accessor = (await vault('GET', `sys/auth/${mount}`)).json.data.accessor as string;
    const listed = await vault('GET', `sys/locked-users?mount_accessor=${accessor}`);
    expect(listed.json.data).toEqual({
      by_namespace: [{ namespace_id: 'root', namespace_path: '', counts: 1, mount_accessors: [{ mount_accessor: accessor, counts: 1, alias_identifiers: [roleId] }] }],
      total: 1,
    });
    expect((await vault('POST', `sys/locked-users/${accessor}/unlock/${roleId}`)).status).toBe(204);
    const ok = await login(mount, { role_id: roleId, secret_id: secretId });
    expect(ok.status).toBe(200);
    await vault('POST', 'auth/token/revoke', { body: { token: ok.json.auth.client_token } });
  });

  it('answers a login without role_id with the lockout error', async () => {
    const res = await login(mount, { secret_id: 'x' });
    expect([res.status, res.json]).toEqual([500, { errors: ['failed to determine alias name from login request'] }]);
  });
});
