import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/emulator.js';
import { START_TEXT, kvEmu } from './kv-helpers.js';

describe('KV v2 config', () => {
  it('reads the defaults', async () => {
    const { emu } = await kvEmu();
    const res = await call(emu, 'GET', '/v1/secret/config');
    expect(res.status).toBe(200);
    expect(res.text).toContain('"data":{"cas_required":false,"delete_version_after":"0s","max_versions":0}');
    expect(res.json.mount_type).toBe('kv');
  });

  it('updates only the settings sent (204); delete_version_after 0 clears it', async () => {
    const { emu } = await kvEmu();
    expect((await call(emu, 'POST', '/v1/secret/config', { max_versions: 4, delete_version_after: '90m' })).status).toBe(204);
    expect((await call(emu, 'PUT', '/v1/secret/config', { cas_required: 'true' })).status).toBe(204);
    expect((await call(emu, 'GET', '/v1/secret/config')).json.data).toEqual({ cas_required: true, delete_version_after: '1h30m0s', max_versions: 4 });
    await call(emu, 'POST', '/v1/secret/config', { delete_version_after: 0 });
    expect((await call(emu, 'GET', '/v1/secret/config')).json.data.delete_version_after).toBe('0s');
  });

  it('stores a negative max_versions as Go’s uint32 conversion does', async () => {
    const { emu } = await kvEmu();
    await call(emu, 'POST', '/v1/secret/config', { max_versions: -1 });
    expect((await call(emu, 'GET', '/v1/secret/config')).json.data.max_versions).toBe(4294967295);
  });

  it('does not serve delete or list', async () => {
    const { emu } = await kvEmu();
    const del = await call(emu, 'DELETE', '/v1/secret/config');
    expect(del.status).toBe(405);
    expect(del.json).toEqual({ errors: ['1 error occurred:\n\t* unsupported operation\n\n'] });
  });
});

describe('KV v2 subkeys/<path>', () => {
  const secret = { a: 1, empty: {}, list: [1, 2], nested: { b: 'x', deeper: { c: true } } };

  it('replaces every leaf with null, at any depth by default', async () => {
    const { emu } = await kvEmu();
    await call(emu, 'POST', '/v1/secret/data/k', { data: secret });
    const res = await call(emu, 'GET', '/v1/secret/subkeys/k');
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual({
      subkeys: { a: null, empty: null, list: null, nested: { b: null, deeper: { c: null } } },
      metadata: { created_time: START_TEXT, custom_metadata: null, deletion_time: '', destroyed: false, version: 1 },
    });
  });

  it('stops at the requested depth and reads older versions', async () => {
    const { emu } = await kvEmu();
    await call(emu, 'POST', '/v1/secret/data/k', { data: secret });
    await call(emu, 'POST', '/v1/secret/data/k', { data: { other: 1 } });
    const depth1 = await call(emu, 'GET', '/v1/secret/subkeys/k?version=1&depth=1');
    expect(depth1.json.data.subkeys).toEqual({ a: null, empty: null, list: null, nested: null });
    const depth2 = await call(emu, 'GET', '/v1/secret/subkeys/k?version=1&depth=2');
    expect(depth2.json.data.subkeys).toEqual({ a: null, empty: null, list: null, nested: { b: null, deeper: null } });
    expect((await call(emu, 'GET', '/v1/secret/subkeys/k')).json.data.subkeys).toEqual({ other: null });
  });

  it('answers missing keys and versions with bare 404s and deleted versions with the envelope', async () => {
    const { emu } = await kvEmu();
    expect((await call(emu, 'GET', '/v1/secret/subkeys/none')).json).toEqual({ errors: [] });
    await call(emu, 'POST', '/v1/secret/data/k', { data: secret });
    expect((await call(emu, 'GET', '/v1/secret/subkeys/k?version=4')).json).toEqual({ errors: [] });
    await call(emu, 'DELETE', '/v1/secret/data/k');
    const deleted = await call(emu, 'GET', '/v1/secret/subkeys/k');
    expect(deleted.status).toBe(404);
    expect(deleted.json.data).toEqual({
      subkeys: null,
      metadata: { created_time: START_TEXT, custom_metadata: null, deletion_time: START_TEXT, destroyed: false, version: 1 },
    });
    expect(deleted.json.mount_type).toBe('');
  });
});
