import { afterAll, describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';
import { createToken, INVALID_TOKEN, revokeAll, statusAndBody } from './token-lib.js';

const made: string[] = [];
afterAll(() => revokeAll(made));

describe('auth/token/lookup (conformance)', () => {
  it('returns the token’s fields and echoes the exact string sent, by POST body or GET query', async () => {
    const created = (await createToken({ policies: ['default'], ttl: '1h', meta: { purpose: 'ci' }, display_name: 'ci' })).json.auth;
    made.push(created.client_token);
    const res = await vault('POST', 'auth/token/lookup', { body: { token: created.client_token } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ lease_id: '', renewable: false, lease_duration: 0, auth: null, warnings: null, mount_type: 'token' });
    const data = res.json.data;
    expect(Object.keys(data).sort()).toEqual([
      'accessor',
      'creation_time',
      'creation_ttl',
      'display_name',
      'entity_id',
      'expire_time',
      'explicit_max_ttl',
      'id',
      'issue_time',
      'meta',
      'num_uses',
      'orphan',
      'path',
      'policies',
      'renewable',
      'ttl',
      'type',
    ]);
    expect(data).toMatchObject({
      id: created.client_token,
      accessor: created.accessor,
      creation_ttl: 3600,
      display_name: 'token-ci',
      entity_id: '',
      explicit_max_ttl: 0,
      meta: { purpose: 'ci' },
      num_uses: 0,
      orphan: false,
      path: 'auth/token/create',
      policies: ['default'],
      renewable: true,
      type: 'service',
    });
    expect(data.ttl).toBeGreaterThanOrEqual(3598);
    expect(data.ttl).toBeLessThanOrEqual(3600);
    expect(data.expire_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
    expect(data.issue_time).toMatch(/^\d{4}-\d\d-\d\dT/);
    const viaGet = await vault('GET', `auth/token/lookup?token=${encodeURIComponent(created.client_token)}`);
    expect(viaGet.json.data.id).toBe(created.client_token);
    expect(viaGet.json.data.accessor).toBe(created.accessor);
  });

  it('answers 403 bad token for an unknown token and 403 invalid token for a JSON null', async () => {
    expect(statusAndBody(await vault('POST', 'auth/token/lookup', { body: { token: 'no-such-token' } }))).toEqual({ status: 403, body: { errors: ['bad token'] } });
    expect(statusAndBody(await vault('POST', 'auth/token/lookup', { body: { token: null } }))).toEqual({ status: 403, body: { errors: ['invalid token'] } });
    expect(statusAndBody(await vault('GET', 'auth/token/lookup-self', { token: 'no-such-token' }))).toEqual({ status: 403, body: INVALID_TOKEN });
  });

  it('has no lookup/:token route', async () => {
    const res = await vault('GET', 'auth/token/lookup/some-token');
    expect(statusAndBody(res)).toEqual({ status: 404, body: { errors: ['1 error occurred:\n\t* unsupported path\n\n'] } });
  });

  it('lookup-accessor shows the token with an empty id; a missing or unknown accessor is a wrapped 400', async () => {
    const created = (await createToken({ policies: ['default'] })).json.auth;
    made.push(created.client_token);
    const res = await vault('POST', 'auth/token/lookup-accessor', { body: { accessor: created.accessor } });
    expect(res.json.data).toMatchObject({ id: '', accessor: created.accessor, policies: ['default'] });
    expect(statusAndBody(await vault('POST', 'auth/token/lookup-accessor', { body: {} }))).toEqual({
      status: 400,
      body: { errors: ['1 error occurred:\n\t* missing accessor\n\n'] },
    });
    expect(statusAndBody(await vault('POST', 'auth/token/lookup-accessor', { body: { accessor: 'nope' } }))).toEqual({
      status: 400,
      body: { errors: ['1 error occurred:\n\t* invalid accessor\n\n'] },
    });
  });

  it('lists accessors (sudo), the new one among them', async () => {
    const created = (await createToken({ policies: ['default'] })).json.auth;
    made.push(created.client_token);
    const res = await vault('LIST', 'auth/token/accessors');
    expect(res.status).toBe(200);
    expect(res.json.data.keys).toContain(created.accessor);
  });

  it('starts a tidy of the token store with 202 and the started warning (sudo)', async () => {
    const res = await vault('POST', 'auth/token/tidy');
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({
      lease_id: '',
      data: null,
      auth: null,
      warnings: ["Tidy operation successfully started. Any information from the operation will be printed to Vault's server logs."],
    });
  });
});
