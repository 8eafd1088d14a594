import { afterAll, describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';
import { uniqueName } from '../../lib/names.js';
import { createToken, newToken, revokeAll, ROOT_FORM, SSC_FORM, statusAndBody } from './token-lib.js';

const made: string[] = [];
afterAll(() => revokeAll(made));

async function keep(res: Awaited<ReturnType<typeof createToken>>) {
  if (res.json?.auth?.client_token) made.push(res.json.auth.client_token);
  return res;
}

describe('auth/token/create (conformance)', () => {
  it('answers with an auth block: 95-character service tokens, normalised policies, unknown-policy warnings', async () => {
    const policy = uniqueName('Pol');
    const res = await keep(await createToken({ policies: [policy, policy.toLowerCase(), ' default'], ttl: '1h', meta: { team: 'a' } }));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ lease_id: '', renewable: false, lease_duration: 0, data: null, wrap_info: null, mount_type: 'token' });
    expect(res.json.warnings).toEqual([`Policy "${policy.toLowerCase()}" does not exist`]);
    const auth = res.json.auth;
    expect(auth.client_token).toMatch(SSC_FORM);
    expect(auth.accessor).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(auth).toEqual({
      client_token: auth.client_token,
      accessor: auth.accessor,
      policies: ['default', policy.toLowerCase()],
      token_policies: ['default', policy.toLowerCase()],
      metadata: { team: 'a' },
      lease_duration: 3600,
      renewable: true,
      entity_id: '',
      token_type: 'service',
      orphan: false,
      mfa_requirement: null,
      num_uses: 0,
    });
  });

  it('makes a child of root without policies a root token: hvs. + 24, no TTL, not renewable', async () => {
    const res = await keep(await createToken({ display_name: 'conformance' }));
    expect(res.json.auth).toMatchObject({ policies: ['root'], token_policies: ['root'], lease_duration: 0, renewable: false, metadata: null });
    expect(res.json.auth.client_token).toMatch(ROOT_FORM);
    expect(res.json.warnings).toBeNull();
    const collapsed = await keep(await createToken({ policies: ['a', 'ROOT'] }));
    expect(collapsed.json.auth.policies).toEqual(['root']);
  });

  it('caps TTLs at the 768h mount maximum or explicit_max_ttl with Vault’s warnings', async () => {
    const capped = await keep(await createToken({ policies: ['default'], ttl: '1000h' }));
    expect(capped.json.auth.lease_duration).toBe(2764800);
    expect(capped.json.warnings).toEqual(['TTL of "1000h" exceeded the effective max_ttl of "768h"; TTL value is capped accordingly']);
    const explicit = await keep(await createToken({ policies: ['default'], ttl: '2h', explicit_max_ttl: '30m' }));
    expect(explicit.json.auth.lease_duration).toBe(1800);
    expect(explicit.json.warnings).toEqual(['TTL of "2h" exceeded the effective max_ttl of "30m"; TTL value is capped accordingly']);
    const periodic = await keep(await createToken({ policies: ['default'], period: '1000h' }));
    expect(periodic.json.auth.lease_duration).toBe(2764800);
    expect(periodic.json.warnings).toEqual(['period of "1000h" exceeded the effective max_ttl of "768h"; period value is capped accordingly']);
  });

  it('takes a custom id with Vault’s SHA1 warning and refuses duplicates and reserved forms', async () => {
    const id = uniqueName('custom');
    const res = await keep(await createToken({ id, policies: ['default'] }));
    expect(res.json.auth.client_token).toBe(id);
    expect(res.json.warnings).toEqual([
      'Supplying a custom ID for the token uses the weaker SHA1 hashing instead of the more secure SHA2-256 HMAC for token obfuscation. SHA1 hashed tokens on the wire leads to less secure lookups.',
    ]);
    expect(statusAndBody(await createToken({ id }))).toEqual({ status: 400, body: { errors: ['cannot create a token with a duplicate ID'] } });
    expect(statusAndBody(await createToken({ id: 'hvs.x' }))).toEqual({ status: 400, body: { errors: ["custom token ID cannot have the 'hvs.' prefix"] } });
    expect(statusAndBody(await createToken({ id: 'a.b' }))).toEqual({ status: 400, body: { errors: ["custom token ID cannot have a '.' in the value"] } });
  });

  it('answers the parameter errors of handleCreateCommon', async () => {
    const error = async (body: Record<string, unknown>) => statusAndBody(await createToken(body));
    expect(await error({ num_uses: -1 })).toEqual({ status: 400, body: { errors: ['number of uses cannot be negative'] } });
    expect(await error({ type: 'weird' })).toEqual({ status: 400, body: { errors: ["invalid 'token_type' value"] } });
    expect(await error({ policies: ['default'], ttl: '-1h' })).toEqual({ status: 400, body: { errors: ['ttl must be positive'] } });
    expect(await error({ ttl: 'abc' })).toEqual({ status: 400, body: { errors: ['time: invalid duration "abc"'] } });
    expect(await error({ policies: ['response-wrapping'] })).toEqual({ status: 400, body: { errors: ['cannot assign policy "response-wrapping"'] } });
    expect(await error({ type: 'batch', num_uses: 2 })).toEqual({ status: 400, body: { errors: ['batch tokens cannot have "num_uses" set'] } });
    expect(await error({ type: 'batch' })).toEqual({ status: 400, body: { errors: ['batch tokens cannot be root tokens'] } });
    const limited = await newToken({ num_uses: 3 });
    made.push(limited);
    expect(statusAndBody(await createToken({}, { token: limited }))).toEqual({ status: 400, body: { errors: ['restricted use token cannot generate child tokens'] } });
  });

  it('creates batch tokens: hvb. strings without accessor, not renewable, readable by lookup', async () => {
    const res = await createToken({ type: 'batch', policies: ['default'], ttl: '10m' });
    expect(res.status).toBe(200);
    expect(res.json.auth.client_token).toMatch(/^hvb\.[A-Za-z0-9_-]{100,}$/);
    expect(res.json.auth).toMatchObject({ accessor: '', renewable: false, lease_duration: 600, token_type: 'batch', orphan: false });
    const looked = await vault('POST', 'auth/token/lookup', { body: { token: res.json.auth.client_token } });
    expect(looked.json.data).toMatchObject({ id: res.json.auth.client_token, accessor: '', type: 'batch', renewable: false, policies: ['default'] });
    const revoke = await vault('POST', 'auth/token/revoke', { body: { token: res.json.auth.client_token } });
    expect(statusAndBody(revoke)).toEqual({ status: 400, body: { errors: ['batch tokens cannot be revoked'] } });
  });

  it('creates orphans through create-orphan and no_parent, and names display names token-<name>', async () => {
    const viaPath = await keep(await createToken({ policies: ['default'], display_name: 'my ci!' }, { path: 'create-orphan' }));
    expect(viaPath.json.auth.orphan).toBe(true);
    const data = (await vault('POST', 'auth/token/lookup', { body: { token: viaPath.json.auth.client_token } })).json.data;
    expect(data).toMatchObject({ orphan: true, path: 'auth/token/create-orphan', display_name: 'token-my-ci' });
    const noParent = await keep(await createToken({ policies: ['default'], no_parent: true }));
    expect(noParent.json.auth.orphan).toBe(true);
  });
});
