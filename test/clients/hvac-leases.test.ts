// hvac 0.11.2 (Debian's python3-hvac, run with /usr/bin/python3) against a live emulator: the sys
// lease methods. The test issues leases from the test secrets engine and hands their ids to
// test/clients/hvac/lease_flow.py through environment variables; the script prints each step's outcome.
import { describe, expect, it } from 'vitest';
import type { PluginDefinition } from '../../src/core/plugins.js';
import { ROOT, call, liveEmu } from '../helpers/emulator.js';
import { hvacScenario } from '../helpers/clients.js';
import { leaseEngine } from '../helpers/lease-engine.js';

const START = Date.UTC(2024, 5, 3, 16, 0, 0);
const DOWN = 'connection refused';


describe('hvac lease methods', () => {
  it('read_lease, list_leases, renew_lease, revoke_lease, revoke_prefix, revoke_force; errors as hvac exceptions', async () => {
    const working = leaseEngine();
    // A second instance of the engine under another type: its revocations fail, for revoke_force.
    const broken = leaseEngine();
    const brokenPlugin: PluginDefinition = { ...broken.plugin, type: 'leasebroken' };
    broken.log.failRevoke = DOWN;
    const emu = await liveEmu({ clock: 'virtual', clockStart: START, plugins: [working.plugin, brokenPlugin] });
    const mountWithRole = async (mount: string) => {
      expect((await call(emu, 'POST', `/v1/sys/mounts/${mount}`, { type: mount })).status).toBe(204);
      expect((await call(emu, 'POST', `/v1/${mount}/roles/app`, { ttl: '1h', max_ttl: '4h' })).status).toBe(204);
    };
    await mountWithRole('leasetest');
    await mountWithRole('leasebroken');
    const creds = async (mount: string) => (await call(emu, 'GET', `/v1/${mount}/creds/app`)).json as { lease_id: string; data: { username: string } };
    const a = await creds('leasetest');
    const b = await creds('leasetest');
    const c = await creds('leasebroken');
    await emu.clock.advance('10m');

    const r = await hvacScenario('lease_flow.py', emu.url, { LEASE_ID: a.lease_id, OTHER_LEASE_ID: b.lease_id, BROKEN_LEASE_ID: c.lease_id });
    const suffix = (id: string) => id.slice('leasetest/creds/app/'.length);
    expect(r.read).toEqual({
      ok: true,
      value: { id: a.lease_id, renewable: true, ttl: 3000, issue_time: '2024-06-03T16:00:00Z', expire_time: '2024-06-03T17:00:00Z', last_renewal: null },
    });
    expect(r.list).toEqual({ ok: true, value: [suffix(a.lease_id), suffix(b.lease_id)].sort() });
    expect(r.list_mount).toEqual({ ok: true, value: ['creds/'] });
    expect(r.renew).toEqual({ ok: true, value: { lease_id: a.lease_id, lease_duration: 7200, renewable: true, data: null } });
    expect(r.read_renewed).toEqual({
      ok: true,
      value: { id: a.lease_id, renewable: true, ttl: 7200, issue_time: '2024-06-03T16:00:00Z', expire_time: '2024-06-03T18:10:00Z', last_renewal: '2024-06-03T16:10:00Z' },
    });
    expect(r.revoke).toEqual({ ok: true, value: 204 });
    expect(r.read_revoked).toEqual({ ok: false, error: 'InvalidRequest', errors: ['invalid lease'] });
    expect(r.read_unknown).toEqual({ ok: false, error: 'InvalidRequest', errors: ['invalid lease'] });
    expect(r.list_one_left).toEqual({ ok: true, value: [suffix(b.lease_id)] });
    expect(r.revoke_prefix).toEqual({ ok: true, value: 204 });
    // Vault answers a LIST with no keys 404 {"errors":[]}; hvac raises InvalidPath with errors [].
    expect(r.list_after_last).toEqual({ ok: false, error: 'InvalidPath', errors: [] });
    expect(r.revoke_prefix_failing).toEqual({
      ok: false,
      error: 'InvalidRequest',
      errors: [`failed to revoke "${c.lease_id}" (1 / 1): failed to revoke entry: resp: (*logical.Response)(nil) err: ${DOWN}`],
    });
    expect(r.read_broken).toEqual({ ok: true, value: c.lease_id });
    expect(r.revoke_force).toEqual({ ok: true, value: 204 });
    expect(r.read_forced).toEqual({ ok: false, error: 'InvalidRequest', errors: ['invalid lease'] });

    // The engines saw: one renewal, a and b revoked (in that order), c attempted twice and never revoked.
    const at = START + 10 * 60_000;
    expect(working.log.renewed).toEqual([a.data.username]);
    expect(working.log.revoked).toEqual([
      { username: a.data.username, at },
      { username: b.data.username, at },
    ]);
    expect(broken.log.attempts).toEqual([
      { username: c.data.username, at },
      { username: c.data.username, at },
    ]);
    expect(broken.log.revoked).toEqual([]);
    // Nothing is left behind, not even as irrevocable.
    expect((await call(emu, 'GET', '/v1/sys/leases/count?type=irrevocable')).json.data.lease_count).toBe(0);
    expect((await call(emu, 'LIST', '/v1/sys/leases/lookup/leasebroken/')).status).toBe(404);
  }, 30000);
});
