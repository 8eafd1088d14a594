import { afterAll, describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';
import { uniqueName } from '../../lib/names.js';

const DENIED = { errors: ['1 error occurred:\n\t* permission denied\n\n'] };
const rule = (path: string, ...caps: string[]) => `path "${path}" {\n  capabilities = ${JSON.stringify(caps)}\n}\n`;
const outcome = (res: { status: number; json: any }) => ({ status: res.status, body: res.json });

const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const undo of cleanup.reverse()) await undo();
});

/** A policy with that text and a token holding it (plus default); both removed after the file. */
async function tokenFor(policy: string): Promise<{ token: string; accessor: string; name: string }> {
  const name = uniqueName('acl');
  expect((await vault('PUT', `sys/policies/acl/${name}`, { body: { policy } })).status).toBe(204);
  cleanup.push(() => vault('DELETE', `sys/policies/acl/${name}`));
  const created = await vault('POST', 'auth/token/create', { body: { policies: [name], ttl: '10m' } });
  expect(created.status).toBe(200);
  const token = created.json.auth.client_token as string;
  cleanup.push(() => vault('POST', 'auth/token/revoke', { body: { token } }));
  return { token, accessor: created.json.auth.accessor, name };
}

async function kvV1(): Promise<string> {
  const mount = uniqueName('db');
  expect((await vault('POST', `sys/mounts/${mount}`, { body: { type: 'kv', options: { version: '1' } } })).status).toBe(204);
  cleanup.push(() => vault('DELETE', `sys/mounts/${mount}`));
  return mount;
}

describe('authorisation by policy (conformance)', () => {
  it('a db-consumer style policy reads its creds path only, and may renew and revoke leases', async () => {
    const mount = await kvV1();
    const { token } = await tokenFor(
      rule(`${mount}/creds/app-readonly`, 'read') + rule('sys/leases/renew', 'update') + rule('sys/leases/revoke', 'update'),
    );
    // The mount is a KV v1 engine: its 404 shows the ACL let the read through.
    expect(outcome(await vault('GET', `${mount}/creds/app-readonly`, { token }))).toEqual({ status: 404, body: { errors: [] } });
    expect(outcome(await vault('GET', `${mount}/creds/app-admin`, { token }))).toEqual({ status: 403, body: DENIED });
    expect(outcome(await vault('GET', 'sys/mounts', { token }))).toEqual({ status: 403, body: DENIED });
    const caps = await vault('POST', 'sys/capabilities-self', { token, body: { paths: ['sys/leases/renew', 'sys/leases/revoke', `${mount}/creds/app-admin`] } });
    expect(caps.json.data).toEqual({ 'sys/leases/renew': ['update'], 'sys/leases/revoke': ['update'], [`${mount}/creds/app-admin`]: ['deny'] });
  });

  it('checks the ACL before routing: 403 to a narrow token, 404 to root, for an unmounted path', async () => {
    const { token } = await tokenFor(rule('secret/data/x', 'read'));
    const path = `${uniqueName('nowhere')}/x`;
    expect(outcome(await vault('GET', path, { token }))).toEqual({ status: 403, body: DENIED });
    expect(outcome(await vault('GET', path))).toEqual({ status: 404, body: { errors: [`no handler for route "${path}". route entry not found.`] } });
  });

  it('authorises create and update separately through the existence check', async () => {
    const mount = await kvV1();
    const { token: creator } = await tokenFor(rule(`${mount}/item`, 'create'));
    const { token: updater } = await tokenFor(rule(`${mount}/item`, 'update'));
    expect(outcome(await vault('PUT', `${mount}/item`, { token: updater, body: { a: '1' } }))).toEqual({ status: 403, body: DENIED });
    expect((await vault('PUT', `${mount}/item`, { token: creator, body: { a: '1' } })).status).toBe(204);
    expect(outcome(await vault('PUT', `${mount}/item`, { token: creator, body: { a: '2' } }))).toEqual({ status: 403, body: DENIED });
    expect((await vault('PUT', `${mount}/item`, { token: updater, body: { a: '2' } })).status).toBe(204);
  });

  it('lets an exact rule win over a glob, and deny only on the identical pattern', async () => {
    const mount = await kvV1();
    await vault('PUT', `${mount}/a`, { body: { v: '1' } });
    const { token } = await tokenFor(rule(`${mount}/*`, 'deny') + rule(`${mount}/a`, 'read'));
    expect((await vault('GET', `${mount}/a`, { token })).status).toBe(200);
    expect(outcome(await vault('GET', `${mount}/b`, { token }))).toEqual({ status: 403, body: DENIED });
  });

  it('requires sudo on sys/auth/:path but not to list sys/auth', async () => {
    const path = uniqueName('auth');
    const { token } = await tokenFor(rule('sys/auth/*', 'create', 'read', 'update', 'delete') + rule('sys/auth', 'read'));
    expect(outcome(await vault('POST', `sys/auth/${path}`, { token, body: { type: 'approle' } }))).toEqual({ status: 403, body: DENIED });
    expect((await vault('GET', 'sys/auth', { token })).status).toBe(200);
  });

  it('answers sys/capabilities for a token and for its accessor', async () => {
    const { token, accessor } = await tokenFor(rule('secret/data/app/*', 'read', 'update', 'create') + rule('secret/metadata/app', 'list'));
    const byToken = await vault('POST', 'sys/capabilities', { body: { token, paths: ['secret/data/app/x'] } });
    expect(byToken.json.data).toEqual({ capabilities: ['create', 'read', 'update'], 'secret/data/app/x': ['create', 'read', 'update'] });
    expect(byToken.json.capabilities).toEqual(['create', 'read', 'update']);
    const byAccessor = await vault('POST', 'sys/capabilities-accessor', { body: { accessor, paths: ['secret/metadata/app/', 'sys/mounts'] } });
    expect(byAccessor.json.data).toEqual({ 'secret/metadata/app/': ['list'], 'sys/mounts': ['deny'] });
  });
});

describe('sys/capabilities errors (conformance)', () => {
  it('answers root for the root token and Vault’s errors for bad input', async () => {
    expect((await vault('POST', 'sys/capabilities-self', { body: { paths: ['a/b'] } })).json.data).toEqual({ capabilities: ['root'], 'a/b': ['root'] });
    expect(outcome(await vault('POST', 'sys/capabilities-self', { body: {} }))).toEqual({ status: 400, body: { errors: ['paths must be supplied'] } });
    expect(outcome(await vault('POST', 'sys/capabilities', { body: { token: 'hvs.nonexistent', paths: ['a'] } }))).toEqual({
      status: 400,
      body: { errors: ['1 error occurred:\n\t* invalid token\n\n'] },
    });
    expect(outcome(await vault('POST', 'sys/capabilities-accessor', { body: { paths: ['a'] } }))).toEqual({ status: 400, body: { errors: ['missing accessor'] } });
    expect(outcome(await vault('POST', 'sys/capabilities-accessor', { body: { accessor: 'nonexistent', paths: ['a'] } }))).toEqual({
      status: 400,
      body: { errors: ['1 error occurred:\n\t* invalid accessor\n\n'] },
    });
  });
});
