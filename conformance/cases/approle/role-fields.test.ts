// The single-field role endpoints (auth/<approle>/role/:role_name/<field>): read, update, reset with
// DELETE, and the answers for a missing or bad value and for a role that does not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';
import { credentials, disableAppRole, enableAppRole, login } from './approle-lib.js';

let mount = '';
beforeAll(async () => {
  mount = await enableAppRole();
});
afterAll(() => disableAppRole(mount));

const field = (role: string, name: string) => `auth/${mount}/role/${role}/${name}`;
const read = async (role: string, name: string) => (await vault('GET', field(role, name))).json.data;
const write = (role: string, name: string, body: Record<string, unknown>) => vault('POST', field(role, name), { body });
const reset = (role: string, name: string) => vault('DELETE', field(role, name));

async function freshRole(): Promise<string> {
  const role = `fields${Math.random().toString(36).slice(2, 8)}`;
  const made = await vault('POST', `auth/${mount}/role/${role}`, { body: {} });
  if (made.status !== 204) throw new Error(`role: ${made.status} ${made.text}`);
  return role;
}

describe('AppRole single-field role endpoints (conformance)', () => {
  it('bind-secret-id, secret-id-num-uses, secret-id-ttl and token-num-uses: set, refuse a missing value, reset to the default', async () => {
    const role = await freshRole();
    expect(await read(role, 'bind-secret-id')).toEqual({ bind_secret_id: true });
    // Without a secret id nor CIDRs the role would have no constraint left: refused when saved.
    const loose = await write(role, 'bind-secret-id', { bind_secret_id: false });
    expect([loose.status, loose.json]).toEqual([500, { errors: ['1 error occurred:\n\t* at least one constraint should be enabled on the role\n\n'] }]);
    expect((await write(role, 'token-bound-cidrs', { token_bound_cidrs: '10.0.0.0/8' })).status).toBe(204);
    expect((await write(role, 'bind-secret-id', { bind_secret_id: false })).status).toBe(204);
    expect(await read(role, 'bind-secret-id')).toEqual({ bind_secret_id: false });
    expect((await reset(role, 'bind-secret-id')).status).toBe(204);
    expect(await read(role, 'bind-secret-id')).toEqual({ bind_secret_id: true });

    expect(await read(role, 'secret-id-num-uses')).toEqual({ secret_id_num_uses: 0 });
    expect((await write(role, 'secret-id-num-uses', { secret_id_num_uses: 5 })).status).toBe(204);
    expect(await read(role, 'secret-id-num-uses')).toEqual({ secret_id_num_uses: 5 });
    const negative = await write(role, 'secret-id-num-uses', { secret_id_num_uses: -1 });
    expect([negative.status, negative.json]).toEqual([400, { errors: ['secret_id_num_uses cannot be negative'] }]);
    expect((await reset(role, 'secret-id-num-uses')).status).toBe(204);
    expect(await read(role, 'secret-id-num-uses')).toEqual({ secret_id_num_uses: 0 });

    expect((await write(role, 'secret-id-ttl', { secret_id_ttl: '10m' })).status).toBe(204);
    expect(await read(role, 'secret-id-ttl')).toEqual({ secret_id_ttl: 600 });
    // A secret id generated now carries the role's TTL.
    expect((await credentials(mount, role)).secret.json.data.secret_id_ttl).toBe(600);
    expect((await reset(role, 'secret-id-ttl')).status).toBe(204);
    expect(await read(role, 'secret-id-ttl')).toEqual({ secret_id_ttl: 0 });

    expect((await write(role, 'token-num-uses', { token_num_uses: 3 })).status).toBe(204);
    expect(await read(role, 'token-num-uses')).toEqual({ token_num_uses: 3 });
    expect((await reset(role, 'token-num-uses')).status).toBe(204);
    expect(await read(role, 'token-num-uses')).toEqual({ token_num_uses: 0 });

    for (const [name, missing] of [
      ['bind-secret-id', 'bind_secret_id'],
      ['secret-id-num-uses', 'secret_id_num_uses'],
      ['secret-id-ttl', 'secret_id_ttl'],
      ['token-num-uses', 'token_num_uses'],
      ['token-ttl', 'token_ttl'],
      ['token-max-ttl', 'token_max_ttl'],
      ['period', 'period'],
      ['policies', 'token_policies'],
    ]) {
      const res = await write(role, name!, {});
      expect([name, res.status, res.json]).toEqual([name, 400, { errors: [`missing ${missing}`] }]);
    }
    expect(await read(role, 'local-secret-ids')).toEqual({ local_secret_ids: false });
  });

  it('token-ttl, token-max-ttl and period: keep ttl within max, period within the mount', async () => {
    const role = await freshRole();
    expect((await write(role, 'token-max-ttl', { token_max_ttl: '1h' })).status).toBe(204);
    expect(await read(role, 'token-max-ttl')).toEqual({ token_max_ttl: 3600 });
    const above = await write(role, 'token-ttl', { token_ttl: '2h' });
    expect([above.status, above.json]).toEqual([400, { errors: ['token_ttl should not be greater than token_max_ttl'] }]);
    expect((await write(role, 'token-ttl', { token_ttl: '45m' })).status).toBe(204);
    const below = await write(role, 'token-max-ttl', { token_max_ttl: '30m' });
    expect([below.status, below.json]).toEqual([400, { errors: ['token_max_ttl should be greater than or equal to token_ttl'] }]);
    expect((await reset(role, 'token-max-ttl')).status).toBe(204);
    expect(await read(role, 'token-max-ttl')).toEqual({ token_max_ttl: 0 });

    expect(await read(role, 'period')).toEqual({ token_period: 0 });
    expect((await write(role, 'period', { period: '1h' })).status).toBe(204);
    expect(await read(role, 'period')).toEqual({ period: 3600, token_period: 3600 });
    expect((await write(role, 'period', { token_period: '2h' })).status).toBe(204);
    expect(await read(role, 'period')).toEqual({ token_period: 7200 });
    // A dev server's mounts keep the system maximum lease TTL, 32 days.
    const tooLong = await write(role, 'period', { period: '800h' });
    expect([tooLong.status, tooLong.json]).toEqual([400, { errors: ['period of "800h0m0s" is greater than the backend\'s maximum lease TTL of "768h0m0s"'] }]);
    expect((await reset(role, 'period')).status).toBe(204);
    expect(await read(role, 'period')).toEqual({ token_period: 0 });
  });

  it('bound-cidr-list and secret-id-bound-cidrs: an absent field changes nothing, an empty or bad list is refused', async () => {
    const role = await freshRole();
    const legacy = await vault('GET', field(role, 'bound-cidr-list'));
    expect(legacy.json.data).toEqual({ bound_cidr_list: null });
    expect(legacy.json.warnings).toEqual(['The "bound_cidr_list" field is deprecated and will be removed. Please use "secret_id_bound_cidrs" instead.']);
    expect(await read(role, 'secret-id-bound-cidrs')).toEqual({ secret_id_bound_cidrs: null });

    expect((await write(role, 'bound-cidr-list', { bound_cidr_list: '10.0.0.0/8' })).status).toBe(204);
    expect(await read(role, 'secret-id-bound-cidrs')).toEqual({ secret_id_bound_cidrs: ['10.0.0.0/8'] });
    expect((await write(role, 'secret-id-bound-cidrs', {})).status).toBe(204);
    expect((await write(role, 'bound-cidr-list', {})).status).toBe(204);
    expect(await read(role, 'secret-id-bound-cidrs')).toEqual({ secret_id_bound_cidrs: ['10.0.0.0/8'] });

    for (const [name, key] of [
      ['bound-cidr-list', 'bound_cidr_list'],
      ['secret-id-bound-cidrs', 'secret_id_bound_cidrs'],
    ]) {
      const empty = await write(role, name!, { [key!]: [] });
      expect([name, empty.status, empty.json]).toEqual([name, 400, { errors: ['missing bound_cidr_list'] }]);
      const bad = await write(role, name!, { [key!]: 'nope' });
      expect([name, bad.status, bad.json]).toEqual([name, 400, { errors: ['failed to validate CIDR blocks: invalid CIDR address: nope'] }]);
    }
    expect((await write(role, 'secret-id-bound-cidrs', { secret_id_bound_cidrs: ['192.168.0.0/16', '10.1.0.0/16'] })).status).toBe(204);
    // Resetting the legacy field leaves the CIDRs: every role read has already moved them to the new field.
    expect((await reset(role, 'bound-cidr-list')).status).toBe(204);
    expect(await read(role, 'secret-id-bound-cidrs')).toEqual({ secret_id_bound_cidrs: ['192.168.0.0/16', '10.1.0.0/16'] });
    expect((await reset(role, 'secret-id-bound-cidrs')).status).toBe(204);
    expect(await read(role, 'secret-id-bound-cidrs')).toEqual({ secret_id_bound_cidrs: null });
  });

  it('token-bound-cidrs: unset reads null (the role shows []), an absent field changes nothing, DELETE unsets', async () => {
    const role = await freshRole();
    expect(await read(role, 'token-bound-cidrs')).toEqual({ token_bound_cidrs: null });
    expect((await vault('GET', `auth/${mount}/role/${role}`)).json.data.token_bound_cidrs).toEqual([]);
    expect((await write(role, 'token-bound-cidrs', {})).status).toBe(204);
    expect(await read(role, 'token-bound-cidrs')).toEqual({ token_bound_cidrs: null });
    expect((await write(role, 'token-bound-cidrs', { token_bound_cidrs: ['10.1.0.0/16'] })).status).toBe(204);
    expect(await read(role, 'token-bound-cidrs')).toEqual({ token_bound_cidrs: ['10.1.0.0/16'] });
    expect((await vault('GET', `auth/${mount}/role/${role}`)).json.data.token_bound_cidrs).toEqual(['10.1.0.0/16']);
    expect((await reset(role, 'token-bound-cidrs')).status).toBe(204);
    expect(await read(role, 'token-bound-cidrs')).toEqual({ token_bound_cidrs: null });
  });

  it('a role that does not exist: reads 404, updates answer unsupported path (as a handler error), resets 204', async () => {
    for (const name of ['bind-secret-id', 'secret-id-num-uses', 'token-ttl', 'period', 'secret-id-bound-cidrs', 'token-bound-cidrs', 'local-secret-ids']) {
      const got = await vault('GET', field('ghost', name));
      expect([name, got.status, got.json]).toEqual([name, 404, { errors: [] }]);
    }
    for (const [name, body] of [
      ['bind-secret-id', { bind_secret_id: false }],
      ['token-ttl', { token_ttl: '1m' }],
      ['secret-id-bound-cidrs', { secret_id_bound_cidrs: '10.0.0.0/8' }],
    ] as const) {
      const res = await write('ghost', name, body);
      expect([name, res.status, res.json]).toEqual([name, 404, { errors: ['1 error occurred:\n\t* unsupported path\n\n'] }]);
    }
    expect((await reset('ghost', 'token-num-uses')).status).toBe(204);
    expect((await vault('GET', `auth/${mount}/role/ghost`)).status).toBe(404);
  });

  it('a login token is usable only from its token_bound_cidrs', async () => {
    const role = await freshRole();
    // TEST-NET-3 (RFC 5737): never the address this suite connects from.
    expect((await write(role, 'token-bound-cidrs', { token_bound_cidrs: ['203.0.113.0/24'] })).status).toBe(204);
    const away = await credentials(mount, role);
    const bound = (await login(mount, { role_id: away.roleId, secret_id: away.secretId })).json.auth.client_token as string;
    const refused = await vault('GET', 'auth/token/lookup-self', { token: bound });
    expect([refused.status, refused.json]).toEqual([403, { errors: ['1 error occurred:\n\t* permission denied\n\n'] }]);

    expect((await write(role, 'token-bound-cidrs', { token_bound_cidrs: ['0.0.0.0/0', '::/0'] })).status).toBe(204);
    const anywhere = await credentials(mount, role);
    const open = (await login(mount, { role_id: anywhere.roleId, secret_id: anywhere.secretId })).json.auth.client_token as string;
    const looked = await vault('GET', 'auth/token/lookup-self', { token: open });
    expect(looked.status).toBe(200);
    expect(looked.json.data.bound_cidrs).toEqual(['0.0.0.0/0', '::/0']);
  });

  it('destroys a secret id by its value', async () => {
    const role = await freshRole();
    const { secretId } = await credentials(mount, role);
    expect((await vault('POST', `auth/${mount}/role/${role}/secret-id/lookup`, { body: { secret_id: secretId } })).status).toBe(200);
    expect((await vault('POST', `auth/${mount}/role/${role}/secret-id/destroy`, { body: { secret_id: secretId } })).status).toBe(204);
    expect((await vault('POST', `auth/${mount}/role/${role}/secret-id/lookup`, { body: { secret_id: secretId } })).status).toBe(204);
  });
});
