// The token store seen by tokens that are not root: what their policies let them do, the
// handler-level sudo checks (400s, not 403s), and the policy subset rules for children.
import { describe, expect, it } from 'vitest';
import type { VaultEmu } from '../../../src/emulator.js';
import { call, testEmu } from '../../helpers/emulator.js';
import { as, create, lookup, SSC_FORM, tokenOf } from './helpers.js';

const DENIED = { errors: ['1 error occurred:\n\t* permission denied\n\n'] };
const INVALID = { errors: ['2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n'] };

async function policy(emu: VaultEmu, name: string, rules: string): Promise<void> {
  const res = await call(emu, 'PUT', `/v1/sys/policies/acl/${name}`, { policy: rules });
  expect(res.status).toBe(204);
}

describe('a token holding only the default policy', () => {
  it('may look itself up (echoing its own string), renew and revoke itself, and nothing else here', async () => {
    const emu = await testEmu();
    const token = await tokenOf(emu, { policies: ['default'], ttl: '1h' });
    expect(token).toMatch(SSC_FORM);
    const self = await call(emu, 'GET', '/v1/auth/token/lookup-self', undefined, as(token));
    expect(self.status).toBe(200);
    expect(self.json.data).toMatchObject({ id: token, policies: ['default'] });
    const renewed = await call(emu, 'POST', '/v1/auth/token/renew-self', { increment: '30m' }, as(token));
    expect(renewed.json.auth).toMatchObject({ client_token: token, lease_duration: 1800 });
    expect(await create(emu, {}, token)).toMatchObject({ status: 403, json: DENIED });
    expect(await call(emu, 'LIST', '/v1/auth/token/accessors', undefined, as(token))).toMatchObject({ status: 403, json: DENIED });
    expect((await call(emu, 'POST', '/v1/auth/token/revoke-self', {}, as(token))).status).toBe(204);
    expect(await call(emu, 'GET', '/v1/auth/token/lookup-self', undefined, as(token))).toMatchObject({ status: 403, json: INVALID });
  });

  it('spends its uses on denied requests too', async () => {
    const emu = await testEmu();
    const token = await tokenOf(emu, { policies: ['default'], num_uses: 2 });
    expect(await call(emu, 'GET', '/v1/sys/mounts', undefined, as(token))).toMatchObject({ status: 403, json: DENIED });
    expect((await call(emu, 'GET', '/v1/auth/token/lookup-self', undefined, as(token))).json.data.num_uses).toBe(-1);
    expect(await call(emu, 'GET', '/v1/auth/token/lookup-self', undefined, as(token))).toMatchObject({ status: 403, json: INVALID });
  });

  it('keeps one cubbyhole whichever form of it is sent, destroyed when it is revoked', async () => {
    const emu = await testEmu();
    const token = await tokenOf(emu, { policies: ['default'] });
    expect((await call(emu, 'PUT', '/v1/cubbyhole/k', { v: 1 }, as(token))).status).toBe(204);
    expect((await call(emu, 'GET', '/v1/cubbyhole/k', undefined, as(token))).json.data).toEqual({ v: 1 });
    const cubbyhole = emu.core.mounts.all().find((m) => m.path === 'cubbyhole/')!;
    const stored = () => emu.core.storage.list(`logical/${cubbyhole.uuid}/`).length;
    expect(stored()).toBe(1);
    await call(emu, 'POST', '/v1/auth/token/revoke', { token });
    expect(stored()).toBe(0);
  });
});

describe('a token allowed to create tokens without sudo', () => {
  it('creates children within its own policies, inheriting them by default', async () => {
    const emu = await testEmu();
    await policy(emu, 'creator', 'path "auth/token/create" { capabilities = ["update"] }\npath "auth/token/lookup" { capabilities = ["update"] }');
    const parent = await tokenOf(emu, { policies: ['creator'] });
    const inherited = await create(emu, {}, parent);
    expect(inherited.status).toBe(200);
    expect(inherited.json.auth).toMatchObject({ policies: ['creator', 'default'], orphan: false });
    expect(inherited.json.warnings).toBeNull();
    const subset = await create(emu, { policies: ['creator'] }, parent);
    expect(subset.json.auth.policies).toEqual(['creator', 'default']);
    const noDefault = await create(emu, { policies: ['creator'], no_default_policy: true }, parent);
    expect(noDefault.json.auth.policies).toEqual(['creator']);
  });

  it('gets 400s, not 403s, for what needs sudo, and for policies it does not hold', async () => {
    const emu = await testEmu();
    await policy(emu, 'creator', 'path "auth/token/create" { capabilities = ["update"] }');
    const parent = await tokenOf(emu, { policies: ['creator'] });
    const error = async (body: Record<string, unknown>) => {
      const res = await create(emu, body, parent);
      return [res.status, res.json.errors[0]];
    };
    expect(await error({ policies: ['other'] })).toEqual([400, 'child policies must be subset of parent']);
    expect(await error({ policies: ['root'] })).toEqual([400, 'child policies must be subset of parent']);
    expect(await error({ no_parent: true })).toEqual([400, 'root or sudo privileges required to create orphan token']);
    expect(await error({ period: '1h' })).toEqual([400, 'root or sudo privileges required to create periodic token']);
    expect(await error({ id: 'mine' })).toEqual([400, 'root or sudo privileges required to specify token id']);
  });

  it('looks up its own token, as stored, when it names none', async () => {
    const emu = await testEmu();
    await policy(emu, 'looker', 'path "auth/token/lookup" { capabilities = ["update"] }');
    const token = await tokenOf(emu, { policies: ['looker'] });
    const res = await call(emu, 'POST', '/v1/auth/token/lookup', {}, as(token));
    expect(res.status).toBe(200);
    // No token in the body: Vault answers with the stored (inner) id, not the string the client holds.
    expect(res.json.data.id).toMatch(/^hvs\.[A-Za-z0-9]{24}$/);
    expect(res.json.data.accessor).toBe((await lookup(emu, token)).json.data.accessor);
  });

  it('cannot create from a batch token', async () => {
    const emu = await testEmu();
    await policy(emu, 'creator', 'path "auth/token/create" { capabilities = ["update"] }');
    const batch = await tokenOf(emu, { type: 'batch', policies: ['creator'] });
    expect(await create(emu, {}, batch)).toMatchObject({ status: 400, json: { errors: ['batch tokens cannot create more tokens'] } });
  });
});

describe('a token with sudo on the token store', () => {
  it('may choose any policies, orphans and periods, but never root without a root parent', async () => {
    const emu = await testEmu();
    await policy(
      emu,
      'admin',
      'path "auth/token/create" { capabilities = ["update", "sudo"] }\npath "auth/token/accessors" { capabilities = ["list", "sudo"] }\npath "auth/token/revoke-orphan" { capabilities = ["update"] }',
    );
    const admin = await tokenOf(emu, { policies: ['admin'] });
    const child = await create(emu, { policies: ['anything'], no_parent: true, period: '1h' }, admin);
    expect(child.status).toBe(200);
    expect(child.json.auth).toMatchObject({ policies: ['anything', 'default'], orphan: true, lease_duration: 3600 });
    expect(child.json.warnings).toEqual(['Policy "anything" does not exist']);
    expect(await create(emu, { policies: ['root'] }, admin)).toMatchObject({
      status: 400,
      json: { errors: ['root tokens may not be created without parent token being root'] },
    });
    expect((await call(emu, 'LIST', '/v1/auth/token/accessors', undefined, as(admin))).status).toBe(200);
    // revoke-orphan is a root path: update alone is not enough.
    const orphaning = await call(emu, 'POST', '/v1/auth/token/revoke-orphan', { token: child.json.auth.client_token }, as(admin));
    expect(orphaning).toMatchObject({ status: 403, json: DENIED });
  });
});
