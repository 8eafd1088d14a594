import { describe, expect, it } from 'vitest';
import { expectLiveVersion, kv, patch, useMount } from './kv-lib.js';

const ENVELOPE_KEYS = ['request_id', 'lease_id', 'renewable', 'lease_duration', 'data', 'wrap_info', 'warnings', 'auth', 'mount_type'];

describe('KV v2 data/<path> (conformance)', () => {
  const m = useMount('kv-v2');

  it('answers a write with version metadata and reads back data plus metadata', async () => {
    const write = await kv('POST', `${m()}/data/app/config`, { body: { data: { password: 's3cr3t' }, options: { cas: 0 } } });
    expect(write.status).toBe(200);
    expect(Object.keys(write.json)).toEqual(ENVELOPE_KEYS);
    expect(write.json).toMatchObject({ lease_id: '', renewable: false, lease_duration: 0, warnings: null, mount_type: 'kv' });
    expectLiveVersion(write.json.data, 1);

    const read = await kv('GET', `${m()}/data/app/config`);
    expect(read.status).toBe(200);
    expect(read.json.data.data).toEqual({ password: 's3cr3t' });
    expectLiveVersion(read.json.data.metadata, 1);
    expect(read.json.data.metadata.created_time).toBe(write.json.data.created_time);
    expect(read.json.lease_duration).toBe(0);
  });

  it('reads older versions by number; unknown keys and versions are bare 404s', async () => {
    await kv('POST', `${m()}/data/versions`, { body: { data: { v: 1 } } });
    await kv('POST', `${m()}/data/versions`, { body: { data: { v: 2 } } });
    expect((await kv('GET', `${m()}/data/versions?version=1`)).json.data.data).toEqual({ v: 1 });
    expect((await kv('GET', `${m()}/data/versions`)).json.data.data).toEqual({ v: 2 });
    for (const path of [`${m()}/data/versions?version=7`, `${m()}/data/never-written`]) {
      const res = await kv('GET', path);
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ errors: [] });
    }
  });

  it('rejects a write without data and enforces check-and-set', async () => {
    const none = await kv('POST', `${m()}/data/cas`, { body: { options: { cas: 0 } } });
    expect(none.status).toBe(400);
    expect(none.json).toEqual({ errors: ['no data provided'] });
    expect((await kv('POST', `${m()}/data/cas`, { body: { data: { a: 1 }, options: { cas: 0 } } })).status).toBe(200);
    const mismatch = await kv('POST', `${m()}/data/cas`, { body: { data: { a: 2 }, options: { cas: 0 } } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.json).toEqual({ errors: ['check-and-set parameter did not match the current version'] });
    const unparsable = await kv('POST', `${m()}/data/cas`, { body: { data: { a: 2 }, options: { cas: 'abc' } } });
    expect(unparsable.json).toEqual({ errors: ['error parsing check-and-set parameter'] });
    expect((await kv('POST', `${m()}/data/cas`, { body: { data: { a: 2 }, options: { cas: 1 } } })).json.data.version).toBe(2);
  });

  it('warns about parameters the data path does not take', async () => {
    const res = await kv('POST', `${m()}/data/warned`, { body: { data: { a: 1 }, zeta: 1 } });
    expect(res.status).toBe(200);
    expect(res.json.warnings).toEqual(['Endpoint ignored these unrecognized parameters: [zeta]']);
  });

  it('merge-patches the current version; a missing key answers 404 with an empty body', async () => {
    await kv('POST', `${m()}/data/patched`, { body: { data: { keep: 'x', drop: 'y', nested: { a: 1 } } } });
    const res = await patch(`${m()}/data/patched`, { data: { drop: null, nested: { b: 2 } } });
    expect(res.status).toBe(200);
    expectLiveVersion(res.json.data, 2);
    expect((await kv('GET', `${m()}/data/patched`)).json.data.data).toEqual({ keep: 'x', nested: { a: 1, b: 2 } });

    const missing = await patch(`${m()}/data/not-there`, { data: { a: 1 } });
    expect(missing.status).toBe(404);
    expect(missing.text).toBe('');
  });

  it('soft-deletes the current version; reading it answers 404 with the envelope and mount_type ""', async () => {
    await kv('POST', `${m()}/data/deleted`, { body: { data: { a: 1 } } });
    const del = await kv('DELETE', `${m()}/data/deleted`);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    const res = await kv('GET', `${m()}/data/deleted`);
    expect(res.status).toBe(404);
    expect(Object.keys(res.json)).toEqual(ENVELOPE_KEYS);
    expect(res.json).toMatchObject({ lease_duration: 0, warnings: null, mount_type: '' });
    expect(res.json.data.data).toBeNull();
    expect(res.json.data.metadata).toMatchObject({ destroyed: false, version: 1 });
    expect(res.json.data.metadata.deletion_time).not.toBe('');

    const patched = await patch(`${m()}/data/deleted`, { data: { a: 2 } });
    expect(patched.status).toBe(404);
    expect(patched.json.data).toMatchObject({ version: 1, destroyed: false });
  });
});

describe('KV v2 cas_required from the mount config (conformance)', () => {
  const m = useMount('kv-v2');

  it('requires options.cas on every write and warns when a key tries to opt out', async () => {
    expect((await kv('POST', `${m()}/config`, { body: { cas_required: true } })).status).toBe(204);
    const res = await kv('POST', `${m()}/data/k`, { body: { data: { a: 1 } } });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ errors: ['check-and-set parameter required for this call'] });
    const optOut = await kv('POST', `${m()}/metadata/k`, { body: { cas_required: false } });
    expect(optOut.status).toBe(200);
    expect(optOut.json.data).toBeNull();
    expect(optOut.json.warnings).toEqual(['"cas_required" set to false, but is mandated by backend config. This value will be ignored.']);
  });
});
