import { describe, expect, it } from 'vitest';
import { RFC3339_NANO, kv, patch, useMount } from './kv-lib.js';

describe('KV v2 metadata/<path> (conformance)', () => {
  const m = useMount('kv-v2');

  it('reads the version history and settings of a key', async () => {
    await kv('POST', `${m()}/data/history`, { body: { data: { v: 1 } } });
    await kv('POST', `${m()}/data/history`, { body: { data: { v: 2 } } });
    const res = await kv('GET', `${m()}/metadata/history`);
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual({
      cas_required: false,
      created_time: expect.stringMatching(RFC3339_NANO),
      current_version: 2,
      custom_metadata: null,
      delete_version_after: '0s',
      max_versions: 0,
      oldest_version: 0,
      updated_time: expect.stringMatching(RFC3339_NANO),
      versions: {
        '1': { created_time: expect.stringMatching(RFC3339_NANO), deletion_time: '', destroyed: false },
        '2': { created_time: expect.stringMatching(RFC3339_NANO), deletion_time: '', destroyed: false },
      },
    });
    expect(res.json.data.updated_time).toBe(res.json.data.versions['2'].created_time);
    expect((await kv('GET', `${m()}/metadata/no-such-key`)).json).toEqual({ errors: [] });
  });

  it('writes settings and custom_metadata for a key that has no versions yet', async () => {
    const write = await kv('POST', `${m()}/metadata/settings`, {
      body: { max_versions: 3, delete_version_after: '1h30m', custom_metadata: { owner: 'team-a' } },
    });
    expect(write.status).toBe(204);
    const res = await kv('GET', `${m()}/metadata/settings`);
    expect(res.json.data).toMatchObject({ current_version: 0, max_versions: 3, delete_version_after: '1h30m0s', custom_metadata: { owner: 'team-a' }, versions: {} });
    const data = await kv('POST', `${m()}/data/settings`, { body: { data: { a: 1 } } });
    expect(data.json.data.custom_metadata).toEqual({ owner: 'team-a' });
    expect(Date.parse(data.json.data.deletion_time) - Date.parse(data.json.data.created_time)).toBe(90 * 60 * 1000);
  });

  it('merge-patches metadata; a missing key answers 404 with an empty body', async () => {
    await kv('POST', `${m()}/metadata/patched`, { body: { custom_metadata: { a: '1', b: '2' } } });
    expect((await patch(`${m()}/metadata/patched`, { max_versions: 4, custom_metadata: { a: null, c: '3' } })).status).toBe(204);
    expect((await kv('GET', `${m()}/metadata/patched`)).json.data).toMatchObject({ max_versions: 4, custom_metadata: { b: '2', c: '3' } });
    const missing = await patch(`${m()}/metadata/absent`, { max_versions: 1 });
    expect(missing.status).toBe(404);
    expect(missing.text).toBe('');
  });

  it('validates custom_metadata with multierror-formatted messages', async () => {
    const res = await kv('POST', `${m()}/metadata/invalid`, { body: { custom_metadata: { k: '' } } });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      errors: ['1 error occurred:\n\t* custom_metadata validation failed: length of value for key "k" is 0 but must be 0 < len(value) <= 512\n\n'],
    });
    const many = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, 'v']));
    const tooMany = await kv('POST', `${m()}/metadata/invalid`, { body: { custom_metadata: many } });
    expect(tooMany.json).toEqual({ errors: ['1 error occurred:\n\t* custom_metadata validation failed: payload must contain at most 64 keys, provided 65\n\n'] });
  });

  it('lists keys and folders through metadata/, and deletes a key with all its versions', async () => {
    await kv('POST', `${m()}/data/tree/a`, { body: { data: { x: 1 } } });
    await kv('POST', `${m()}/data/tree/sub/b`, { body: { data: { x: 1 } } });
    const res = await kv('LIST', `${m()}/metadata/tree`);
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual({ keys: ['a', 'sub/'] });
    expect((await kv('DELETE', `${m()}/metadata/tree/a`)).status).toBe(204);
    expect((await kv('DELETE', `${m()}/metadata/tree/sub/b`)).status).toBe(204);
    const empty = await kv('LIST', `${m()}/metadata/tree`);
    expect(empty.status).toBe(404);
    expect(empty.json).toEqual({ errors: [] });
    expect((await kv('GET', `${m()}/data/tree/a`)).status).toBe(404);
  });

  it('prunes versions beyond max_versions and moves oldest_version', async () => {
    await kv('POST', `${m()}/metadata/pruned`, { body: { max_versions: 2 } });
    for (let v = 1; v <= 4; v++) await kv('POST', `${m()}/data/pruned`, { body: { data: { v } } });
    const meta = (await kv('GET', `${m()}/metadata/pruned`)).json.data;
    expect([meta.current_version, meta.oldest_version, Object.keys(meta.versions)]).toEqual([4, 3, ['3', '4']]);
    expect((await kv('GET', `${m()}/data/pruned?version=2`)).json).toEqual({ errors: [] });
  });
});
