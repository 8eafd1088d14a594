import { describe, expect, it } from 'vitest';
import { call, testEmu } from '../../helpers/emulator.js';

const anonymous = async (emu: Awaited<ReturnType<typeof testEmu>>, url: string, token?: string) => {
  const res = await emu.inject({ method: 'GET', url, headers: token === undefined ? {} : { 'x-vault-token': token } });
  return { status: res.statusCode, json: JSON.parse(res.body) };
};

describe('sys/internal/ui/mounts', () => {
  it('shows nothing without a token until a mount is tuned to listing_visibility=unauth', async () => {
    const emu = await testEmu();
    const empty = await anonymous(emu, '/v1/sys/internal/ui/mounts');
    expect(empty.status).toBe(200);
    expect(empty.json.data).toEqual({ auth: {}, secret: {} });
    expect(empty.json.mount_type).toBe('');
    await call(emu, 'POST', '/v1/sys/mounts/secret/tune', { listing_visibility: 'unauth' });
    await call(emu, 'POST', '/v1/sys/auth/token/tune', { listing_visibility: 'unauth' });
    const listed = await anonymous(emu, '/v1/sys/internal/ui/mounts');
    expect(listed.json.data).toEqual({
      auth: { 'token/': { description: 'token based credentials', options: null, type: 'token' } },
      secret: { 'secret/': { description: 'key/value secret storage', options: { version: '2' }, type: 'kv' } },
    });
    expect(listed.json['secret']).toBeUndefined();
  });

  it('shows every mount with full info and effective TTLs to the root token', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'GET', '/v1/sys/internal/ui/mounts');
    expect(res.status).toBe(200);
    expect(Object.keys(res.json.data.secret).sort()).toEqual(['cubbyhole/', 'identity/', 'secret/', 'sys/']);
    expect(Object.keys(res.json.data.auth)).toEqual(['token/']);
    expect(res.json.data.secret['secret/'].config).toEqual({ default_lease_ttl: 2764800, force_no_cache: false, max_lease_ttl: 2764800 });
    expect(res.json.data.auth['token/'].config.token_type).toBe('default-service');
    expect(res.json.mount_type).toBe('');
  });

  it('refuses an unknown token with Vault 1.17 invalid-token 403', async () => {
    const emu = await testEmu();
    const res = await anonymous(emu, '/v1/sys/internal/ui/mounts', 'hvs.unknown');
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ errors: ['2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n'] });
  });
});

describe('sys/internal/ui/mounts/:path', () => {
  it('answers the mount containing the path with its path (the vault kv preflight)', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'GET', '/v1/sys/internal/ui/mounts/secret/foo/bar');
    expect(res.status).toBe(200);
    const { accessor, uuid, ...rest } = res.json.data;
    expect(accessor).toMatch(/^kv_[0-9a-f]{8}$/);
    expect(uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(rest).toEqual({
      config: { default_lease_ttl: 2764800, force_no_cache: false, max_lease_ttl: 2764800 },
      deprecation_status: 'supported',
      description: 'key/value secret storage',
      external_entropy_access: false,
      local: false,
      options: { version: '2' },
      path: 'secret/',
      plugin_version: '',
      running_plugin_version: 'v0.19.0+builtin',
      running_sha256: '',
      seal_wrap: false,
      type: 'kv',
    });
    expect(res.json.path).toBeUndefined();
    expect(res.json.mount_type).toBe('');
  });

  it('gives an auth mount its path without the auth/ prefix', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'GET', '/v1/sys/internal/ui/mounts/auth/token/lookup-self');
    expect([res.json.data.type, res.json.data.path]).toEqual(['token', 'token/']);
  });

  it('answers the preflight 403 for an unknown mount', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'GET', '/v1/sys/internal/ui/mounts/nope/x');
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ errors: ['preflight capability check returned 403, please ensure client\'s policies grant access to path "nope/x/"'] });
  });

  it('refuses a request without a token, or with an unknown one', async () => {
    const emu = await testEmu();
    const none = await anonymous(emu, '/v1/sys/internal/ui/mounts/secret');
    expect(none.status).toBe(403);
    expect(none.json).toEqual({ errors: ['permission denied'] });
    const bad = await anonymous(emu, '/v1/sys/internal/ui/mounts/secret', 'hvs.unknown');
    expect(bad.status).toBe(403);
    expect(bad.json).toEqual({ errors: ['2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n'] });
  });
});
