import { describe, expect, it } from 'vitest';
import { call, testEmu } from '../../helpers/emulator.js';

const VERSION = 'v1.17.6+builtin.vault';
const KV_VERSION = 'v0.19.0+builtin';

/** A mount info with the random accessor and uuid checked for shape and removed. */
function stable(info: Record<string, unknown>, accessorPrefix: string): Record<string, unknown> {
  expect(info.accessor).toMatch(new RegExp(`^${accessorPrefix}_[0-9a-f]{8}$`));
  expect(info.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const { accessor: _a, uuid: _u, ...rest } = info;
  return rest;
}

const base = { external_entropy_access: false, local: false, plugin_version: '', running_sha256: '', seal_wrap: false };
const zeroConfig = { default_lease_ttl: 0, force_no_cache: false, max_lease_ttl: 0 };

describe('sys/mounts list', () => {
  it('lists the dev mounts with Vault 1.17 fields, injected at the top level too', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'GET', '/v1/sys/mounts');
    expect(res.status).toBe(200);
    expect(Object.keys(res.json.data).sort()).toEqual(['cubbyhole/', 'identity/', 'secret/', 'sys/']);
    expect(stable(res.json.data['secret/'], 'kv')).toEqual({
      ...base,
      config: zeroConfig,
      deprecation_status: 'supported',
      description: 'key/value secret storage',
      options: { version: '2' },
      running_plugin_version: KV_VERSION,
      type: 'kv',
    });
    expect(stable(res.json.data['sys/'], 'system')).toEqual({
      ...base,
      config: { ...zeroConfig, passthrough_request_headers: ['Accept'] },
      description: 'system endpoints used for control, policy and debugging',
      options: null,
      running_plugin_version: VERSION,
      seal_wrap: true,
      type: 'system',
    });
    expect(stable(res.json.data['cubbyhole/'], 'cubbyhole')).toEqual({
      ...base,
      config: zeroConfig,
      description: 'per-token private secret storage',
      local: true,
      options: null,
      running_plugin_version: VERSION,
      type: 'cubbyhole',
    });
    expect(stable(res.json.data['identity/'], 'identity')).toEqual({
      ...base,
      config: { ...zeroConfig, passthrough_request_headers: ['Authorization'] },
      description: 'identity store',
      options: null,
      running_plugin_version: VERSION,
      type: 'identity',
    });
    expect(res.json['secret/']).toEqual(res.json.data['secret/']);
    expect(res.json.mount_type).toBe('system');
  });

  it('has no list operation and no trailing-slash form', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'GET', '/v1/sys/mounts/');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ errors: ['1 error occurred:\n\t* unsupported path\n\n'] });
  });
});

describe('sys/mounts/:path enable', () => {
  it('enables kv with an empty options map when none is given', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'POST', '/v1/sys/mounts/app', { type: 'kv', description: 'apps', config: { default_lease_ttl: '1h', max_lease_ttl: 7200 } });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    const info = (await call(emu, 'GET', '/v1/sys/mounts')).json.data['app/'];
    expect(stable(info, 'kv')).toEqual({
      ...base,
      config: { default_lease_ttl: 3600, force_no_cache: false, max_lease_ttl: 7200 },
      deprecation_status: 'supported',
      description: 'apps',
      options: {},
      running_plugin_version: KV_VERSION,
      type: 'kv',
    });
  });

  it('accepts the body the vault CLI sends (api.MountInput)', async () => {
    const emu = await testEmu();
    const body = {
      type: 'kv',
      description: '',
      config: { options: null, default_lease_ttl: '0s', max_lease_ttl: '0s', force_no_cache: false },
      local: false,
      seal_wrap: false,
      external_entropy_access: false,
      options: { version: '2' },
    };
    expect((await call(emu, 'POST', '/v1/sys/mounts/cli', body)).status).toBe(204);
    const info = (await call(emu, 'GET', '/v1/sys/mounts/cli')).json.data;
    expect([info.config, info.options]).toEqual([{ default_lease_ttl: 0, force_no_cache: false, max_lease_ttl: 0 }, { version: '2' }]);
    const tune = { options: null, default_lease_ttl: '', max_lease_ttl: '', force_no_cache: false, description: 'via cli' };
    expect((await call(emu, 'POST', '/v1/sys/mounts/cli/tune', tune)).status).toBe(204);
    expect((await call(emu, 'GET', '/v1/sys/mounts/cli/tune')).json.data.description).toBe('via cli');
  });

  it('maps kv-v1 and kv-v2 to kv with options.version, overriding a version given', async () => {
    const emu = await testEmu();
    await call(emu, 'POST', '/v1/sys/mounts/one', { type: 'kv-v1', options: { a: 'b' } });
    await call(emu, 'POST', '/v1/sys/mounts/two', { type: 'kv-v2', options: { version: '1' } });
    const data = (await call(emu, 'GET', '/v1/sys/mounts')).json.data;
    expect([data['one/'].type, data['one/'].options]).toEqual(['kv', { a: 'b', version: '1' }]);
    expect([data['two/'].type, data['two/'].options]).toEqual(['kv', { version: '2' }]);
  });

  it('keeps config lists, listing visibility and flags, splitting comma strings', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'POST', '/v1/sys/mounts/cfg', {
      type: 'kv',
      local: true,
      seal_wrap: true,
      external_entropy_access: 'true',
      config: { force_no_cache: true, audit_non_hmac_request_keys: 'a, b', passthrough_request_headers: ['X-A'], listing_visibility: 'unauth', allowed_response_headers: [] },
    });
    expect(res.status).toBe(204);
    const info = (await call(emu, 'GET', '/v1/sys/mounts/cfg')).json.data;
    expect(info.config).toEqual({
      default_lease_ttl: 0,
      force_no_cache: true,
      max_lease_ttl: 0,
      audit_non_hmac_request_keys: ['a', 'b'],
      passthrough_request_headers: ['X-A'],
      listing_visibility: 'unauth',
    });
    expect([info.local, info.seal_wrap, info.external_entropy_access]).toEqual([true, true, true]);
  });

  const cases: [string, unknown, string][] = [
    ['missing type', {}, 'backend type must be specified as a string'],
    ['plugin without name', { type: 'plugin' }, 'plugin_name must be provided for plugin backend'],
    ['unknown type', { type: 'transit' }, 'plugin not found in the catalog: transit'],
    ['unknown plugin name', { type: 'plugin', plugin_name: 'nope' }, 'plugin not found in the catalog: nope'],
    ['version on a non-kv type', { type: 'transit', options: { version: '2' } }, 'secrets engine "transit" does not allow setting a version'],
    ['unknown kv version', { type: 'kv', options: { version: '3' } }, 'nil backend of type "kv" returned from factory'],
    ['singleton type', { type: 'cubbyhole' }, 'mount type of "cubbyhole" is not mountable'],
    ['token as a secrets engine', { type: 'token' }, 'mount type of "token" is not mountable'],
    ['bad default TTL', { type: 'kv', config: { default_lease_ttl: 'abc' } }, 'unable to parse default TTL of abc: time: invalid duration "abc"'],
    ['bad max TTL', { type: 'kv', config: { max_lease_ttl: '1x' } }, 'unable to parse max TTL of 1x: time: unknown unit "x" in duration "1x"'],
    ['default above max', { type: 'kv', config: { default_lease_ttl: '2h', max_lease_ttl: '1h' } }, 'given default lease TTL greater than given max lease TTL'],
    ['default above system max', { type: 'kv', config: { default_lease_ttl: '769h' } }, 'given default lease TTL greater than system max lease TTL of 2764800'],
    ['bool TTL', { type: 'kv', config: { default_lease_ttl: true } }, 'unable to convert given mount config information'],
    ['string force_no_cache', { type: 'kv', config: { force_no_cache: 'true' } }, 'unable to convert given mount config information'],
    ['bad listing visibility', { type: 'kv', config: { listing_visibility: 'all' } }, 'invalid listing_visibility all'],
    ['bad plugin version', { type: 'kv', config: { plugin_version: 'abc' } }, 'version "abc" is not a valid semantic version: Malformed version: abc'],
    ['non-builtin kv version', { type: 'kv', config: { plugin_version: '1.0.0' } }, 'cannot select non-builtin version of secrets plugin kv'],
  ];
  for (const [name, body, message] of cases) {
    it(`answers 400 for ${name}`, async () => {
      const emu = await testEmu();
      const res = await call(emu, 'POST', '/v1/sys/mounts/x', body);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ errors: [message] });
    });
  }

  it('accepts the builtin plugin version and stores none', async () => {
    const emu = await testEmu();
    expect((await call(emu, 'POST', '/v1/sys/mounts/pv', { type: 'kv', config: { plugin_version: KV_VERSION } })).status).toBe(204);
    expect((await call(emu, 'GET', '/v1/sys/mounts/pv')).json.data.plugin_version).toBe('');
  });

  it('refuses protected paths before singletons, and overlapping paths before unknown types', async () => {
    const emu = await testEmu();
    for (const path of ['sys/x', 'auth/x', 'cubbyhole', 'identity', 'audit/x']) {
      const res = await call(emu, 'POST', `/v1/sys/mounts/${path}`, { type: 'cubbyhole' });
      expect(res.json).toEqual({ errors: [`cannot mount "${path.endsWith('/') ? path : `${path}/`}"`] });
      expect(res.status).toBe(400);
    }
    expect((await call(emu, 'POST', '/v1/sys/mounts/secret', { type: 'nope' })).json).toEqual({ errors: ['path is already in use at secret/'] });
    expect((await call(emu, 'POST', '/v1/sys/mounts/secret/sub', { type: 'kv' })).json).toEqual({ errors: ['path is already in use at secret/'] });
    await call(emu, 'POST', '/v1/sys/mounts/a/b', { type: 'kv' });
    expect((await call(emu, 'POST', '/v1/sys/mounts/a', { type: 'kv' })).json).toEqual({ errors: ['path is already in use at a/b/'] });
  });
});

describe('sys/mounts/:path read and disable', () => {
  it('reads the mount containing the path, in either table', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'GET', '/v1/sys/mounts/secret/deep/er');
    expect(res.status).toBe(200);
    expect(res.json.data.options).toEqual({ version: '2' });
    expect(res.json.type).toBe('kv');
    expect((await call(emu, 'GET', '/v1/sys/mounts/auth/token/x')).json.data.type).toBe('token');
    const missing = await call(emu, 'GET', '/v1/sys/mounts/nope');
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({ errors: ['No secret engine mount at nope/'] });
  });

  it('disables only an exact mount, answers 204 otherwise, and refuses protected mounts', async () => {
    const emu = await testEmu();
    expect((await call(emu, 'DELETE', '/v1/sys/mounts/nope')).status).toBe(204);
    expect((await call(emu, 'DELETE', '/v1/sys/mounts/secret/sub')).status).toBe(204);
    expect((await call(emu, 'DELETE', '/v1/sys/mounts/audit/x')).status).toBe(204);
    for (const path of ['sys', 'cubbyhole', 'identity', 'auth/token']) {
      const res = await call(emu, 'DELETE', `/v1/sys/mounts/${path}`);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ errors: [`cannot unmount "${path}/"`] });
    }
    expect((await call(emu, 'DELETE', '/v1/sys/mounts/secret')).status).toBe(204);
    expect(Object.keys((await call(emu, 'GET', '/v1/sys/mounts')).json.data)).not.toContain('secret/');
  });

  it('deletes the data of a disabled mount, so a re-enabled one starts empty', async () => {
    const emu = await testEmu();
    await call(emu, 'POST', '/v1/sys/mounts/kv1', { type: 'kv' });
    await call(emu, 'PUT', '/v1/kv1/app', { a: 1 });
    expect((await call(emu, 'GET', '/v1/kv1/app')).status).toBe(200);
    expect((await call(emu, 'DELETE', '/v1/sys/mounts/kv1')).status).toBe(204);
    expect((await call(emu, 'GET', '/v1/kv1/app')).json).toEqual({ errors: ['no handler for route "kv1/app". route entry not found.'] });
    await call(emu, 'POST', '/v1/sys/mounts/kv1', { type: 'kv' });
    expect((await call(emu, 'GET', '/v1/kv1/app')).status).toBe(404);
    expect(emu.core.storage.snapshot().size).toBeGreaterThan(0);
    expect([...emu.core.storage.snapshot().keys()].filter((k) => k.includes('kv/app'))).toEqual([]);
  });
});
