import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/emulator.js';
import { START_TEXT, kvEmu, list, patch } from './kv-helpers.js';

describe('KV v2 metadata/<path>: read, write, delete', () => {
  it('reads the full version history with settings', async () => {
    const { emu, clock } = await kvEmu();
    await call(emu, 'POST', '/v1/secret/data/app', { data: { a: 1 } });
    await clock.advance(60_000);
    await call(emu, 'POST', '/v1/secret/data/app', { data: { a: 2 } });
    const res = await call(emu, 'GET', '/v1/secret/metadata/app');
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual({
      cas_required: false,
      created_time: START_TEXT,
      current_version: 2,
      custom_metadata: null,
      delete_version_after: '0s',
      max_versions: 0,
      oldest_version: 0,
      updated_time: '2024-06-03T16:01:00.123Z',
      versions: {
        '1': { created_time: START_TEXT, deletion_time: '', destroyed: false },
        '2': { created_time: '2024-06-03T16:01:00.123Z', deletion_time: '', destroyed: false },
      },
    });
    expect(res.json.lease_duration).toBe(0);
    expect((await call(emu, 'GET', '/v1/secret/metadata/none')).json).toEqual({ errors: [] });
  });

  it('creates metadata for a key with no versions yet; data reads of it stay 404', async () => {
    const { emu } = await kvEmu();
    const write = await call(emu, 'POST', '/v1/secret/metadata/fresh', { max_versions: 3, cas_required: true, delete_version_after: '1h30m', custom_metadata: { owner: 'team-a' } });
    expect(write.status).toBe(204);
    const res = await call(emu, 'GET', '/v1/secret/metadata/fresh');
    expect(res.json.data).toEqual({
      cas_required: true,
      created_time: START_TEXT,
      current_version: 0,
      custom_metadata: { owner: 'team-a' },
      delete_version_after: '1h30m0s',
      max_versions: 3,
      oldest_version: 0,
      updated_time: START_TEXT,
      versions: {},
    });
    expect((await call(emu, 'GET', '/v1/secret/data/fresh')).json).toEqual({ errors: [] });
  });

  it('treats a write without any of its four settings as a no-op', async () => {
    const { emu } = await kvEmu();
    expect((await call(emu, 'POST', '/v1/secret/metadata/k', {})).status).toBe(204);
    expect((await call(emu, 'GET', '/v1/secret/metadata/k')).status).toBe(404);
  });

  it('shows custom_metadata in data responses; an empty map reads back as null', async () => {
    const { emu } = await kvEmu();
    await call(emu, 'POST', '/v1/secret/metadata/k', { custom_metadata: { env: 'prod' } });
    const write = await call(emu, 'POST', '/v1/secret/data/k', { data: { a: 1 } });
    expect(write.json.data.custom_metadata).toEqual({ env: 'prod' });
    expect((await call(emu, 'GET', '/v1/secret/data/k')).json.data.metadata.custom_metadata).toEqual({ env: 'prod' });
    await call(emu, 'POST', '/v1/secret/metadata/k', { custom_metadata: {} });
    expect((await call(emu, 'GET', '/v1/secret/metadata/k')).json.data.custom_metadata).toBeNull();
  });

  it('warns when a key sets cas_required=false while the mount requires it (200, data null)', async () => {
    const { emu } = await kvEmu();
    await call(emu, 'POST', '/v1/secret/config', { cas_required: true });
    const res = await call(emu, 'POST', '/v1/secret/metadata/k', { cas_required: false });
    expect(res.status).toBe(200);
    expect(res.json.data).toBeNull();
    expect(res.json.warnings).toEqual(['"cas_required" set to false, but is mandated by backend config. This value will be ignored.']);
  });

  it('rejects a negative delete_version_after on a key', async () => {
    const { emu } = await kvEmu();
    const res = await call(emu, 'POST', '/v1/secret/metadata/k', { delete_version_after: '-1h' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      errors: ['Field validation failed: error converting input -1h for field "delete_version_after": cannot provide negative value \'-3600\''],
    });
  });

  it('deletes the key with every version (204, also when absent)', async () => {
    const { emu } = await kvEmu();
    await call(emu, 'POST', '/v1/secret/data/dir/k', { data: { a: 1 } });
    await call(emu, 'POST', '/v1/secret/data/dir/k', { data: { a: 2 } });
    expect((await call(emu, 'DELETE', '/v1/secret/metadata/dir/k')).status).toBe(204);
    expect((await call(emu, 'GET', '/v1/secret/metadata/dir/k')).status).toBe(404);
    expect((await call(emu, 'GET', '/v1/secret/data/dir/k?version=1')).json).toEqual({ errors: [] });
    expect((await list(emu, '/v1/secret/metadata/')).status).toBe(404);
    expect((await call(emu, 'DELETE', '/v1/secret/metadata/dir/k')).status).toBe(204);
  });
});

describe('KV v2 custom_metadata validation', () => {
  it('limits the number of keys', async () => {
    const { emu } = await kvEmu();
    const custom = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, 'v']));
    const res = await call(emu, 'POST', '/v1/secret/metadata/k', { custom_metadata: custom });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ errors: ['1 error occurred:\n\t* custom_metadata validation failed: payload must contain at most 64 keys, provided 65\n\n'] });
  });

  it('limits key and value lengths and lists every problem', async () => {
    const { emu } = await kvEmu();
    const longKey = 'k'.repeat(129);
    const res = await call(emu, 'POST', '/v1/secret/metadata/k', { custom_metadata: { [longKey]: 'v', empty: '' } });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      '2 errors occurred:\n' +
        '\t* custom_metadata validation failed: length of value for key "empty" is 0 but must be 0 < len(value) <= 512\n' +
        `\t* custom_metadata validation failed: length of key "${longKey}" is 129 but must be 0 < len(key) <= 128\n\n`,
    ]);
  });

  it('rejects unprintable keys and values', async () => {
    const { emu } = await kvEmu();
    const res = await call(emu, 'POST', '/v1/secret/metadata/k', { custom_metadata: { 'a\tb': 'x\ny' } });
    expect(res.json.errors).toEqual([
      '2 errors occurred:\n' +
        '\t* custom_metadata validation failed: key "a\\tb" (a\tb) contains unprintable characters\n' +
        '\t* custom_metadata validation failed: value for key "a\\tb" contains unprintable characters\n\n',
    ]);
  });

  it('rejects values that are not strings, numbers or booleans; coerces the rest', async () => {
    const { emu } = await kvEmu();
    const res = await call(emu, 'POST', '/v1/secret/metadata/k', { custom_metadata: { a: { b: 'c' } } });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      errors: ["custom_metadata validation failed: '' expected type 'string', got unconvertible type 'map[string]interface {}', value: 'map[b:c]'"],
    });
    await call(emu, 'POST', '/v1/secret/metadata/k', { custom_metadata: { n: 42, t: true } });
    expect((await call(emu, 'GET', '/v1/secret/metadata/k')).json.data.custom_metadata).toEqual({ n: '42', t: '1' });
  });
});

describe('KV v2 PATCH metadata/<path>', () => {
  it('merges settings and custom_metadata members; null removes a member', async () => {
    const { emu } = await kvEmu();
    await call(emu, 'POST', '/v1/secret/metadata/k', { max_versions: 5, custom_metadata: { a: '1', b: '2' } });
    const res = await patch(emu, '/v1/secret/metadata/k', { cas_required: true, delete_version_after: '10m', custom_metadata: { a: null, c: '3' } });
    expect(res.status).toBe(204);
    const read = await call(emu, 'GET', '/v1/secret/metadata/k');
    expect(read.json.data).toMatchObject({ max_versions: 5, cas_required: true, delete_version_after: '10m0s', custom_metadata: { b: '2', c: '3' } });
    await patch(emu, '/v1/secret/metadata/k', { custom_metadata: null });
    expect((await call(emu, 'GET', '/v1/secret/metadata/k')).json.data.custom_metadata).toBeNull();
  });

  it('answers a missing key with 404 and an empty body', async () => {
    const { emu } = await kvEmu();
    const res = await patch(emu, '/v1/secret/metadata/none', { max_versions: 1 });
    expect(res.status).toBe(404);
    expect(res.text).toBe('');
  });

  it('validates custom_metadata before looking the key up, and warns about cas_required', async () => {
    const { emu } = await kvEmu();
    const invalid = await patch(emu, '/v1/secret/metadata/none', { custom_metadata: { k: '' } });
    expect(invalid.status).toBe(400);
    expect(invalid.json.errors[0]).toBe('1 error occurred:\n\t* custom_metadata validation failed: length of value for key "k" is 0 but must be 0 < len(value) <= 512\n\n');
    await call(emu, 'POST', '/v1/secret/config', { cas_required: true });
    await call(emu, 'POST', '/v1/secret/metadata/k', { max_versions: 1 });
    const warned = await patch(emu, '/v1/secret/metadata/k', { cas_required: false });
    expect(warned.status).toBe(200);
    expect(warned.json.warnings).toEqual(['"cas_required" set to false, but is mandated by backend config. This value will be ignored.']);
  });
});

describe('KV v2 LIST metadata/', () => {
  it('lists keys and sub-folders (with a trailing slash), at the root and below', async () => {
    const { emu } = await kvEmu();
    for (const key of ['b', 'a', 'app/db', 'app/web/tls']) await call(emu, 'POST', `/v1/secret/data/${key}`, { data: { x: 1 } });
    await call(emu, 'POST', '/v1/secret/metadata/only-meta', { max_versions: 1 });
    const root = await list(emu, '/v1/secret/metadata');
    expect(root.status).toBe(200);
    expect(root.json.data).toEqual({ keys: ['a', 'app/', 'b', 'only-meta'] });
    expect((await list(emu, '/v1/secret/metadata/app')).json.data).toEqual({ keys: ['db', 'web/'] });
    expect((await list(emu, '/v1/secret/metadata/app/web/')).json.data).toEqual({ keys: ['tls'] });
  });

  it('answers an empty folder with a bare 404', async () => {
    const { emu } = await kvEmu();
    const res = await list(emu, '/v1/secret/metadata/nothing/');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ errors: [] });
  });
});
