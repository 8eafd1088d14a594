// auth/token/renew, renew-self, renew-accessor: CalculateTTL on the virtual clock, and the errors.
import { describe, expect, it } from 'vitest';
import { call, testEmu } from '../../helpers/emulator.js';
import { advance, as, create, lookup } from './helpers.js';

const START = Date.UTC(2024, 5, 3, 16, 0, 0);

async function renew(emu: Awaited<ReturnType<typeof testEmu>>, body: Record<string, unknown>, path = 'renew', token?: string) {
  return call(emu, 'POST', `/v1/auth/token/${path}`, body, token ? as(token) : {});
}

describe('auth/token/renew', () => {
  it('extends by the increment, records the renewal, and echoes the token string sent', async () => {
    const emu = await testEmu({ clock: 'virtual', clockStart: START });
    const created = (await create(emu, { policies: ['app'], ttl: '1h' })).json.auth;
    await advance(emu, 600);
    const res = await renew(emu, { token: created.client_token, increment: '2h' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ data: null, warnings: null, mount_type: 'token' });
    expect(res.json.auth).toEqual({
      client_token: created.client_token,
      accessor: created.accessor,
      policies: ['app', 'default'],
      token_policies: ['app', 'default'],
      metadata: null,
      lease_duration: 7200,
      renewable: true,
      entity_id: '',
      token_type: 'service',
      orphan: false,
      mfa_requirement: null,
      num_uses: 0,
    });
    const data = (await lookup(emu, created.client_token)).json.data;
    expect(data).toMatchObject({
      ttl: 7200,
      creation_ttl: 3600,
      issue_time: '2024-06-03T16:00:00Z',
      expire_time: '2024-06-03T18:10:00Z',
      last_renewal: '2024-06-03T16:10:00Z',
      last_renewal_time: START / 1000 + 600,
    });
  });

  it('without an increment renews for the TTL it last had, not "by" anything', async () => {
    const emu = await testEmu({ clock: 'virtual', clockStart: START });
    const token = (await create(emu, { policies: ['app'], ttl: '1h' })).json.auth.client_token;
    await advance(emu, 1800);
    expect((await renew(emu, { token })).json.auth.lease_duration).toBe(3600);
    expect((await renew(emu, { token, increment: 600 })).json.auth.lease_duration).toBe(600);
    expect((await renew(emu, { token })).json.auth.lease_duration).toBe(600);
  });

  it('caps the TTL at what is left of explicit_max_ttl since issue, with the exact warning', async () => {
    const emu = await testEmu({ clock: 'virtual', clockStart: START });
    const token = (await create(emu, { policies: ['app'], ttl: '30m', explicit_max_ttl: '1h' })).json.auth.client_token;
    await advance(emu, 30);
    const res = await renew(emu, { token, increment: '2h' });
    expect(res.json.auth.lease_duration).toBe(3570);
    expect(res.json.warnings).toEqual(['TTL of "2h" exceeded the effective max_ttl of "59m30s"; TTL value is capped accordingly']);
  });

  it('renews a periodic token for its period whatever the increment', async () => {
    const emu = await testEmu({ clock: 'virtual', clockStart: START });
    const token = (await create(emu, { policies: ['app'], period: '1h' })).json.auth.client_token;
    await advance(emu, 3000);
    expect((await renew(emu, { token, increment: '5h' })).json.auth.lease_duration).toBe(3600);
    expect((await lookup(emu, token)).json.data.ttl).toBe(3600);
  });

  it('answers Vault’s 400s: missing token, unknown token, not renewable, no lease, batch', async () => {
    const emu = await testEmu({ rootToken: undefined });
    const root = emu.rootToken;
    const error = async (body: Record<string, unknown>) => {
      const res = await renew(emu, body, 'renew', root);
      return [res.status, res.json.errors];
    };
    expect(await error({})).toEqual([400, ['missing token ID']]);
    expect(await error({ token: 'nope' })).toEqual([400, ['token not found']]);
    const fixed = (await create(emu, { policies: ['p'], renewable: false }, root)).json.auth;
    expect(fixed.renewable).toBe(false);
    expect(await error({ token: fixed.client_token })).toEqual([400, ['lease is not renewable']]);
    expect(await error({ token: root })).toEqual([400, ['invalid lease ID']]);
    const rootChild = (await create(emu, {}, root)).json.auth.client_token;
    expect(await error({ token: rootChild })).toEqual([400, ['lease is not renewable']]);
    const batch = (await create(emu, { type: 'batch', policies: ['p'] }, root)).json.auth.client_token;
    expect(await error({ token: batch })).toEqual([400, ['batch tokens cannot be renewed']]);
  });
});

describe('auth/token/renew-self and renew-accessor', () => {
  it('renew-self renews the caller and echoes its header token', async () => {
    const emu = await testEmu({ clock: 'virtual', clockStart: START });
    const token = (await create(emu, { ttl: '1h' })).json.auth.client_token;
    const res = await renew(emu, { increment: '30m' }, 'renew-self', token);
    expect(res.json.auth).toMatchObject({ client_token: token, lease_duration: 1800, policies: ['root'] });
  });

  it('renew-accessor renews the token behind the accessor and hides the token', async () => {
    const emu = await testEmu({ clock: 'virtual', clockStart: START });
    const created = (await create(emu, { policies: ['app'], ttl: '1h' })).json.auth;
    const res = await renew(emu, { accessor: created.accessor, increment: 60 }, 'renew-accessor');
    expect(res.json.auth).toMatchObject({ client_token: '', accessor: created.accessor, lease_duration: 60 });
    expect((await renew(emu, { accessor: 'nope' }, 'renew-accessor')).json).toEqual({ errors: ['1 error occurred:\n\t* invalid accessor\n\n'] });
  });
});
