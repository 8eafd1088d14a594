// The clock over HTTP (/_emu/clock) and on the handle: advancing revokes what falls due before answering.
import { describe, expect, it } from 'vitest';
import { call } from '../helpers/emulator.js';
import { leaseEmu, START } from '../core/lease/helpers.js';
import { liveEmu } from '../helpers/emulator.js';

describe('/_emu/clock', () => {
  it('reads the clock, advances it by a duration and sets it, revoking due leases first', async () => {
    const { emu, log, issue } = await leaseEmu();
    expect(await call(emu, 'GET', '/_emu/clock')).toMatchObject({ status: 200, json: { mode: 'virtual', now: '2024-06-03T16:00:00Z', now_ms: START } });
    const secret = await issue();
    const advanced = await call(emu, 'POST', '/_emu/clock/advance', { duration: '1h' });
    expect(advanced).toMatchObject({ status: 200, json: { now: '2024-06-03T17:00:00Z' } });
    expect(log.revoked.map((r) => r.username)).toEqual([secret.data.username]);
    expect((await call(emu, 'POST', '/_emu/clock/advance', { duration: 90 })).json.now).toBe('2024-06-03T17:01:30Z');
    expect((await call(emu, 'POST', '/_emu/clock/set', { time: '2030-01-01T00:00:00Z' })).json.now).toBe('2030-01-01T00:00:00Z');
    expect(emu.clock.now()).toBe(Date.UTC(2030, 0, 1));
  });

  it('answers bad input in Vault\'s error shape and leaves the clock alone', async () => {
    const { emu } = await leaseEmu();
    expect(await call(emu, 'POST', '/_emu/clock/advance', { duration: 'soon' })).toMatchObject({ status: 400, json: { errors: ['time: invalid duration "soon"'] } });
    expect(await call(emu, 'POST', '/_emu/clock/advance', { duration: '-1h' })).toMatchObject({ status: 400, json: { errors: ['the clock can only move forward'] } });
    expect(await call(emu, 'POST', '/_emu/clock/set', { time: '2020-01-01T00:00:00Z' })).toMatchObject({ status: 400, json: { errors: [expect.stringMatching(/^the clock can only move forward/)] } });
    expect(await call(emu, 'POST', '/_emu/clock/set', { time: 'tomorrow' })).toMatchObject({ status: 400, json: { errors: ['invalid time "tomorrow"'] } });
    expect((await call(emu, 'POST', '/_emu/clock/set', { when: 1 })).status).toBe(400);
    expect(emu.clock.now()).toBe(START);
    const anonymous = await emu.inject({ method: 'POST', url: '/_emu/clock/advance', payload: { duration: '1h' } });
    expect(anonymous.statusCode).toBe(403);
    expect(emu.clock.now()).toBe(START);
  });

  it('lets real time run on the system clock, with advance() adding to it', async () => {
    const emu = await liveEmu();
    const before = emu.clock.now();
    await emu.clock.advance('1h');
    expect(emu.clock.now() - before).toBeGreaterThanOrEqual(3600_000);
    const res = await fetch(`${emu.url}/_emu/clock`, { headers: { 'x-vault-token': 'root' } });
    expect(await res.json()).toMatchObject({ mode: 'system' });
  });
});
