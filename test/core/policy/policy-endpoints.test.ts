// sys/policy (legacy) and sys/policies/acl over HTTP: exact bodies, statuses and messages
// (vault/logical_system.go handlePolicies*, vault/policy_store.go).
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, RESPONSE_WRAPPING_POLICY } from '../../../src/core/policy/builtin.js';
import { call, testEmu } from '../../helpers/emulator.js';

const APP = 'path "secret/data/app/*" {\n  capabilities = ["read", "list"]\n}\n';
const strip = (json: any) => {
  const { request_id, ...rest } = json;
  expect(request_id).toMatch(/^[0-9a-f-]{36}$/);
  return rest;
};
const errorsOf = (res: { status: number; json: any }) => ({ status: res.status, body: res.json });

describe('policy lists', () => {
  it('lists default and root (root last) on the legacy route, with policies and a top-level copy', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'GET', '/v1/sys/policy');
    expect(res.status).toBe(200);
    expect(strip(res.json)).toEqual({
      keys: ['default', 'root'],
      policies: ['default', 'root'],
      lease_id: '',
      renewable: false,
      lease_duration: 0,
      data: { keys: ['default', 'root'], policies: ['default', 'root'] },
      wrap_info: null,
      warnings: null,
      auth: null,
      mount_type: 'system',
    });
    expect((await call(emu, 'LIST', '/v1/sys/policy')).json.data).toEqual({ keys: ['default', 'root'], policies: ['default', 'root'] });
  });

  it('lists sys/policies/acl with keys only, not injected, and answers GET with 405', async () => {
    const emu = await testEmu();
    await call(emu, 'PUT', '/v1/sys/policies/acl/zeta', { policy: APP });
    await call(emu, 'PUT', '/v1/sys/policies/acl/app', { policy: APP });
    const res = await call(emu, 'LIST', '/v1/sys/policies/acl');
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual({ keys: ['app', 'default', 'zeta', 'root'] });
    expect(res.json.keys).toBeUndefined();
    expect((await call(emu, 'GET', '/v1/sys/policies/acl?list=true')).json.data.keys).toEqual(['app', 'default', 'zeta', 'root']);
    expect(errorsOf(await call(emu, 'GET', '/v1/sys/policies/acl'))).toEqual({
      status: 405,
      body: { errors: ['1 error occurred:\n\t* unsupported operation\n\n'] },
    });
  });
});

describe('policy read and write', () => {
  it('writes with 204 and reads back rules (legacy) or policy (acl)', async () => {
    const emu = await testEmu();
    const write = await call(emu, 'PUT', '/v1/sys/policy/app', { policy: APP });
    expect(write.status).toBe(204);
    expect(write.text).toBe('');
    const legacy = await call(emu, 'GET', '/v1/sys/policy/app');
    expect(legacy.json.data).toEqual({ name: 'app', rules: APP });
    expect(legacy.json.rules).toBe(APP);
    expect(legacy.json.name).toBe('app');
    const acl = await call(emu, 'GET', '/v1/sys/policies/acl/app');
    expect(acl.json.data).toEqual({ name: 'app', policy: APP });
    expect(acl.json.policy).toBeUndefined();
    expect(acl.json.mount_type).toBe('system');
  });

  it('lower-cases names with a 200 warning, and looks them up case-insensitively', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'POST', '/v1/sys/policies/acl/App-Reader', { policy: APP });
    expect(res.status).toBe(200);
    expect(strip(res.json)).toEqual({
      lease_id: '',
      renewable: false,
      lease_duration: 0,
      data: null,
      wrap_info: null,
      warnings: ['policy name was converted to app-reader'],
      auth: null,
      mount_type: 'system',
    });
    expect((await call(emu, 'GET', '/v1/sys/policies/acl/APP-READER')).json.data).toEqual({ name: 'app-reader', policy: APP });
  });

  it("takes the legacy 'rules' on sys/policy only, with a deprecation warning", async () => {
    const emu = await testEmu();
    const legacy = await call(emu, 'PUT', '/v1/sys/policy/old', { rules: APP });
    expect(legacy.status).toBe(200);
    expect(legacy.json.warnings).toEqual(["'rules' is deprecated, please use 'policy' instead"]);
    expect((await call(emu, 'GET', '/v1/sys/policy/old')).json.data.rules).toBe(APP);
    expect(errorsOf(await call(emu, 'PUT', '/v1/sys/policies/acl/old', { rules: APP }))).toEqual({
      status: 400,
      body: { errors: ["'policy' parameter not supplied or empty"] },
    });
  });

  it('decodes base64 policy text, and warns about unknown parameters only with a body', async () => {
    const emu = await testEmu();
    const b64 = Buffer.from(APP).toString('base64');
    expect((await call(emu, 'PUT', '/v1/sys/policies/acl/enc', { policy: b64, extra: 1 })).status).toBe(204);
    expect((await call(emu, 'GET', '/v1/sys/policies/acl/enc')).json.data.policy).toBe(APP);
    const warned = await call(emu, 'PUT', '/v1/sys/policies/acl/Enc', { policy: b64, extra: 1 });
    expect(warned.json.warnings).toEqual(['policy name was converted to enc', 'Endpoint ignored these unrecognized parameters: [extra]']);
  });

  it('answers the built-ins: default with its 1.17 text, root with empty rules, hidden ones readable', async () => {
    const emu = await testEmu();
    expect((await call(emu, 'GET', '/v1/sys/policy/default')).json.data).toEqual({ name: 'default', rules: DEFAULT_POLICY });
    expect((await call(emu, 'GET', '/v1/sys/policy/root')).json.data).toEqual({ name: 'root', rules: '' });
    expect((await call(emu, 'GET', '/v1/sys/policies/acl/response-wrapping')).json.data).toEqual({ name: 'response-wrapping', policy: RESPONSE_WRAPPING_POLICY });
    expect(errorsOf(await call(emu, 'GET', '/v1/sys/policy/missing'))).toEqual({ status: 404, body: { errors: [] } });
  });

  it('lets the default policy be rewritten but not deleted', async () => {
    const emu = await testEmu();
    expect((await call(emu, 'PUT', '/v1/sys/policy/default', { policy: APP })).status).toBe(204);
    expect((await call(emu, 'GET', '/v1/sys/policy/default')).json.data.rules).toBe(APP);
    expect(errorsOf(await call(emu, 'DELETE', '/v1/sys/policy/default'))).toEqual({ status: 400, body: { errors: ['cannot delete default policy'] } });
  });

  it('deletes idempotently with 204', async () => {
    const emu = await testEmu();
    await call(emu, 'PUT', '/v1/sys/policies/acl/gone', { policy: APP });
    expect((await call(emu, 'DELETE', '/v1/sys/policies/acl/GONE')).status).toBe(204);
    expect((await call(emu, 'GET', '/v1/sys/policies/acl/gone')).status).toBe(404);
    expect((await call(emu, 'DELETE', '/v1/sys/policies/acl/gone')).status).toBe(204);
  });
});

describe('policy errors', () => {
  const cases: [string, string, string, unknown, string][] = [
    ['updating root', 'PUT', 'sys/policy/root', { policy: APP }, 'cannot update "root" policy'],
    ['updating response-wrapping', 'PUT', 'sys/policies/acl/response-wrapping', { policy: APP }, 'cannot update "response-wrapping" policy'],
    ['updating control-group', 'PUT', 'sys/policies/acl/Control-Group', { policy: APP }, 'cannot update "control-group" policy'],
    ['deleting root', 'DELETE', 'sys/policies/acl/root', undefined, 'cannot delete "root" policy'],
    ['deleting response-wrapping', 'DELETE', 'sys/policy/response-wrapping', undefined, 'cannot delete "response-wrapping" policy'],
    ['no policy text', 'PUT', 'sys/policies/acl/x', {}, "'policy' parameter not supplied or empty"],
    ['no text on the legacy route either', 'PUT', 'sys/policy/x', { policy: '' }, "'policy' parameter not supplied or empty"],
    ['an unparsable policy', 'PUT', 'sys/policies/acl/x', { policy: 'path "a" { capabilities = ["reed"] }' }, 'failed to parse policy: path "a": invalid capability "reed"'],
    ['a parse error before the root check', 'PUT', 'sys/policy/root', { policy: 'nope = 1' }, 'failed to parse policy: 1 error occurred:\n\t* invalid key "nope" on line 1\n\n'],
  ];
  for (const [name, method, path, body, message] of cases) {
    it(`refuses ${name} with 400`, async () => {
      const emu = await testEmu();
      expect(errorsOf(await call(emu, method, `/v1/${path}`, body))).toEqual({ status: 400, body: { errors: [message] } });
    });
  }
});
