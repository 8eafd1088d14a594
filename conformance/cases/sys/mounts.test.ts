import { afterEach, describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';
import { uniqueName } from '../../lib/names.js';

const created: string[] = [];
afterEach(async () => {
  while (created.length > 0) await vault('DELETE', `sys/mounts/${created.pop()}`);
});

/** A fresh mount path that is disabled again after the case. */
function mountPath(prefix: string): string {
  const name = uniqueName(prefix);
  created.push(name);
  return name;
}

const CORE_VERSION = /^v1\.17\.\d+\+builtin\.vault$/;
const KV_VERSION = /^v0\.\d+\.\d+\+builtin$/;
const zeroConfig = { default_lease_ttl: 0, force_no_cache: false, max_lease_ttl: 0 };
const flags = { external_entropy_access: false, local: false, plugin_version: '', running_sha256: '', seal_wrap: false };

describe('sys/mounts (conformance)', () => {
  it('lists the dev server mounts with their fixed fields, also at the top level', async () => {
    const res = await vault('GET', 'sys/mounts');
    expect(res.status).toBe(200);
    const data = res.json.data;
    expect(res.json['sys/']).toEqual(data['sys/']);
    expect(res.json.mount_type).toBe('system');
    expect(data['sys/']).toMatchObject({
      ...flags,
      config: { ...zeroConfig, passthrough_request_headers: ['Accept'] },
      description: 'system endpoints used for control, policy and debugging',
      options: null,
      seal_wrap: true,
      type: 'system',
    });
    expect(data['sys/'].running_plugin_version).toMatch(CORE_VERSION);
    expect(data['sys/'].accessor).toMatch(/^system_[0-9a-f]{8}$/);
    expect(data['sys/'].deprecation_status).toBeUndefined();
    expect(data['cubbyhole/']).toMatchObject({ ...flags, config: zeroConfig, description: 'per-token private secret storage', local: true, options: null, type: 'cubbyhole' });
    expect(data['identity/']).toMatchObject({
      ...flags,
      config: { ...zeroConfig, passthrough_request_headers: ['Authorization'] },
      description: 'identity store',
      options: null,
      type: 'identity',
    });
    expect(data['secret/']).toMatchObject({ ...flags, config: zeroConfig, deprecation_status: 'supported', description: 'key/value secret storage', options: { version: '2' }, type: 'kv' });
    expect(data['secret/'].running_plugin_version).toMatch(KV_VERSION);
    expect(data['secret/'].accessor).toMatch(/^kv_[0-9a-f]{8}$/);
  });

  it('enables kv with an empty options map, reads it back and disables it', async () => {
    const path = mountPath('kv');
    const enabled = await vault('POST', `sys/mounts/${path}`, { body: { type: 'kv', description: 'conformance', config: { default_lease_ttl: '1h' } } });
    expect(enabled.status).toBe(204);
    const read = await vault('GET', `sys/mounts/${path}/some/key`);
    expect(read.status).toBe(200);
    expect(read.json.data).toMatchObject({
      ...flags,
      config: { default_lease_ttl: 3600, force_no_cache: false, max_lease_ttl: 0 },
      deprecation_status: 'supported',
      description: 'conformance',
      options: {},
      type: 'kv',
    });
    expect(read.json.type).toBe('kv');
    expect((await vault('DELETE', `sys/mounts/${path}`)).status).toBe(204);
    const gone = await vault('GET', `sys/mounts/${path}`);
    expect(gone.status).toBe(400);
    expect(gone.json).toEqual({ errors: [`No secret engine mount at ${path}/`] });
  });

  it('maps kv-v2 to kv with options.version 2', async () => {
    const path = mountPath('kv2');
    expect((await vault('POST', `sys/mounts/${path}`, { body: { type: 'kv-v2' } })).status).toBe(204);
    const read = await vault('GET', `sys/mounts/${path}`);
    expect([read.json.data.type, read.json.data.options]).toEqual(['kv', { version: '2' }]);
  });

  it('starts a re-enabled mount empty', async () => {
    const path = mountPath('kv');
    await vault('POST', `sys/mounts/${path}`, { body: { type: 'kv' } });
    expect((await vault('PUT', `${path}/app`, { body: { a: 1 } })).status).toBe(204);
    expect((await vault('DELETE', `sys/mounts/${path}`)).status).toBe(204);
    await vault('POST', `sys/mounts/${path}`, { body: { type: 'kv' } });
    const read = await vault('GET', `${path}/app`);
    expect(read.status).toBe(404);
    expect(read.json).toEqual({ errors: [] });
  });

  it('refuses bad enable requests with 400 and Vault’s messages', async () => {
    const path = uniqueName('bad');
    const cases: [unknown, string][] = [
      [{}, 'backend type must be specified as a string'],
      [{ type: 'no-such-plugin' }, 'plugin not found in the catalog: no-such-plugin'],
      [{ type: 'plugin' }, 'plugin_name must be provided for plugin backend'],
      [{ type: 'cubbyhole' }, 'mount type of "cubbyhole" is not mountable'],
      [{ type: 'kv', config: { default_lease_ttl: 'abc' } }, 'unable to parse default TTL of abc: time: invalid duration "abc"'],
      [{ type: 'kv', config: { default_lease_ttl: '2h', max_lease_ttl: '1h' } }, 'given default lease TTL greater than given max lease TTL'],
      [{ type: 'kv', config: { default_lease_ttl: '769h' } }, 'given default lease TTL greater than system max lease TTL of 2764800'],
      [{ type: 'kv', config: { listing_visibility: 'everyone' } }, 'invalid listing_visibility everyone'],
      [{ type: 'no-such-plugin', options: { version: '2' } }, 'secrets engine "no-such-plugin" does not allow setting a version'],
    ];
    for (const [body, message] of cases) {
      const res = await vault('POST', `sys/mounts/${path}`, { body });
      expect({ status: res.status, body: res.json }).toEqual({ status: 400, body: { errors: [message] } });
    }
  });

  it('refuses protected and overlapping paths', async () => {
    const sysRes = await vault('POST', 'sys/mounts/sys/conformance', { body: { type: 'kv' } });
    expect({ status: sysRes.status, body: sysRes.json }).toEqual({ status: 400, body: { errors: ['cannot mount "sys/conformance/"'] } });
    const overlap = await vault('POST', `sys/mounts/secret/${uniqueName('sub')}`, { body: { type: 'kv' } });
    expect({ status: overlap.status, body: overlap.json }).toEqual({ status: 400, body: { errors: ['path is already in use at secret/'] } });
  });

  it('disables silently what is not a mount, and refuses the protected ones', async () => {
    expect((await vault('DELETE', `sys/mounts/${uniqueName('none')}`)).status).toBe(204);
    const res = await vault('DELETE', 'sys/mounts/sys');
    expect({ status: res.status, body: res.json }).toEqual({ status: 400, body: { errors: ['cannot unmount "sys/"'] } });
  });
});

describe('sys/mounts/:path/tune (conformance)', () => {
  it('reads effective TTLs and writes TTLs and description', async () => {
    const path = mountPath('tune');
    await vault('POST', `sys/mounts/${path}`, { body: { type: 'kv', options: { version: '1' } } });
    const before = await vault('GET', `sys/mounts/${path}/tune`);
    expect(before.status).toBe(200);
    expect(before.json.data).toEqual({ default_lease_ttl: 2764800, description: '', force_no_cache: false, max_lease_ttl: 2764800, options: { version: '1' } });
    expect(before.json.max_lease_ttl).toBe(2764800);
    expect((await vault('POST', `sys/mounts/${path}/tune`, { body: { default_lease_ttl: '30m', max_lease_ttl: 7200, description: 'tuned' } })).status).toBe(204);
    const after = await vault('GET', `sys/mounts/${path}/tune`);
    expect(after.json.data).toEqual({ default_lease_ttl: 1800, description: 'tuned', force_no_cache: false, max_lease_ttl: 7200, options: { version: '1' } });
    const bad = await vault('POST', `sys/mounts/${path}/tune`, { body: { max_lease_ttl: '10m' } });
    expect({ status: bad.status, body: bad.json }).toEqual({ status: 400, body: { errors: ['backend max lease TTL of 600 would be less than backend default lease TTL of 1800'] } });
  });

  it('upgrades kv v1 to v2 with a warning and refuses the downgrade', async () => {
    const path = mountPath('upgrade');
    await vault('POST', `sys/mounts/${path}`, { body: { type: 'kv' } });
    const up = await vault('POST', `sys/mounts/${path}/tune`, { body: { options: { version: '2' } } });
    expect(up.status).toBe(200);
    expect(up.json.warnings).toEqual(['Upgrading mount from version 0 to version 2. This mount will be unavailable for a brief period and will resume service shortly.']);
    const down = await vault('POST', `sys/mounts/${path}/tune`, { body: { options: { version: '1' } } });
    expect({ status: down.status, body: down.json }).toEqual({ status: 400, body: { errors: ['cannot downgrade mount from version 2'] } });
    expect((await vault('GET', `sys/mounts/${path}`)).json.data.options).toEqual({ version: '2' });
  });

  it('refuses untunable and unknown mounts', async () => {
    const sysRes = await vault('POST', 'sys/mounts/sys/tune', { body: { description: 'x' } });
    expect({ status: sysRes.status, body: sysRes.json }).toEqual({ status: 400, body: { errors: ['cannot tune "sys/"'] } });
    const name = uniqueName('none');
    const missing = await vault('POST', `sys/mounts/${name}/tune`, { body: { description: 'x' } });
    expect({ status: missing.status, body: missing.json }).toEqual({ status: 400, body: { errors: [`tune of path "${name}/" failed: no mount entry found`] } });
    const read = await vault('GET', `sys/mounts/${name}/tune`);
    expect({ status: read.status, body: read.json }).toEqual({ status: 400, body: { errors: [`cannot fetch sysview for path "${name}/"`] } });
  });
});
