import { describe, expect, it } from 'vitest';
import { call, testEmu } from '../../helpers/emulator.js';

describe('sys/remount', () => {
  it('moves a secrets mount with its data, answering a migration id reported as success', async () => {
    const emu = await testEmu();
    await call(emu, 'POST', '/v1/sys/mounts/old', { type: 'kv', description: 'moving' });
    await call(emu, 'PUT', '/v1/old/app', { a: 1 });
    const before = (await call(emu, 'GET', '/v1/sys/mounts/old')).json.data;
    const res = await call(emu, 'POST', '/v1/sys/remount', { from: 'old', to: 'new' });
    expect(res.status).toBe(200);
    const id = res.json.data.migration_id;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(res.json.migration_id).toBe(id);
    expect(res.json.warnings).toEqual([
      "Mount move has been queued. Progress will be reported in Vault's server log, tagged with the returned migration_id",
    ]);
    const status = await call(emu, 'GET', `/v1/sys/remount/status/${id}`);
    expect(status.status).toBe(200);
    expect(status.json.data).toEqual({ migration_id: id, migration_info: { source_mount: 'old/', status: 'success', target_mount: 'new/' } });
    expect(status.json.migration_id).toBeUndefined();
    const after = (await call(emu, 'GET', '/v1/sys/mounts/new')).json.data;
    expect([after.uuid, after.accessor, after.description]).toEqual([before.uuid, before.accessor, 'moving']);
    expect((await call(emu, 'GET', '/v1/new/app')).json.data).toEqual({ a: 1 });
    expect((await call(emu, 'GET', '/v1/old/app')).status).toBe(404);
  });

  it('answers 404 with no errors for an unknown migration id', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'GET', '/v1/sys/remount/status/nope');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ errors: [] });
  });

  const refusals: [string, unknown, string][] = [
    ['missing to', { from: 'secret' }, "both 'from' and 'to' path must be specified as a string"],
    ['padded from', { from: ' secret', to: 'x' }, "'from' path cannot contain trailing whitespace"],
    ['padded to', { from: 'secret', to: 'x ' }, "'to' path cannot contain trailing whitespace"],
    ['unclean destination', { from: 'secret', to: 'a//b' }, "invalid destination mount: path 'a//b/' does not match cleaned path 'a/b/'"],
    ['dot destination', { from: 'secret', to: './b' }, "invalid destination mount: path './b/' does not match cleaned path 'b/'"],
    ['non-printable destination', { from: 'secret', to: 'a\tb' }, 'invalid destination mount: path cannot contain non-printable characters'],
    ['protected source', { from: 'sys', to: 'x' }, 'cannot remount "sys/"'],
    ['protected destination', { from: 'secret', to: 'cubbyhole/x' }, 'cannot remount to destination cubbyhole/x/'],
    ['secrets into auth', { from: 'secret', to: 'auth/x' }, 'cannot remount to destination auth/x/'],
    ['auth into secrets', { from: 'auth/token', to: 'x' }, 'cannot remount auth mount to non-auth mount "x/"'],
    ['the token auth mount', { from: 'auth/token', to: 'auth/t2' }, 'cannot remount "auth/token/"'],
    ['onto the token prefix', { from: 'auth/x', to: 'auth/tokens' }, 'cannot remount to destination "auth/tokens/"'],
    ['a missing source', { from: 'nope', to: 'x' }, 'no matching mount at "nope/"'],
    ['a missing auth source', { from: 'auth/nope', to: 'auth/x' }, 'no matching mount at "auth/nope/"'],
  ];
  for (const [name, body, message] of refusals) {
    it(`refuses ${name} with 400`, async () => {
      const emu = await testEmu();
      const res = await call(emu, 'POST', '/v1/sys/remount', body);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ errors: [message] });
    });
  }

  it('refuses a destination inside or above an existing mount', async () => {
    const emu = await testEmu();
    await call(emu, 'POST', '/v1/sys/mounts/a/b', { type: 'kv' });
    expect((await call(emu, 'POST', '/v1/sys/remount', { from: 'secret', to: 'a/b/c' })).json).toEqual({ errors: ['path already in use at "a/b/"'] });
    expect((await call(emu, 'POST', '/v1/sys/remount', { from: 'secret', to: 'a' })).json).toEqual({ errors: ['path already in use at "a/b/"'] });
  });
});
