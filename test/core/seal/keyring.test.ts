// sys/key-status and sys/rotate: the encryption key term, its install time and its write count.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import { call, testEmu } from '../../helpers/emulator.js';
import { expectError, req } from './helpers.js';

const START = Date.UTC(2024, 8, 24, 12, 0, 0, 250);

describe('sys/key-status and sys/rotate', () => {
  it('reports term 1 installed at init, then a new term per rotation', async () => {
    const emu = await testEmu({ clock: 'virtual', clockStart: START });
    const first = await call(emu, 'GET', '/v1/sys/key-status');
    expect(first.status).toBe(200);
    expect(first.json.data).toEqual({ term: 1, install_time: '2024-09-24T12:00:00.25Z', encryptions: expect.any(Number) });
    // A legacy sys route: the data is repeated at the top level.
    expect(first.json.term).toBe(1);
    expect(first.json.data.encryptions).toBeGreaterThan(0);

    expect(emu.clock).toBeInstanceOf(VirtualClock);
    await (emu.clock as VirtualClock).advance(60_000);
    const rotated = await call(emu, 'POST', '/v1/sys/rotate');
    expect(rotated.status).toBe(204);
    const second = await call(emu, 'GET', '/v1/sys/key-status');
    // The new term has encrypted exactly one value so far: the keyring canary.
    expect(second.json.data).toEqual({ term: 2, install_time: '2024-09-24T12:01:00.25Z', encryptions: 1 });
    await call(emu, 'POST', '/v1/sys/mounts/kv-count', { type: 'kv' });
    expect((await call(emu, 'GET', '/v1/sys/key-status')).json.data.encryptions).toBeGreaterThan(1);
  });

  it('needs a token, and answers 503 while sealed', async () => {
    const emu = await testEmu();
    expectError(await req(emu, 'GET', '/v1/sys/key-status'), 403, 'permission denied');
    expectError(await req(emu, 'PUT', '/v1/sys/rotate'), 403, 'permission denied');
    await req(emu, 'PUT', '/v1/sys/seal', undefined, 'root');
    expectError(await call(emu, 'PUT', '/v1/sys/rotate'), 503, 'Vault is sealed');
  });
});
