// The seed documents' AppRole flow end to end over HTTP, and the login token's life on the clock.
import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/emulator.js';
import { approleEmu, login, roleCredentials } from './approle-helpers.js';

const DB_CONSUMER = 'path "database/creds/readonly" { capabilities = ["read"] }\npath "secret/*" { capabilities = ["read"] }';

describe('approle seed flow', () => {
  it('writes the policy, creates webapp, logs in and uses the token', async () => {
    const emu = await approleEmu();
    expect((await call(emu, 'PUT', '/v1/sys/policies/acl/db-consumer', { policy: DB_CONSUMER })).status).toBe(204);
    const created = await call(emu, 'POST', '/v1/auth/approle/role/webapp', {
      token_policies: 'db-consumer',
      token_ttl: '1h',
      token_max_ttl: '4h',
      secret_id_ttl: '720h',
      secret_id_num_uses: 0,
    });
    expect(created.status).toBe(204);
    const role = await call(emu, 'GET', '/v1/auth/approle/role/webapp');
    expect(role.json.data).toEqual({
      bind_secret_id: true,
      local_secret_ids: false,
      secret_id_bound_cidrs: null,
      secret_id_num_uses: 0,
      secret_id_ttl: 2592000,
      token_bound_cidrs: [],
      token_explicit_max_ttl: 0,
      token_max_ttl: 14400,
      token_no_default_policy: false,
      token_num_uses: 0,
      token_period: 0,
      token_policies: ['db-consumer'],
      token_ttl: 3600,
      token_type: 'default',
    });
    const { roleId, secret } = await roleCredentials(emu, 'webapp');
    expect(roleId).toMatch(/^[0-9a-f-]{36}$/);
    expect(secret.json.data).toMatchObject({ secret_id_num_uses: 0, secret_id_ttl: 2592000 });

    const res = await login(emu, { role_id: roleId, secret_id: secret.json.data.secret_id });
    expect(res.status).toBe(200);
    expect(res.json.mount_type).toBe('');
    expect(res.json.data).toBeNull();
    const auth = res.json.auth;
    expect(auth).toMatchObject({
      policies: ['db-consumer', 'default'],
      token_policies: ['db-consumer', 'default'],
      metadata: { role_name: 'webapp' },
      lease_duration: 3600,
      renewable: true,
      token_type: 'service',
      orphan: true,
      num_uses: 0,
    });
    expect(auth.client_token).toMatch(/^hvs\.CAESI/);
    expect(auth.entity_id).toMatch(/^[0-9a-f-]{36}$/);

    const self = await emu.inject({ method: 'GET', url: '/v1/auth/token/lookup-self', headers: { 'x-vault-token': auth.client_token } });
    const data = JSON.parse(self.body).data;
    expect(data).toMatchObject({ display_name: 'approle', path: 'auth/approle/login', orphan: true, meta: { role_name: 'webapp' }, entity_id: auth.entity_id, ttl: 3600 });
    // The policy grants secret/* reads; sys/mounts stays closed.
    const denied = await emu.inject({ method: 'GET', url: '/v1/sys/mounts', headers: { 'x-vault-token': auth.client_token } });
    expect(denied.statusCode).toBe(403);

    // A second login keeps the entity.
    const again = await login(emu, { role_id: roleId, secret_id: secret.json.data.secret_id });
    expect(again.json.auth.entity_id).toBe(auth.entity_id);
    expect(again.json.auth.client_token).not.toBe(auth.client_token);
  });

  it('renews through the role, caps at token_max_ttl and lets the token expire on the clock', async () => {
    const emu = await approleEmu();
    await call(emu, 'POST', '/v1/auth/approle/role/webapp', { token_ttl: '1h', token_max_ttl: '4h' });
    const { roleId, secretId } = await roleCredentials(emu, 'webapp');
    const token = (await login(emu, { role_id: roleId, secret_id: secretId })).json.auth.client_token as string;
    const renewSelf = () => emu.inject({ method: 'POST', url: '/v1/auth/token/renew-self', headers: { 'x-vault-token': token } });

    for (let i = 0; i < 3; i++) {
      await emu.clock.advance('50m');
      const renewed = await renewSelf();
      expect(renewed.statusCode).toBe(200);
      expect(JSON.parse(renewed.body).auth.lease_duration).toBe(3600);
    }
    await emu.clock.advance('50m');
    const capped = JSON.parse((await renewSelf()).body);
    expect(capped.auth.lease_duration).toBe(2400);
    expect(capped.warnings).toEqual(['TTL of "1h" exceeded the effective max_ttl of "40m"; TTL value is capped accordingly']);

    await emu.clock.advance('41m');
    const gone = await emu.inject({ method: 'GET', url: '/v1/auth/token/lookup-self', headers: { 'x-vault-token': token } });
    expect(gone.statusCode).toBe(403);
  });

  it('refuses renewal once the role is gone', async () => {
    const emu = await approleEmu();
    await call(emu, 'POST', '/v1/auth/approle/role/webapp', { token_ttl: '1h' });
    const { roleId, secretId } = await roleCredentials(emu, 'webapp');
    const token = (await login(emu, { role_id: roleId, secret_id: secretId })).json.auth.client_token as string;
    await call(emu, 'DELETE', '/v1/auth/approle/role/webapp');
    const res = await emu.inject({ method: 'POST', url: '/v1/auth/token/renew-self', headers: { 'x-vault-token': token } });
    expect(res.statusCode).toBe(500);
    expect(JSON.parse(res.body).errors).toEqual(['1 error occurred:\n\t* role "webapp" does not exist during renewal\n\n']);
  });
});
