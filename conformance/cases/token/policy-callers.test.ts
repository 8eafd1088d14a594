import { afterAll, describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';
import { uniqueName } from '../../lib/names.js';
import { createToken, INVALID_TOKEN, newToken, revokeAll, SSC_FORM, statusAndBody } from './token-lib.js';

const DENIED = { errors: ['1 error occurred:\n\t* permission denied\n\n'] };
const made: string[] = [];
const policies: string[] = [];

afterAll(async () => {
  await revokeAll(made);
  for (const name of policies) await vault('DELETE', `sys/policies/acl/${name}`);
});

async function policy(rules: string): Promise<string> {
  const name = uniqueName('tokpol');
  policies.push(name);
  expect((await vault('PUT', `sys/policies/acl/${name}`, { body: { policy: rules } })).status).toBe(204);
  return name;
}

describe('non-root callers of the token store (conformance)', () => {
  it('a default-policy token looks itself up, renews and revokes itself, and may not create', async () => {
    const token = await newToken({ policies: ['default'], ttl: '1h' });
    made.push(token);
    expect(token).toMatch(SSC_FORM);
    const self = await vault('GET', 'auth/token/lookup-self', { token });
    expect(self.json.data).toMatchObject({ id: token, policies: ['default'] });
    const renewed = await vault('POST', 'auth/token/renew-self', { token, body: { increment: '30m' } });
    expect(renewed.json.auth).toMatchObject({ client_token: token, lease_duration: 1800 });
    expect(statusAndBody(await createToken({}, { token }))).toEqual({ status: 403, body: DENIED });
    expect((await vault('POST', 'auth/token/revoke-self', { token })).status).toBe(204);
    expect(statusAndBody(await vault('GET', 'auth/token/lookup-self', { token }))).toEqual({ status: 403, body: INVALID_TOKEN });
  });

  it('without sudo: children inherit or narrow the parent’s policies; sudo-only parameters are 400s', async () => {
    const creator = await policy('path "auth/token/create" { capabilities = ["update"] }');
    const parent = await newToken({ policies: [creator] });
    made.push(parent);
    const inherited = await createToken({}, { token: parent });
    made.push(inherited.json.auth.client_token);
    expect(inherited.json.auth.policies).toEqual([creator, 'default'].sort());
    const error = async (body: Record<string, unknown>) => statusAndBody(await createToken(body, { token: parent }));
    expect(await error({ policies: ['other'] })).toEqual({ status: 400, body: { errors: ['child policies must be subset of parent'] } });
    expect(await error({ no_parent: true })).toEqual({ status: 400, body: { errors: ['root or sudo privileges required to create orphan token'] } });
    expect(await error({ period: '1h' })).toEqual({ status: 400, body: { errors: ['root or sudo privileges required to create periodic token'] } });
    expect(await error({ id: uniqueName('id') })).toEqual({ status: 400, body: { errors: ['root or sudo privileges required to specify token id'] } });
  });

  it('with sudo: any policies but never root; revoke-orphan and LIST accessors need sudo', async () => {
    const admin = await policy('path "auth/token/create" { capabilities = ["update", "sudo"] }\npath "auth/token/revoke-orphan" { capabilities = ["update"] }\npath "auth/token/accessors" { capabilities = ["list"] }');
    const token = await newToken({ policies: [admin] });
    made.push(token);
    const child = await createToken({ policies: ['whatever'], no_parent: true }, { token });
    made.push(child.json.auth.client_token);
    expect(child.json.auth).toMatchObject({ policies: ['default', 'whatever'], orphan: true });
    expect(statusAndBody(await createToken({ policies: ['root'] }, { token }))).toEqual({
      status: 400,
      body: { errors: ['root tokens may not be created without parent token being root'] },
    });
    expect(statusAndBody(await vault('POST', 'auth/token/revoke-orphan', { token, body: { token: child.json.auth.client_token } }))).toEqual({ status: 403, body: DENIED });
    expect(statusAndBody(await vault('LIST', 'auth/token/accessors', { token }))).toEqual({ status: 403, body: DENIED });
  });

  it('spends a use on a denied request', async () => {
    const token = await newToken({ policies: ['default'], num_uses: 2 });
    expect(statusAndBody(await vault('GET', 'sys/mounts', { token }))).toEqual({ status: 403, body: DENIED });
    expect((await vault('GET', 'auth/token/lookup-self', { token })).json.data.num_uses).toBe(-1);
    expect(statusAndBody(await vault('GET', 'auth/token/lookup-self', { token }))).toEqual({ status: 403, body: INVALID_TOKEN });
  });
});
