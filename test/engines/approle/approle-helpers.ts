// Shared set-up for the AppRole tests: an emulator on a virtual clock with approle enabled.
import { call, testEmu } from '../../helpers/emulator.js';
import type { VaultEmu } from '../../../src/emulator.js';

export const START = Date.UTC(2024, 5, 3, 16);

export async function approleEmu(): Promise<VaultEmu> {
  const emu = await testEmu({ clock: 'virtual', clockStart: START });
  const enabled = await call(emu, 'POST', '/v1/sys/auth/approle', { type: 'approle' });
  if (enabled.status !== 204) throw new Error(`enable approle: ${enabled.status} ${enabled.text}`);
  return emu;
}

/** A login without a token, as clients send it. */
export async function login(emu: VaultEmu, body: Record<string, unknown>, mount = 'approle') {
  const res = await emu.inject({ method: 'POST', url: `/v1/auth/${mount}/login`, payload: JSON.stringify(body) });
  return { status: res.statusCode, json: res.body ? JSON.parse(res.body) : undefined };
}

export async function roleCredentials(emu: VaultEmu, role: string, secretBody: Record<string, unknown> = {}) {
  const roleId = (await call(emu, 'GET', `/v1/auth/approle/role/${role}/role-id`)).json.data.role_id as string;
  const secret = await call(emu, 'POST', `/v1/auth/approle/role/${role}/secret-id`, secretBody);
  return { roleId, secretId: secret.json?.data?.secret_id as string, accessor: secret.json?.data?.secret_id_accessor as string, secret };
}
