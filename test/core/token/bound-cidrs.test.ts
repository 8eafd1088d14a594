// Token bound CIDRs: the text go-sockaddr gives each value (what Vault stores and prints), Vault's parse
// error, the client-address check, and the whole flow through AppRole and auth/token/create.
import { describe, expect, it } from 'vitest';
import { addressAllowed, parseAddrs } from '../../../src/core/token/bound-cidrs.js';
import { call, ROOT, testEmu } from '../../helpers/emulator.js';

describe('parseAddrs (parseutil.ParseAddrs over go-sockaddr)', () => {
  it('prints each value as go-sockaddr does', () => {
    const cases: [string, string][] = [
      ['10.0.0.0/8', '10.0.0.0/8'],
      ['10.1.2.3', '10.1.2.3'],
      ['10.1.2.3/32', '10.1.2.3'],
      // The address keeps its host bits; only the mask says what is inside.
      ['10.1.2.3/8', '10.1.2.3/8'],
      ['127.0.0.1:8200', '127.0.0.1:8200'],
      ['127.0.0.1:0', '127.0.0.1'],
      ['127.0.0.1:', '127.0.0.1'],
      ['[::1]:', '::1'],
      ['192.168.3.51/00ffffff', '192.168.3.51'],
      ['::1', '::1'],
      ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
      ['2001:db8::/32', '2001:db8::/32'],
      ['2001:db8::1/64', '2001:db8::1/64'],
      ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
      ['1:0:0:2:0:0:3:4', '1::2:0:0:3:4'],
      ['1:0:2:3:4:5:6:7', '1:0:2:3:4:5:6:7'],
      ['::ffff:10.0.0.1', '10.0.0.1'],
      ['[::1]:80', '[::1]:80'],
      ['[2001:db8::1]', '2001:db8::1'],
      // Anything else with a '/' is a UNIX socket path to go-sockaddr.
      ['/var/run/app.sock', '/var/run/app.sock'],
      ['300.1.1.1/8', '300.1.1.1/8'],
      ['10.0.0.0/33', '10.0.0.0/33'],
    ];
    expect(parseAddrs(cases.map(([input]) => input))).toEqual(cases.map(([, text]) => text));
  });

  it('refuses what is no address, in Vault’s words', () => {
    for (const bad of ['nope', '10.0.0.256', '010.0.0.1', 'fe80::1%eth0', '1.2.3', ':80', '1.2.3.4:65536']) {
      expect(() => parseAddrs(['10.0.0.1', bad])).toThrow(`error parsing address ${JSON.stringify(bad)}: unable to convert ${JSON.stringify(bad)} to an IPv4 or IPv6 address, or a UNIX Socket`);
    }
  });
});

describe('addressAllowed (the client-address check)', () => {
  it('holds a client address against IPv4 and IPv6 blocks; a mapped IPv4 client counts as IPv4', () => {
    expect(addressAllowed('10.9.8.7', ['10.1.2.3/8'])).toBe(true);
    expect(addressAllowed('11.0.0.1', ['10.0.0.0/8'])).toBe(false);
    expect(addressAllowed('::ffff:127.0.0.1', ['127.0.0.1'])).toBe(true);
    expect(addressAllowed('127.0.0.1', ['192.168.0.0/16', '127.0.0.0/8'])).toBe(true);
    expect(addressAllowed('::1', ['::1/128'])).toBe(true);
    expect(addressAllowed('2001:db8::42', ['2001:db8::/32'])).toBe(true);
    expect(addressAllowed('2001:db9::1', ['2001:db8::/32'])).toBe(false);
    expect(addressAllowed('::1', ['127.0.0.1'])).toBe(false);
    expect(addressAllowed('127.0.0.1', ['/var/run/app.sock'])).toBe(false);
    expect(addressAllowed('0.0.0.1', ['0.0.0.0/0'])).toBe(true);
    expect(addressAllowed(undefined, ['0.0.0.0/0'])).toBe(false);
  });
});

describe('tokens bound to CIDRs', () => {
  const from = (remoteAddress: string) => async (emu: Awaited<ReturnType<typeof testEmu>>, method: string, url: string, token: string, body?: unknown) => {
    const res = await emu.inject({ method: method as 'GET', url, remoteAddress, headers: { 'x-vault-token': token }, payload: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.statusCode, json: res.body ? JSON.parse(res.body) : undefined };
  };
  const inside = from('10.1.2.3');
  const outside = from('192.0.2.1');

  async function approle() {
    const emu = await testEmu();
    expect((await call(emu, 'POST', '/v1/sys/auth/approle', { type: 'approle' })).status).toBe(204);
    return emu;
  }

  it('an AppRole login token works only from the role’s token_bound_cidrs, shows them, and passes them to children', async () => {
    const emu = await approle();
    expect((await call(emu, 'PUT', '/v1/sys/policies/acl/creator', { policy: 'path "auth/token/create" { capabilities = ["update"] }' })).status).toBe(204);
    expect((await call(emu, 'POST', '/v1/auth/approle/role/web', { token_bound_cidrs: ['10.0.0.0/8', '10.1.2.3/32'], token_policies: 'creator' })).status).toBe(204);
    expect((await call(emu, 'GET', '/v1/auth/approle/role/web')).json.data.token_bound_cidrs).toEqual(['10.0.0.0/8', '10.1.2.3']);
    const roleId = (await call(emu, 'GET', '/v1/auth/approle/role/web/role-id')).json.data.role_id;
    const secretId = (await call(emu, 'POST', '/v1/auth/approle/role/web/secret-id', {})).json.data.secret_id;
    // The login itself is not bound: any address may log in.
    const login = await outside(emu, 'POST', '/v1/auth/approle/login', '', { role_id: roleId, secret_id: secretId });
    expect(login.status).toBe(200);
    const token = login.json.auth.client_token as string;

    const refused = await outside(emu, 'GET', '/v1/auth/token/lookup-self', token);
    expect([refused.status, refused.json]).toEqual([403, { errors: ['1 error occurred:\n\t* permission denied\n\n'] }]);
    const allowed = await inside(emu, 'GET', '/v1/auth/token/lookup-self', token);
    expect(allowed.status).toBe(200);
    expect(allowed.json.data.bound_cidrs).toEqual(['10.0.0.0/8', '10.1.2.3']);
    // A refused request spends nothing and changes nothing: the token still works from inside.
    expect((await inside(emu, 'GET', '/v1/auth/token/lookup-self', token)).status).toBe(200);

    const child = await inside(emu, 'POST', '/v1/auth/token/create', token, { policies: ['default'], ttl: '10m' });
    expect(child.status).toBe(200);
    const childToken = child.json.auth.client_token as string;
    expect((await outside(emu, 'GET', '/v1/auth/token/lookup-self', childToken)).status).toBe(403);
    expect((await inside(emu, 'GET', '/v1/auth/token/lookup-self', childToken)).json.data.bound_cidrs).toEqual(['10.0.0.0/8', '10.1.2.3']);
  });

  it('a secret id’s own token_bound_cidrs replace the role’s', async () => {
    const emu = await approle();
    await call(emu, 'POST', '/v1/auth/approle/role/web', { token_bound_cidrs: '10.0.0.0/8' });
    const roleId = (await call(emu, 'GET', '/v1/auth/approle/role/web/role-id')).json.data.role_id;
    const secretId = (await call(emu, 'POST', '/v1/auth/approle/role/web/secret-id', { token_bound_cidrs: ['10.1.0.0/16'] })).json.data.secret_id;
    const token = (await inside(emu, 'POST', '/v1/auth/approle/login', '', { role_id: roleId, secret_id: secretId })).json.auth.client_token as string;
    expect((await inside(emu, 'GET', '/v1/auth/token/lookup-self', token)).json.data.bound_cidrs).toEqual(['10.1.0.0/16']);
    expect((await from('10.2.0.1')(emu, 'GET', '/v1/auth/token/lookup-self', token)).status).toBe(403);
  });

  it('a batch login token carries the CIDRs inside it', async () => {
    const emu = await approle();
    await call(emu, 'POST', '/v1/auth/approle/role/web', { token_bound_cidrs: '10.0.0.0/8', token_type: 'batch' });
    const roleId = (await call(emu, 'GET', '/v1/auth/approle/role/web/role-id')).json.data.role_id;
    const secretId = (await call(emu, 'POST', '/v1/auth/approle/role/web/secret-id', {})).json.data.secret_id;
    const token = (await outside(emu, 'POST', '/v1/auth/approle/login', '', { role_id: roleId, secret_id: secretId })).json.auth.client_token as string;
    expect(token.startsWith('hvb.')).toBe(true);
    expect((await outside(emu, 'GET', '/v1/auth/token/lookup-self', token)).status).toBe(403);
    const looked = await inside(emu, 'GET', '/v1/auth/token/lookup-self', token);
    expect(looked.status).toBe(200);
    expect(looked.json.data).toMatchObject({ type: 'batch', bound_cidrs: ['10.0.0.0/8'] });
  });

  it('refuses token_bound_cidrs it cannot read, on the role and on its field endpoint', async () => {
    const emu = await approle();
    const role = await call(emu, 'POST', '/v1/auth/approle/role/web', { token_bound_cidrs: ['10.0.0.0/8', 'nope'] });
    expect([role.status, role.json]).toEqual([400, { errors: ['error parsing address "nope": unable to convert "nope" to an IPv4 or IPv6 address, or a UNIX Socket'] }]);
    expect((await call(emu, 'POST', '/v1/auth/approle/role/web', {})).status).toBe(204);
    const field = await call(emu, 'POST', '/v1/auth/approle/role/web/token-bound-cidrs', { token_bound_cidrs: 'nope' });
    expect([field.status, field.json]).toEqual([400, { errors: ['failed to parse token_bound_cidrs: error parsing address "nope": unable to convert "nope" to an IPv4 or IPv6 address, or a UNIX Socket'] }]);
    expect((await call(emu, 'GET', '/v1/auth/approle/role/web/token-bound-cidrs')).json.data).toEqual({ token_bound_cidrs: null });
  });

  it('the root token is never bound, and a token without CIDRs works from anywhere', async () => {
    const emu = await testEmu();
    expect((await outside(emu, 'GET', '/v1/auth/token/lookup-self', ROOT)).status).toBe(200);
    const plain = (await call(emu, 'POST', '/v1/auth/token/create', { policies: ['default'] })).json.auth.client_token as string;
    const looked = await outside(emu, 'GET', '/v1/auth/token/lookup-self', plain);
    expect(looked.status).toBe(200);
    expect(looked.json.data).not.toHaveProperty('bound_cidrs');
  });
});
