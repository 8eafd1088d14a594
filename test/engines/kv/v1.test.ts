import { describe, expect, it } from 'vitest';
import { storedTtlSeconds } from '../../../src/engines/kv/v1.js';
import { call } from '../../helpers/emulator.js';
import { kvEmu, list, mount } from './kv-helpers.js';

describe('KV v1 (passthrough)', () => {
  it('replaces the object on write (204) and reads it with the mount’s default TTL as lease_duration', async () => {
    const { emu } = await kvEmu();
    await mount(emu, 'kv1', 'kv');
    expect((await call(emu, 'PUT', '/v1/kv1/app', { a: 1, b: 2 })).status).toBe(204);
    expect((await call(emu, 'POST', '/v1/kv1/app', { c: 3 })).status).toBe(204);
    const res = await call(emu, 'GET', '/v1/kv1/app');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ lease_id: '', renewable: false, lease_duration: 2764800, data: { c: 3 }, warnings: null, mount_type: 'kv' });
  });

  it('takes lease_duration from a ttl (or lease) key, keeping the key in the data', async () => {
    const { emu } = await kvEmu();
    await mount(emu, 'kv1', 'kv');
    await call(emu, 'PUT', '/v1/kv1/a', { ttl: '1h', v: 1 });
    await call(emu, 'PUT', '/v1/kv1/b', { lease: 90 });
    await call(emu, 'PUT', '/v1/kv1/c', { ttl: 'not-a-duration' });
    const a = await call(emu, 'GET', '/v1/kv1/a');
    expect([a.json.lease_duration, a.json.data]).toEqual([3600, { ttl: '1h', v: 1 }]);
    expect((await call(emu, 'GET', '/v1/kv1/b')).json.lease_duration).toBe(90);
    expect((await call(emu, 'GET', '/v1/kv1/c')).json.lease_duration).toBe(2764800);
  });

  it('answers a write with no data, or to the mount root, with a 400 error response', async () => {
    const { emu } = await kvEmu();
    await mount(emu, 'kv1', 'kv');
    const empty = await call(emu, 'PUT', '/v1/kv1/app', {});
    expect(empty.status).toBe(400);
    expect(empty.json).toEqual({ errors: ['missing data fields'] });
    const root = await call(emu, 'PUT', '/v1/kv1', { a: 1 });
    expect(root.status).toBe(400);
    expect(root.json).toEqual({ errors: ['missing path'] });
  });

  it('reads a missing key as a bare 404 and deletes idempotently (204)', async () => {
    const { emu } = await kvEmu();
    await mount(emu, 'kv1', 'kv');
    expect((await call(emu, 'GET', '/v1/kv1/none')).json).toEqual({ errors: [] });
    await call(emu, 'PUT', '/v1/kv1/k', { a: 1 });
    expect((await call(emu, 'DELETE', '/v1/kv1/k')).status).toBe(204);
    expect((await call(emu, 'DELETE', '/v1/kv1/k')).status).toBe(204);
    expect((await call(emu, 'GET', '/v1/kv1/k')).status).toBe(404);
  });

  it('lists keys and folders; an empty listing is 404', async () => {
    const { emu } = await kvEmu();
    await mount(emu, 'kv1', 'kv');
    for (const key of ['z', 'dir/a', 'dir/sub/b']) await call(emu, 'PUT', `/v1/kv1/${key}`, { x: 1 });
    expect((await list(emu, '/v1/kv1/')).json.data).toEqual({ keys: ['dir/', 'z'] });
    expect((await list(emu, '/v1/kv1/dir')).json.data).toEqual({ keys: ['a', 'sub/'] });
    expect((await list(emu, '/v1/kv1/nothing/')).json).toEqual({ errors: [] });
  });

  it('warns when a body `path` is replaced by the path in the URL', async () => {
    const { emu } = await kvEmu();
    await mount(emu, 'kv1', 'kv');
    await call(emu, 'PUT', '/v1/kv1/k', { a: 1 });
    const res = await call(emu, 'GET', '/v1/kv1/k?path=other');
    expect(res.json.warnings).toEqual([
      "Endpoint replaced the value of these parameters with the values captured from the endpoint's path: [path]",
    ]);
  });
});

describe('storedTtlSeconds (parseutil.ParseDurationSecond over stored JSON)', () => {
  it.each([
    [null, 0],
    ['', 0],
    [60, 60],
    ['60', 60],
    ['-5', -5],
    ['2d', 172800],
    ['1h30m', 5400],
    ['1500ms', 1],
    [1.5, undefined],
    ['x', undefined],
    ['xd', undefined],
    [true, undefined],
    [{}, undefined],
  ] as [unknown, number | undefined][])('%j → %j', (input, expected) => {
    expect(storedTtlSeconds(input)).toBe(expected);
  });
});
