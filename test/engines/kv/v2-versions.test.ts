import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/emulator.js';
import { START_TEXT, kvEmu } from './kv-helpers.js';

async function writeVersions(emu: Awaited<ReturnType<typeof kvEmu>>['emu'], key: string, count: number): Promise<void> {
  for (let i = 1; i <= count; i++) await call(emu, 'POST', `/v1/secret/data/${key}`, { data: { v: i } });
}

describe('KV v2 delete/, undelete/ and destroy/', () => {
  it('soft-deletes listed versions (array or comma string) and undeletes them', async () => {
    const { emu, clock } = await kvEmu();
    await writeVersions(emu, 'k', 3);
    await clock.advance(1000);
    expect((await call(emu, 'POST', '/v1/secret/delete/k', { versions: [1, 3] })).status).toBe(204);
    let meta = (await call(emu, 'GET', '/v1/secret/metadata/k')).json.data.versions;
    expect(meta['1'].deletion_time).toBe('2024-06-03T16:00:01.123Z');
    expect(meta['2'].deletion_time).toBe('');
    expect(meta['3'].deletion_time).toBe('2024-06-03T16:00:01.123Z');
    expect((await call(emu, 'GET', '/v1/secret/data/k?version=3')).status).toBe(404);

    expect((await call(emu, 'PUT', '/v1/secret/undelete/k', { versions: '1,3' })).status).toBe(204);
    meta = (await call(emu, 'GET', '/v1/secret/metadata/k')).json.data.versions;
    expect([meta['1'].deletion_time, meta['3'].deletion_time]).toEqual(['', '']);
    expect((await call(emu, 'GET', '/v1/secret/data/k')).json.data.data).toEqual({ v: 3 });
  });

  it('destroys versions for good: 404 envelope with destroyed=true, and undelete cannot bring them back', async () => {
    const { emu } = await kvEmu();
    await writeVersions(emu, 'k', 2);
    expect((await call(emu, 'PUT', '/v1/secret/destroy/k', { versions: [2] })).status).toBe(204);
    const res = await call(emu, 'GET', '/v1/secret/data/k');
    expect(res.status).toBe(404);
    expect(res.json.data).toEqual({
      data: null,
      metadata: { created_time: START_TEXT, custom_metadata: null, deletion_time: '', destroyed: true, version: 2 },
    });
    await call(emu, 'POST', '/v1/secret/undelete/k', { versions: [2] });
    expect((await call(emu, 'GET', '/v1/secret/data/k')).status).toBe(404);
    expect((await call(emu, 'GET', '/v1/secret/data/k?version=1')).json.data.data).toEqual({ v: 1 });
  });

  it('answers a missing version list with capitalised (delete, undelete) and lower-case (destroy) texts', async () => {
    const { emu } = await kvEmu();
    await writeVersions(emu, 'k', 1);
    for (const verb of ['delete', 'undelete']) {
      const res = await call(emu, 'POST', `/v1/secret/${verb}/k`, {});
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ errors: ['No version number provided'] });
    }
    const destroy = await call(emu, 'POST', '/v1/secret/destroy/k', { versions: '' });
    expect(destroy.status).toBe(400);
    expect(destroy.json).toEqual({ errors: ['no version number provided'] });
  });

  it('ignores unknown keys and versions (204)', async () => {
    const { emu } = await kvEmu();
    for (const verb of ['delete', 'undelete', 'destroy']) {
      expect((await call(emu, 'POST', `/v1/secret/${verb}/none`, { versions: [1] })).status).toBe(204);
    }
    await writeVersions(emu, 'k', 1);
    expect((await call(emu, 'POST', '/v1/secret/delete/k', { versions: [7] })).status).toBe(204);
    expect((await call(emu, 'GET', '/v1/secret/data/k')).status).toBe(200);
  });

  it('only answers writes on these paths', async () => {
    const { emu } = await kvEmu();
    const res = await call(emu, 'GET', '/v1/secret/destroy/k');
    expect(res.status).toBe(405);
    expect(res.json).toEqual({ errors: ['1 error occurred:\n\t* unsupported operation\n\n'] });
  });
});

describe('KV v2 max_versions', () => {
  it('keeps 10 versions by default; oldest_version moves to 1 on the 10th write', async () => {
    const { emu } = await kvEmu();
    await writeVersions(emu, 'k', 9);
    expect((await call(emu, 'GET', '/v1/secret/metadata/k')).json.data.oldest_version).toBe(0);
    await writeVersions(emu, 'k', 1);
    let meta = (await call(emu, 'GET', '/v1/secret/metadata/k')).json.data;
    expect(meta.oldest_version).toBe(1);
    expect(Object.keys(meta.versions)).toHaveLength(10);
    await writeVersions(emu, 'k', 1);
    meta = (await call(emu, 'GET', '/v1/secret/metadata/k')).json.data;
    expect([meta.current_version, meta.oldest_version, meta.versions['1']]).toEqual([11, 2, undefined]);
    expect((await call(emu, 'GET', '/v1/secret/data/k?version=1')).json).toEqual({ errors: [] });
  });

  it('uses the larger of the key and mount settings', async () => {
    const { emu } = await kvEmu();
    await call(emu, 'POST', '/v1/secret/config', { max_versions: 3 });
    await call(emu, 'POST', '/v1/secret/metadata/k', { max_versions: 2 });
    await writeVersions(emu, 'k', 5);
    const meta = (await call(emu, 'GET', '/v1/secret/metadata/k')).json.data;
    expect(Object.keys(meta.versions)).toEqual(['3', '4', '5']);
    expect(meta.oldest_version).toBe(3);
    expect(meta.max_versions).toBe(2);
  });
});

describe('KV v2 delete_version_after', () => {
  it('stamps a future deletion_time that stays readable until it passes', async () => {
    const { emu, clock } = await kvEmu();
    await call(emu, 'POST', '/v1/secret/metadata/k', { delete_version_after: '1h' });
    const write = await call(emu, 'POST', '/v1/secret/data/k', { data: { a: 1 } });
    expect(write.json.data.deletion_time).toBe('2024-06-03T17:00:00.123Z');
    await clock.advance(3600_000 - 1);
    expect((await call(emu, 'GET', '/v1/secret/data/k')).status).toBe(200);
    await clock.advance(2);
    const gone = await call(emu, 'GET', '/v1/secret/data/k');
    expect(gone.status).toBe(404);
    expect(gone.json.data.metadata.deletion_time).toBe('2024-06-03T17:00:00.123Z');
  });

  it('takes the smaller of mount and key settings, and a fresh deadline on undelete', async () => {
    const { emu, clock } = await kvEmu();
    await call(emu, 'POST', '/v1/secret/config', { delete_version_after: '10m' });
    await call(emu, 'POST', '/v1/secret/metadata/k', { delete_version_after: '1h' });
    expect((await call(emu, 'POST', '/v1/secret/data/k', { data: { a: 1 } })).json.data.deletion_time).toBe('2024-06-03T16:10:00.123Z');
    await clock.advance(20 * 60_000);
    await call(emu, 'POST', '/v1/secret/undelete/k', { versions: [1] });
    const meta = (await call(emu, 'GET', '/v1/secret/metadata/k')).json.data;
    expect(meta.versions['1'].deletion_time).toBe('2024-06-03T16:30:00.123Z');
    expect(meta.delete_version_after).toBe('1h0m0s');
  });

  it('is switched off for every key by a negative mount setting', async () => {
    const { emu } = await kvEmu();
    await call(emu, 'POST', '/v1/secret/config', { delete_version_after: -1 });
    await call(emu, 'POST', '/v1/secret/metadata/k', { delete_version_after: '1h' });
    expect((await call(emu, 'POST', '/v1/secret/data/k', { data: { a: 1 } })).json.data.deletion_time).toBe('');
    expect((await call(emu, 'GET', '/v1/secret/config')).json.data.delete_version_after).toBe('-1s');
  });
});
