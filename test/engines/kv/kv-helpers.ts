// Shared set-up for the KV engine tests: a dev emulator on a virtual clock, plus PATCH and LIST calls.
import type { VirtualClock } from '../../../src/core/clock.js';
import type { VaultEmu } from '../../../src/emulator.js';
import { call, testEmu } from '../../helpers/emulator.js';

/** 2024-06-03T16:00:00.123Z: every timestamp a test expects is computed from here. */
export const START = Date.UTC(2024, 5, 3, 16, 0, 0, 123);
export const START_TEXT = '2024-06-03T16:00:00.123Z';

export async function kvEmu(): Promise<{ emu: VaultEmu; clock: VirtualClock }> {
  const emu = await testEmu({ clock: 'virtual', clockStart: START });
  return { emu, clock: emu.clock as VirtualClock };
}

/** PATCH with the merge-patch media type Vault requires. */
export function patch(emu: VaultEmu, path: string, body: unknown) {
  return call(emu, 'PATCH', path, body, { 'content-type': 'application/merge-patch+json' });
}

/** LIST spelled as GET ?list=true (inject does not pass through the socket-level LIST rewrite). */
export function list(emu: VaultEmu, path: string) {
  return call(emu, 'GET', `${path}?list=true`);
}

export async function mount(emu: VaultEmu, path: string, type: 'kv' | 'kv-v2', options?: Record<string, string>): Promise<void> {
  const res = await call(emu, 'POST', `/v1/sys/mounts/${path}`, { type, ...(options ? { options } : {}) });
  if (res.status !== 204) throw new Error(`mount ${path} failed: ${res.status} ${res.text}`);
}
