// node-vault 0.12.0 against a live emulator: leases of a test secrets engine read with `read`, then
// `renew` (PUT sys/leases/renew), `revoke` (PUT sys/leases/revoke) and `revokePrefix` (the legacy
// PUT sys/revoke-prefix/:prefix), Vault's error messages as rejections, and expiry on the virtual clock.
import { describe, expect, it } from 'vitest';
import { ROOT, call, liveEmu } from '../helpers/emulator.js';
import { failure, nodeVault } from '../helpers/clients.js';
import { leaseEngine } from '../helpers/lease-engine.js';

const START = Date.UTC(2024, 5, 3, 16, 0, 0);


async function leaseSetup(role: Record<string, unknown> = { ttl: '1h', max_ttl: '4h' }) {
  const { plugin, log } = leaseEngine();
  const emu = await liveEmu({ clock: 'virtual', clockStart: START, plugins: [plugin] });
  const vault = nodeVault({ endpoint: emu.url, token: ROOT });
  await vault.mount({ mount_point: 'leasetest', type: 'leasetest' });
  await vault.write('leasetest/roles/app', role);
  const lookup = async (leaseId: string) => (await call(emu, 'PUT', '/v1/sys/leases/lookup', { lease_id: leaseId })).json;
  return { emu, log, vault, lookup };
}

describe('node-vault lease commands', () => {
  it('reads creds with a lease, renews it (moving the expiry) and revokes it through the engine', async () => {
    const { emu, log, vault, lookup } = await leaseSetup();
    const secret = await vault.read('leasetest/creds/app');
    expect(secret.lease_id).toMatch(/^leasetest\/creds\/app\/[A-Za-z0-9]{24}$/);
    expect(secret).toMatchObject({ lease_duration: 3600, renewable: true, data: { username: expect.stringMatching(/^u-/) } });

    await emu.clock.advance('50m');
    const renewed = await vault.renew({ lease_id: secret.lease_id, increment: 7200 });
    expect(renewed).toMatchObject({ lease_id: secret.lease_id, lease_duration: 7200, renewable: true, data: null });
    expect(log.renewed).toEqual([secret.data.username]);
    expect((await lookup(secret.lease_id)).data).toMatchObject({ expire_time: '2024-06-03T18:50:00Z', ttl: 7200 });
    // Past the original hour the lease lives on; the renewal moved its expiry.
    await emu.clock.advance('1h');
    expect(log.revoked).toEqual([]);

    await vault.revoke({ lease_id: secret.lease_id });
    expect(log.revoked).toEqual([{ username: secret.data.username, at: START + 110 * 60_000 }]);
    expect(await failure(vault.renew({ lease_id: secret.lease_id }))).toEqual({ message: 'lease not found', status: 400 });
  });

  it('revokes every lease under a prefix with revokePrefix (legacy sys/revoke-prefix path)', async () => {
    const { emu, log, vault } = await leaseSetup();
    const a = await vault.read('leasetest/creds/app');
    const b = await vault.read('leasetest/creds/app');
    await vault.revokePrefix({ path_prefix: 'leasetest/creds' });
    expect(log.revoked.map((r) => r.username).sort()).toEqual([a.data.username, b.data.username].sort());
    expect((await call(emu, 'LIST', '/v1/sys/leases/lookup/leasetest/')).status).toBe(404);
  });

  it('rejects with Vault’s messages: unknown lease, non-renewable lease, missing lease id', async () => {
    const { vault } = await leaseSetup({ ttl: '1h', renewable: false });
    const fixed = await vault.read('leasetest/creds/app');
    expect(fixed.renewable).toBe(false);
    expect(await failure(vault.renew({ lease_id: fixed.lease_id }))).toEqual({ message: 'lease is not renewable', status: 400 });
    expect(await failure(vault.renew({ lease_id: 'leasetest/creds/app/nope' }))).toEqual({ message: 'lease not found', status: 400 });
    // node-vault validates its request schema (lease_id required) before sending anything.
    expect(await failure(vault.revoke({}))).toEqual({ message: 'Missing required property: lease_id', status: -1 });
    // Revoking an unknown lease succeeds, as in Vault.
    await expect(vault.revoke({ lease_id: 'leasetest/creds/app/nope' })).resolves.toBeDefined();
  });

  it('lets the lease expire on the clock: the engine revokes it at issue time + TTL', async () => {
    const { emu, log, vault } = await leaseSetup();
    const secret = await vault.read('leasetest/creds/app');
    await emu.clock.advance('59m');
    expect(log.revoked).toEqual([]);
    await emu.clock.advance('1m');
    expect(log.revoked).toEqual([{ username: secret.data.username, at: START + 3600_000 }]);
    expect(await failure(vault.renew({ lease_id: secret.lease_id }))).toEqual({ message: 'lease not found', status: 400 });
  });
});
