import { describe, expect, it } from 'vitest';
import type { VaultEmu } from '../../../src/emulator.js';
import { call } from '../../helpers/emulator.js';
import { START_TEXT, kvEmu, list, mount } from './kv-helpers.js';

/** Tunes a mount to options.version=2, as `vault kv enable-versioning` does. */
async function switchToVersion2(emu: VaultEmu, path: string): Promise<void> {
  const res = await call(emu, 'POST', `/v1/sys/mounts/${path}tune`, { options: { version: '2' } });
  expect(res.status).toBe(200);
}

describe('KV v1 → v2 upgrade', () => {
  it('turns each v1 object into version 1 of its key, created at upgrade time with oldest_version 1', async () => {
    const { emu, clock } = await kvEmu();
    await mount(emu, 'legacy', 'kv');
    await call(emu, 'PUT', '/v1/legacy/app/db', { password: 'p', ttl: '1h' });
    await call(emu, 'PUT', '/v1/legacy/top', { a: 1 });
    await clock.advance(10_000);
    await switchToVersion2(emu, 'legacy/');

    const read = await call(emu, 'GET', '/v1/legacy/data/app/db');
    expect(read.status).toBe(200);
    expect(read.json.data).toEqual({
      data: { password: 'p', ttl: '1h' },
      metadata: { created_time: '2024-06-03T16:00:10.123Z', custom_metadata: null, deletion_time: '', destroyed: false, version: 1 },
    });
    expect(read.json.lease_duration).toBe(0);
    const meta = await call(emu, 'GET', '/v1/legacy/metadata/app/db');
    expect(meta.json.data).toMatchObject({ current_version: 1, oldest_version: 1, max_versions: 0, created_time: '2024-06-03T16:00:10.123Z' });
    expect(Object.keys(meta.json.data.versions)).toEqual(['1']);
    expect((await list(emu, '/v1/legacy/metadata/')).json.data.keys).toEqual(['app/', 'top']);
    expect((await call(emu, 'GET', '/v1/legacy/app/db')).json.warnings[0]).toContain("use 'vault kv get'");
  });

  it('upgrades once: later writes continue from version 1 and nothing is migrated twice', async () => {
    const { emu } = await kvEmu();
    await mount(emu, 'legacy', 'kv');
    await call(emu, 'PUT', '/v1/legacy/k', { v: 1 });
    await switchToVersion2(emu, 'legacy/');
    const write = await call(emu, 'POST', '/v1/legacy/data/k', { data: { v: 2 }, options: { cas: 1 } });
    expect(write.json.data.version).toBe(2);
    emu.core.invalidateEngine(emu.core.mounts.find('mounts', 'legacy/')!.uuid);
    expect((await call(emu, 'GET', '/v1/legacy/metadata/k')).json.data.current_version).toBe(2);
  });

  it('starts an empty v1 mount as an empty v2 mount', async () => {
    const { emu } = await kvEmu();
    await mount(emu, 'empty', 'kv');
    await switchToVersion2(emu, 'empty/');
    expect((await list(emu, '/v1/empty/metadata/')).status).toBe(404);
    expect((await call(emu, 'POST', '/v1/empty/data/k', { data: { a: 1 } })).json.data.created_time).toBe(START_TEXT);
  });
});
