// node-vault 0.12.0's own init scenario against a non-dev server: init, status, unseal, use the root
// token; then its generate-root and seal commands.
import { describe, expect, it } from 'vitest';
import nodeVault from 'node-vault';
import { liveEmu } from '../helpers/emulator.js';

describe('node-vault against a non-dev vault-emu', () => {
  it('initialises, reports status, unseals and works with the root token', async () => {
    const emu = await liveEmu({ dev: false });
    const vault = nodeVault({ endpoint: emu.url });

    expect(await vault.initialized()).toEqual({ initialized: false });
    const result = await vault.init({ secret_shares: 1, secret_threshold: 1 });
    expect(result.keys).toHaveLength(1);
    expect(typeof result.root_token).toBe('string');
    expect(emu.rootToken).toBe(result.root_token);

    const status = await vault.status();
    expect(status).toMatchObject({ sealed: true, t: 1, n: 1, progress: 0 });
    await expect(vault.init({ secret_shares: 1, secret_threshold: 1 })).rejects.toThrow('Vault is already initialized');

    const unsealed = await vault.unseal({ secret_shares: 1, key: result.keys[0] });
    expect(unsealed.sealed).toBe(false);

    vault.token = result.root_token;
    const mounts = await vault.mounts();
    expect(Object.keys(mounts.data)).toContain('sys/');
    await vault.mount({ mount_point: 'app', type: 'kv' });
    await vault.write('app/greeting', { value: 'hello' });
    expect((await vault.read('app/greeting')).data).toEqual({ value: 'hello' });
  });

  it('generates a root token, rotates, steps down and seals', async () => {
    const emu = await liveEmu({ dev: false });
    const vault = nodeVault({ endpoint: emu.url });
    const { keys, root_token } = await vault.init({ secret_shares: 3, secret_threshold: 2 });
    await vault.unseal({ key: keys[0] });
    await vault.unseal({ key: keys[1] });
    vault.token = root_token;

    const attempt = await vault.generateRootInit({});
    expect(attempt).toMatchObject({ started: true, progress: 0, required: 2, pgp_fingerprint: '', complete: false });
    await vault.generateRootUpdate({ key: keys[2], nonce: attempt.nonce });
    const done = await vault.generateRootUpdate({ key: keys[0], nonce: attempt.nonce });
    expect(done.complete).toBe(true);
    const token = Buffer.from(Buffer.from(done.encoded_token, 'base64').map((b, i) => b ^ attempt.otp.charCodeAt(i))).toString();
    vault.token = token;
    expect((await vault.mounts()).data).toHaveProperty('sys/');

    await vault.rotate();
    await vault.stepDown();
    await vault.seal();
    expect((await vault.status()).sealed).toBe(true);
    await expect(vault.mounts()).rejects.toThrow('Vault is sealed');
  });
});
