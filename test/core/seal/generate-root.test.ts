// sys/generate-root/attempt and /update: OTP flow end to end, progress, nonce and failure answers.
import { describe, expect, it } from 'vitest';
import { testEmu } from '../../helpers/emulator.js';
import { DECRYPT_FAILURE, expectError, foreignShare, init, req, unseal, UUID } from './helpers.js';

/** Decodes `encoded_token` with the OTP the way the vault CLI does (sdk/helper/roottoken DecodeToken). */
function decodeToken(encoded: string, otp: string): string {
  const bytes = Buffer.from(encoded, 'base64');
  return Buffer.from(bytes.map((b, i) => b ^ otp.charCodeAt(i))).toString();
}

async function unsealedServer(shares: number, threshold: number) {
  const emu = await testEmu({ dev: false });
  const keys = await init(emu, shares, threshold);
  await unseal(emu, keys.keys.slice(0, threshold));
  return { emu, ...keys };
}

const IDLE = {
  nonce: '',
  started: false,
  progress: 0,
  required: 3,
  complete: false,
  encoded_token: '',
  encoded_root_token: '',
  pgp_fingerprint: '',
  otp: '',
  otp_length: 28,
};

describe('sys/generate-root', () => {
  it('generates an OTP, collects shares and returns a working root token XORed with it', async () => {
    const { emu, keys } = await unsealedServer(5, 3);
    expect((await req(emu, 'GET', '/v1/sys/generate-root/attempt')).json).toEqual(IDLE);

    const start = await req(emu, 'PUT', '/v1/sys/generate-root/attempt', {});
    expect(start.status).toBe(200);
    expect(Object.keys(start.json)).toEqual(Object.keys(IDLE));
    expect(start.json).toMatchObject({ started: true, progress: 0, required: 3, complete: false, otp_length: 28 });
    expect(start.json.otp).toMatch(/^[A-Za-z0-9]{28}$/);
    expect(start.json.nonce).toMatch(UUID);
    const { nonce, otp } = start.json;
    // The OTP is shown once only.
    expect((await req(emu, 'GET', '/v1/sys/generate-root/attempt')).json).toEqual({ ...IDLE, nonce, started: true });

    const one = await req(emu, 'PUT', '/v1/sys/generate-root/update', { key: keys[0], nonce });
    expect(one.json).toEqual({ ...IDLE, nonce, started: true, progress: 1, otp_length: 0 });
    expectError(await req(emu, 'PUT', '/v1/sys/generate-root/update', { key: keys[0], nonce }), 400, 'given key has already been provided during this generation operation');
    expectError(
      await req(emu, 'PUT', '/v1/sys/generate-root/update', { key: keys[1], nonce: 'nope' }),
      400,
      `incorrect nonce supplied; nonce for this root generation operation is "${nonce}"`,
    );
    await req(emu, 'PUT', '/v1/sys/generate-root/update', { key: keys[1], nonce });
    const done = await req(emu, 'PUT', '/v1/sys/generate-root/update', { key: keys[4], nonce });
    expect(done.json).toMatchObject({ nonce, started: true, progress: 3, required: 3, complete: true, otp: '', otp_length: 0 });
    expect(done.json.encoded_token).toBe(done.json.encoded_root_token);
    expect(done.json.encoded_token).not.toMatch(/=$/);

    const token = decodeToken(done.json.encoded_token, otp);
    expect(token).toMatch(/^hvs\.[A-Za-z0-9]{24}$/);
    expect((await req(emu, 'GET', '/v1/sys/mounts', undefined, token)).status).toBe(200);
    expect((await req(emu, 'GET', '/v1/sys/generate-root/attempt')).json).toEqual(IDLE);
  });

  it('accepts a caller OTP of the right length and does not echo it', async () => {
    const { emu, keys } = await unsealedServer(1, 1);
    const otp = 'A'.repeat(28);
    expectError(await req(emu, 'PUT', '/v1/sys/generate-root/attempt', { otp: 'short' }), 400, 'OTP string is wrong length');
    const start = await req(emu, 'POST', '/v1/sys/generate-root/attempt', { otp });
    expect(start.json).toMatchObject({ started: true, otp: '', otp_length: 28, required: 1 });
    expectError(await req(emu, 'PUT', '/v1/sys/generate-root/attempt', {}), 400, 'root generation already in progress');
    const done = await req(emu, 'PUT', '/v1/sys/generate-root/update', { key: keys[0], nonce: start.json.nonce });
    expect(done.json.complete).toBe(true);
    expect(decodeToken(done.json.encoded_token, otp)).toMatch(/^hvs\./);
  });

  it('cancel drops the attempt; updates without one are refused', async () => {
    const { emu, keys } = await unsealedServer(3, 2);
    await req(emu, 'PUT', '/v1/sys/generate-root/attempt', {});
    const cancel = await req(emu, 'DELETE', '/v1/sys/generate-root/attempt');
    expect(cancel.status).toBe(204);
    expect((await req(emu, 'GET', '/v1/sys/generate-root/attempt')).json).toEqual({ ...IDLE, required: 2 });
    expectError(await req(emu, 'PUT', '/v1/sys/generate-root/update', { key: keys[0], nonce: '' }), 400, 'no root generation in progress');
    expect((await req(emu, 'PATCH', '/v1/sys/generate-root/attempt', {})).status).toBe(405);
  });

  it('wrong shares abort at the threshold but leave the attempt open', async () => {
    const { emu, keys } = await unsealedServer(3, 2);
    const { nonce } = (await req(emu, 'PUT', '/v1/sys/generate-root/attempt', {})).json;
    await req(emu, 'PUT', '/v1/sys/generate-root/update', { key: keys[0], nonce });
    expectError(
      await req(emu, 'PUT', '/v1/sys/generate-root/update', { key: foreignShare([keys[0]!]), nonce }),
      400,
      `root generation aborted: unable to authenticate: unable to retrieve stored keys: ${DECRYPT_FAILURE}`,
    );
    expect((await req(emu, 'GET', '/v1/sys/generate-root/attempt')).json).toMatchObject({ started: true, nonce, progress: 0 });
  });

  it('checks the body and the key before anything else, on any method', async () => {
    const { emu } = await unsealedServer(1, 1);
    // Any method reaches the handler; without a body the JSON decoder meets io.EOF.
    expectError(await req(emu, 'GET', '/v1/sys/generate-root/update'), 400, 'EOF');
    expectError(await req(emu, 'PUT', '/v1/sys/generate-root/update', {}), 400, "'key' must be specified in request body as JSON");
    expectError(await req(emu, 'PUT', '/v1/sys/generate-root/update', { key: '!!' }), 400, "'key' must be a valid hex or base64 string");
    expectError(await req(emu, 'PUT', '/v1/sys/generate-root/update', { key: Buffer.alloc(40).toString('base64') }), 400, 'invalid key: key is longer than maximum 33 bytes');
    expectError(
      await req(emu, 'PUT', '/v1/sys/generate-root/attempt', { pgp_key: 'no!' }),
      400,
      'error parsing PGP key: error decoding given PGP key: illegal base64 data at input byte 2',
    );
  });

  it('answers Vault’s errors while sealed', async () => {
    const emu = await testEmu({ dev: false });
    const { keys } = await init(emu, 1, 1);
    expectError(await req(emu, 'GET', '/v1/sys/generate-root/attempt'), 500, 'Vault is sealed');
    expectError(await req(emu, 'PUT', '/v1/sys/generate-root/attempt', {}), 400, 'Vault is sealed');
    expectError(await req(emu, 'DELETE', '/v1/sys/generate-root/attempt'), 500, 'Vault is sealed');
    expectError(await req(emu, 'PUT', '/v1/sys/generate-root/update', { key: keys[0], nonce: '' }), 400, 'Vault is sealed');
  });
});
