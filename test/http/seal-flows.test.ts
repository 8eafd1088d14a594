// sys/init, sys/unseal, sys/seal, sys/step-down and the sealed-node answers, through HTTP (inject).
import { describe, expect, it } from 'vitest';
import { call, testEmu } from '../helpers/emulator.js';
import { DECRYPT_FAILURE, expectError, foreignShare, init, req, shareWithX, unseal, UUID } from '../core/seal/helpers.js';

const PERMISSION_DENIED_INVALID_TOKEN = '2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n';

describe('a non-dev server before sys/init', () => {
  it('reports itself uninitialised and sealed on the raw status endpoints', async () => {
    const emu = await testEmu({ dev: false });
    expect(emu.rootToken).toBe('');
    expect(emu.unsealKeys).toEqual([]);
    const status = await req(emu, 'GET', '/v1/sys/seal-status');
    expect(status.status).toBe(200);
    expect(status.json).toEqual({
      type: 'shamir',
      initialized: false,
      sealed: true,
      t: 0,
      n: 0,
      progress: 0,
      nonce: '',
      version: '1.17.6',
      build_date: expect.any(String),
      migration: false,
      recovery_seal: false,
      storage_type: 'inmem',
    });
    const health = await req(emu, 'GET', '/v1/sys/health');
    expect(health.status).toBe(501);
    expect(health.json).toMatchObject({ initialized: false, sealed: true, standby: true });
    expect(health.json).not.toHaveProperty('cluster_name');
    const leader = await req(emu, 'GET', '/v1/sys/leader');
    expect(leader.status).toBe(200);
    expect(leader.json).toEqual({
      ha_enabled: false,
      is_self: false,
      active_time: '0001-01-01T00:00:00Z',
      leader_address: '',
      leader_cluster_address: '',
      performance_standby: false,
      performance_standby_last_remote_wal: 0,
    });
    expect((await req(emu, 'GET', '/v1/sys/init')).json).toEqual({ initialized: false });
  });

  it('answers 503 on logical paths and refuses the key flows', async () => {
    const emu = await testEmu({ dev: false });
    expectError(await req(emu, 'GET', '/v1/sys/mounts', undefined, 'root'), 503, 'Vault is sealed');
    expectError(await req(emu, 'PUT', '/v1/sys/unseal', { key: foreignShare() }), 400, 'Vault is not initialized');
    expectError(await req(emu, 'GET', '/v1/sys/generate-root/attempt'), 400, 'server is not yet initialized');
    expectError(await req(emu, 'GET', '/v1/sys/rekey/init'), 503, 'node is not active');
  });
});

describe('sys/init', () => {
  it.each([
    [{}, 'invalid seal configuration: shares must be at least one'],
    [{ secret_shares: 1 }, 'invalid seal configuration: threshold must be at least one'],
    [{ secret_shares: 3, secret_threshold: 1 }, 'invalid seal configuration: threshold must be greater than one for multiple shares'],
    [{ secret_shares: 256, secret_threshold: 2 }, 'invalid seal configuration: shares must be less than 256'],
    [{ secret_shares: 3, secret_threshold: 4 }, 'invalid seal configuration: threshold cannot be larger than shares'],
    [{ secret_shares: 1, secret_threshold: 1, recovery_shares: 1, recovery_threshold: 1 }, 'parameters recovery_shares,recovery_threshold not applicable to seal type shamir'],
    [{ secret_shares: 2, secret_threshold: 2, pgp_keys: ['a'] }, 'incorrect number of PGP keys'],
    [{ secret_shares: 1, secret_threshold: 1, pgp_keys: ['a!b'] }, 'invalid seal configuration: error decoding given PGP key: illegal base64 data at input byte 1'],
    [{ secret_shares: 1, secret_threshold: 1, pgp_keys: ['AAAA'] }, 'invalid seal configuration: error parsing given PGP key: openpgp: invalid data: tag byte does not have MSB set'],
    [{ secret_shares: '1', secret_threshold: 1 }, 'failed to parse JSON input: json: cannot unmarshal string into Go struct field InitRequest.secret_shares of type int'],
  ])('rejects %j', async (body, message) => {
    const emu = await testEmu({ dev: false });
    expectError(await req(emu, 'PUT', '/v1/sys/init', body), 400, message);
    expect((await req(emu, 'GET', '/v1/sys/init')).json).toEqual({ initialized: false });
  });

  it('splits a 32-byte key into hex and base64 shares, creates a root token, and stays sealed', async () => {
    const emu = await testEmu({ dev: false });
    const res = await req(emu, 'POST', '/v1/sys/init', { secret_shares: 5, secret_threshold: 3 });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(['keys', 'keys_base64', 'root_token']);
    expect(res.json.root_token).toMatch(/^hvs\.[A-Za-z0-9]{24}$/);
    expect(res.json.keys).toHaveLength(5);
    res.json.keys.forEach((hex: string, i: number) => {
      expect(hex).toMatch(/^[0-9a-f]{66}$/);
      expect(Buffer.from(res.json.keys_base64[i], 'base64').toString('hex')).toBe(hex);
    });
    expect(new Set(res.json.keys.map((k: string) => k.slice(64))).size).toBe(5);
    expect(emu.rootToken).toBe(res.json.root_token);
    expect(emu.unsealKeys).toEqual(res.json.keys_base64);
    const status = (await req(emu, 'GET', '/v1/sys/seal-status')).json;
    expect(status).toMatchObject({ initialized: true, sealed: true, t: 3, n: 5, progress: 0, nonce: '' });
    expect((await req(emu, 'GET', '/v1/sys/health')).status).toBe(503);
    expectError(await req(emu, 'GET', '/v1/sys/mounts', undefined, res.json.root_token), 503, 'Vault is sealed');
    expectError(await req(emu, 'PUT', '/v1/sys/init', { secret_shares: 1, secret_threshold: 1 }), 400, 'Vault is already initialized');
    expect((await req(emu, 'DELETE', '/v1/sys/init')).status).toBe(405);
  });

  it('with one share returns the unseal key itself (32 bytes)', async () => {
    const emu = await testEmu({ dev: false });
    const { keys } = await init(emu, 1, 1);
    expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('sys/unseal', () => {
  it('counts distinct shares under one nonce, then unseals; the API works with the init root token', async () => {
    const emu = await testEmu({ dev: false });
    const { keys, keysBase64, rootToken } = await init(emu, 3, 2);
    const first = await req(emu, 'PUT', '/v1/sys/unseal', { key: keys[0] });
    expect(first.json).toMatchObject({ sealed: true, t: 2, n: 3, progress: 1 });
    expect(first.json.nonce).toMatch(UUID);
    const again = await req(emu, 'PUT', '/v1/sys/unseal', { key: keys[0] });
    expect(again.json).toMatchObject({ sealed: true, progress: 1, nonce: first.json.nonce });
    const done = await req(emu, 'PUT', '/v1/sys/unseal', { key: keysBase64[2] });
    expect(done.json).toMatchObject({ sealed: false, progress: 0, nonce: '' });
    expect(done.json.cluster_name).toMatch(/^vault-cluster-/);
    expect((await req(emu, 'GET', '/v1/sys/health')).status).toBe(200);
    const mounts = await req(emu, 'GET', '/v1/sys/mounts', undefined, rootToken);
    expect(mounts.status).toBe(200);
    expect(Object.keys(mounts.json.data).sort()).toEqual(['cubbyhole/', 'identity/', 'sys/']);
    // An unsealed node answers a well-formed key with its status.
    expect((await req(emu, 'PUT', '/v1/sys/unseal', { key: foreignShare() })).json.sealed).toBe(false);
  });

  it('reset forgets the progress; on an unsealed node it is refused', async () => {
    const emu = await testEmu({ dev: false });
    const { keys } = await init(emu, 3, 2);
    await req(emu, 'PUT', '/v1/sys/unseal', { key: keys[0] });
    const reset = await req(emu, 'PUT', '/v1/sys/unseal', { reset: true });
    expect(reset.json).toMatchObject({ sealed: true, progress: 0, nonce: '' });
    await unseal(emu, [keys[1]!, keys[2]!]);
    expectError(await req(emu, 'PUT', '/v1/sys/unseal', { reset: true }), 400, 'vault is unsealed');
  });

  it('rejects malformed keys with Vault’s messages', async () => {
    const emu = await testEmu({ dev: false });
    await init(emu, 3, 2);
    expectError(await req(emu, 'PUT', '/v1/sys/unseal', {}), 400, "'key' must be specified in request body as JSON, or 'reset' set to true");
    expectError(await req(emu, 'PUT', '/v1/sys/unseal', { key: 'zz' }), 400, "'key' must be a valid hex or base64 string");
    expectError(await req(emu, 'PUT', '/v1/sys/unseal', { key: Buffer.alloc(15, 1).toString('base64') }), 400, 'invalid key: key is shorter than minimum 16 bytes');
    // Hex that decodes too short falls back to base64, which 30 characters are not.
    expectError(await req(emu, 'PUT', '/v1/sys/unseal', { key: 'ab'.repeat(15) }), 400, "'key' must be a valid hex or base64 string");
    expectError(await req(emu, 'PUT', '/v1/sys/unseal', { key: Buffer.alloc(34).toString('base64') }), 400, 'invalid key: key is longer than maximum 33 bytes');
    expectError(await req(emu, 'PUT', '/v1/sys/unseal', { key: foreignShare(), migrate: true }), 500, "can't perform a seal migration, no migration seal found");
    expect((await req(emu, 'GET', '/v1/sys/unseal')).status).toBe(405);
  });

  it('fails at the threshold with wrong, mismatched or clashing shares, and forgets the progress', async () => {
    const emu = await testEmu({ dev: false });
    const { keys } = await init(emu, 3, 2);
    await req(emu, 'PUT', '/v1/sys/unseal', { key: keys[0] });
    expectError(await req(emu, 'PUT', '/v1/sys/unseal', { key: foreignShare([keys[0]!]) }), 400, `unable to retrieve stored keys: ${DECRYPT_FAILURE}`);
    expect((await req(emu, 'GET', '/v1/sys/seal-status')).json).toMatchObject({ sealed: true, progress: 0, nonce: '' });

    await req(emu, 'PUT', '/v1/sys/unseal', { key: keys[0] });
    expectError(await req(emu, 'PUT', '/v1/sys/unseal', { key: 'ab'.repeat(20) }), 400, 'invalid key: failed to compute combined key: all parts must be the same length');

    const x = Buffer.from(keys[1]!, 'hex')[32]!;
    await req(emu, 'PUT', '/v1/sys/unseal', { key: keys[1] });
    expectError(await req(emu, 'PUT', '/v1/sys/unseal', { key: shareWithX(x) }), 400, 'invalid key: failed to compute combined key: duplicate part detected');
  });

  it('with a single share, a key of a non-AES length cannot even be tried', async () => {
    const emu = await testEmu({ dev: false });
    await init(emu, 1, 1);
    expectError(await req(emu, 'PUT', '/v1/sys/unseal', { key: 'ab'.repeat(20) }), 400, 'invalid key: failed to setup unseal key: crypto/aes: invalid key size 20');
    expectError(await req(emu, 'PUT', '/v1/sys/unseal', { key: 'ab'.repeat(16) }), 400, `unable to retrieve stored keys: ${DECRYPT_FAILURE}`);
  });
});

describe('sys/seal and sys/step-down', () => {
  it('sealing needs a token (root here); the data survives a seal/unseal cycle', async () => {
    const emu = await testEmu();
    expect(emu.unsealKeys).toHaveLength(1);
    expect(Buffer.from(emu.unsealKeys[0]!, 'base64')).toHaveLength(32);
    expect((await call(emu, 'POST', '/v1/sys/mounts/kv1', { type: 'kv' })).status).toBe(204);
    expect((await call(emu, 'POST', '/v1/kv1/app', { a: 1 })).status).toBe(204);

    expectError(await req(emu, 'PUT', '/v1/sys/seal'), 403, 'permission denied');
    expectError(await req(emu, 'PUT', '/v1/sys/seal', undefined, 'hvs.bogus'), 403, PERMISSION_DENIED_INVALID_TOKEN);
    expect((await req(emu, 'GET', '/v1/sys/seal', undefined, 'root')).status).toBe(405);
    const sealed = await req(emu, 'PUT', '/v1/sys/seal', undefined, 'root');
    expect(sealed.status).toBe(204);
    expect(sealed.text).toBe('');
    expectError(await call(emu, 'GET', '/v1/kv1/app'), 503, 'Vault is sealed');
    expect((await req(emu, 'GET', '/v1/sys/seal-status')).json).toMatchObject({ initialized: true, sealed: true, t: 1, n: 1 });
    // Sealing a sealed node is a no-op that asks for no token.
    expect((await req(emu, 'POST', '/v1/sys/seal')).status).toBe(204);

    await unseal(emu, emu.unsealKeys);
    const read = await call(emu, 'GET', '/v1/kv1/app');
    expect(read.status).toBe(200);
    expect(read.json.data).toEqual({ a: 1 });
  });

  it('a policy granting update with sudo on sys/seal may seal; without sudo it may not', async () => {
    const emu = await testEmu();
    const policy = (name: string, capabilities: string[]) =>
      call(emu, 'PUT', `/v1/sys/policies/acl/${name}`, { policy: `path "sys/seal" { capabilities = ${JSON.stringify(capabilities)} }` });
    expect((await policy('sealer', ['update', 'sudo'])).status).toBe(204);
    expect((await policy('no-sudo', ['update'])).status).toBe(204);
    const token = async (p: string) => (await call(emu, 'POST', '/v1/auth/token/create', { policies: [p] })).json.auth.client_token as string;
    // sealInitCommon appends ErrPermissionDenied to its multierror.
    expectError(await req(emu, 'PUT', '/v1/sys/seal', undefined, await token('no-sudo')), 403, '1 error occurred:\n\t* permission denied\n\n');
    expect((await req(emu, 'GET', '/v1/sys/seal-status')).json.sealed).toBe(false);
    expect((await req(emu, 'PUT', '/v1/sys/seal', undefined, await token('sealer'))).status).toBe(204);
    expect((await req(emu, 'GET', '/v1/sys/seal-status')).json.sealed).toBe(true);
  });

  it('step-down is a no-op without HA, whatever the token', async () => {
    const emu = await testEmu();
    const res = await req(emu, 'PUT', '/v1/sys/step-down');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await req(emu, 'GET', '/v1/sys/step-down', undefined, 'root')).status).toBe(405);
  });
});

describe('dev mode', () => {
  it('starts initialised and unsealed with one share; sys/init says so', async () => {
    const emu = await testEmu({ rootToken: undefined });
    expect(emu.rootToken).toMatch(/^hvs\.[A-Za-z0-9]{24}$/);
    expect((await req(emu, 'GET', '/v1/sys/seal-status')).json).toMatchObject({ initialized: true, sealed: false, t: 1, n: 1 });
    expectError(await req(emu, 'PUT', '/v1/sys/init', { secret_shares: 1, secret_threshold: 1 }), 400, 'Vault is already initialized');
  });

  it('with a chosen root token id, the init root token no longer works', async () => {
    const emu = await testEmu({ rootToken: 'root', seed: 'dev-swap' });
    const twin = await testEmu({ rootToken: undefined, seed: 'dev-swap' });
    expect((await req(emu, 'GET', '/v1/sys/mounts', undefined, 'root')).status).toBe(200);
    // Same seed, same init root token: revoked on the server that was given an id.
    expectError(await req(emu, 'GET', '/v1/sys/mounts', undefined, twin.rootToken), 403, PERMISSION_DENIED_INVALID_TOKEN);
  });
});
