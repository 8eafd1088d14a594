import { describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';
import { expectLiveVersion, kv, useMount } from './kv-lib.js';

describe('KV v1 → v2 upgrade through sys/mounts/<path>/tune (conformance)', () => {
  const m = useMount('kv', 'kvup');

  it('keeps every v1 object as version 1 of its key', async () => {
    await vault('PUT', `${m()}/app/db`, { body: { password: 'p', ttl: '1h' } });
    await vault('PUT', `${m()}/top`, { body: { a: 1 } });
    const tune = await vault('POST', `sys/mounts/${m()}/tune`, { body: { options: { version: '2' } } });
    expect(tune.status).toBe(200);
    // A `kv` mount enabled without options has no version option, which tune reads as 0.
    expect(tune.json.warnings).toEqual([
      'Upgrading mount from version 0 to version 2. This mount will be unavailable for a brief period and will resume service shortly.',
    ]);

    const read = await kv('GET', `${m()}/data/app/db`);
    expect(read.status).toBe(200);
    expect(read.json.data.data).toEqual({ password: 'p', ttl: '1h' });
    expectLiveVersion(read.json.data.metadata, 1);
    expect(read.json.lease_duration).toBe(0);
    const meta = await kv('GET', `${m()}/metadata/app/db`);
    expect(meta.json.data).toMatchObject({ current_version: 1, oldest_version: 1, max_versions: 0, custom_metadata: null });
    expect(Object.keys(meta.json.data.versions)).toEqual(['1']);
    expect((await kv('LIST', `${m()}/metadata/`)).json.data).toEqual({ keys: ['app/', 'top'] });

    const next = await kv('POST', `${m()}/data/top`, { body: { data: { a: 2 }, options: { cas: 1 } } });
    expect(next.json.data.version).toBe(2);
    const plain = await kv('GET', `${m()}/top`);
    expect(plain.status).toBe(404);
    expect(plain.json.warnings[0]).toContain("use 'vault kv get'");
  });
});
