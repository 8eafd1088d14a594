// Leases on the virtual clock: issued with the engine's TTL (capped by the mount), revoked through the
// engine exactly at their due time and not a millisecond earlier, in due order; tokens likewise.
import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/emulator.js';
import { leaseEmu, START } from './helpers.js';

describe('lease registration', () => {
  it('gives a lease id <request path>/<24 base62>, the role TTL, and never the internal data', async () => {
    const { issue } = await leaseEmu();
    const secret = await issue();
    expect(secret.lease_id).toMatch(/^leasetest\/creds\/app\/[A-Za-z0-9]{24}$/);
    expect(secret.lease_duration).toBe(3600);
    expect(secret.renewable).toBe(true);
    expect(Object.keys(secret.data)).toEqual(['username']);
    expect(JSON.stringify(secret)).not.toContain('secret_type');
  });

  it('caps the TTL at the mount max_lease_ttl, with Vault\'s warning', async () => {
    const { emu, issue } = await leaseEmu({ ttl: '2h' });
    expect((await call(emu, 'POST', '/v1/sys/mounts/leasetest/tune', { max_lease_ttl: '30m' })).status).toBe(204);
    const secret = await issue();
    expect(secret.lease_duration).toBe(1800);
    expect(secret.warnings).toEqual(['TTL of "2h" exceeded the effective max_ttl of "30m"; TTL value is capped accordingly']);
  });

  it('uses the mount default lease TTL when the engine gives none', async () => {
    const { emu, issue } = await leaseEmu({ ttl: 0 });
    await call(emu, 'POST', '/v1/sys/mounts/leasetest/tune', { default_lease_ttl: '45m' });
    expect((await issue()).lease_duration).toBe(2700);
  });

  it('lists the lease tree and answers 404 with no leases', async () => {
    const { emu, issue } = await leaseEmu();
    expect(await call(emu, 'LIST', '/v1/sys/leases/lookup/leasetest/')).toMatchObject({ status: 404, json: { errors: [] } });
    const a = await issue();
    const b = await issue();
    expect((await call(emu, 'LIST', '/v1/sys/leases/lookup/leasetest/creds')).json.data.keys).toEqual(['app/']);
    const keys = (await call(emu, 'LIST', '/v1/sys/leases/lookup/leasetest/creds/app/')).json.data.keys;
    expect(keys).toEqual([a.lease_id, b.lease_id].map((id) => id.split('/').pop()).sort());
    expect((await call(emu, 'LIST', '/v1/sys/leases/lookup/')).json.data.keys).toContain('leasetest/');
  });
});

describe('lease lookup', () => {
  it('shows issue and expire time, ttl, renewable and a null last_renewal', async () => {
    const { emu, issue, lookup } = await leaseEmu();
    const secret = await issue();
    await emu.clock.advance('10m');
    const res = await lookup(secret.lease_id);
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual({
      expire_time: '2024-06-03T17:00:00Z',
      id: secret.lease_id,
      issue_time: '2024-06-03T16:00:00Z',
      last_renewal: null,
      renewable: true,
      ttl: 3000,
    });
  });

  it('answers Vault\'s errors for a missing or unknown lease id', async () => {
    const { lookup, emu } = await leaseEmu();
    expect(await lookup('')).toMatchObject({ status: 400, json: { errors: ['lease_id must be specified'] } });
    expect(await lookup('leasetest/creds/app/nope')).toMatchObject({ status: 400, json: { errors: ['invalid lease'] } });
    expect(await call(emu, 'PUT', '/v1/sys/leases/lookup', {})).toMatchObject({ status: 400 });
  });
});

describe('expiry on the clock', () => {
  it('revokes through the engine exactly at expire_time, not a millisecond earlier', async () => {
    const { emu, log, issue, lookup } = await leaseEmu();
    const secret = await issue();
    await emu.clock.advance(3600_000 - 1);
    expect(log.revoked).toEqual([]);
    expect((await lookup(secret.lease_id)).status).toBe(200);
    await emu.clock.advance(1);
    expect(log.revoked).toEqual([{ username: secret.data.username, at: START + 3600_000 }]);
    expect(await lookup(secret.lease_id)).toMatchObject({ status: 400, json: { errors: ['invalid lease'] } });
  });

  it('revokes many leases in due order, each at its own due time, within one advance', async () => {
    const { emu, log, issue } = await leaseEmu();
    const issued: { username: string; due: number }[] = [];
    for (let i = 0; i < 5; i++) {
      const s = await issue();
      issued.push({ username: s.data.username, due: emu.clock.now() + 3600_000 });
      await emu.clock.advance(`${7 - i}m`);
    }
    await emu.clock.advance('2h');
    expect(log.revoked).toEqual(issued.map((i) => ({ username: i.username, at: i.due })));
  });

  it('resolves set() to a later instant after revoking what fell due', async () => {
    const { emu, log, issue } = await leaseEmu();
    await issue();
    await emu.clock.set('2024-06-03T17:00:00Z');
    expect(log.revoked).toHaveLength(1);
    await expect(emu.clock.set(START)).rejects.toThrow(/forward/);
  });

  it('revokes a token at its expiry, and the token\'s leases with it', async () => {
    const { emu, log, issue, lookup } = await leaseEmu({ ttl: '4h' });
    const token = (await call(emu, 'POST', '/v1/auth/token/create', { policies: ['root'], ttl: '30m' })).json.auth.client_token;
    const secret = await issue({ 'x-vault-token': token });
    expect(secret.lease_duration).toBe(4 * 3600);
    await emu.clock.advance(30 * 60_000 - 1);
    expect((await call(emu, 'GET', '/v1/auth/token/lookup-self', undefined, { 'x-vault-token': token })).status).toBe(200);
    expect(log.revoked).toEqual([]);
    await emu.clock.advance(1);
    expect(log.revoked).toEqual([{ username: secret.data.username, at: START + 30 * 60_000 }]);
    expect((await lookup(secret.lease_id)).status).toBe(400);
    expect((await call(emu, 'POST', '/v1/auth/token/lookup', { token })).status).toBe(403);
  });

  it('revokes a token\'s leases when the token is revoked', async () => {
    const { emu, log, issue } = await leaseEmu();
    const token = (await call(emu, 'POST', '/v1/auth/token/create', { policies: ['root'] })).json.auth.client_token;
    const secret = await issue({ 'x-vault-token': token });
    expect((await call(emu, 'POST', '/v1/auth/token/revoke', { token })).status).toBe(204);
    await emu.clock.advance(0);
    expect(log.revoked.map((r) => r.username)).toEqual([secret.data.username]);
  });

  it('revokes a mount\'s leases before the mount is disabled', async () => {
    const { emu, log, issue } = await leaseEmu();
    await issue();
    expect((await call(emu, 'DELETE', '/v1/sys/mounts/leasetest')).status).toBe(204);
    expect(log.revoked).toHaveLength(1);
    expect(await call(emu, 'LIST', '/v1/sys/leases/lookup/leasetest/')).toMatchObject({ status: 404 });
  });
});

describe('while sealed', () => {
  it('revokes nothing until unseal, then everything that fell due', async () => {
    const { emu, log, issue } = await leaseEmu();
    const secret = await issue();
    expect((await call(emu, 'PUT', '/v1/sys/seal')).status).toBe(204);
    await emu.clock.advance('2h');
    expect(log.attempts).toEqual([]);
    expect((await call(emu, 'PUT', '/v1/sys/unseal', { key: emu.unsealKeys[0] })).json.sealed).toBe(false);
    await emu.clock.advance(0);
    expect(log.revoked).toEqual([{ username: secret.data.username, at: START + 2 * 3600_000 }]);
  });
});
