// Authorisation over HTTP: the pipeline's ACL step with real tokens (vault/request_handling.go CheckToken).
import { describe, expect, it } from 'vitest';
import type { VaultEmu } from '../../../src/emulator.js';
import { call, testEmu } from '../../helpers/emulator.js';
import { DB_CONSUMER_POLICY } from './seed-policies.js';

const DENIED = { errors: ['1 error occurred:\n\t* permission denied\n\n'] };

async function tokenWith(emu: VaultEmu, policies: Record<string, string>, opts: { noDefault?: boolean } = {}): Promise<string> {
  for (const [name, policy] of Object.entries(policies)) {
    expect((await call(emu, 'PUT', `/v1/sys/policies/acl/${name}`, { policy })).status).toBe(204);
  }
  // Without `policies` a child of root would inherit root; ["default"] (dropped by no_default_policy) avoids that.
  const names = Object.keys(policies);
  const body = { policies: names.length > 0 ? names : ['default'], no_default_policy: opts.noDefault ?? false };
  const res = await call(emu, 'POST', '/v1/auth/token/create', body);
  expect(res.status).toBe(200);
  return res.json.auth.client_token as string;
}

async function as(emu: VaultEmu, token: string | undefined, method: string, path: string, body?: unknown) {
  const res = await emu.inject({
    method: method as 'GET',
    url: path,
    headers: token === undefined ? {} : { 'x-vault-token': token },
    payload: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.statusCode, body: res.body === '' ? undefined : JSON.parse(res.body) };
}

const rule = (path: string, ...caps: string[]) => `path "${path}" { capabilities = ${JSON.stringify(caps)} }\n`;

describe('the seed db-consumer policy', () => {
  it('reads database/creds/app-readonly, may renew and revoke leases, and is refused elsewhere', async () => {
    const emu = await testEmu();
    // A KV v1 mount stands in for the database engine: its 404 proves the ACL let the read through.
    expect((await call(emu, 'POST', '/v1/sys/mounts/database', { type: 'kv', options: { version: '1' } })).status).toBe(204);
    const token = await tokenWith(emu, { 'db-consumer': DB_CONSUMER_POLICY });

    expect(await as(emu, token, 'GET', '/v1/database/creds/app-readonly')).toEqual({ status: 404, body: { errors: [] } });
    expect(await as(emu, token, 'GET', '/v1/database/creds/app-admin')).toEqual({ status: 403, body: DENIED });
    expect(await as(emu, token, 'GET', '/v1/sys/mounts')).toEqual({ status: 403, body: DENIED });
    expect(await as(emu, token, 'PUT', '/v1/database/creds/app-readonly', { a: 1 })).toEqual({ status: 403, body: DENIED });

    const caps = await as(emu, token, 'POST', '/v1/sys/capabilities-self', {
      paths: ['sys/leases/renew', 'sys/leases/revoke', 'database/creds/app-readonly', 'database/creds/app-admin'],
    });
    expect(caps.status).toBe(200);
    expect(caps.body.data).toEqual({
      'sys/leases/renew': ['update'],
      'sys/leases/revoke': ['update'],
      'database/creds/app-readonly': ['read'],
      'database/creds/app-admin': ['deny'],
    });
  });
});

describe('ACL in the request pipeline', () => {
  it('runs before routing: 403 for an unmounted path unless the ACL allows it, then 404', async () => {
    const emu = await testEmu();
    const narrow = await tokenWith(emu, { narrow: rule('secret/data/x', 'read') });
    expect(await as(emu, narrow, 'GET', '/v1/nowhere/foo')).toEqual({ status: 403, body: DENIED });
    const broad = await tokenWith(emu, { broad: rule('*', 'read') });
    const noHandler = { errors: ['no handler for route "nowhere/foo". route entry not found.'] };
    expect(await as(emu, broad, 'GET', '/v1/nowhere/foo')).toEqual({ status: 404, body: noHandler });
    expect(await as(emu, 'root', 'GET', '/v1/nowhere/foo')).toEqual({ status: 404, body: noHandler });
  });

  it('tells a missing token, an invalid one and a denied one apart', async () => {
    const emu = await testEmu();
    const token = await tokenWith(emu, {});
    expect(await as(emu, undefined, 'GET', '/v1/sys/mounts')).toEqual({ status: 403, body: { errors: ['permission denied'] } });
    expect(await as(emu, 'hvs.nonsense', 'GET', '/v1/sys/mounts')).toEqual({
      status: 403,
      body: { errors: ['2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n'] },
    });
    expect(await as(emu, token, 'GET', '/v1/sys/mounts')).toEqual({ status: 403, body: DENIED });
  });

  it('authorises create or update by the existence check (KV v2 data)', async () => {
    const emu = await testEmu();
    const creator = await tokenWith(emu, { creator: rule('secret/data/app', 'create') });
    const updater = await tokenWith(emu, { updater: rule('secret/data/app', 'update') });
    expect(await as(emu, updater, 'PUT', '/v1/secret/data/app', { data: { a: 1 } })).toEqual({ status: 403, body: DENIED });
    expect((await as(emu, creator, 'PUT', '/v1/secret/data/app', { data: { a: 1 } })).status).toBe(200);
    expect(await as(emu, creator, 'PUT', '/v1/secret/data/app', { data: { a: 2 } })).toEqual({ status: 403, body: DENIED });
    expect((await as(emu, updater, 'POST', '/v1/secret/data/app', { data: { a: 2 } })).status).toBe(200);
  });

  it('needs update, never create, on paths without an existence check', async () => {
    const emu = await testEmu();
    const creator = await tokenWith(emu, { creator: rule('sys/policies/acl/*', 'create') });
    expect(await as(emu, creator, 'PUT', '/v1/sys/policies/acl/x', { policy: rule('a', 'read') })).toEqual({ status: 403, body: DENIED });
    const updater = await tokenWith(emu, { updater: rule('sys/policies/acl/*', 'update') });
    expect((await as(emu, updater, 'PUT', '/v1/sys/policies/acl/x', { policy: rule('a', 'read') })).status).toBe(204);
  });

  it('needs sudo on sys/auth/* but not to list sys/auth', async () => {
    const emu = await testEmu();
    const admin = await tokenWith(emu, { admin: rule('sys/auth/*', 'create', 'read', 'update', 'delete') + rule('sys/auth', 'read') });
    const sudo = await tokenWith(emu, { sudo: rule('sys/auth/*', 'create', 'read', 'update', 'delete', 'sudo') });
    expect(await as(emu, admin, 'POST', '/v1/sys/auth/userpass', { type: 'userpass' })).toEqual({ status: 403, body: DENIED });
    expect((await as(emu, admin, 'GET', '/v1/sys/auth')).status).toBe(200);
    expect(await as(emu, admin, 'GET', '/v1/sys/auth/token')).toEqual({ status: 403, body: DENIED });
    expect((await as(emu, sudo, 'GET', '/v1/sys/auth/token')).status).toBe(200);
  });

  it('gives the token store sudo from policies: orphan creation and the accessor list', async () => {
    const emu = await testEmu();
    const plain = await tokenWith(emu, { plain: rule('auth/token/create', 'update') + rule('auth/token/accessors', 'list') });
    const sudo = await tokenWith(emu, { sudo: rule('auth/token/create', 'update', 'sudo') + rule('auth/token/accessors', 'list', 'sudo') });
    expect(await as(emu, plain, 'POST', '/v1/auth/token/create', { policies: ['default'], no_parent: true })).toEqual({
      status: 400,
      body: { errors: ['root or sudo privileges required to create orphan token'] },
    });
    const orphan = await as(emu, sudo, 'POST', '/v1/auth/token/create', { policies: ['default'], no_parent: true });
    expect({ status: orphan.status, orphan: orphan.body.auth.orphan }).toEqual({ status: 200, orphan: true });
    expect(await as(emu, plain, 'LIST', '/v1/auth/token/accessors')).toEqual({ status: 403, body: DENIED });
    expect((await as(emu, sudo, 'LIST', '/v1/auth/token/accessors')).status).toBe(200);
  });

  it('lists with an exact rule for the folder, in every LIST spelling', async () => {
    const emu = await testEmu();
    await call(emu, 'PUT', '/v1/secret/data/team/app', { data: { a: 1 } });
    const lister = await tokenWith(emu, { lister: rule('secret/metadata/team', 'list') });
    const expected = { status: 200, keys: ['app'] };
    for (const [method, url] of [
      ['LIST', '/v1/secret/metadata/team'],
      ['LIST', '/v1/secret/metadata/team/'],
      ['GET', '/v1/secret/metadata/team?list=true'],
    ] as const) {
      const res = await as(emu, lister, method, url);
      expect({ status: res.status, keys: res.body?.data?.keys }).toEqual(expected);
    }
    expect(await as(emu, lister, 'GET', '/v1/secret/metadata/team')).toEqual({ status: 403, body: DENIED });
  });

  it('checks allowed, denied and required parameters on the request body', async () => {
    const emu = await testEmu();
    const policy = 'path "sys/policies/acl/*" {\n capabilities = ["update"]\n allowed_parameters = { "policy" = ["path*"] }\n}\n';
    const token = await tokenWith(emu, { params: policy });
    expect((await as(emu, token, 'PUT', '/v1/sys/policies/acl/ok', { policy: rule('a', 'read') })).status).toBe(204);
    expect(await as(emu, token, 'PUT', '/v1/sys/policies/acl/ok', { policy: `# x\n${rule('a', 'read')}` })).toEqual({ status: 403, body: DENIED });
    expect(await as(emu, token, 'PUT', '/v1/sys/policies/acl/ok', { policy: rule('a', 'read'), extra: 'x' })).toEqual({ status: 403, body: DENIED });
  });

  it('refuses a wrapping-TTL-bound rule without X-Vault-Wrap-TTL', async () => {
    const emu = await testEmu();
    const token = await tokenWith(emu, { wrap: 'path "sys/policy" {\n capabilities = ["read"]\n max_wrapping_ttl = "5m"\n}\n' });
    expect(await as(emu, token, 'GET', '/v1/sys/policy')).toEqual({ status: 403, body: DENIED });
  });

  it('applies policy changes to existing tokens at once', async () => {
    const emu = await testEmu();
    const token = await tokenWith(emu, { live: rule('sys/policy', 'read') });
    expect((await as(emu, token, 'GET', '/v1/sys/policy')).status).toBe(200);
    await call(emu, 'PUT', '/v1/sys/policies/acl/live', { policy: rule('sys/mounts', 'read') });
    expect(await as(emu, token, 'GET', '/v1/sys/policy')).toEqual({ status: 403, body: DENIED });
    expect((await as(emu, token, 'GET', '/v1/sys/mounts')).status).toBe(200);
    await call(emu, 'DELETE', '/v1/sys/policies/acl/live');
    expect(await as(emu, token, 'GET', '/v1/sys/mounts')).toEqual({ status: 403, body: DENIED });
  });

  it('lets any valid token ask for help', async () => {
    const emu = await testEmu();
    const token = await tokenWith(emu, {}, { noDefault: true });
    const res = await emu.inject({ method: 'GET', url: '/v1/sys/mounts?help=1', headers: { 'x-vault-token': token } });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).help).toContain('mounts');
  });
});

describe('sys/internal/ui/mounts with policies', () => {
  it('shows the mounts a token has any capability under', async () => {
    const emu = await testEmu();
    const none = await tokenWith(emu, {}, { noDefault: true });
    const kv = await tokenWith(emu, { kv: rule('secret/data/app', 'read') }, { noDefault: true });
    const withDefault = await tokenWith(emu, {});
    const mounts = async (token: string) => {
      const res = await as(emu, token, 'GET', '/v1/sys/internal/ui/mounts');
      return [...Object.keys(res.body.data.secret), ...Object.keys(res.body.data.auth).map((p) => `auth/${p}`)].sort();
    };
    expect(await mounts(none)).toEqual([]);
    expect(await mounts(kv)).toEqual(['secret/']);
    expect(await mounts(withDefault)).toEqual(['auth/token/', 'cubbyhole/', 'identity/', 'sys/']);
    expect((await as(emu, kv, 'GET', '/v1/sys/internal/ui/mounts/secret/data/app')).status).toBe(200);
    expect(await as(emu, kv, 'GET', '/v1/sys/internal/ui/mounts/cubbyhole/x')).toEqual({
      status: 403,
      body: { errors: ['preflight capability check returned 403, please ensure client\'s policies grant access to path "cubbyhole/x/"'] },
    });
  });
});
