// A revocation that fails (the backend is down): the lease is kept, retried with back-off on the clock,
// revoked once the backend is back, and after the last attempt kept as irrevocable until forced.
import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/emulator.js';
import { leaseEmu, START } from './helpers.js';

const DOWN = 'dial tcp 127.0.0.1:5432: connect: connection refused';

describe('failed revocation', () => {
  it('keeps the lease and retries with back-off until the backend is back', async () => {
    const { emu, log, issue, lookup } = await leaseEmu();
    const secret = await issue();
    log.failRevoke = DOWN;
    await emu.clock.advance('1h');
    expect(log.attempts.map((a) => a.at)).toEqual([START + 3600_000]);
    await emu.clock.advance('1s');
    // Still there, past its expiry: no longer renewable, with a negative TTL (as Vault shows it).
    expect((await lookup(secret.lease_id)).json.data).toMatchObject({ id: secret.lease_id, renewable: false, ttl: -1 });
    // First retry 2^1 × 10 s ± 50 % later: between 10 and 30 s.
    await emu.clock.advance('29s');
    expect(log.attempts).toHaveLength(2);
    const gap = log.attempts[1]!.at - log.attempts[0]!.at;
    expect(gap).toBeGreaterThanOrEqual(10_000);
    expect(gap).toBeLessThanOrEqual(30_000);
    log.failRevoke = undefined;
    await emu.clock.advance('60s');
    expect(log.revoked.map((r) => r.username)).toEqual([secret.data.username]);
    expect((await lookup(secret.lease_id)).status).toBe(400);
  });

  it('marks the lease irrevocable after six attempts; revoke-force removes it', async () => {
    const { emu, log, issue, lookup } = await leaseEmu();
    const secret = await issue();
    log.failRevoke = DOWN;
    await emu.clock.advance('2h');
    expect(log.attempts).toHaveLength(6);
    const listed = await call(emu, 'GET', '/v1/sys/leases?type=irrevocable');
    expect(listed.status).toBe(200);
    expect(listed.json.data.lease_count).toBe(1);
    expect(listed.json.data.leases[0]).toMatchObject({
      lease_id: secret.lease_id,
      error: `out of retries: failed to revoke entry: resp: (*logical.Response)(nil) err: ${DOWN}`.slice(0, 240),
    });
    expect(listed.json.data.leases[0].mount_id).toMatch(/^leasetest_/);
    const counts = await call(emu, 'GET', '/v1/sys/leases/count?type=irrevocable');
    expect(counts.json.data).toEqual({ counts: { [listed.json.data.leases[0].mount_id]: 1 }, lease_count: 1 });
    expect(await call(emu, 'PUT', '/v1/sys/leases/renew', { lease_id: secret.lease_id })).toMatchObject({
      status: 400,
      json: { errors: ['lease is expired and has failed previous revocation attempts'] },
    });
    await emu.clock.advance('6h');
    expect(log.attempts).toHaveLength(6);
    expect((await lookup(secret.lease_id)).status).toBe(200);
    expect((await call(emu, 'PUT', '/v1/sys/leases/revoke-force/leasetest')).status).toBe(204);
    expect((await lookup(secret.lease_id)).status).toBe(400);
    expect((await call(emu, 'GET', '/v1/sys/leases/count?type=irrevocable')).json.data.lease_count).toBe(0);
    expect(log.revoked).toEqual([]);
  });

  it('answers a synchronous revoke with the backend error and keeps the lease', async () => {
    const { emu, log, issue, lookup } = await leaseEmu();
    const secret = await issue();
    log.failRevoke = DOWN;
    expect(await call(emu, 'PUT', '/v1/sys/leases/revoke', { lease_id: secret.lease_id })).toMatchObject({
      status: 400,
      json: { errors: [`failed to revoke entry: resp: (*logical.Response)(nil) err: ${DOWN}`] },
    });
    expect(await call(emu, 'PUT', '/v1/sys/leases/revoke-prefix/leasetest/creds')).toMatchObject({
      status: 400,
      json: { errors: [`failed to revoke "${secret.lease_id}" (1 / 1): failed to revoke entry: resp: (*logical.Response)(nil) err: ${DOWN}`] },
    });
    expect((await lookup(secret.lease_id)).status).toBe(200);
    // Disabling the mount needs its leases revoked first: it fails, and the mount stays.
    expect((await call(emu, 'DELETE', '/v1/sys/mounts/leasetest')).status).toBe(400);
    expect((await call(emu, 'GET', '/v1/sys/mounts/leasetest')).status).toBe(200);
    log.failRevoke = undefined;
    expect((await call(emu, 'DELETE', '/v1/sys/mounts/leasetest')).status).toBe(204);
    expect(log.revoked).toHaveLength(1);
  });

  it('tries irrevocable leases again once a day, an hour after expiry', async () => {
    const { emu, log, issue, lookup } = await leaseEmu();
    const secret = await issue();
    log.failRevoke = DOWN;
    await emu.clock.advance('2h');
    log.failRevoke = undefined;
    await emu.clock.advance('22h');
    expect(log.revoked.map((r) => r.username)).toEqual([secret.data.username]);
    expect((await lookup(secret.lease_id)).status).toBe(400);
  });

  it('lists no irrevocable leases for another type, and validates the limit', async () => {
    const { emu } = await leaseEmu();
    expect((await call(emu, 'GET', '/v1/sys/leases/count?type=other')).status).toBe(404);
    expect((await call(emu, 'GET', '/v1/sys/leases')).status).toBe(404);
    expect(await call(emu, 'GET', '/v1/sys/leases?type=irrevocable')).toMatchObject({ status: 200, json: { data: { lease_count: 0, leases: [] } } });
    expect(await call(emu, 'GET', '/v1/sys/leases?type=irrevocable&limit=0')).toMatchObject({
      status: 500,
      json: { errors: ["1 error occurred:\n\t* limit must be 'none' or a positive integer\n\n"] },
    });
  });
});

describe('remount', () => {
  it('revokes the source mount\'s leases first; a failing revocation fails the migration and the mount stays', async () => {
    const { emu, log, issue } = await leaseEmu();
    await issue();
    log.failRevoke = DOWN;
    const failed = await call(emu, 'POST', '/v1/sys/remount', { from: 'leasetest', to: 'moved' });
    const status = await call(emu, 'GET', `/v1/sys/remount/status/${failed.json.data.migration_id}`);
    expect(status.json.data.migration_info.status).toBe('failure');
    expect((await call(emu, 'GET', '/v1/sys/mounts/leasetest')).status).toBe(200);
    log.failRevoke = undefined;
    const moved = await call(emu, 'POST', '/v1/sys/remount', { from: 'leasetest', to: 'moved' });
    expect((await call(emu, 'GET', `/v1/sys/remount/status/${moved.json.data.migration_id}`)).json.data.migration_info.status).toBe('success');
    expect(log.revoked).toHaveLength(1);
  });
});

describe('server log', () => {
  it("writes Vault's expiration error line for each failed revocation", async () => {
    const lines: string[] = [];
    const { plugin, log } = (await import('../../helpers/lease-engine.js')).leaseEngine();
    const emu = await (await import('../../helpers/emulator.js')).testEmu({ clock: 'virtual', clockStart: START, plugins: [plugin], log: (l) => lines.push(l) });
    await call(emu, 'POST', '/v1/sys/mounts/leasetest', { type: 'leasetest' });
    await call(emu, 'POST', '/v1/leasetest/roles/app', { ttl: '1h' });
    const secret = (await call(emu, 'GET', '/v1/leasetest/creds/app')).json;
    log.failRevoke = DOWN;
    await emu.clock.advance('1h');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^2024-06-03T17:00:00\\.000Z \\[ERROR\\] expiration: failed to revoke lease: lease_id=${secret.lease_id} error="failed to revoke entry: resp: \\(\\*logical\\.Response\\)\\(nil\\) err: ${DOWN}" attempts=1 next_attempt=[0-9.]+s$`,
      ),
    );
  });
});
