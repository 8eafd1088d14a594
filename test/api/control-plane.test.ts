import { describe, expect, it } from 'vitest';
import { call, testEmu } from '../helpers/emulator.js';

describe('/_emu/ control plane', () => {
  it('GET /_emu/info names the emulator, its version, the Vault version and the clock mode', async () => {
    const emu = await testEmu({ clock: 'virtual', vaultVersion: '1.17.6' });
    const res = await call(emu, 'GET', '/_emu/info');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ name: 'vault-emu', version: expect.any(String), vault_version: '1.17.6', clock_mode: 'virtual' });
  });

  it('requires the root token and answers in Vault’s error shape', async () => {
    const emu = await testEmu();
    const none = await emu.inject({ method: 'GET', url: '/_emu/info' });
    expect(none.statusCode).toBe(403);
    expect(JSON.parse(none.body)).toEqual({ errors: ['permission denied'] });
    const wrong = await emu.inject({ method: 'GET', url: '/_emu/info', headers: { 'x-vault-token': 'hvs.nope' } });
    expect(wrong.statusCode).toBe(403);
  });

  it('keeps two emulators in one process independent', async () => {
    const a = await testEmu({ rootToken: 'root' });
    const b = await testEmu({ rootToken: 'root' });
    await call(a, 'POST', '/v1/sys/mounts/only-a', { type: 'kv' });
    expect((await call(a, 'GET', '/v1/sys/mounts/only-a')).status).toBe(200);
    expect((await call(b, 'GET', '/v1/sys/mounts/only-a')).status).toBe(400);
  });

  it('a seed makes generated ids reproducible', async () => {
    const a = await testEmu({ seed: 'same', rootToken: undefined });
    const b = await testEmu({ seed: 'same', rootToken: undefined });
    expect(a.rootToken).toMatch(/^hvs\.[A-Za-z0-9]{24}$/);
    expect(a.rootToken).toBe(b.rootToken);
    const ma = (await a.inject({ method: 'GET', url: '/v1/sys/mounts', headers: { 'x-vault-token': a.rootToken } })).json();
    const mb = (await b.inject({ method: 'GET', url: '/v1/sys/mounts', headers: { 'x-vault-token': b.rootToken } })).json();
    expect(ma.data['secret/'].accessor).toBe(mb.data['secret/'].accessor);
    expect(ma.data['secret/'].uuid).toBe(mb.data['secret/'].uuid);
  });
});
