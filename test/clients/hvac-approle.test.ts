// hvac 0.11.2 (Debian's python3-hvac, run with /usr/bin/python3) against a live emulator: the AppRole
// methods. The scenario is test/clients/hvac/approle_flow.py: the seed flow with
// client.auth.approle.login and the admin methods; then, after the test advanced the virtual clock
// to the token's expiry, the same login token again.
import { describe, expect, it } from 'vitest';
import { liveEmu } from '../helpers/emulator.js';
import { hvacScenario } from '../helpers/clients.js';

const INVALID = { ok: false, error: 'InvalidRequest', errors: ['invalid role or secret ID'] };

describe('hvac approle methods', () => {
  it('seed flow with auth.approle.login, the admin methods, errors as hvac exceptions, expiry on the clock', async () => {
    const emu = await liveEmu({ clock: 'virtual', clockStart: Date.UTC(2024, 5, 3, 16) });
    const r = await hvacScenario('approle_flow.py', emu.url);
    expect(r.create_role).toEqual({ ok: true, value: 204 });
    expect(r.read_role).toEqual({
      ok: true,
      value: { bind_secret_id: true, secret_id_num_uses: 0, secret_id_ttl: 2592000, token_max_ttl: 14400, token_policies: ['db-consumer'], token_ttl: 3600 },
    });
    expect(r.list_roles).toEqual({ ok: true, value: ['webapp'] });
    expect(r.role_id.value).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.secret).toEqual({ ok: true, value: { secret_id_num_uses: 0, secret_id_ttl: 2592000 } });

    const auth = r.login.value;
    expect(auth).toMatchObject({
      policies: ['db-consumer', 'default'],
      token_policies: ['db-consumer', 'default'],
      metadata: { app: 'billing', role_name: 'webapp' },
      lease_duration: 3600,
      renewable: true,
      orphan: true,
      token_type: 'service',
    });
    expect(auth.client_token).toMatch(/^hvs\.CAESI/);
    expect(auth.entity_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.uses_login_token).toEqual({ ok: true, value: true });
    expect(r.lookup_self).toEqual({
      ok: true,
      value: { display_name: 'approle', path: 'auth/approle/login', policies: ['db-consumer', 'default'], meta: { app: 'billing', role_name: 'webapp' }, ttl: 3600, orphan: true },
    });
    expect(r.denied).toEqual({ ok: false, error: 'Forbidden', errors: ['1 error occurred:\n\t* permission denied\n\n'] });

    // hvac's create_custom_secret_id (unlike generate_secret_id) sends metadata as an object.
    expect(r.custom_secret_id_dict_metadata).toEqual({
      ok: false,
      error: 'InvalidRequest',
      errors: [
        `Field validation failed: error converting input map[kind:custom] for field "metadata": '' expected type 'string', got unconvertible type 'map[string]interface {}', value: 'map[kind:custom]'`,
      ],
    });
    expect(r.custom_secret_id).toEqual({ ok: true, value: { secret_id: 'my-custom-secret', secret_id_num_uses: 0 } });
    expect(r.read_secret_id).toEqual({ ok: true, value: { metadata: {}, secret_id_num_uses: 0, secret_id_ttl: 2592000 } });
    expect(r.list_accessors).toEqual({ ok: true, value: true });
    expect(r.read_accessor).toEqual({ ok: true, value: true });
    expect(r.custom_login).toEqual({ ok: true, value: { role_name: 'webapp' } });
    expect(r.destroy_secret_id).toEqual({ ok: true, value: 204 });
    expect(r.login_destroyed).toEqual(INVALID);
    // Vault answers the lookup of an unknown secret id 204; hvac hands back the bare response.
    expect(r.read_destroyed).toEqual({ ok: true, value: 204 });
    expect(r.destroy_gone_accessor).toEqual({
      ok: false,
      error: 'InternalServerError',
      errors: [expect.stringMatching(/^1 error occurred:\n\t\* failed to find accessor entry for secret_id_accessor: "[0-9a-f-]{36}"\n\n$/)],
    });

    expect(r.update_role_id).toEqual({ ok: true, value: 204 });
    expect(r.read_new_role_id).toEqual({ ok: true, value: 'webapp-role-id' });
    expect(r.login_old_role_id).toEqual(INVALID);
    expect(r.login_new_role_id).toEqual({ ok: true, value: { app: 'billing', role_name: 'webapp' } });
    expect(r.destroy_accessor).toEqual({ ok: true, value: 204 });
    expect(r.login_accessor_destroyed).toEqual(INVALID);
    expect(r.delete_role).toEqual({ ok: true, value: 204 });
    // Vault's 404 {"errors":[]} for a missing role; hvac raises InvalidPath.
    expect(r.read_deleted_role).toEqual({ ok: false, error: 'InvalidPath', errors: [] });

    // Deleting the role leaves its tokens; the first login's token lives until issue time + 1h.
    await emu.clock.advance('59m');
    const alive = await hvacScenario('approle_flow.py', emu.url, { PHASE: 'expired', LOGIN_TOKEN: auth.client_token });
    expect(alive.lookup_self_expired).toMatchObject({ ok: true, value: { ttl: 60 } });
    await emu.clock.advance('1m');
    const expired = await hvacScenario('approle_flow.py', emu.url, { PHASE: 'expired', LOGIN_TOKEN: auth.client_token });
    expect(expired.lookup_self_expired).toEqual({ ok: false, error: 'Forbidden', errors: ['2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n'] });
    expect(expired.is_authenticated).toEqual({ ok: true, value: false });
  }, 30000);
});
