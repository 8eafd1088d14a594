// Shared by the token store tests: requests as a given token, and token creation through the API.
import type { VaultEmu } from '../../../src/emulator.js';
import { VirtualClock } from '../../../src/core/clock.js';
import { call } from '../../helpers/emulator.js';

export function as(token: string): Record<string, string> {
  return { 'x-vault-token': token };
}

/** POST auth/token/<path> as `token` (root by default); returns the parsed response. */
export async function create(emu: VaultEmu, body: Record<string, unknown> = {}, token?: string, path = 'create') {
  return call(emu, 'POST', `/v1/auth/token/${path}`, body, token ? as(token) : {});
}

/** Creates a token and returns its client token (fails the test on any error). */
export async function tokenOf(emu: VaultEmu, body: Record<string, unknown> = {}, token?: string): Promise<string> {
  const res = await create(emu, body, token);
  if (res.status !== 200) throw new Error(`create failed: ${res.status} ${res.text}`);
  return res.json.auth.client_token as string;
}

export async function lookup(emu: VaultEmu, token: string) {
  return call(emu, 'POST', '/v1/auth/token/lookup', { token });
}

export function advance(emu: VaultEmu, seconds: number): Promise<void> {
  return emu.clock.advance(seconds * 1000);
}

export const BASE62_24 = /^[A-Za-z0-9]{24}$/;
export const ROOT_FORM = /^hvs\.[A-Za-z0-9]{24}$/;
/** The 95-character server-side-consistent service token. */
export const SSC_FORM = /^hvs\.CAESI[A-Za-z0-9_-]{86}$/;
