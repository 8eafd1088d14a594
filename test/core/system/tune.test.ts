import { describe, expect, it } from 'vitest';
import { call, testEmu } from '../../helpers/emulator.js';

const SYSTEM_TTL = 2764800;

describe('sys/mounts/:path/tune read', () => {
  it('shows effective TTLs and the options, injected at the top level', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'GET', '/v1/sys/mounts/secret/tune');
    expect(res.status).toBe(200);
    const data = { default_lease_ttl: SYSTEM_TTL, description: 'key/value secret storage', force_no_cache: false, max_lease_ttl: SYSTEM_TTL, options: { version: '2' } };
    expect(res.json.data).toEqual(data);
    expect(res.json).toMatchObject(data);
  });

  it('reads auth mounts through both tune paths, with token_type', async () => {
    const emu = await testEmu();
    const expected = { default_lease_ttl: SYSTEM_TTL, description: 'token based credentials', force_no_cache: false, max_lease_ttl: SYSTEM_TTL, token_type: 'default-service' };
    expect((await call(emu, 'GET', '/v1/sys/auth/token/tune')).json.data).toEqual(expected);
    expect((await call(emu, 'GET', '/v1/sys/mounts/auth/token/tune')).json.data).toEqual(expected);
  });

  it('answers 400 for a path without a mount', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'GET', '/v1/sys/mounts/nope/tune');
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ errors: ['cannot fetch sysview for path "nope/"'] });
  });
});

describe('sys/mounts/:path/tune write', () => {
  it('sets TTLs, description and lists; "system" resets a TTL', async () => {
    const emu = await testEmu();
    await call(emu, 'POST', '/v1/sys/mounts/kv1', { type: 'kv', description: 'old' });
    const res = await call(emu, 'POST', '/v1/sys/mounts/kv1/tune', {
      default_lease_ttl: '1h',
      max_lease_ttl: 7200,
      description: 'new',
      audit_non_hmac_request_keys: 'a,b',
      passthrough_request_headers: ['X-One'],
      allowed_managed_keys: 'k1',
      listing_visibility: 'hidden',
    });
    expect(res.status).toBe(204);
    expect((await call(emu, 'GET', '/v1/sys/mounts/kv1/tune')).json.data).toEqual({
      default_lease_ttl: 3600,
      description: 'new',
      force_no_cache: false,
      max_lease_ttl: 7200,
      audit_non_hmac_request_keys: ['a', 'b'],
      passthrough_request_headers: ['X-One'],
      allowed_managed_keys: ['k1'],
      listing_visibility: 'hidden',
    });
    const listed = (await call(emu, 'GET', '/v1/sys/mounts')).json.data['kv1/'].config;
    expect([listed.default_lease_ttl, listed.max_lease_ttl]).toEqual([3600, 7200]);
    await call(emu, 'POST', '/v1/sys/mounts/kv1/tune', { default_lease_ttl: 'system', audit_non_hmac_request_keys: '' });
    const after = (await call(emu, 'GET', '/v1/sys/mounts/kv1/tune')).json.data;
    expect(after.default_lease_ttl).toBe(SYSTEM_TTL);
    expect(after.max_lease_ttl).toBe(7200);
    expect(after.audit_non_hmac_request_keys).toBeUndefined();
  });

  it('gives the new TTLs to the engine (KV v1 lease_duration)', async () => {
    const emu = await testEmu();
    await call(emu, 'POST', '/v1/sys/mounts/kv1', { type: 'kv' });
    await call(emu, 'PUT', '/v1/kv1/a', { x: 1 });
    await call(emu, 'POST', '/v1/sys/mounts/kv1/tune', { default_lease_ttl: '40s', max_lease_ttl: '80s' });
    expect((await call(emu, 'GET', '/v1/kv1/a')).json.lease_duration).toBe(40);
  });

  const refusals: [string, string, unknown, string][] = [
    ['sys', '/v1/sys/mounts/sys/tune', { description: 'x' }, 'cannot tune "sys/"'],
    ['cubbyhole', '/v1/sys/mounts/cubbyhole/tune', { description: 'x' }, 'cannot tune "cubbyhole/"'],
    ['unknown path', '/v1/sys/mounts/nope/tune', { description: 'x' }, 'tune of path "nope/" failed: no mount entry found'],
    ['bad TTL', '/v1/sys/mounts/secret/tune', { default_lease_ttl: 'soon' }, 'time: invalid duration "soon"'],
    ['max below default', '/v1/sys/mounts/secret/tune', { default_lease_ttl: '2h', max_lease_ttl: '1h' }, 'backend max lease TTL of 3600 would be less than backend default lease TTL of 7200'],
    ['bad visibility', '/v1/sys/mounts/secret/tune', { listing_visibility: 'public' }, 'invalid listing_visibility public'],
    ['token_type on a secrets mount', '/v1/sys/mounts/secret/tune', { token_type: 'batch' }, "'token_type' can only be modified on auth mounts"],
    ['kv downgrade', '/v1/sys/mounts/secret/tune', { options: { version: '1' } }, 'cannot downgrade mount from version 2'],
    ['kv version 3', '/v1/sys/mounts/secret/tune', { options: { version: '3' } }, 'invalid version provided: 3'],
    ['unparsable version', '/v1/sys/mounts/secret/tune', { options: { version: 'two' } }, 'unable to parse options: strconv.ParseInt: parsing "two": invalid syntax'],
    ['lockout on kv', '/v1/sys/mounts/secret/tune', { user_lockout_config: { lockout_threshold: 3 } }, 'tuning of user lockout configuration for auth type "kv" not allowed'],
    ['lockout bool as string', '/v1/sys/mounts/secret/tune', { user_lockout_config: { lockout_disable: 'yes' } }, 'unable to convert given user lockout config information'],
    ['unknown plugin version', '/v1/sys/mounts/secret/tune', { plugin_version: 'v1.0.0' }, 'plugin not found in the catalog: kv, version=v1.0.0'],
    ['malformed plugin version', '/v1/sys/mounts/secret/tune', { plugin_version: 'x' }, 'version "x" is not a valid semantic version: Malformed version: x'],
  ];
  for (const [name, url, body, message] of refusals) {
    it(`answers 400 for ${name}`, async () => {
      const emu = await testEmu();
      const res = await call(emu, 'POST', url, body);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ errors: [message] });
    });
  }

  it('keeps settings applied before a failing one, as Vault persists each in turn', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'POST', '/v1/sys/mounts/secret/tune', { description: 'kept', listing_visibility: 'bad' });
    expect(res.status).toBe(400);
    expect((await call(emu, 'GET', '/v1/sys/mounts/secret/tune')).json.data.description).toBe('kept');
  });

  it('pins the builtin plugin version', async () => {
    const emu = await testEmu();
    expect((await call(emu, 'POST', '/v1/sys/mounts/secret/tune', { plugin_version: '0.19.0+builtin' })).status).toBe(204);
    expect((await call(emu, 'GET', '/v1/sys/mounts/secret/tune')).json.data.plugin_version).toBe('v0.19.0+builtin');
    expect((await call(emu, 'GET', '/v1/sys/mounts/secret')).json.data.plugin_version).toBe('v0.19.0+builtin');
  });

  it('merges options and drops emptied ones', async () => {
    const emu = await testEmu();
    await call(emu, 'POST', '/v1/sys/mounts/kv1', { type: 'kv', options: { version: '1', a: 'x' } });
    expect((await call(emu, 'POST', '/v1/sys/mounts/kv1/tune', { options: { a: '', b: 'y' } })).status).toBe(204);
    expect((await call(emu, 'GET', '/v1/sys/mounts/kv1/tune')).json.data.options).toEqual({ version: '1', b: 'y' });
    expect((await call(emu, 'POST', '/v1/sys/mounts/kv1/tune', { options: {} })).status).toBe(204);
    expect((await call(emu, 'GET', '/v1/sys/mounts/kv1/tune')).json.data.options).toEqual({ version: '1', b: 'y' });
  });

  it('upgrades a kv v1 mount to v2 with a warning and rebuilds its engine', async () => {
    const emu = await testEmu();
    await call(emu, 'POST', '/v1/sys/mounts/kv1', { type: 'kv' });
    await call(emu, 'GET', '/v1/kv1/x');
    const entry = () => emu.core.mounts.find('mounts', 'kv1/')!;
    const before = emu.core.engineFor(entry());
    const res = await call(emu, 'POST', '/v1/sys/mounts/kv1/tune', { options: { version: '2' } });
    expect(res.status).toBe(200);
    expect(res.json.data).toBeNull();
    expect(res.json.warnings).toEqual([
      'Upgrading mount from version 0 to version 2. This mount will be unavailable for a brief period and will resume service shortly.',
    ]);
    expect(entry().options).toEqual({ version: '2' });
    expect(emu.core.engineFor(entry())).not.toBe(before);
    // An options change that is not an upgrade leaves the running engine alone, as Vault does.
    const upgraded = emu.core.engineFor(entry());
    expect((await call(emu, 'POST', '/v1/sys/mounts/kv1/tune', { options: { version: '2', z: '1' } })).status).toBe(204);
    expect(emu.core.engineFor(entry())).toBe(upgraded);
  });
});

describe('sys/auth/:path/tune write', () => {
  it('tunes the token mount but refuses its token_type', async () => {
    const emu = await testEmu();
    expect((await call(emu, 'POST', '/v1/sys/auth/token/tune', { listing_visibility: 'unauth', default_lease_ttl: '1h' })).status).toBe(204);
    const data = (await call(emu, 'GET', '/v1/sys/auth/token/tune')).json.data;
    expect([data.listing_visibility, data.default_lease_ttl]).toEqual(['unauth', 3600]);
    const res = await call(emu, 'POST', '/v1/sys/auth/token/tune', { token_type: 'batch' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ errors: ["'token_type' cannot be set for 'token' or 'ns_token' auth mounts"] });
  });

  it('answers 400 for an unknown auth path', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'POST', '/v1/sys/auth/nope/tune', { description: 'x' });
    expect(res.json).toEqual({ errors: ['tune of path "auth/nope/" failed: no mount entry found'] });
  });
});
