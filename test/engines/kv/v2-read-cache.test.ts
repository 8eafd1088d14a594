// KV v2 reads answer from frozen stored records and views worked out once per stored version
// (v2-records.ts). Repeated reads must stay exact, no caller may change what is stored through a
// response, and every kind of change to a key shows in the very next read.
import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/emulator.js';
import { START, START_TEXT, kvEmu } from './kv-helpers.js';

const read = async (emu: Parameters<typeof call>[0], path: string) => {
  const res = await call(emu, 'GET', path);
  return { status: res.status, data: res.json?.data, text: res.text.replace(/"request_id":"[^"]+"/, '"request_id":"…"') };
};

describe('KV v2 reads answered from frozen records', () => {
  it('give the same bytes on every read, apart from the request id', async () => {
    const { emu } = await kvEmu();
    await call(emu, 'POST', '/v1/secret/data/a', { data: { b: 'x<y', a: [1, { z: 1, y: 2 }] } });
    const first = await read(emu, '/v1/secret/data/a');
    expect(first.text).toBe(
      `{"request_id":"…","lease_id":"","renewable":false,"lease_duration":0,"data":{"data":{"a":[1,{"y":2,"z":1}],"b":"x\\u003cy"},` +
        `"metadata":{"created_time":"${START_TEXT}","custom_metadata":null,"deletion_time":"","destroyed":false,"version":1}},` +
        '"wrap_info":null,"warnings":null,"auth":null,"mount_type":"kv"}\n',
    );
    for (let i = 0; i < 3; i++) expect(await read(emu, '/v1/secret/data/a')).toEqual(first);
  });

  it('hand engines’ callers frozen data: changing a response throws and leaves the secret as it was', async () => {
    const { emu } = await kvEmu();
    await call(emu, 'POST', '/v1/secret/data/a', { data: { k: 'v' } });
    const handle = () =>
      emu.core.handle({ id: 'r', operation: 'read', path: 'secret/data/a', data: {}, clientToken: 'root', headers: {}, now: emu.core.clock.now() });
    for (let i = 0; i < 2; i++) {
      const data = (await handle()).response!.data as { data: Record<string, unknown>; metadata: Record<string, unknown> };
      expect(() => {
        data.data.k = 'changed';
      }).toThrow(TypeError);
      expect(() => {
        data.metadata.version = 9;
      }).toThrow(TypeError);
    }
    expect((await read(emu, '/v1/secret/data/a')).data).toEqual({
      data: { k: 'v' },
      metadata: { created_time: START_TEXT, custom_metadata: null, deletion_time: '', destroyed: false, version: 1 },
    });
  });

  it('show each change to the key in the next read: new version, old version, delete, undelete, destroy, custom metadata', async () => {
    const { emu, clock } = await kvEmu();
    await call(emu, 'POST', '/v1/secret/data/a', { data: { v: 1 } });
    await read(emu, '/v1/secret/data/a');
    await clock.advance(1000);
    await call(emu, 'POST', '/v1/secret/data/a', { data: { v: 2 } });
    const second = new Date(START + 1000).toISOString();
    expect((await read(emu, '/v1/secret/data/a')).data).toEqual({
      data: { v: 2 },
      metadata: { created_time: second, custom_metadata: null, deletion_time: '', destroyed: false, version: 2 },
    });
    expect((await read(emu, '/v1/secret/data/a?version=1')).data.data).toEqual({ v: 1 });

    expect((await call(emu, 'DELETE', '/v1/secret/data/a')).status).toBe(204);
    const deleted = await read(emu, '/v1/secret/data/a');
    expect([deleted.status, deleted.data.data, deleted.data.metadata.deletion_time]).toEqual([404, null, second]);

    expect((await call(emu, 'POST', '/v1/secret/undelete/a', { versions: [2] })).status).toBe(204);
    expect((await read(emu, '/v1/secret/data/a')).data.data).toEqual({ v: 2 });

    expect((await call(emu, 'POST', '/v1/secret/metadata/a', { custom_metadata: { owner: 'me' } })).status).toBe(204);
    expect((await read(emu, '/v1/secret/data/a')).data.metadata.custom_metadata).toEqual({ owner: 'me' });

    expect((await call(emu, 'POST', '/v1/secret/destroy/a', { versions: [2] })).status).toBe(204);
    const destroyed = await read(emu, '/v1/secret/data/a');
    expect([destroyed.status, destroyed.data.data, destroyed.data.metadata.destroyed]).toEqual([404, null, true]);
    expect((await read(emu, '/v1/secret/data/a?version=1')).data.data).toEqual({ v: 1 });
  });
});
