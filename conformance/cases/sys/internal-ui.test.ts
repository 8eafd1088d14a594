import { describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';
import { uniqueName } from '../../lib/names.js';

describe('sys/internal/ui/mounts (conformance)', () => {
  it('answers the vault kv preflight for secret/ with the mount path and effective TTLs', async () => {
    const res = await vault('GET', 'sys/internal/ui/mounts/secret/some/key');
    expect(res.status).toBe(200);
    expect(res.json.mount_type).toBe('');
    expect(res.json.data).toMatchObject({
      config: { default_lease_ttl: 2764800, force_no_cache: false, max_lease_ttl: 2764800 },
      deprecation_status: 'supported',
      description: 'key/value secret storage',
      external_entropy_access: false,
      local: false,
      options: { version: '2' },
      path: 'secret/',
      plugin_version: '',
      running_sha256: '',
      seal_wrap: false,
      type: 'kv',
    });
    expect(res.json.data.accessor).toMatch(/^kv_[0-9a-f]{8}$/);
    expect(res.json.path).toBeUndefined();
  });

  it('answers the preflight 403 for a path without a mount, and refuses missing or unknown tokens', async () => {
    const name = uniqueName('none');
    const missing = await vault('GET', `sys/internal/ui/mounts/${name}`);
    expect({ status: missing.status, body: missing.json }).toEqual({
      status: 403,
      body: { errors: [`preflight capability check returned 403, please ensure client's policies grant access to path "${name}/"`] },
    });
    const none = await vault('GET', 'sys/internal/ui/mounts/secret', { token: null });
    expect({ status: none.status, body: none.json }).toEqual({ status: 403, body: { errors: ['permission denied'] } });
    const bad = await vault('GET', 'sys/internal/ui/mounts/secret', { token: 'hvs.conformance-unknown' });
    expect({ status: bad.status, body: bad.json }).toEqual({ status: 403, body: { errors: ['2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n'] } });
  });

  it('lists every mount to the root token, and only unauth-visible ones without a token', async () => {
    const root = await vault('GET', 'sys/internal/ui/mounts');
    expect(root.status).toBe(200);
    expect(Object.keys(root.json.data.secret)).toEqual(expect.arrayContaining(['cubbyhole/', 'identity/', 'secret/', 'sys/']));
    expect(root.json.data.auth['token/'].config.token_type).toBe('default-service');
    const path = uniqueName('ui');
    await vault('POST', `sys/mounts/${path}`, { body: { type: 'kv', description: 'shown', config: { listing_visibility: 'unauth' } } });
    try {
      const anonymous = await vault('GET', 'sys/internal/ui/mounts', { token: null });
      expect(anonymous.status).toBe(200);
      expect(anonymous.json.data.secret[`${path}/`]).toEqual({ description: 'shown', options: {}, type: 'kv' });
      expect(anonymous.json.data.secret['sys/']).toBeUndefined();
    } finally {
      await vault('DELETE', `sys/mounts/${path}`);
    }
  });
});
