import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/emulator.js';
import { START_TEXT, kvEmu, patch } from './kv-helpers.js';

const ENVELOPE_KEYS = ['request_id', 'lease_id', 'renewable', 'lease_duration', 'data', 'wrap_info', 'warnings', 'auth', 'mount_type'];

describe('KV v2 data/<path>: write and read', () => {
  it('answers a write with the new version’s metadata (200, lease_duration 0, mount_type kv)', async () => {
    const { emu } = await kvEmu();
    const res = await call(emu, 'POST', '/v1/secret/data/app/config', { data: { password: 's3cr3t' }, options: { cas: 0 } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(ENVELOPE_KEYS);
    expect(res.text).toContain(`"data":{"created_time":"${START_TEXT}","custom_metadata":null,"deletion_time":"","destroyed":false,"version":1}`);
    expect(res.json).toMatchObject({ lease_id: '', renewable: false, lease_duration: 0, warnings: null, mount_type: 'kv' });
  });

  it('reads the current version as data.data plus data.metadata', async () => {
    const { emu } = await kvEmu();
    await call(emu, 'PUT', '/v1/secret/data/app', { data: { username: 'app', nested: { a: [1, 2] } } });
    const res = await call(emu, 'GET', '/v1/secret/data/app');
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual({
      data: { username: 'app', nested: { a: [1, 2] } },
      metadata: { created_time: START_TEXT, custom_metadata: null, deletion_time: '', destroyed: false, version: 1 },
    });
    expect(res.json.lease_duration).toBe(0);
    expect(res.json.mount_type).toBe('kv');
    expect(res.text.endsWith('}\n')).toBe(true);
  });

  it('keeps every version readable by number; unknown versions and keys are bare 404s', async () => {
    const { emu, clock } = await kvEmu();
    await call(emu, 'POST', '/v1/secret/data/k', { data: { v: 1 } });
    await clock.advance(1500);
    const second = await call(emu, 'POST', '/v1/secret/data/k', { data: { v: 2 } });
    expect(second.json.data).toEqual({ created_time: '2024-06-03T16:00:01.623Z', custom_metadata: null, deletion_time: '', destroyed: false, version: 2 });
    expect((await call(emu, 'GET', '/v1/secret/data/k')).json.data.data).toEqual({ v: 2 });
    const first = await call(emu, 'GET', '/v1/secret/data/k?version=1');
    expect(first.json.data).toEqual({ data: { v: 1 }, metadata: { created_time: START_TEXT, custom_metadata: null, deletion_time: '', destroyed: false, version: 1 } });
    expect((await call(emu, 'GET', '/v1/secret/data/k?version=0')).json.data.data).toEqual({ v: 2 });
    for (const url of ['/v1/secret/data/k?version=9', '/v1/secret/data/missing']) {
      const res = await call(emu, 'GET', url);
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ errors: [] });
    }
  });

  it('rejects a write without data, and a version that is not a number', async () => {
    const { emu } = await kvEmu();
    const none = await call(emu, 'POST', '/v1/secret/data/k', { options: { cas: 0 } });
    expect(none.status).toBe(400);
    expect(none.json).toEqual({ errors: ['no data provided'] });
    const empty = await call(emu, 'POST', '/v1/secret/data/k');
    expect(empty.json).toEqual({ errors: ['no data provided'] });
    const badVersion = await call(emu, 'GET', '/v1/secret/data/k?version=abc');
    expect(badVersion.status).toBe(400);
    expect(badVersion.json.errors[0]).toMatch(/^Field validation failed: error converting input abc for field "version": /);
  });

  it('stores a JSON null as data and reads it back as null', async () => {
    const { emu } = await kvEmu();
    expect((await call(emu, 'POST', '/v1/secret/data/k', { data: null })).status).toBe(200);
    expect((await call(emu, 'GET', '/v1/secret/data/k')).json.data.data).toBeNull();
  });

  it('warns about parameters the path does not take', async () => {
    const { emu } = await kvEmu();
    const res = await call(emu, 'POST', '/v1/secret/data/k', { data: { a: 1 }, zeta: 1, alpha: 2 });
    expect(res.json.warnings).toEqual(['Endpoint ignored these unrecognized parameters: [alpha zeta]']);
  });
});

describe('KV v2 check-and-set', () => {
  it('cas 0 only creates, cas N must equal the current version, and bad values do not parse', async () => {
    const { emu } = await kvEmu();
    expect((await call(emu, 'POST', '/v1/secret/data/k', { data: { a: 1 }, options: { cas: 0 } })).status).toBe(200);
    const again = await call(emu, 'POST', '/v1/secret/data/k', { data: { a: 2 }, options: { cas: 0 } });
    expect(again.status).toBe(400);
    expect(again.json).toEqual({ errors: ['check-and-set parameter did not match the current version'] });
    expect((await call(emu, 'POST', '/v1/secret/data/k', { data: { a: 2 }, options: { cas: '1' } })).json.data.version).toBe(2);
    const bad = await call(emu, 'POST', '/v1/secret/data/k', { data: { a: 3 }, options: { cas: 'abc' } });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ errors: ['error parsing check-and-set parameter'] });
    const fractional = await call(emu, 'POST', '/v1/secret/data/k', { data: { a: 3 }, options: { cas: 1.5 } });
    expect(fractional.json).toEqual({ errors: ['error parsing check-and-set parameter'] });
  });

  it('requires cas when the mount config or the key metadata says so', async () => {
    const { emu } = await kvEmu();
    expect((await call(emu, 'POST', '/v1/secret/config', { cas_required: true })).status).toBe(204);
    const res = await call(emu, 'POST', '/v1/secret/data/k', { data: { a: 1 } });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ errors: ['check-and-set parameter required for this call'] });
    expect((await call(emu, 'POST', '/v1/secret/data/k', { data: { a: 1 }, options: { cas: 0 } })).status).toBe(200);

    await call(emu, 'POST', '/v1/secret/config', { cas_required: false });
    await call(emu, 'POST', '/v1/secret/metadata/locked', { cas_required: true });
    expect((await call(emu, 'POST', '/v1/secret/data/locked', { data: { a: 1 } })).json).toEqual({
      errors: ['check-and-set parameter required for this call'],
    });
    expect((await call(emu, 'POST', '/v1/secret/data/locked', { data: { a: 1 }, options: { cas: 0 } })).status).toBe(200);
  });
});

describe('KV v2 PATCH data/<path>', () => {
  it('merge-patches the current version into a new one: null removes, objects merge, other values replace', async () => {
    const { emu, clock } = await kvEmu();
    await call(emu, 'POST', '/v1/secret/data/k', { data: { keep: 'x', drop: 'y', nested: { a: 1, b: 2 }, list: [1] } });
    await clock.advance(1000);
    const res = await patch(emu, '/v1/secret/data/k', { data: { drop: null, nested: { b: null, c: 3 }, list: [2, null], added: { x: null, y: 1 } } });
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual({ created_time: '2024-06-03T16:00:01.123Z', custom_metadata: null, deletion_time: '', destroyed: false, version: 2 });
    const read = await call(emu, 'GET', '/v1/secret/data/k');
    expect(read.json.data.data).toEqual({ keep: 'x', nested: { a: 1, c: 3 }, list: [2, null], added: { y: 1 } });
  });

  it('answers a missing key with 404 and an empty body, and a patch without data with 400', async () => {
    const { emu } = await kvEmu();
    const missing = await patch(emu, '/v1/secret/data/nope', { data: { a: 1 } });
    expect(missing.status).toBe(404);
    expect(missing.text).toBe('');
    expect(missing.headers['content-type']).toBe('application/json');
    await call(emu, 'POST', '/v1/secret/data/k', { data: { a: 1 } });
    const noData = await patch(emu, '/v1/secret/data/k', { options: { cas: 1 } });
    expect(noData.status).toBe(400);
    expect(noData.json).toEqual({ errors: ['no data provided'] });
  });

  it('applies check-and-set to patches too', async () => {
    const { emu } = await kvEmu();
    await call(emu, 'POST', '/v1/secret/data/k', { data: { a: 1 } });
    const res = await patch(emu, '/v1/secret/data/k', { data: { a: 2 }, options: { cas: 5 } });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ errors: ['check-and-set parameter did not match the current version'] });
    expect((await patch(emu, '/v1/secret/data/k', { data: { a: 2 }, options: { cas: 1 } })).json.data.version).toBe(2);
  });

  it('refuses a deleted current version with a 404 envelope holding the version metadata', async () => {
    const { emu } = await kvEmu();
    await call(emu, 'POST', '/v1/secret/data/k', { data: { a: 1 } });
    await call(emu, 'DELETE', '/v1/secret/data/k');
    const res = await patch(emu, '/v1/secret/data/k', { data: { a: 2 } });
    expect(res.status).toBe(404);
    expect(res.json.data).toEqual({ created_time: START_TEXT, custom_metadata: null, deletion_time: START_TEXT, destroyed: false, version: 1 });
    expect(res.json.mount_type).toBe('');
  });

  it('needs the merge-patch content type', async () => {
    const { emu } = await kvEmu();
    const res = await call(emu, 'PATCH', '/v1/secret/data/k', { data: { a: 1 } }, { 'content-type': 'application/json' });
    expect(res.status).toBe(415);
    expect(res.json).toEqual({ errors: ['PATCH requires Content-Type of application/merge-patch+json, provided application/json'] });
  });
});

describe('KV v2 DELETE data/<path> and reads of deleted versions', () => {
  it('soft-deletes the current version; reading it answers 404 with the envelope, mount_type "" and no newline', async () => {
    const { emu, clock } = await kvEmu();
    await call(emu, 'POST', '/v1/secret/data/k', { data: { a: 1 } });
    await clock.advance(2000);
    const del = await call(emu, 'DELETE', '/v1/secret/data/k');
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    const res = await call(emu, 'GET', '/v1/secret/data/k?ignored=1');
    expect(res.status).toBe(404);
    expect(Object.keys(res.json)).toEqual(ENVELOPE_KEYS);
    expect(res.json).toMatchObject({ lease_id: '', renewable: false, lease_duration: 0, wrap_info: null, warnings: null, auth: null, mount_type: '' });
    expect(res.json.data).toEqual({
      data: null,
      metadata: { created_time: START_TEXT, custom_metadata: null, deletion_time: '2024-06-03T16:00:02.123Z', destroyed: false, version: 1 },
    });
    expect(res.text.endsWith('}')).toBe(true);
  });

  it('is a no-op (204) for a missing key and for an already deleted version', async () => {
    const { emu, clock } = await kvEmu();
    expect((await call(emu, 'DELETE', '/v1/secret/data/never')).status).toBe(204);
    await call(emu, 'POST', '/v1/secret/data/k', { data: { a: 1 } });
    await call(emu, 'DELETE', '/v1/secret/data/k');
    await clock.advance(5000);
    expect((await call(emu, 'DELETE', '/v1/secret/data/k')).status).toBe(204);
    const meta = await call(emu, 'GET', '/v1/secret/metadata/k');
    expect(meta.json.data.versions['1'].deletion_time).toBe(START_TEXT);
  });

  it('keeps older versions readable after the current one is deleted', async () => {
    const { emu } = await kvEmu();
    await call(emu, 'POST', '/v1/secret/data/k', { data: { v: 1 } });
    await call(emu, 'POST', '/v1/secret/data/k', { data: { v: 2 } });
    await call(emu, 'DELETE', '/v1/secret/data/k');
    expect((await call(emu, 'GET', '/v1/secret/data/k')).status).toBe(404);
    expect((await call(emu, 'GET', '/v1/secret/data/k?version=1')).json.data.data).toEqual({ v: 1 });
  });
});
