// sys/leases/renew, revoke, revoke-prefix, revoke-force, tidy and their legacy sys/ aliases.
import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/emulator.js';
import { leaseEmu, START } from './helpers.js';

describe('renew', () => {
  it('extends by the increment from now, records last_renewal and moves the expiry', async () => {
    const { emu, log, issue, lookup } = await leaseEmu();
    const secret = await issue();
    await emu.clock.advance('50m');
    const res = await call(emu, 'PUT', '/v1/sys/leases/renew', { lease_id: secret.lease_id, increment: '2h' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ lease_id: secret.lease_id, renewable: true, lease_duration: 7200, data: null, warnings: null });
    expect((await lookup(secret.lease_id)).json.data).toMatchObject({ last_renewal: '2024-06-03T16:50:00Z', expire_time: '2024-06-03T18:50:00Z', ttl: 7200 });
    expect(log.renewed).toEqual([secret.data.username]);
    await emu.clock.advance('1h');
    expect(log.revoked).toEqual([]);
    await emu.clock.advance('1h');
    expect(log.revoked.map((r) => r.at)).toEqual([START + (50 + 120) * 60_000]);
  });

  it('uses the engine TTL without an increment, and takes the lease id from the URL (legacy sys/renew too)', async () => {
    const { emu, issue } = await leaseEmu();
    const secret = await issue();
    await emu.clock.advance('10m');
    expect((await call(emu, 'PUT', `/v1/sys/leases/renew/${secret.lease_id}`, {})).json.lease_duration).toBe(3600);
    expect((await call(emu, 'PUT', `/v1/sys/renew/${secret.lease_id}`, { increment: 60 })).json.lease_duration).toBe(60);
  });

  it('caps renewals at issue time + max TTL with a warning, then refuses past it', async () => {
    const { emu, issue } = await leaseEmu({ ttl: '1h', max_ttl: '90m' });
    const secret = await issue();
    await emu.clock.advance('50m');
    const capped = await call(emu, 'PUT', '/v1/sys/leases/renew', { lease_id: secret.lease_id, increment: '1h' });
    expect(capped.json.lease_duration).toBe(40 * 60);
    expect(capped.json.warnings).toEqual(['TTL of "1h0m0s" exceeded the effective max_ttl of "40m"; TTL value is capped accordingly'.replace('1h0m0s', '1h')]);
    await emu.clock.advance('40m');
    // The lease expired exactly then: it is gone.
    expect(await call(emu, 'PUT', '/v1/sys/leases/renew', { lease_id: secret.lease_id })).toMatchObject({ status: 400, json: { errors: ['lease not found'] } });
  });

  it('answers Vault\'s errors', async () => {
    const { emu, issue } = await leaseEmu({ ttl: '1h', renewable: false });
    const fixed = await issue();
    expect(fixed.renewable).toBe(false);
    expect(await call(emu, 'PUT', '/v1/sys/leases/renew', { lease_id: fixed.lease_id })).toMatchObject({ status: 400, json: { errors: ['lease is not renewable'] } });
    expect(await call(emu, 'PUT', '/v1/sys/leases/renew', {})).toMatchObject({ status: 400, json: { errors: ['lease_id must be specified'] } });
    const token = (await call(emu, 'POST', '/v1/auth/token/create', { ttl: '1h' })).json.auth;
    // Token leases live under the path that created them (the dev root token's is there too, never expiring).
    const tokenLeases = (await call(emu, 'LIST', '/v1/sys/leases/lookup/auth/token/create/')).json.data.keys as string[];
    const looked = await Promise.all(tokenLeases.map(async (k) => (await call(emu, 'PUT', '/v1/sys/leases/lookup', { lease_id: `auth/token/create/${k}` })).json.data));
    expect(looked.map((d) => [d.ttl, d.renewable]).sort()).toEqual([[0, false], [3600, true]]);
    const tokenLease = looked.find((d) => d.ttl === 3600).id;
    expect(await call(emu, 'PUT', '/v1/sys/leases/renew', { lease_id: tokenLease })).toMatchObject({
      status: 400,
      json: { errors: ['tokens cannot be renewed through this endpoint'] },
    });
    expect(token.accessor).toBeTruthy();
  });
});

describe('revoke', () => {
  it('revokes synchronously (204) and asynchronously (202, done by the clock)', async () => {
    const { emu, log, issue, lookup } = await leaseEmu();
    const a = await issue();
    const b = await issue();
    expect((await call(emu, 'PUT', '/v1/sys/leases/revoke', { lease_id: a.lease_id })).status).toBe(204);
    expect(log.revoked.map((r) => r.username)).toEqual([a.data.username]);
    const res = await call(emu, 'PUT', `/v1/sys/revoke/${b.lease_id}`, { sync: false });
    expect(res.status).toBe(202);
    expect(res.text).toBe('');
    await emu.clock.advance(0);
    expect(log.revoked.map((r) => r.username)).toEqual([a.data.username, b.data.username]);
    expect((await lookup(b.lease_id)).status).toBe(400);
    // Unknown leases revoke "successfully", as in Vault.
    expect((await call(emu, 'PUT', '/v1/sys/leases/revoke', { lease_id: 'no/such/lease' })).status).toBe(204);
  });

  it('revokes everything under a prefix, or one lease when the prefix is a lease id', async () => {
    const { emu, log, issue } = await leaseEmu();
    const a = await issue();
    await issue();
    expect((await call(emu, 'PUT', `/v1/sys/leases/revoke-prefix/${a.lease_id}`)).status).toBe(204);
    expect(log.revoked).toHaveLength(1);
    await issue();
    expect((await call(emu, 'PUT', '/v1/sys/revoke-prefix/leasetest/creds')).status).toBe(204);
    expect(log.revoked).toHaveLength(3);
    expect(await call(emu, 'LIST', '/v1/sys/leases/lookup/leasetest/')).toMatchObject({ status: 404 });
  });

  it('requires sudo for revoke-prefix and revoke-force', async () => {
    const { emu } = await leaseEmu();
    await call(emu, 'PUT', '/v1/sys/policies/acl/lease-admin', { policy: 'path "sys/leases/*" { capabilities = ["update", "list"] }' });
    const token = (await call(emu, 'POST', '/v1/auth/token/create', { policies: ['lease-admin'] })).json.auth.client_token;
    const as = { 'x-vault-token': token };
    expect((await call(emu, 'PUT', '/v1/sys/leases/revoke-prefix/leasetest', {}, as)).status).toBe(403);
    expect((await call(emu, 'PUT', '/v1/sys/leases/revoke-force/leasetest', {}, as)).status).toBe(403);
    expect((await call(emu, 'LIST', '/v1/sys/leases/lookup/leasetest/', undefined, as)).status).toBe(403);
    expect((await call(emu, 'PUT', '/v1/sys/leases/revoke', { lease_id: 'x/y' }, as)).status).toBe(204);
  });

  it('starts a tidy with 202 and its warning', async () => {
    const { emu } = await leaseEmu();
    const res = await call(emu, 'PUT', '/v1/sys/leases/tidy');
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({
      data: null,
      warnings: ["Tidy operation successfully started. Any information from the operation will be printed to Vault's server logs."],
    });
  });
});
