// auth/token/roles and create/:role_name.
import { describe, expect, it } from 'vitest';
import { call, testEmu } from '../../helpers/emulator.js';
import { create, lookup } from './helpers.js';

const START = Date.UTC(2024, 5, 3, 16, 0, 0);

describe('auth/token/roles', () => {
  it('writes (204), reads with Vault’s fields and defaults, lists and deletes', async () => {
    const emu = await testEmu();
    expect((await call(emu, 'POST', '/v1/auth/token/roles/ci', { allowed_policies: 'B,a, a', orphan: true })).status).toBe(204);
    const read = await call(emu, 'GET', '/v1/auth/token/roles/ci');
    expect(read.status).toBe(200);
    expect(read.json.data).toEqual({
      allowed_entity_aliases: null,
      allowed_policies: ['a', 'b'],
      allowed_policies_glob: [],
      disallowed_policies: [],
      disallowed_policies_glob: [],
      explicit_max_ttl: 0,
      name: 'ci',
      orphan: true,
      path_suffix: '',
      period: 0,
      renewable: true,
      token_explicit_max_ttl: 0,
      token_no_default_policy: false,
      token_period: 0,
      token_type: 'default-service',
    });
    await call(emu, 'POST', '/v1/auth/token/roles/other', {});
    expect((await call(emu, 'LIST', '/v1/auth/token/roles')).json.data.keys).toEqual(['ci', 'other']);
    expect((await call(emu, 'DELETE', '/v1/auth/token/roles/ci')).status).toBe(204);
    expect((await call(emu, 'GET', '/v1/auth/token/roles/ci')).status).toBe(404);
    await call(emu, 'DELETE', '/v1/auth/token/roles/other');
    expect(await call(emu, 'LIST', '/v1/auth/token/roles')).toMatchObject({ status: 404, json: { errors: [] } });
  });

  it('updates only the fields sent, and folds legacy period into token_period with a warning when both come', async () => {
    const emu = await testEmu();
    await call(emu, 'POST', '/v1/auth/token/roles/r', { allowed_policies: ['a'], period: '1h', token_num_uses: 3 });
    let data = (await call(emu, 'GET', '/v1/auth/token/roles/r')).json.data;
    expect(data).toMatchObject({ period: 3600, token_period: 3600, token_num_uses: 3, allowed_policies: ['a'] });
    const both = await call(emu, 'POST', '/v1/auth/token/roles/r', { period: '2h', token_period: '3h' });
    expect(both.json.warnings).toEqual(["Both 'token_period' and deprecated 'period' value supplied, ignoring the deprecated value"]);
    data = (await call(emu, 'GET', '/v1/auth/token/roles/r')).json.data;
    expect(data).toMatchObject({ period: 0, token_period: 10800, allowed_policies: ['a'] });
  });

  it('answers Vault’s role errors', async () => {
    const emu = await testEmu();
    const error = async (body: Record<string, unknown>) => (await call(emu, 'POST', '/v1/auth/token/roles/bad', body)).json.errors[0];
    expect(await error({ token_type: 'weird' })).toBe("invalid 'token_type' value \"weird\"");
    expect(await error({ token_type: null })).toBe("Invalid 'token_type' value: null");
    expect(await error({ token_type: 'batch' })).toBe("'token_type' cannot be 'batch' when role is set to generate non-orphan tokens");
    expect(await error({ token_type: 'batch', orphan: true })).toBe("'token_type' cannot be 'batch' when role is set to generate renewable tokens");
    expect(await error({ path_suffix: 'v1' })).toBe('given role path suffix contains invalid characters; must match \\w[\\w-.]+\\w');
    expect(await error({ path_suffix: 'v1..x' })).toBe('error registering path suffix: path cannot contain parent references');
    expect(await error({ token_num_uses: -1 })).toBe("error parsing role fields: 'token_num_uses' cannot be negative");
  });
});

describe('auth/token/create/:role_name', () => {
  it('creates tokens with the role’s name, path suffix, orphan flag and policies', async () => {
    const emu = await testEmu();
    await call(emu, 'POST', '/v1/auth/token/roles/app', { allowed_policies: ['read', 'write'], orphan: true, path_suffix: 'v2x' });
    const res = await create(emu, {}, undefined, 'create/app');
    expect(res.status).toBe(200);
    expect(res.json.auth).toMatchObject({ policies: ['default', 'read', 'write'], orphan: true });
    const data = (await lookup(emu, res.json.auth.client_token)).json.data;
    expect(data).toMatchObject({ role: 'app', path: 'auth/token/create/app/v2x', orphan: true });
    const subset = await create(emu, { policies: ['read'] }, undefined, 'create/app');
    expect(subset.json.auth.policies).toEqual(['default', 'read']);
  });

  it('refuses policies outside the role’s allowed set, or on its disallowed list', async () => {
    const emu = await testEmu();
    await call(emu, 'POST', '/v1/auth/token/roles/narrow', { allowed_policies: ['read'], disallowed_policies: ['default'] });
    const outside = await create(emu, { policies: ['admin'] }, undefined, 'create/narrow');
    expect(outside).toMatchObject({
      status: 400,
      json: { errors: ['token policies (["admin"]) must be subset of the role\'s allowed policies (["read"]) or glob policies ([])'] },
    });
    await call(emu, 'POST', '/v1/auth/token/roles/deny', { disallowed_policies: ['admin'] });
    const disallowed = await create(emu, { policies: ['admin'] }, undefined, 'create/deny');
    expect(disallowed).toMatchObject({ status: 400, json: { errors: ['token policy "admin" is disallowed by this role'] } });
    expect(await create(emu, {}, undefined, 'create/missing')).toMatchObject({ status: 400, json: { errors: ['unknown role missing'] } });
  });

  it('applies the role’s period and explicit max TTL, now and at renewal', async () => {
    const emu = await testEmu({ clock: 'virtual', clockStart: START });
    await call(emu, 'POST', '/v1/auth/token/roles/periodic', { allowed_policies: ['p'], token_period: '1h' });
    const token = (await create(emu, {}, undefined, 'create/periodic')).json.auth;
    expect(token.lease_duration).toBe(3600);
    await call(emu, 'POST', '/v1/auth/token/roles/periodic', { token_period: '2h' });
    const renewed = await call(emu, 'POST', '/v1/auth/token/renew', { token: token.client_token });
    expect(renewed.json.auth.lease_duration).toBe(7200);
    await call(emu, 'DELETE', '/v1/auth/token/roles/periodic');
    const orphaned = await call(emu, 'POST', '/v1/auth/token/renew', { token: token.client_token });
    expect(orphaned).toMatchObject({
      status: 500,
      json: { errors: ['1 error occurred:\n\t* failed to renew entry: original token role "periodic" could not be found, not renewing\n\n'] },
    });
  });

  it('binds tokens to one entity per allowed entity alias', async () => {
    const emu = await testEmu();
    await call(emu, 'POST', '/v1/auth/token/roles/ent', { allowed_policies: ['p'], allowed_entity_aliases: ['svc-*', 'Exact'] });
    expect((await call(emu, 'GET', '/v1/auth/token/roles/ent')).json.data.allowed_entity_aliases).toEqual(['exact', 'svc-*']);
    const first = (await create(emu, { entity_alias: 'svc-One' }, undefined, 'create/ent')).json.auth;
    const again = (await create(emu, { entity_alias: 'svc-one' }, undefined, 'create/ent')).json.auth;
    const other = (await create(emu, { entity_alias: 'exact' }, undefined, 'create/ent')).json.auth;
    expect(first.entity_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(again.entity_id).toBe(first.entity_id);
    expect(other.entity_id).not.toBe(first.entity_id);
    expect((await create(emu, { entity_alias: 'nope' }, undefined, 'create/ent')).json).toEqual({ errors: ["invalid 'entity_alias' value"] });
    expect((await create(emu, { entity_alias: 'svc-one' })).json).toEqual({ errors: ["'entity_alias' is only allowed in combination with token role"] });
  });

  it('issues batch tokens from a batch role', async () => {
    const emu = await testEmu();
    await call(emu, 'POST', '/v1/auth/token/roles/b', { allowed_policies: ['p'], token_type: 'batch', orphan: true, renewable: false });
    const res = await create(emu, {}, undefined, 'create/b');
    expect(res.json.auth).toMatchObject({ token_type: 'batch', orphan: true, renewable: false });
    expect(res.json.auth.client_token).toMatch(/^hvb\./);
  });
});
