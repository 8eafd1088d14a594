import { describe, expect, it } from 'vitest';
import { RFC3339_NANO, kv, patch, useMount } from './kv-lib.js';

const invalid = (command: string) =>
  `Invalid path for a versioned K/V secrets engine. See the API docs for the appropriate API endpoints to use. If using the Vault CLI, use 'vault kv ${command}' for this operation.`;

describe('KV v2 config, subkeys and version operations (conformance)', () => {
  const m = useMount('kv-v2');

  it('reads the mount config defaults and updates only what is sent', async () => {
    const res = await kv('GET', `${m()}/config`);
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual({ cas_required: false, delete_version_after: '0s', max_versions: 0 });
    expect((await kv('POST', `${m()}/config`, { body: { max_versions: 20 } })).status).toBe(204);
    expect((await kv('GET', `${m()}/config`)).json.data).toEqual({ cas_required: false, delete_version_after: '0s', max_versions: 20 });
  });

  it('reads subkeys with leaves replaced by null, limited by depth', async () => {
    await kv('POST', `${m()}/data/sub`, { body: { data: { a: 1, list: [1], nested: { b: 'x', deeper: { c: true } } } } });
    const all = await kv('GET', `${m()}/subkeys/sub`);
    expect(all.status).toBe(200);
    expect(all.json.data.subkeys).toEqual({ a: null, list: null, nested: { b: null, deeper: { c: null } } });
    expect(all.json.data.metadata).toMatchObject({ version: 1, deletion_time: '', destroyed: false, created_time: expect.stringMatching(RFC3339_NANO) });
    expect((await kv('GET', `${m()}/subkeys/sub?depth=1`)).json.data.subkeys).toEqual({ a: null, list: null, nested: null });
  });

  it('deletes, undeletes and destroys listed versions', async () => {
    for (let v = 1; v <= 3; v++) await kv('POST', `${m()}/data/ops`, { body: { data: { v } } });
    expect((await kv('POST', `${m()}/delete/ops`, { body: { versions: [1, 2] } })).status).toBe(204);
    expect((await kv('GET', `${m()}/data/ops?version=2`)).status).toBe(404);
    expect((await kv('POST', `${m()}/undelete/ops`, { body: { versions: '2' } })).status).toBe(204);
    expect((await kv('GET', `${m()}/data/ops?version=2`)).json.data.data).toEqual({ v: 2 });
    expect((await kv('PUT', `${m()}/destroy/ops`, { body: { versions: [3] } })).status).toBe(204);
    const destroyed = await kv('GET', `${m()}/data/ops`);
    expect(destroyed.status).toBe(404);
    expect(destroyed.json.data.metadata).toMatchObject({ destroyed: true, deletion_time: '', version: 3 });
    const versions = (await kv('GET', `${m()}/metadata/ops`)).json.data.versions;
    expect([versions['1'].deletion_time !== '', versions['2'].deletion_time, versions['3'].destroyed]).toEqual([true, '', true]);
  });

  it('distinguishes the capitalisation of the missing-versions errors', async () => {
    const del = await kv('POST', `${m()}/delete/ops`, { body: {} });
    expect(del.status).toBe(400);
    expect(del.json).toEqual({ errors: ['No version number provided'] });
    expect((await kv('POST', `${m()}/undelete/ops`, { body: {} })).json).toEqual({ errors: ['No version number provided'] });
    expect((await kv('POST', `${m()}/destroy/ops`, { body: {} })).json).toEqual({ errors: ['no version number provided'] });
  });

  it('answers non-versioned paths with 404, the envelope and a warning', async () => {
    const cases: [string, Promise<Awaited<ReturnType<typeof kv>>>][] = [
      ['get', kv('GET', `${m()}/plain`)],
      ['put', kv('POST', `${m()}/plain`, { body: { a: 1 } })],
      ['delete', kv('DELETE', `${m()}/plain`)],
      ['list', kv('LIST', `${m()}/plain`)],
      ['patch', patch(`${m()}/plain`, { a: 1 })],
    ];
    for (const [command, pending] of cases) {
      const res = await pending;
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({ data: null, lease_duration: 0, mount_type: '' });
      expect(res.json.warnings).toEqual([invalid(command)]);
    }
    const root = await kv('GET', `${m()}/data`);
    expect(root.status).toBe(404);
    expect(root.json.warnings).toEqual(['Non-listing operations on the root of a K/V v2 mount are not supported.']);
  });
});
