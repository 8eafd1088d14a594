import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';
import { credentials, disableAppRole, enableAppRole } from './approle-lib.js';

let mount = '';
beforeAll(async () => {
  mount = await enableAppRole();
});
afterAll(() => disableAppRole(mount));

describe('AppRole roles and secret ids (conformance)', () => {
  it('creates, reads, lists and deletes roles case-insensitively', async () => {
    expect((await vault('POST', `auth/${mount}/role/App`, { body: { policies: 'a,b', period: '1h' } })).status).toBe(204);
    const read = await vault('GET', `auth/${mount}/role/APP`);
    expect(read.json.data).toEqual({
      bind_secret_id: true,
      local_secret_ids: false,
      period: 3600,
      policies: ['a', 'b'],
      secret_id_bound_cidrs: null,
      secret_id_num_uses: 0,
      secret_id_ttl: 0,
      token_bound_cidrs: [],
      token_explicit_max_ttl: 0,
      token_max_ttl: 0,
      token_no_default_policy: false,
      token_num_uses: 0,
      token_period: 3600,
      token_policies: ['a', 'b'],
      token_ttl: 0,
      token_type: 'default',
    });
    expect((await vault('LIST', `auth/${mount}/role`)).json.data.keys).toEqual(['app']);
    expect((await vault('GET', `auth/${mount}/role/app/token-ttl`)).json.data).toEqual({ token_ttl: 0 });
    expect((await vault('POST', `auth/${mount}/role/app/token-ttl`, { body: { token_ttl: '10m' } })).status).toBe(204);
    expect((await vault('GET', `auth/${mount}/role/app/token-ttl`)).json.data).toEqual({ token_ttl: 600 });
    expect((await vault('GET', `auth/${mount}/role/app/policies`)).json.data).toEqual({ policies: ['a', 'b'], token_policies: ['a', 'b'] });
    expect((await vault('DELETE', `auth/${mount}/role/app`)).status).toBe(204);
    expect((await vault('GET', `auth/${mount}/role/app`)).status).toBe(404);
  });

  it('refuses a role without constraints with a 500', async () => {
    const res = await vault('POST', `auth/${mount}/role/loose`, { body: { bind_secret_id: false } });
    expect([res.status, res.json]).toEqual([500, { errors: ['1 error occurred:\n\t* at least one constraint should be enabled on the role\n\n'] }]);
  });

  it('looks secret ids up by value and accessor, with Vault’s oddities for misses', async () => {
    await vault('POST', `auth/${mount}/role/svc`, { body: { secret_id_num_uses: 3, secret_id_ttl: '1h' } });
    const { secretId, accessor, secret } = await credentials(mount, 'svc', { metadata: '{"team":"a"}', num_uses: 2 });
    expect(secret.json.data).toEqual({ secret_id: secretId, secret_id_accessor: accessor, secret_id_num_uses: 2, secret_id_ttl: 3600 });
    const looked = await vault('POST', `auth/${mount}/role/svc/secret-id/lookup`, { body: { secret_id: secretId } });
    expect(looked.json.data).toMatchObject({ secret_id_accessor: accessor, secret_id_num_uses: 2, secret_id_ttl: 3600, metadata: { team: 'a' }, cidr_list: [], token_bound_cidrs: [] });
    expect((await vault('LIST', `auth/${mount}/role/svc/secret-id`)).json.data.keys).toEqual([accessor]);
    const unknown = await vault('POST', `auth/${mount}/role/svc/secret-id/lookup`, { body: { secret_id: 'nope' } });
    expect(unknown.status).toBe(204);
    const missingAccessor = await vault('POST', `auth/${mount}/role/svc/secret-id-accessor/lookup`, { body: { secret_id_accessor: 'nope' } });
    expect(missingAccessor.status).toBe(404);
    expect(missingAccessor.json.data).toEqual({ error: 'failed to find accessor entry for secret_id_accessor: "nope"' });
    const tooMany = await vault('POST', `auth/${mount}/role/svc/secret-id`, { body: { num_uses: 5 } });
    expect([tooMany.status, tooMany.json]).toEqual([400, { errors: ["num_uses cannot be higher than the role's secret_id_num_uses"] }]);
    const noRole = await vault('POST', `auth/${mount}/role/ghost/secret-id/lookup`, { body: { secret_id: 'x' } });
    expect([noRole.status, noRole.json]).toEqual([500, { errors: ['1 error occurred:\n\t* role "ghost" does not exist\n\n'] }]);
    const noRoleGenerate = await vault('POST', `auth/${mount}/role/ghost/secret-id`, { body: {} });
    expect([noRoleGenerate.status, noRoleGenerate.json]).toEqual([404, { errors: ['role "ghost" does not exist'] }]);
    expect((await vault('POST', `auth/${mount}/role/svc/secret-id-accessor/destroy`, { body: { secret_id_accessor: accessor } })).status).toBe(204);
    expect((await vault('POST', `auth/${mount}/role/svc/secret-id/lookup`, { body: { secret_id: secretId } })).status).toBe(204);
  });

  it('sets a custom secret id once, and starts a tidy with 202', async () => {
    await vault('POST', `auth/${mount}/role/custom`, { body: {} });
    const made = await vault('POST', `auth/${mount}/role/custom/custom-secret-id`, { body: { secret_id: 'my-own-secret' } });
    expect(made.json.data).toMatchObject({ secret_id: 'my-own-secret', secret_id_num_uses: 0, secret_id_ttl: 0 });
    const dup = await vault('POST', `auth/${mount}/role/custom/custom-secret-id`, { body: { secret_id: 'my-own-secret' } });
    expect([dup.status, dup.json]).toEqual([500, { errors: ['1 error occurred:\n\t* failed to store secret_id: SecretID is already registered\n\n'] }]);
    const tidy = await vault('POST', `auth/${mount}/tidy/secret-id`);
    expect(tidy.status).toBe(202);
    expect(tidy.json.warnings).toEqual(["Tidy operation successfully started. Any information from the operation will be printed to Vault's server logs."]);
  });
});
