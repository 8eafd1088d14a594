// AppRole mounts for conformance cases: each file works on its own mount, removed afterwards.
import { vault } from '../../lib/client.js';
import { uniqueName } from '../../lib/names.js';

export async function enableAppRole(): Promise<string> {
  const mount = uniqueName('approle');
  const res = await vault('POST', `sys/auth/${mount}`, { body: { type: 'approle' } });
  if (res.status !== 204) throw new Error(`enable approle: ${res.status} ${res.text}`);
  return mount;
}

export async function disableAppRole(mount: string): Promise<void> {
  await vault('DELETE', `sys/auth/${mount}`);
}

export async function credentials(mount: string, role: string, secretBody: Record<string, unknown> = {}) {
  const roleId = (await vault('GET', `auth/${mount}/role/${role}/role-id`)).json.data.role_id as string;
  const secret = await vault('POST', `auth/${mount}/role/${role}/secret-id`, { body: secretBody });
  return { roleId, secretId: secret.json.data.secret_id as string, accessor: secret.json.data.secret_id_accessor as string, secret };
}

export function login(mount: string, body: Record<string, unknown>) {
  return vault('POST', `auth/${mount}/login`, { token: null, body });
}
