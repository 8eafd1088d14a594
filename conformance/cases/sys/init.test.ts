import { describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';

// Non-destructive: the shared dev server is initialised, so every PUT sys/init here is refused.
describe('sys/init and the operator key flows at rest on a dev server (conformance)', () => {
  it('GET sys/init answers only `initialized`', async () => {
    const res = await vault('GET', 'sys/init', { token: null });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ initialized: true });
  });

  it('PUT sys/init with a valid split is refused: Vault is already initialized', async () => {
    const res = await vault('PUT', 'sys/init', { token: null, body: { secret_shares: 1, secret_threshold: 1 } });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ errors: ['Vault is already initialized'] });
  });

  it('parameters are checked before the initialised state', async () => {
    const cases: [unknown, string][] = [
      [{}, 'invalid seal configuration: shares must be at least one'],
      [{ secret_shares: 3, secret_threshold: 1 }, 'invalid seal configuration: threshold must be greater than one for multiple shares'],
      [{ secret_shares: 2, secret_threshold: 3 }, 'invalid seal configuration: threshold cannot be larger than shares'],
      [{ recovery_shares: 1 }, 'parameters recovery_shares not applicable to seal type shamir'],
      [{ secret_shares: '1', secret_threshold: 1 }, 'failed to parse JSON input: json: cannot unmarshal string into Go struct field InitRequest.secret_shares of type int'],
    ];
    for (const [body, message] of cases) {
      const res = await vault('PUT', 'sys/init', { token: null, body });
      expect({ status: res.status, body: res.json }).toEqual({ status: 400, body: { errors: [message] } });
    }
    expect((await vault('DELETE', 'sys/init', { token: null })).status).toBe(405);
  });

  it('generate-root and rekey report idle status objects', async () => {
    const root = await vault('GET', 'sys/generate-root/attempt', { token: null });
    expect(root.status).toBe(200);
    expect(root.json).toEqual({
      nonce: '',
      started: false,
      progress: 0,
      required: 1,
      complete: false,
      encoded_token: '',
      encoded_root_token: '',
      pgp_fingerprint: '',
      otp: '',
      otp_length: 28,
    });
    const rekey = await vault('GET', 'sys/rekey/init', { token: null });
    expect(rekey.status).toBe(200);
    expect(rekey.json).toEqual({
      nonce: '',
      started: false,
      t: 0,
      n: 0,
      progress: 0,
      required: 1,
      pgp_fingerprints: null,
      backup: false,
      verification_required: false,
    });
  });

  it('updates without an operation in progress are refused', async () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const root = await vault('PUT', 'sys/generate-root/update', { token: null, body: { key, nonce: 'x' } });
    expect({ status: root.status, body: root.json }).toEqual({ status: 400, body: { errors: ['no root generation in progress'] } });
    const rekey = await vault('PUT', 'sys/rekey/update', { token: null, body: { key, nonce: 'x' } });
    expect({ status: rekey.status, body: rekey.json }).toEqual({ status: 400, body: { errors: ['no barrier rekey in progress'] } });
    const verify = await vault('GET', 'sys/rekey/verify', { token: null });
    expect({ status: verify.status, body: verify.json }).toEqual({ status: 400, body: { errors: ['no rekey configuration found'] } });
  });
});
