import { describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';
import { uniqueName } from '../../lib/names.js';

describe('sys/auth (conformance)', () => {
  it('lists token/ with its fixed fields, also at the top level', async () => {
    const res = await vault('GET', 'sys/auth');
    expect(res.status).toBe(200);
    const token = res.json.data['token/'];
    expect(res.json['token/']).toEqual(token);
    expect(token).toMatchObject({
      config: { default_lease_ttl: 0, force_no_cache: false, max_lease_ttl: 0, token_type: 'default-service' },
      description: 'token based credentials',
      external_entropy_access: false,
      local: false,
      options: null,
      plugin_version: '',
      running_sha256: '',
      seal_wrap: false,
      type: 'token',
    });
    expect(token.accessor).toMatch(/^auth_token_[0-9a-f]{8}$/);
    expect(token.running_plugin_version).toMatch(/^v1\.17\.\d+\+builtin\.vault$/);
    expect(token.deprecation_status).toBeUndefined();
    expect((await vault('GET', 'sys/auth/token')).json.data).toEqual(token);
  });

  it('refuses unknown types, a second token mount, and disabling token/', async () => {
    const name = uniqueName('auth');
    const unknown = await vault('POST', `sys/auth/${name}`, { body: { type: 'no-such-auth' } });
    expect({ status: unknown.status, body: unknown.json }).toEqual({ status: 400, body: { errors: ['plugin not found in the catalog: no-such-auth'] } });
    const token = await vault('POST', `sys/auth/${name}`, { body: { type: 'token' } });
    expect({ status: token.status, body: token.json }).toEqual({ status: 400, body: { errors: ['token credential backend cannot be instantiated'] } });
    const missing = await vault('POST', `sys/auth/${name}`, { body: {} });
    expect({ status: missing.status, body: missing.json }).toEqual({ status: 400, body: { errors: ['backend type must be specified as a string'] } });
    const disable = await vault('DELETE', 'sys/auth/token');
    expect({ status: disable.status, body: disable.json }).toEqual({ status: 400, body: { errors: ['token credential backend cannot be disabled'] } });
  });

  it('reads and disables only exact auth mounts', async () => {
    const name = uniqueName('auth');
    const read = await vault('GET', `sys/auth/${name}`);
    expect({ status: read.status, body: read.json }).toEqual({ status: 400, body: { errors: [`No auth engine at ${name}/`] } });
    expect((await vault('DELETE', `sys/auth/${name}`)).status).toBe(204);
  });

  it('tunes token/ (restoring it afterwards) but not its token_type', async () => {
    const tune = await vault('GET', 'sys/auth/token/tune');
    expect(tune.json.data).toMatchObject({ description: 'token based credentials', force_no_cache: false, token_type: 'default-service' });
    const refused = await vault('POST', 'sys/auth/token/tune', { body: { token_type: 'batch' } });
    expect({ status: refused.status, body: refused.json }).toEqual({
      status: 400,
      body: { errors: ["'token_type' cannot be set for 'token' or 'ns_token' auth mounts"] },
    });
    const original = tune.json.data.description;
    try {
      expect((await vault('POST', 'sys/auth/token/tune', { body: { description: 'conformance' } })).status).toBe(204);
      expect((await vault('GET', 'sys/auth/token/tune')).json.data.description).toBe('conformance');
    } finally {
      await vault('POST', 'sys/auth/token/tune', { body: { description: original } });
    }
  });
});
