// node-vault 0.12.0 (axios underneath) against a live emulator: mounts, KV v1 with its LIST verb,
// health, help, and errors surfacing as `errors[0]`.
import { describe, expect, it } from 'vitest';
import { ROOT, liveEmu } from '../helpers/emulator.js';
import { failure, nodeVault } from '../helpers/clients.js';

async function client(extra: Record<string, unknown> = {}) {
  const emu = await liveEmu();
  return { emu, vault: nodeVault({ endpoint: emu.url, token: ROOT, ...extra }) };
}


describe('node-vault', () => {
  it('mounts, then writes, reads, lists (LIST verb and ?list=1) and deletes KV v1 secrets', async () => {
    const { vault, emu } = await client();
    await vault.mount({ mount_point: 'nv', type: 'kv', description: 'node-vault test' });
    const mounts = await vault.mounts();
    expect(mounts['nv/']).toMatchObject({ type: 'kv', description: 'node-vault test' });
    expect(mounts.data['nv/']).toMatchObject({ type: 'kv' });

    await vault.write('nv/app/db', { user: 'u', port: 5432 });
    await vault.write('nv/app/api', { key: 'k' });
    const read = await vault.read('nv/app/db');
    expect(read.data).toEqual({ user: 'u', port: 5432 });
    expect(read.lease_duration).toBe(2764800);
    expect(read.mount_type).toBe('kv');

    expect((await vault.list('nv/app')).data.keys).toEqual(['api', 'db']);
    expect((await vault.list('nv/')).data.keys).toEqual(['app/']);
    const getList = nodeVault({ endpoint: emu.url, token: ROOT, noCustomHTTPVerbs: true });
    expect((await getList.list('nv/app')).data.keys).toEqual(['api', 'db']);

    await vault.delete('nv/app/db');
    expect(await failure(vault.read('nv/app/db'))).toEqual({ message: 'Status 404', status: 404 });
    expect(await failure(vault.list('nv/none'))).toEqual({ message: 'Status 404', status: 404 });
    await vault.unmount({ mount_point: 'nv' });
    expect((await vault.mounts())['nv/']).toBeUndefined();
  });

  it('health resolves with the body whatever the status, and help returns the help text', async () => {
    const { vault } = await client();
    expect(await vault.health()).toMatchObject({ initialized: true, sealed: false, standby: false, version: '1.17.6' });
    expect(await vault.health({ activecode: 299 })).toMatchObject({ initialized: true });
    await vault.mount({ mount_point: 'nvh', type: 'kv' });
    expect(typeof (await vault.help('nvh/x')).help).toBe('string');
  });

  it('rejects with Vault’s errors[0]', async () => {
    const { vault, emu } = await client();
    expect(await failure(vault.read('nowhere/x'))).toEqual({ message: 'no handler for route "nowhere/x". route entry not found.', status: 404 });
    expect(await failure(vault.write('secret/', { a: 1 }))).toEqual({ message: "cannot write to a path ending in '/'", status: 400 });
    await vault.mount({ mount_point: 'nve', type: 'kv' });
    expect(await failure(vault.update('nve/x', { a: 1 }))).toEqual({ message: '1 error occurred:\n\t* unsupported operation\n\n', status: 405 });
    const stranger = nodeVault({ endpoint: emu.url, token: 'hvs.unknown' });
    expect(await failure(stranger.read('nve/x'))).toEqual({ message: '2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n', status: 403 });
    const anonymous = nodeVault({ endpoint: emu.url, token: '' });
    expect(await failure(anonymous.read('nve/x'))).toEqual({ message: 'permission denied', status: 403 });
  });

  it('sends its namespace header; a non-empty one is echoed', async () => {
    const { emu } = await client();
    const withNs = nodeVault({ endpoint: emu.url, token: ROOT, namespace: 'team-a' });
    expect((await withNs.mounts())['sys/']).toMatchObject({ type: 'system' });
    const res = await fetch(`${emu.url}/v1/sys/mounts`, { headers: { 'X-Vault-Token': ROOT, 'X-Vault-Namespace': 'team-a' } });
    expect(res.headers.get('x-vault-namespace')).toBe('team-a');
  });
});
