import { describe, expect, it } from 'vitest';
import { call, testEmu } from '../helpers/emulator.js';

describe('HTTP envelope and status mapping', () => {
  it('renders a KV v1 read with Vault’s envelope, key order, headers and trailing newline', async () => {
    const emu = await testEmu();
    expect((await call(emu, 'POST', '/v1/sys/mounts/kv1', { type: 'kv' })).status).toBe(204);
    expect((await call(emu, 'PUT', '/v1/kv1/app', { b: '<&>', a: 1 })).status).toBe(204);
    const res = await call(emu, 'GET', '/v1/kv1/app');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text.endsWith('}\n')).toBe(true);
    expect(res.text).toContain('"data":{"a":1,"b":"\\u003c\\u0026\\u003e"}');
    expect(Object.keys(res.json)).toEqual(['request_id', 'lease_id', 'renewable', 'lease_duration', 'data', 'wrap_info', 'warnings', 'auth', 'mount_type']);
    expect(res.json.lease_duration).toBe(2764800);
    expect(res.json.mount_type).toBe('kv');
    expect(res.json.request_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('answers an unknown mount with no handler for route (root) and permission denied (no token)', async () => {
    const emu = await testEmu();
    const root = await call(emu, 'GET', '/v1/nope/x');
    expect(root.status).toBe(404);
    expect(root.json).toEqual({ errors: ['no handler for route "nope/x". route entry not found.'] });
    const anon = await emu.inject({ method: 'GET', url: '/v1/nope/x' });
    expect(anon.statusCode).toBe(403);
    expect(JSON.parse(anon.body)).toEqual({ errors: ['permission denied'] });
    const bad = await emu.inject({ method: 'GET', url: '/v1/secret/data/x', headers: { 'x-vault-token': 'hvs.nope' } });
    expect(bad.statusCode).toBe(403);
    expect(JSON.parse(bad.body)).toEqual({ errors: ['2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n'] });
  });

  it('rejects writes to a path ending in a slash and malformed JSON', async () => {
    const emu = await testEmu();
    expect((await call(emu, 'POST', '/v1/secret/', { a: 1 })).json).toEqual({ errors: ["cannot write to a path ending in '/'"] });
    const bad = await call(emu, 'POST', '/v1/sys/mounts/x', '{"type":');
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ errors: ['error parsing JSON'] });
    const arr = await call(emu, 'POST', '/v1/sys/mounts/x', '[1]');
    expect(arr.json).toEqual({ errors: ['error parsing JSON'] });
  });

  it('answers an empty list with 404 and an empty errors array', async () => {
    const emu = await testEmu();
    await call(emu, 'POST', '/v1/sys/mounts/kv1', { type: 'kv' });
    const res = await call(emu, 'GET', '/v1/kv1/?list=true');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ errors: [] });
    expect((await call(emu, 'GET', '/v1/kv1/?list=maybe')).status).toBe(400);
  });
});
