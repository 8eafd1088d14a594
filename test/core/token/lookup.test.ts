// auth/token/lookup, lookup-self, lookup-accessor: the data Vault returns and its errors.
import { describe, expect, it } from 'vitest';
import { call, ROOT, testEmu } from '../../helpers/emulator.js';
import { advance, as, create, lookup } from './helpers.js';

const START = Date.UTC(2024, 5, 3, 16, 0, 0);

describe('auth/token/lookup', () => {
  it('returns every field of a created token, echoing the 95-character string it was given', async () => {
    const emu = await testEmu({ clock: 'virtual', clockStart: START });
    const created = (await create(emu, { policies: ['app'], ttl: '1h', meta: { purpose: 'ci' }, display_name: 'ci' })).json.auth;
    await advance(emu, 1);
    const res = await lookup(emu, created.client_token);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ lease_id: '', renewable: false, lease_duration: 0, auth: null, warnings: null, mount_type: 'token' });
    expect(res.json.data).toEqual({
      accessor: created.accessor,
      creation_time: START / 1000,
      creation_ttl: 3600,
      display_name: 'token-ci',
      entity_id: '',
      expire_time: '2024-06-03T17:00:00Z',
      explicit_max_ttl: 0,
      id: created.client_token,
      issue_time: '2024-06-03T16:00:00Z',
      meta: { purpose: 'ci' },
      num_uses: 0,
      orphan: false,
      path: 'auth/token/create',
      policies: ['app', 'default'],
      renewable: true,
      ttl: 3599,
      type: 'service',
    });
  });

  it('reads the token from the query on GET, and shows period and role only when set', async () => {
    const emu = await testEmu({ clock: 'virtual', clockStart: START });
    const token = (await create(emu, { policies: ['app'], period: '1h' })).json.auth.client_token;
    const res = await call(emu, 'GET', `/v1/auth/token/lookup?token=${token}`);
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ id: token, period: 3600, ttl: 3600 });
    expect(res.json.data.role).toBeUndefined();
    expect((await call(emu, 'GET', `/v1/auth/token/lookup/${token}`)).json).toEqual({ errors: ['1 error occurred:\n\t* unsupported path\n\n'] });
  });

  it('shows the -dev-root-token-id token as created through auth/token/create, with a lease entry', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'GET', '/v1/auth/token/lookup-self');
    expect(res.json.data).toMatchObject({
      id: ROOT,
      display_name: 'token',
      path: 'auth/token/create',
      policies: ['root'],
      orphan: true,
      ttl: 0,
      creation_ttl: 0,
      expire_time: null,
      renewable: false,
      meta: null,
    });
    expect(res.json.data.issue_time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('shows the init root token without lease fields', async () => {
    const emu = await testEmu({ rootToken: undefined });
    const res = await call(emu, 'GET', '/v1/auth/token/lookup-self', undefined, as(emu.rootToken));
    expect(emu.rootToken).toMatch(/^hvs\.[A-Za-z0-9]{24}$/);
    expect(res.json.data).toMatchObject({ id: emu.rootToken, display_name: 'root', path: 'auth/token/root', orphan: true, ttl: 0 });
    expect(Object.keys(res.json.data)).not.toContain('issue_time');
    expect(Object.keys(res.json.data)).not.toContain('renewable');
  });

  it('answers 403 bad token for an unknown token, 403 invalid token for a JSON null one', async () => {
    const emu = await testEmu();
    expect(await lookup(emu, 'nope')).toMatchObject({ status: 403, json: { errors: ['bad token'] } });
    expect(await lookup(emu, 'hvs.CAESIGarbageGarbageGarbageGarbageGarbageGarbageGarbageGarbageGarbageGarbageGarbageGarbage')).toMatchObject({
      status: 403,
      json: { errors: ['bad token'] },
    });
    const nullToken = await call(emu, 'POST', '/v1/auth/token/lookup', { token: null });
    expect(nullToken).toMatchObject({ status: 403, json: { errors: ['invalid token'] } });
  });

  it('looks up the caller when no token is given', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'POST', '/v1/auth/token/lookup', {});
    expect(res.json.data).toMatchObject({ id: ROOT, policies: ['root'] });
  });
});

describe('auth/token/lookup-accessor', () => {
  it('returns the token’s data with an empty id', async () => {
    const emu = await testEmu();
    const created = (await create(emu, { policies: ['app'] })).json.auth;
    const res = await call(emu, 'POST', '/v1/auth/token/lookup-accessor', { accessor: created.accessor });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ id: '', accessor: created.accessor, policies: ['app', 'default'] });
  });

  it('answers 400 for a missing or unknown accessor, multierror-wrapped', async () => {
    const emu = await testEmu();
    expect(await call(emu, 'POST', '/v1/auth/token/lookup-accessor', {})).toMatchObject({
      status: 400,
      json: { errors: ['1 error occurred:\n\t* missing accessor\n\n'] },
    });
    expect(await call(emu, 'POST', '/v1/auth/token/lookup-accessor', { accessor: 'nope' })).toMatchObject({
      status: 400,
      json: { errors: ['1 error occurred:\n\t* invalid accessor\n\n'] },
    });
  });
});

describe('auth/token/accessors', () => {
  it('lists every live accessor (LIST and ?list=true)', async () => {
    const emu = await testEmu();
    const a = (await create(emu, { policies: ['x'] })).json.auth.accessor;
    const b = (await create(emu, { policies: ['y'] })).json.auth.accessor;
    const keys = (await call(emu, 'LIST', '/v1/auth/token/accessors')).json.data.keys;
    expect(keys).toEqual(expect.arrayContaining([a, b]));
    expect(keys).toHaveLength(3);
    expect((await call(emu, 'GET', '/v1/auth/token/accessors?list=true')).json.data.keys).toEqual(keys);
    expect((await call(emu, 'GET', '/v1/auth/token/accessors')).status).toBe(405);
  });
});

describe('auth/token/tidy', () => {
  it('answers 202 with the started warning in a full envelope', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'POST', '/v1/auth/token/tidy');
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({
      lease_id: '',
      data: null,
      auth: null,
      mount_type: '',
      warnings: ["Tidy operation successfully started. Any information from the operation will be printed to Vault's server logs."],
    });
  });
});
