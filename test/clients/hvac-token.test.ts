// hvac 0.11.2 (Debian's python3-hvac, run with /usr/bin/python3) against a live emulator: the token
// methods. The scenario is test/clients/hvac/token_flow.py; it prints one JSON document of step outcomes.
import { describe, expect, it } from 'vitest';
import { ROOT, liveEmu } from '../helpers/emulator.js';
import { hvacScenario } from '../helpers/clients.js';



describe('hvac token methods', () => {
  it('create, lookup, lookup_self, renew, list_accessors, revoke; errors as hvac exceptions', async () => {
    const emu = await liveEmu({ clock: 'virtual', clockStart: Date.UTC(2024, 5, 3, 16) });
    const r = await hvacScenario('token_flow.py', emu.url);
    expect(r.create).toEqual({
      ok: true,
      value: {
        length: 95,
        prefix: 'hvs.CAESI',
        policies: ['app', 'default'],
        metadata: { owner: 'hvac' },
        lease_duration: 3600,
        renewable: true,
        warnings: ['Policy "app" does not exist'],
      },
    });
    const token = r.renew.value?.client_token;
    expect(r.lookup).toEqual({
      ok: true,
      value: { id: token, display_name: 'token-token', policies: ['app', 'default'], ttl: 3600, meta: { owner: 'hvac' }, path: 'auth/token/create' },
    });
    expect(r.lookup_self).toEqual({ ok: true, value: { id: ROOT, display_name: 'token', policies: ['root'], path: 'auth/token/create' } });
    expect(r.renew).toEqual({ ok: true, value: { client_token: token, lease_duration: 7200 } });
    expect(r.accessor_listed).toEqual({ ok: true, value: true });
    expect(r.revoke).toEqual({ ok: true, value: 204 });
    expect(r.lookup_revoked).toEqual({ ok: false, error: 'Forbidden', errors: ['bad token'] });
    expect(r.renew_unknown).toEqual({ ok: false, error: 'InvalidRequest', errors: ['token not found'] });
  }, 30000);
});
