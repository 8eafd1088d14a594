import { describe, expect, it } from 'vitest';
import type { VaultEmu } from '../../../src/emulator.js';
import { call, testEmu } from '../../helpers/emulator.js';

function as(token: string) {
  return { 'x-vault-token': token };
}

function otherToken(emu: VaultEmu, id?: string): string {
  return emu.core.tokens.createRoot({ now: emu.clock.now(), id }).id;
}

describe('cubbyhole', () => {
  it('writes (204), reads with lease_duration 0, lists and deletes like KV v1', async () => {
    const emu = await testEmu();
    expect((await call(emu, 'PUT', '/v1/cubbyhole/app/cfg', { a: 1 })).status).toBe(204);
    await call(emu, 'PUT', '/v1/cubbyhole/top', { b: 2 });
    const read = await call(emu, 'GET', '/v1/cubbyhole/app/cfg');
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ lease_duration: 0, renewable: false, data: { a: 1 }, mount_type: 'cubbyhole' });
    expect((await call(emu, 'GET', '/v1/cubbyhole/?list=true')).json.data).toEqual({ keys: ['app/', 'top'] });
    expect((await call(emu, 'GET', '/v1/cubbyhole/app?list=true')).json.data).toEqual({ keys: ['cfg'] });
    expect((await call(emu, 'DELETE', '/v1/cubbyhole/app/cfg')).status).toBe(204);
    expect((await call(emu, 'GET', '/v1/cubbyhole/app/cfg')).json).toEqual({ errors: [] });
    expect((await call(emu, 'GET', '/v1/cubbyhole/app?list=true')).json).toEqual({ errors: [] });
  });

  it('keeps a ttl key as plain data (no lease hint)', async () => {
    const emu = await testEmu();
    await call(emu, 'PUT', '/v1/cubbyhole/k', { ttl: '1h' });
    expect((await call(emu, 'GET', '/v1/cubbyhole/k')).json.lease_duration).toBe(0);
  });

  it('fails a write without data, and any use of the root path, with 500 go-multierror texts', async () => {
    const emu = await testEmu();
    const empty = await call(emu, 'PUT', '/v1/cubbyhole/k', {});
    expect(empty.status).toBe(500);
    expect(empty.json).toEqual({ errors: ['1 error occurred:\n\t* missing data fields\n\n'] });
    const rootWrite = await call(emu, 'PUT', '/v1/cubbyhole', { a: 1 });
    expect(rootWrite.status).toBe(500);
    expect(rootWrite.json).toEqual({ errors: ['1 error occurred:\n\t* missing path\n\n'] });
    const rootRead = await call(emu, 'GET', '/v1/cubbyhole/');
    expect(rootRead.status).toBe(500);
    expect(rootRead.json).toEqual({ errors: ['1 error occurred:\n\t* missing path\n\n'] });
  });

  it('gives every token its own private space', async () => {
    const emu = await testEmu();
    const other = otherToken(emu);
    await call(emu, 'PUT', '/v1/cubbyhole/shared-name', { owner: 'root' });
    await call(emu, 'PUT', '/v1/cubbyhole/shared-name', { owner: 'other' }, as(other));
    expect((await call(emu, 'GET', '/v1/cubbyhole/shared-name')).json.data).toEqual({ owner: 'root' });
    expect((await call(emu, 'GET', '/v1/cubbyhole/shared-name', undefined, as(other))).json.data).toEqual({ owner: 'other' });
    await call(emu, 'PUT', '/v1/cubbyhole/mine', { x: 1 }, as(other));
    expect((await call(emu, 'GET', '/v1/cubbyhole/mine')).status).toBe(404);
    expect((await call(emu, 'GET', '/v1/cubbyhole/?list=true')).json.data.keys).toEqual(['shared-name']);
  });

  it('destroys a token’s cubbyhole when the token is revoked', async () => {
    const emu = await testEmu();
    const other = otherToken(emu, 'hvs.cubbyholeowner000000000');
    await call(emu, 'PUT', '/v1/cubbyhole/a/b', { x: 1 }, as(other));
    await call(emu, 'PUT', '/v1/cubbyhole/c', { x: 1 }, as(other));
    await call(emu, 'PUT', '/v1/cubbyhole/kept', { x: 1 });
    emu.core.tokens.revoke(other);
    const revoked = await call(emu, 'GET', '/v1/cubbyhole/c', undefined, as(other));
    expect(revoked.status).toBe(403);
    otherToken(emu, other);
    expect((await call(emu, 'GET', '/v1/cubbyhole/?list=true', undefined, as(other))).json).toEqual({ errors: [] });
    expect((await call(emu, 'GET', '/v1/cubbyhole/kept')).json.data).toEqual({ x: 1 });
  });
});
