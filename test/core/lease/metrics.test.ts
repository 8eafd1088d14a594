// The expiration manager's metrics in sys/metrics: vault.expire.num_leases (every lease with an
// expiry, token leases included), num_irrevocable_leases, and the revoke/renew timings.
import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/emulator.js';
import { leaseEmu } from './helpers.js';

async function metrics(emu: Parameters<typeof call>[0]) {
  const res = await call(emu, 'GET', '/v1/sys/metrics');
  expect(res.status).toBe(200);
  const gauge = (name: string) => res.json.Gauges.find((g: { Name: string }) => g.Name === name)?.Value;
  const sample = (name: string) => res.json.Samples.find((s: { Name: string }) => s.Name === name)?.Count ?? 0;
  return { gauge, sample };
}

describe('lease metrics', () => {
  it('counts live and irrevocable leases and times revocations and renewals', async () => {
    const { emu, log, issue } = await leaseEmu();
    const before = (await metrics(emu)).gauge('vault.expire.num_leases');
    const a = await issue();
    await issue();
    await call(emu, 'POST', '/v1/auth/token/create', { ttl: '1h' });
    // Gauges are read when metrics are (the last finished 10 s interval is what JSON shows).
    await emu.clock.advance('10s');
    expect((await metrics(emu)).gauge('vault.expire.num_leases')).toBe(before + 3);
    await call(emu, 'PUT', '/v1/sys/leases/renew', { lease_id: a.lease_id });
    await call(emu, 'PUT', '/v1/sys/leases/revoke', { lease_id: a.lease_id });
    log.failRevoke = 'down';
    await emu.clock.advance('2h');
    const m = await metrics(emu);
    expect(m.gauge('vault.expire.num_irrevocable_leases')).toBe(1);
    expect(m.gauge('vault.expire.num_leases')).toBe(before + 1);
    await emu.clock.advance('10s');
    // Within the last interval nothing was revoked; look back over the retained intervals instead.
    const prom = await call(emu, 'GET', '/v1/sys/metrics?format=prometheus');
    expect(prom.text).toMatch(/^vault_expire_revoke_count(\{[^}]*\})? [1-9]/m);
    expect(prom.text).toMatch(/^vault_expire_renew_count(\{[^}]*\})? 1$/m);
    expect(prom.text).toMatch(/^vault_expire_num_irrevocable_leases(\{[^}]*\})? 1$/m);
  });
});
