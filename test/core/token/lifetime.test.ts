// A token's life on the virtual clock and its use count: expiry makes it (and its children) vanish
// for every purpose; num_uses counts every request and the last one revokes.
import { describe, expect, it } from 'vitest';
import { call, testEmu } from '../../helpers/emulator.js';
import { advance, as, create, lookup, tokenOf } from './helpers.js';

const START = Date.UTC(2024, 5, 3, 16, 0, 0);
const INVALID = { errors: ['2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n'] };

describe('expiry', () => {
  it('counts the TTL down and drops the token once expire_time has passed', async () => {
    const emu = await testEmu({ clock: 'virtual', clockStart: START });
    const created = (await create(emu, { policies: ['app'], ttl: '1h' })).json.auth;
    await advance(emu, 600);
    expect((await lookup(emu, created.client_token)).json.data.ttl).toBe(3000);
    await advance(emu, 2999.999);
    // A millisecond before expire_time the token is still there; at expire_time its timer revokes it.
    expect((await lookup(emu, created.client_token)).json.data.ttl).toBe(0);
    await advance(emu, 0.001);
    expect(await lookup(emu, created.client_token)).toMatchObject({ status: 403, json: { errors: ['bad token'] } });
    const accessors = (await call(emu, 'LIST', '/v1/auth/token/accessors')).json.data.keys;
    expect(accessors).not.toContain(created.accessor);
    expect(await call(emu, 'POST', '/v1/auth/token/lookup-accessor', { accessor: created.accessor })).toMatchObject({
      status: 400,
      json: { errors: ['1 error occurred:\n\t* invalid accessor\n\n'] },
    });
  });

  it('refuses an expired token as the client token with the 1.17 invalid-token body', async () => {
    const emu = await testEmu({ clock: 'virtual', clockStart: START });
    const token = await tokenOf(emu, { ttl: '10m' });
    expect((await call(emu, 'GET', '/v1/auth/token/lookup-self', undefined, as(token))).status).toBe(200);
    await advance(emu, 601);
    expect(await call(emu, 'GET', '/v1/auth/token/lookup-self', undefined, as(token))).toMatchObject({ status: 403, json: INVALID });
  });

  it('takes children with a longer TTL down with their expiring parent', async () => {
    const emu = await testEmu({ clock: 'virtual', clockStart: START });
    const parent = await tokenOf(emu, { ttl: '1h' });
    const child = await tokenOf(emu, { ttl: '5h' }, parent);
    const grandchild = await tokenOf(emu, { policies: ['x'], ttl: '10h' }, child);
    await advance(emu, 3601);
    // Asking about the grandchild first: its ancestor's expiry decides.
    expect((await lookup(emu, grandchild)).status).toBe(403);
    expect((await lookup(emu, child)).status).toBe(403);
    expect((await lookup(emu, parent)).status).toBe(403);
  });

  it('keeps a renewed token alive past its first TTL', async () => {
    const emu = await testEmu({ clock: 'virtual', clockStart: START });
    const token = await tokenOf(emu, { policies: ['app'], ttl: '1h' });
    await advance(emu, 3000);
    await call(emu, 'POST', '/v1/auth/token/renew', { token, increment: '1h' });
    await advance(emu, 3000);
    expect((await lookup(emu, token)).json.data.ttl).toBe(600);
  });

  it('expires batch tokens at creation time plus TTL', async () => {
    const emu = await testEmu({ clock: 'virtual', clockStart: START });
    const batch = await tokenOf(emu, { type: 'batch', policies: ['p'], ttl: 60 });
    await advance(emu, 60);
    expect((await lookup(emu, batch)).json.data).toMatchObject({ ttl: 0, expire_time: '2024-06-03T16:01:00Z', issue_time: '2024-06-03T16:00:00Z' });
    await advance(emu, 1);
    expect((await lookup(emu, batch)).status).toBe(403);
  });
});

describe('num_uses', () => {
  it('spends one use per request; the last one succeeds, shows -1, then the token is gone', async () => {
    const emu = await testEmu();
    const token = await tokenOf(emu, { num_uses: 3 });
    const self = () => call(emu, 'GET', '/v1/auth/token/lookup-self', undefined, as(token));
    expect((await self()).json.data.num_uses).toBe(2);
    expect((await self()).json.data.num_uses).toBe(1);
    expect((await self()).json.data.num_uses).toBe(-1);
    expect(await self()).toMatchObject({ status: 403, json: INVALID });
    expect((await lookup(emu, token)).status).toBe(403);
  });

  it('counts requests that fail after authentication too', async () => {
    const emu = await testEmu();
    const token = await tokenOf(emu, { num_uses: 2 });
    const missing = await call(emu, 'GET', '/v1/nowhere/x', undefined, as(token));
    expect(missing).toMatchObject({ status: 404, json: { errors: ['no handler for route "nowhere/x". route entry not found.'] } });
    expect((await lookup(emu, token)).json.data.num_uses).toBe(1);
    const bad = await call(emu, 'POST', '/v1/auth/token/create', { ttl: 'abc' }, as(token));
    expect(bad.status).toBe(400);
    expect((await lookup(emu, token)).status).toBe(403);
  });

  it('shows the uses left in a lookup by another token, which spends none of them', async () => {
    const emu = await testEmu();
    const created = (await create(emu, { num_uses: 4 })).json.auth;
    expect(created.num_uses).toBe(4);
    expect((await lookup(emu, created.client_token)).json.data.num_uses).toBe(4);
    expect((await lookup(emu, created.client_token)).json.data.num_uses).toBe(4);
  });
});
