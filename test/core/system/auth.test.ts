import { describe, expect, it } from 'vitest';
import { PluginCatalog } from '../../../src/core/plugins.js';
import { defineEngine } from '../../../src/framework/engine.js';
import { builtinPlugins } from '../../../src/engines/registry.js';
import { BuiltinDatabasePlugins } from '../../../src/backends/database/catalog.js';
import { call, testEmu } from '../../helpers/emulator.js';

describe('sys/auth', () => {
  it('lists token/ with its fixed shape, injected at the top level', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'GET', '/v1/sys/auth');
    expect(res.status).toBe(200);
    const token = res.json.data['token/'];
    expect(token.accessor).toMatch(/^auth_token_[0-9a-f]{8}$/);
    expect(token.uuid).toMatch(/^[0-9a-f-]{36}$/);
    const { accessor: _a, uuid: _u, ...rest } = token;
    expect(rest).toEqual({
      config: { default_lease_ttl: 0, force_no_cache: false, max_lease_ttl: 0, token_type: 'default-service' },
      description: 'token based credentials',
      external_entropy_access: false,
      local: false,
      options: null,
      plugin_version: '',
      running_plugin_version: 'v1.17.6+builtin.vault',
      running_sha256: '',
      seal_wrap: false,
      type: 'token',
    });
    expect(Object.keys(res.json.data)).toEqual(['token/']);
    expect(res.json['token/']).toEqual(token);
  });

  it('reads one auth mount by its exact path', async () => {
    const emu = await testEmu();
    expect((await call(emu, 'GET', '/v1/sys/auth/token')).json.data.type).toBe('token');
    const res = await call(emu, 'GET', '/v1/sys/auth/token/sub');
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ errors: ['No auth engine at token/sub/'] });
  });

  const refusals: [string, string, unknown, string][] = [
    ['an unknown auth type', 'kerberos', { type: 'kerberos' }, 'plugin not found in the catalog: kerberos'],
    ['a second token mount', 'tok2', { type: 'token' }, 'token credential backend cannot be instantiated'],
    ['an overlapping path', 'token/sub', { type: 'token' }, 'path is already in use at token/'],
    ['a missing type', 'x', {}, 'backend type must be specified as a string'],
    ['a bad token_type', 'x', { type: 'userpass', config: { token_type: 'jwt' } }, "invalid value for 'token_type'"],
    ['a version option', 'x', { type: 'userpass', options: { version: '2' } }, 'auth method "userpass" does not allow setting a version'],
    ['an unconvertible config', 'x', { type: 'userpass', config: { max_lease_ttl: false } }, 'unable to convert given auth config information'],
    ['a non-builtin token version', 'x', { type: 'token', config: { plugin_version: '2.0.0' } }, 'cannot select non-builtin version of auth plugin token'],
  ];
  for (const [name, path, body, message] of refusals) {
    it(`refuses ${name} with 400`, async () => {
      const emu = await testEmu();
      const res = await call(emu, 'POST', `/v1/sys/auth/${path}`, body);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ errors: [message] });
    });
  }

  it('never disables token/, and answers 204 for a path that is not a mount', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'DELETE', '/v1/sys/auth/token');
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ errors: ['token credential backend cannot be disabled'] });
    expect((await call(emu, 'DELETE', '/v1/sys/auth/nope')).status).toBe(204);
    expect((await call(emu, 'DELETE', '/v1/sys/auth/token/sub')).status).toBe(204);
  });

  it('enables, lists, reads and disables an auth plugin from the catalog', async () => {
    // An auth plugin registered the way approle will be, to prove the endpoints are catalog-driven.
    const catalog = new PluginCatalog([
      ...builtinPlugins('1.17.6', { databasePlugins: new BuiltinDatabasePlugins(() => 0) }),
      { type: 'userpass', kind: 'auth', create: () => defineEngine({ paths: [] }), runningVersion: 'v1.17.6+builtin.vault', deprecationStatus: 'supported' },
    ]);
    const emu = await testEmu();
    Object.defineProperty(emu.core, 'catalog', { value: catalog });
    const res = await call(emu, 'POST', '/v1/sys/auth/users', { type: 'userpass', description: 'people', config: { token_type: 'batch', default_lease_ttl: 60 } });
    expect(res.status).toBe(204);
    const info = (await call(emu, 'GET', '/v1/sys/auth/users')).json.data;
    expect(info.accessor).toMatch(/^auth_userpass_[0-9a-f]{8}$/);
    expect(info).toMatchObject({
      config: { default_lease_ttl: 60, force_no_cache: false, max_lease_ttl: 0, token_type: 'batch' },
      deprecation_status: 'supported',
      description: 'people',
      options: {},
      type: 'userpass',
    });
    expect(Object.keys((await call(emu, 'GET', '/v1/sys/auth')).json.data).sort()).toEqual(['token/', 'users/']);
    expect((await call(emu, 'GET', '/v1/auth/users/x')).json).toEqual({ errors: ['1 error occurred:\n\t* unsupported path\n\n'] });
    const lockout = await call(emu, 'POST', '/v1/sys/auth/users/tune', { user_lockout_config: { lockout_threshold: '7', lockout_duration: '10m' } });
    expect(lockout.status).toBe(204);
    expect((await call(emu, 'GET', '/v1/sys/auth/users')).json.data.config.user_lockout_config).toEqual({
      user_lockout_counter_reset_duration: 0,
      user_lockout_disable: false,
      user_lockout_duration: 600,
      user_lockout_threshold: 7,
    });
    expect((await call(emu, 'POST', '/v1/sys/auth/users/tune', { token_type: 'service' })).status).toBe(204);
    expect((await call(emu, 'GET', '/v1/sys/auth/users/tune')).json.data.token_type).toBe('service');
    expect((await call(emu, 'DELETE', '/v1/sys/auth/users')).status).toBe(204);
    expect((await call(emu, 'GET', '/v1/auth/users/x')).json).toEqual({ errors: ['no handler for route "auth/users/x". route entry not found.'] });
  });
});
