// A virtual-clock emulator with the lease test engine mounted at leasetest/ and a role "app".
import { call, testEmu } from '../../helpers/emulator.js';
import { leaseEngine } from '../../helpers/lease-engine.js';

export const START = Date.UTC(2024, 5, 3, 16, 0, 0);

export async function leaseEmu(role: Record<string, unknown> = { ttl: '1h', max_ttl: '4h' }) {
  const { plugin, log } = leaseEngine();
  const emu = await testEmu({ clock: 'virtual', clockStart: START, plugins: [plugin] });
  expect((await call(emu, 'POST', '/v1/sys/mounts/leasetest', { type: 'leasetest' })).status).toBe(204);
  expect((await call(emu, 'POST', '/v1/leasetest/roles/app', role)).status).toBe(204);
  const issue = async (headers: Record<string, string> = {}) => {
    const res = await call(emu, 'GET', '/v1/leasetest/creds/app', undefined, headers);
    expect(res.status).toBe(200);
    return res.json as { lease_id: string; lease_duration: number; renewable: boolean; data: { username: string }; warnings: string[] | null };
  };
  const lookup = (leaseId: string) => call(emu, 'PUT', '/v1/sys/leases/lookup', { lease_id: leaseId });
  return { emu, log, issue, lookup };
}

import { expect } from 'vitest';
