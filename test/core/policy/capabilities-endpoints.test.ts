// sys/capabilities, sys/capabilities-self, sys/capabilities-accessor over HTTP
// (vault/logical_system.go handleCapabilities*, vault/capabilities.go).
import { describe, expect, it } from 'vitest';
import type { VaultEmu } from '../../../src/emulator.js';
import { call, testEmu } from '../../helpers/emulator.js';

const APP = 'path "secret/data/app/*" { capabilities = ["read", "update", "create"] }\npath "secret/metadata/app" { capabilities = ["list"] }\n';

async function appToken(emu: VaultEmu): Promise<{ token: string; accessor: string }> {
  await call(emu, 'PUT', '/v1/sys/policies/acl/app', { policy: APP });
  const res = await call(emu, 'POST', '/v1/auth/token/create', { policies: ['app'] });
  return { token: res.json.auth.client_token, accessor: res.json.auth.accessor };
}

const errorsOf = (res: { status: number; json: any }) => ({ status: res.status, body: res.json });

describe('sys/capabilities-self', () => {
  it('answers root for the root token, with the single-path `capabilities` copy, also at the top level', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'POST', '/v1/sys/capabilities-self', { paths: ['secret/data/x'] });
    expect(res.status).toBe(200);
    const { request_id, ...rest } = res.json;
    expect(request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(rest).toEqual({
      capabilities: ['root'],
      'secret/data/x': ['root'],
      lease_id: '',
      renewable: false,
      lease_duration: 0,
      data: { capabilities: ['root'], 'secret/data/x': ['root'] },
      wrap_info: null,
      warnings: null,
      auth: null,
      mount_type: 'system',
    });
  });

  it("answers a token's sorted capabilities per path, deny where nothing matches", async () => {
    const emu = await testEmu();
    const { token } = await appToken(emu);
    const res = await emu.inject({
      method: 'POST',
      url: '/v1/sys/capabilities-self',
      headers: { 'x-vault-token': token },
      payload: JSON.stringify({ paths: 'secret/data/app/db, secret/metadata/app/,cubbyhole/x,secret/data/other' }),
    });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).data).toEqual({
      'secret/data/app/db': ['create', 'read', 'update'],
      'secret/metadata/app/': ['list'],
      'cubbyhole/x': ['create', 'delete', 'list', 'read', 'update'],
      'secret/data/other': ['deny'],
    });
  });

  it("reads the deprecated `path` when `paths` is absent, and needs one of them", async () => {
    const emu = await testEmu();
    expect((await call(emu, 'POST', '/v1/sys/capabilities-self', { path: 'a' })).json.data).toEqual({ a: ['root'], capabilities: ['root'] });
    expect(errorsOf(await call(emu, 'POST', '/v1/sys/capabilities-self', {}))).toEqual({ status: 400, body: { errors: ['paths must be supplied'] } });
  });

  it('is allowed by the default policy but needs update, not read', async () => {
    const emu = await testEmu();
    const { token } = await appToken(emu);
    const read = await emu.inject({ method: 'GET', url: '/v1/sys/capabilities-self', headers: { 'x-vault-token': token } });
    expect(read.statusCode).toBe(403);
  });
});

describe('sys/capabilities', () => {
  it("answers another token's capabilities", async () => {
    const emu = await testEmu();
    const { token } = await appToken(emu);
    const res = await call(emu, 'POST', '/v1/sys/capabilities', { token, paths: ['secret/data/app/x'] });
    expect(res.json.data).toEqual({ capabilities: ['create', 'read', 'update'], 'secret/data/app/x': ['create', 'read', 'update'] });
    expect(res.json.capabilities).toEqual(['create', 'read', 'update']);
  });

  it('refuses an unknown token with a 400 invalid token, and a missing one with a 500', async () => {
    const emu = await testEmu();
    expect(errorsOf(await call(emu, 'POST', '/v1/sys/capabilities', { token: 'hvs.nope', paths: ['a'] }))).toEqual({
      status: 400,
      body: { errors: ['1 error occurred:\n\t* invalid token\n\n'] },
    });
    expect(errorsOf(await call(emu, 'POST', '/v1/sys/capabilities', { paths: ['a'] }))).toEqual({
      status: 500,
      body: { errors: ['1 error occurred:\n\t* no token found\n\n'] },
    });
  });
});

describe('sys/capabilities-accessor', () => {
  it("answers the capabilities of the accessor's token", async () => {
    const emu = await testEmu();
    const { accessor } = await appToken(emu);
    const res = await call(emu, 'POST', '/v1/sys/capabilities-accessor', { accessor, paths: ['secret/metadata/app', 'sys/mounts'] });
    expect(res.json.data).toEqual({ 'secret/metadata/app': ['list'], 'sys/mounts': ['deny'] });
    expect(res.json['sys/mounts']).toEqual(['deny']);
  });

  it('refuses a missing or unknown accessor', async () => {
    const emu = await testEmu();
    expect(errorsOf(await call(emu, 'POST', '/v1/sys/capabilities-accessor', { paths: ['a'] }))).toEqual({
      status: 400,
      body: { errors: ['missing accessor'] },
    });
    expect(errorsOf(await call(emu, 'POST', '/v1/sys/capabilities-accessor', { accessor: 'nope', paths: ['a'] }))).toEqual({
      status: 400,
      body: { errors: ['1 error occurred:\n\t* invalid accessor\n\n'] },
    });
  });
});
