// auth/token/revoke*, and the token tree: cascades, orphans, cubbyholes.
import { describe, expect, it } from 'vitest';
import { call, testEmu } from '../../helpers/emulator.js';
import { as, create, lookup, tokenOf } from './helpers.js';

async function post(emu: Awaited<ReturnType<typeof testEmu>>, path: string, body: Record<string, unknown> = {}, token?: string) {
  return call(emu, 'POST', `/v1/auth/token/${path}`, body, token ? as(token) : {});
}

async function alive(emu: Awaited<ReturnType<typeof testEmu>>, token: string): Promise<boolean> {
  const res = await lookup(emu, token);
  if (res.status === 403) {
    expect(res.json).toEqual({ errors: ['bad token'] });
    return false;
  }
  return true;
}

describe('auth/token/revoke', () => {
  it('revokes the token and its whole subtree (204), leaving other branches alone', async () => {
    const emu = await testEmu();
    const parent = await tokenOf(emu, { ttl: '1h' });
    const child = await tokenOf(emu, { ttl: '2h' }, parent);
    const grandchild = await tokenOf(emu, { policies: ['x'] }, child);
    const sibling = await tokenOf(emu, { ttl: '1h' });
    const res = await post(emu, 'revoke', { token: parent });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect([await alive(emu, parent), await alive(emu, child), await alive(emu, grandchild), await alive(emu, sibling)]).toEqual([false, false, false, true]);
    const denied = await call(emu, 'GET', '/v1/auth/token/lookup-self', undefined, as(grandchild));
    expect(denied).toMatchObject({ status: 403, json: { errors: ['2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n'] } });
  });

  it('is silent for unknown tokens and refuses batch tokens and a missing token', async () => {
    const emu = await testEmu();
    expect((await post(emu, 'revoke', { token: 'nope' })).status).toBe(204);
    expect(await post(emu, 'revoke', {})).toMatchObject({ status: 400, json: { errors: ['missing token ID'] } });
    const batch = await tokenOf(emu, { type: 'batch', policies: ['p'] });
    expect(await post(emu, 'revoke', { token: batch })).toMatchObject({ status: 400, json: { errors: ['batch tokens cannot be revoked'] } });
    expect(await post(emu, 'revoke', { token: null })).toMatchObject({ status: 403, json: { errors: ['invalid token'] } });
  });

  it('invalidates batch children with their parent', async () => {
    const emu = await testEmu();
    const parent = await tokenOf(emu, { ttl: '1h' });
    const batch = await tokenOf(emu, { type: 'batch', policies: ['p'] }, parent);
    expect(await alive(emu, batch)).toBe(true);
    await post(emu, 'revoke', { token: parent });
    expect(await alive(emu, batch)).toBe(false);
  });
});

describe('auth/token/revoke-orphan', () => {
  it('revokes only the token; its children live on as orphans', async () => {
    const emu = await testEmu();
    const parent = await tokenOf(emu, { ttl: '1h' });
    const child = await tokenOf(emu, { policies: ['x'] }, parent);
    expect((await lookup(emu, child)).json.data.orphan).toBe(false);
    expect((await post(emu, 'revoke-orphan', { token: parent })).status).toBe(204);
    expect(await alive(emu, parent)).toBe(false);
    expect((await lookup(emu, child)).json.data.orphan).toBe(true);
    expect(await post(emu, 'revoke-orphan', { token: parent })).toMatchObject({ status: 400, json: { errors: ['token to revoke not found'] } });
  });
});

describe('auth/token/revoke-self and revoke-accessor', () => {
  it('revoke-self revokes the caller and its children', async () => {
    const emu = await testEmu();
    const me = await tokenOf(emu, { ttl: '1h' });
    const child = await tokenOf(emu, { policies: ['x'] }, me);
    expect((await post(emu, 'revoke-self', {}, me)).status).toBe(204);
    expect([await alive(emu, me), await alive(emu, child)]).toEqual([false, false]);
  });

  it('revoke-accessor revokes by accessor; an unknown accessor is a 200 warning', async () => {
    const emu = await testEmu();
    const created = (await create(emu, { policies: ['x'] })).json.auth;
    expect((await post(emu, 'revoke-accessor', { accessor: created.accessor })).status).toBe(204);
    expect(await alive(emu, created.client_token)).toBe(false);
    const again = await post(emu, 'revoke-accessor', { accessor: created.accessor });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ data: null, warnings: ['No token found with this accessor'] });
    expect(await post(emu, 'revoke-accessor', {})).toMatchObject({ status: 400, json: { errors: ['1 error occurred:\n\t* missing accessor\n\n'] } });
  });
});

describe('revocation and the cubbyhole', () => {
  it('destroys the revoked token’s cubbyhole', async () => {
    const emu = await testEmu();
    const owner = await tokenOf(emu, { id: 'cubby-owner' });
    expect((await call(emu, 'PUT', '/v1/cubbyhole/secret', { a: 1 }, as(owner))).status).toBe(204);
    await post(emu, 'revoke', { token: owner });
    await tokenOf(emu, { id: 'cubby-owner' });
    expect((await call(emu, 'GET', '/v1/cubbyhole/secret', undefined, as(owner))).status).toBe(404);
  });
});
