import { afterAll, describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';
import { createToken, INVALID_TOKEN, newToken, revokeAll, statusAndBody } from './token-lib.js';

const made: string[] = [];
afterAll(() => revokeAll(made));

async function alive(token: string): Promise<boolean> {
  const res = await vault('POST', 'auth/token/lookup', { body: { token } });
  if (res.status === 200) return true;
  expect(statusAndBody(res)).toEqual({ status: 403, body: { errors: ['bad token'] } });
  return false;
}

describe('auth/token/renew (conformance)', () => {
  it('renews for the increment and echoes the token string', async () => {
    const created = (await createToken({ policies: ['default'], ttl: '1h' })).json.auth;
    made.push(created.client_token);
    const res = await vault('POST', 'auth/token/renew', { body: { token: created.client_token, increment: '2h' } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ data: null, warnings: null, mount_type: 'token' });
    expect(res.json.auth).toMatchObject({ client_token: created.client_token, accessor: created.accessor, lease_duration: 7200, renewable: true, policies: ['default'] });
    const data = (await vault('POST', 'auth/token/lookup', { body: { token: created.client_token } })).json.data;
    expect(data.creation_ttl).toBe(3600);
    expect(data.last_renewal_time).toEqual(expect.any(Number));
    expect(data.last_renewal).toMatch(/^\d{4}-/);
  });

  it('caps at explicit_max_ttl with the warning, and renew-accessor hides the token', async () => {
    const created = (await createToken({ policies: ['default'], ttl: '10m', explicit_max_ttl: '1h' })).json.auth;
    made.push(created.client_token);
    const res = await vault('POST', 'auth/token/renew-accessor', { body: { accessor: created.accessor, increment: '2h' } });
    expect(res.json.auth.client_token).toBe('');
    expect(res.json.auth.lease_duration).toBeGreaterThan(3590);
    expect(res.json.auth.lease_duration).toBeLessThanOrEqual(3600);
    expect(res.json.warnings).toHaveLength(1);
    expect(res.json.warnings[0]).toMatch(/^TTL of "2h" exceeded the effective max_ttl of "(1h|59m\d+s)"; TTL value is capped accordingly$/);
  });

  it('answers the renew errors', async () => {
    const error = async (body: Record<string, unknown>) => statusAndBody(await vault('POST', 'auth/token/renew', { body }));
    expect(await error({})).toEqual({ status: 400, body: { errors: ['missing token ID'] } });
    expect(await error({ token: 'no-such-token' })).toEqual({ status: 400, body: { errors: ['token not found'] } });
    const fixed = await newToken({ policies: ['default'], renewable: false });
    made.push(fixed);
    expect(await error({ token: fixed })).toEqual({ status: 400, body: { errors: ['lease is not renewable'] } });
    const rootChild = await newToken({});
    made.push(rootChild);
    expect(await error({ token: rootChild })).toEqual({ status: 400, body: { errors: ['lease is not renewable'] } });
    const batch = await newToken({ type: 'batch', policies: ['default'] });
    expect(await error({ token: batch })).toEqual({ status: 400, body: { errors: ['batch tokens cannot be renewed'] } });
  });
});

describe('auth/token/revoke* (conformance)', () => {
  it('revoke takes the whole subtree; revoke-orphan leaves children as orphans', async () => {
    const parent = await newToken({ ttl: '1h' });
    const child = await newToken({ ttl: '2h' }, parent);
    const grandchild = await newToken({ policies: ['default'] }, child);
    expect(statusAndBody(await vault('POST', 'auth/token/revoke', { body: { token: parent } }))).toEqual({ status: 204, body: undefined });
    expect([await alive(parent), await alive(child), await alive(grandchild)]).toEqual([false, false, false]);
    expect(statusAndBody(await vault('GET', 'auth/token/lookup-self', { token: grandchild }))).toEqual({ status: 403, body: INVALID_TOKEN });

    const top = await newToken({ ttl: '1h' });
    const kept = await newToken({ policies: ['default'] }, top);
    made.push(kept);
    expect((await vault('POST', 'auth/token/revoke-orphan', { body: { token: top } })).status).toBe(204);
    expect(await alive(top)).toBe(false);
    expect((await vault('POST', 'auth/token/lookup', { body: { token: kept } })).json.data.orphan).toBe(true);
    expect(statusAndBody(await vault('POST', 'auth/token/revoke-orphan', { body: { token: top } }))).toEqual({
      status: 400,
      body: { errors: ['token to revoke not found'] },
    });
  });

  it('revoke-self, revoke-accessor; unknown tokens are a silent 204, unknown accessors a warning', async () => {
    const me = await newToken({ ttl: '1h' });
    expect((await vault('POST', 'auth/token/revoke-self', { token: me })).status).toBe(204);
    expect(await alive(me)).toBe(false);
    const created = (await createToken({ policies: ['default'] })).json.auth;
    expect((await vault('POST', 'auth/token/revoke-accessor', { body: { accessor: created.accessor } })).status).toBe(204);
    expect(await alive(created.client_token)).toBe(false);
    const again = await vault('POST', 'auth/token/revoke-accessor', { body: { accessor: created.accessor } });
    expect(again.status).toBe(200);
    expect(again.json.warnings).toEqual(['No token found with this accessor']);
    expect((await vault('POST', 'auth/token/revoke', { body: { token: 'no-such-token' } })).status).toBe(204);
    expect(statusAndBody(await vault('POST', 'auth/token/revoke', { body: {} }))).toEqual({ status: 400, body: { errors: ['missing token ID'] } });
  });
});

describe('num_uses (conformance)', () => {
  it('counts every request; the last use succeeds showing -1, then the token is gone', async () => {
    const token = await newToken({ num_uses: 3 });
    const self = () => vault('GET', 'auth/token/lookup-self', { token });
    expect((await self()).json.data.num_uses).toBe(2);
    const missing = await vault('GET', 'no-such-mount-conformance/x', { token });
    expect(missing.status).toBe(404);
    expect((await self()).json.data.num_uses).toBe(-1);
    expect(statusAndBody(await self())).toEqual({ status: 403, body: INVALID_TOKEN });
  });
});
