// sys/rekey/init, /update and /verify: new shares replace the old ones; status and failure answers.
import { describe, expect, it } from 'vitest';
import { testEmu } from '../../helpers/emulator.js';
import { DECRYPT_FAILURE, expectError, foreignShare, init, req, unseal, UUID } from './helpers.js';

async function unsealedServer(shares: number, threshold: number) {
  const emu = await testEmu({ dev: false });
  const keys = await init(emu, shares, threshold);
  await unseal(emu, keys.keys.slice(0, threshold));
  return { emu, ...keys };
}

const IDLE = {
  nonce: '',
  started: false,
  t: 0,
  n: 0,
  progress: 0,
  required: 2,
  pgp_fingerprints: null,
  backup: false,
  verification_required: false,
};

describe('sys/rekey', () => {
  it('replaces the unseal key: old shares stop working, the new ones unseal', async () => {
    const { emu, keys, rootToken } = await unsealedServer(3, 2);
    expect((await req(emu, 'GET', '/v1/sys/rekey/init')).json).toEqual(IDLE);

    const start = await req(emu, 'PUT', '/v1/sys/rekey/init', { secret_shares: 5, secret_threshold: 3 });
    expect(start.status).toBe(200);
    expect(start.json).toMatchObject({ started: true, t: 3, n: 5, progress: 0, required: 2, verification_required: false });
    expect(start.json).not.toHaveProperty('verification_nonce');
    const { nonce } = start.json;
    expect(nonce).toMatch(UUID);
    expectError(await req(emu, 'PUT', '/v1/sys/rekey/init', { secret_shares: 1, secret_threshold: 1 }), 400, 'rekey already in progress');

    const one = await req(emu, 'PUT', '/v1/sys/rekey/update', { key: keys[0], nonce });
    expect(one.json).toEqual({ ...IDLE, nonce, started: true, t: 3, n: 5, progress: 1 });
    expectError(await req(emu, 'PUT', '/v1/sys/rekey/update', { key: keys[0], nonce }), 400, 'given key has already been provided during this generation operation');
    expectError(await req(emu, 'PUT', '/v1/sys/rekey/update', { key: keys[1], nonce: 'x' }), 400, `incorrect nonce supplied; nonce for this rekey operation is "${nonce}"`);
    const done = await req(emu, 'PUT', '/v1/sys/rekey/update', { key: keys[2], nonce });
    expect(Object.keys(done.json)).toEqual(['nonce', 'complete', 'keys', 'keys_base64', 'pgp_fingerprints', 'backup', 'verification_required']);
    expect(done.json).toMatchObject({ nonce, complete: true, pgp_fingerprints: null, backup: false, verification_required: false });
    expect(done.json.keys).toHaveLength(5);
    for (const k of done.json.keys) expect(k).toMatch(/^[0-9a-f]{66}$/);
    expect(emu.unsealKeys).toEqual(done.json.keys_base64);
    expect((await req(emu, 'GET', '/v1/sys/rekey/init')).json).toEqual({ ...IDLE, required: 3 });

    expect((await req(emu, 'PUT', '/v1/sys/seal', undefined, rootToken)).status).toBe(204);
    expect((await req(emu, 'GET', '/v1/sys/seal-status')).json).toMatchObject({ sealed: true, t: 3, n: 5 });
    for (const key of keys.slice(0, 2)) await req(emu, 'PUT', '/v1/sys/unseal', { key });
    expectError(await req(emu, 'PUT', '/v1/sys/unseal', { key: keys[2] }), 400, `unable to retrieve stored keys: ${DECRYPT_FAILURE}`);
    await unseal(emu, done.json.keys_base64.slice(2));
  });

  it('with verification, the new key is installed only once its shares come back', async () => {
    const { emu, keys, rootToken } = await unsealedServer(1, 1);
    const { nonce } = (await req(emu, 'PUT', '/v1/sys/rekey/init', { secret_shares: 3, secret_threshold: 2, require_verification: true })).json;
    const done = await req(emu, 'PUT', '/v1/sys/rekey/update', { key: keys[0], nonce });
    expect(done.json).toMatchObject({ complete: true, verification_required: true });
    const vnonce = done.json.verification_nonce;
    expect(vnonce).toMatch(UUID);
    expect((await req(emu, 'GET', '/v1/sys/rekey/init')).json).toMatchObject({ started: true, verification_required: true, verification_nonce: vnonce });
    expectError(
      await req(emu, 'PUT', '/v1/sys/rekey/update', { key: keys[0], nonce }),
      400,
      `rekey operation already finished; verification must be performed; nonce for the verification operation is "${vnonce}"`,
    );
    expect((await req(emu, 'GET', '/v1/sys/rekey/verify')).json).toEqual({ nonce: vnonce, started: true, t: 2, n: 3, progress: 0 });
    expectError(await req(emu, 'PUT', '/v1/sys/rekey/verify', { key: done.json.keys[0], nonce: 'x' }), 400, `incorrect nonce supplied; nonce for this verify operation is "${vnonce}"`);

    // Shares of some other key fail and rotate the verification nonce.
    await req(emu, 'PUT', '/v1/sys/rekey/verify', { key: done.json.keys[0], nonce: vnonce });
    expectError(await req(emu, 'PUT', '/v1/sys/rekey/verify', { key: foreignShare([done.json.keys[0]]), nonce: vnonce }), 400, 'rekey verification failed; incorrect key shares supplied');
    const fresh = (await req(emu, 'GET', '/v1/sys/rekey/verify')).json;
    expect(fresh.nonce).not.toBe(vnonce);
    expect(fresh.progress).toBe(0);

    await req(emu, 'PUT', '/v1/sys/rekey/verify', { key: done.json.keys[1], nonce: fresh.nonce });
    const verified = await req(emu, 'PUT', '/v1/sys/rekey/verify', { key: done.json.keys[2], nonce: fresh.nonce });
    expect(verified.json).toEqual({ nonce: fresh.nonce, complete: true });
    expectError(await req(emu, 'GET', '/v1/sys/rekey/verify'), 400, 'no rekey configuration found');

    await req(emu, 'PUT', '/v1/sys/seal', undefined, rootToken);
    await unseal(emu, done.json.keys.slice(0, 2));
  });

  it('validates a rekey request as Vault does', async () => {
    const { emu } = await unsealedServer(3, 2);
    expectError(await req(emu, 'PUT', '/v1/sys/rekey/init', {}), 500, 'invalid rekey seal configuration: shares must be at least one');
    expectError(await req(emu, 'PUT', '/v1/sys/rekey/init', { secret_shares: 2, secret_threshold: 3 }), 400, 'provided threshold greater than the total shares');
    expectError(
      await req(emu, 'PUT', '/v1/sys/rekey/init', { secret_shares: 2, secret_threshold: 2, backup: true }),
      400,
      'cannot request a backup of the new keys without providing PGP keys for encryption',
    );
    expectError(await req(emu, 'PUT', '/v1/sys/rekey/init', { secret_shares: 2, secret_threshold: 2, pgp_keys: ['a'] }), 400, 'incorrect number of PGP keys for rekey');
    expectError(await req(emu, 'PUT', '/v1/sys/rekey/update', { key: foreignShare(), nonce: '' }), 400, 'no barrier rekey in progress');
    expectError(await req(emu, 'PUT', '/v1/sys/rekey/update', { key: Buffer.alloc(8).toString('base64') }), 400, 'key is shorter than minimum 16 bytes');
    expect((await req(emu, 'PATCH', '/v1/sys/rekey/init', {})).status).toBe(405);
  });

  it('wrong current shares fail at the threshold with 500; cancel forgets the rekey', async () => {
    const { emu, keys } = await unsealedServer(3, 2);
    const { nonce } = (await req(emu, 'PUT', '/v1/sys/rekey/init', { secret_shares: 1, secret_threshold: 1 })).json;
    await req(emu, 'PUT', '/v1/sys/rekey/update', { key: keys[0], nonce });
    expectError(await req(emu, 'PUT', '/v1/sys/rekey/update', { key: foreignShare([keys[0]!]), nonce }), 500, `failed to read root key: ${DECRYPT_FAILURE}`);
    expect((await req(emu, 'GET', '/v1/sys/rekey/init')).json).toMatchObject({ started: true, progress: 0 });
    expect((await req(emu, 'DELETE', '/v1/sys/rekey/init')).status).toBe(204);
    expect((await req(emu, 'GET', '/v1/sys/rekey/init')).json).toEqual(IDLE);
  });

  it('a single new share is the key itself', async () => {
    const { emu, keys } = await unsealedServer(1, 1);
    const { nonce } = (await req(emu, 'PUT', '/v1/sys/rekey/init', { secret_shares: 1, secret_threshold: 1 })).json;
    const done = await req(emu, 'PUT', '/v1/sys/rekey/update', { key: keys[0], nonce });
    expect(done.json.keys[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is refused while sealed, and recovery-key rekeying does not exist for shamir', async () => {
    const emu = await testEmu({ dev: false });
    await init(emu, 1, 1);
    expectError(await req(emu, 'PUT', '/v1/sys/rekey/init', { secret_shares: 1, secret_threshold: 1 }), 503, 'node is not active');
    expectError(await req(emu, 'PUT', '/v1/sys/rekey/update', {}), 503, 'node is not active');
    const { emu: live, keys } = await unsealedServer(1, 1);
    expectError(await req(live, 'GET', '/v1/sys/rekey-recovery-key/init'), 400, 'recovery rekeying not supported');
    expectError(await req(live, 'GET', '/v1/sys/rekey-recovery-key/verify'), 400, 'recovery rekeying not supported');
    expectError(await req(live, 'PUT', '/v1/sys/rekey-recovery-key/update', { key: keys[0] }), 500, 'failed to fetch existing recovery config: recovery not supported');
  });
});
