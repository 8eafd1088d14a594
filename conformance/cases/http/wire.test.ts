import { describe, expect, it } from 'vitest';
import { rootToken, vault, vaultAddr } from '../../lib/client.js';
import { rawRequest } from '../../lib/raw-http.js';

describe('paths, redirects and headers (conformance)', () => {
  it('a path with // or a dot segment is redirected (301) to the cleaned path', async () => {
    const slashes = await rawRequest({ method: 'GET', target: '/v1//sys/health?standbyok=true' });
    expect([slashes.status, slashes.headers.location]).toEqual([301, '/v1/sys/health?standbyok=true']);
    const dots = await rawRequest({ method: 'GET', target: '/v1/sys/mounts/../health' });
    expect([dots.status, dots.headers.location]).toEqual([301, '/v1/sys/health']);
  });

  it('/v1/sys without its slash is redirected to /v1/sys/', async () => {
    const res = await fetch(`${vaultAddr()}/v1/sys`, { redirect: 'manual', headers: { 'X-Vault-Token': rootToken() } });
    expect([res.status, res.headers.get('location')]).toEqual([301, '/v1/sys/']);
  });

  it('/ and /ui are redirected (307) to /ui/', async () => {
    for (const path of ['/', '/ui']) {
      const res = await fetch(`${vaultAddr()}${path}`, { redirect: 'manual' });
      expect([path, res.status, res.headers.get('location')]).toEqual([path, 307, '/ui/']);
    }
  });

  it('X-Vault-Namespace: empty is accepted, a non-empty value is echoed', async () => {
    const empty = await vault('GET', 'sys/mounts', { headers: { 'X-Vault-Namespace': '' } });
    expect(empty.status).toBe(200);
    expect(empty.headers.get('x-vault-namespace')).toBeNull();
    const res = await vault('GET', 'sys/health', { headers: { 'X-Vault-Namespace': 'ns1/' } });
    expect(res.headers.get('x-vault-namespace')).toBe('ns1/');
  });

  it('Authorization: Bearer carries the token when X-Vault-Token is absent', async () => {
    const res = await vault('GET', 'sys/mounts', { token: null, headers: { Authorization: `Bearer ${rootToken()}` } });
    expect(res.status).toBe(200);
  });

  it('HEAD sys/health answers the status without a body', async () => {
    const res = await rawRequest({ method: 'HEAD', target: '/v1/sys/health', token: null });
    expect([res.status, res.body, res.headers['content-type']]).toEqual([200, '', 'application/json']);
  });
});
