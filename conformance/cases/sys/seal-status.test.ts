import { describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';

// Non-destructive: nothing here seals or unseals the shared dev server.
describe('sys/seal-status, sys/unseal, sys/seal, sys/step-down on an unsealed dev server (conformance)', () => {
  it('GET seal-status answers the shamir status object with Go’s field order and no envelope', async () => {
    const res = await vault('GET', 'sys/seal-status', { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(Object.keys(res.json)).toEqual([
      'type',
      'initialized',
      'sealed',
      't',
      'n',
      'progress',
      'nonce',
      'version',
      'build_date',
      'migration',
      'cluster_name',
      'cluster_id',
      'recovery_seal',
      'storage_type',
    ]);
    expect(res.json).toMatchObject({
      type: 'shamir',
      initialized: true,
      sealed: false,
      t: 1,
      n: 1,
      progress: 0,
      nonce: '',
      migration: false,
      recovery_seal: false,
      storage_type: 'inmem',
    });
    expect(res.json.cluster_name).toMatch(/^vault-cluster-/);
    expect(res.json.build_date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('seal-status takes GET only', async () => {
    const res = await vault('PUT', 'sys/seal-status', { token: null, body: {} });
    expect(res.status).toBe(405);
    expect(res.json).toEqual({ errors: [] });
  });

  it('unseal on an unsealed node: a well-formed key just returns the status; reset is refused', async () => {
    const key = Buffer.alloc(33, 0x42).toString('base64');
    const res = await vault('PUT', 'sys/unseal', { token: null, body: { key } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ type: 'shamir', sealed: false, progress: 0, nonce: '' });
    const reset = await vault('PUT', 'sys/unseal', { token: null, body: { reset: true } });
    expect(reset.status).toBe(400);
    expect(reset.json).toEqual({ errors: ['vault is unsealed'] });
  });

  it('unseal rejects missing, undecodable and too-short keys with Vault’s messages', async () => {
    const cases: [unknown, string][] = [
      [{}, "'key' must be specified in request body as JSON, or 'reset' set to true"],
      [{ key: 'zz' }, "'key' must be a valid hex or base64 string"],
      [{ key: Buffer.alloc(15, 1).toString('base64') }, 'invalid key: key is shorter than minimum 16 bytes'],
      [{ key: Buffer.alloc(34, 1).toString('base64') }, 'invalid key: key is longer than maximum 33 bytes'],
    ];
    for (const [body, message] of cases) {
      const res = await vault('PUT', 'sys/unseal', { token: null, body });
      expect({ status: res.status, body: res.json }).toEqual({ status: 400, body: { errors: [message] } });
    }
    expect((await vault('GET', 'sys/unseal', { token: null })).status).toBe(405);
  });

  it('seal refuses a missing or unknown token with 403 (and the node stays unsealed)', async () => {
    const none = await vault('PUT', 'sys/seal', { token: null });
    expect(none.status).toBe(403);
    expect(none.json).toEqual({ errors: ['permission denied'] });
    const bogus = await vault('PUT', 'sys/seal', { token: 'hvs.not-a-real-token' });
    expect(bogus.status).toBe(403);
    expect(bogus.json).toEqual({ errors: ['2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n'] });
    expect((await vault('GET', 'sys/seal')).status).toBe(405);
    expect((await vault('GET', 'sys/seal-status', { token: null })).json.sealed).toBe(false);
  });

  it('step-down without HA is a 204 no-op', async () => {
    const res = await vault('PUT', 'sys/step-down');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await vault('GET', 'sys/seal-status', { token: null })).json.sealed).toBe(false);
  });
});
