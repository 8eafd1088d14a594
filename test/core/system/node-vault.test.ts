// node-vault 0.12.0's mount, auth and remount commands against vault-emu.
import nodeVault from 'node-vault';
import { describe, expect, it } from 'vitest';
import { liveEmu, ROOT } from '../../helpers/emulator.js';

describe('node-vault sys commands', () => {
  it('mounts, remounts and unmounts a secrets engine', async () => {
    const emu = await liveEmu();
    const vault = nodeVault({ endpoint: emu.url, token: ROOT });
    await vault.mount({ mount_point: 'team', type: 'kv', description: 'team secrets' });
    expect((await vault.mounts())['team/']).toMatchObject({ type: 'kv', description: 'team secrets', options: {} });
    await vault.write('team/db', { password: 'p' });
    const moved = await vault.remount({ from: 'team', to: 'squad' });
    expect(moved.data.migration_id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await vault.read('squad/db')).data).toEqual({ password: 'p' });
    await vault.unmount({ mount_point: 'squad' });
    expect((await vault.mounts()).data['squad/']).toBeUndefined();
  });

  it('lists auth methods and rejects with Vault’s first error message', async () => {
    const emu = await liveEmu();
    const vault = nodeVault({ endpoint: emu.url, token: ROOT });
    expect((await vault.auths()).data['token/'].type).toBe('token');
    await expect(vault.enableAuth({ mount_point: 'other', type: 'token' })).rejects.toThrow('token credential backend cannot be instantiated');
    await expect(vault.disableAuth({ mount_point: 'token' })).rejects.toThrow('token credential backend cannot be disabled');
    await expect(vault.mount({ mount_point: 'x', type: 'no-such' })).rejects.toThrow('plugin not found in the catalog: no-such');
  });
});
