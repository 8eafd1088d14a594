import { describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';
import { uniqueName } from '../../lib/names.js';
import { useMount } from './kv-lib.js';

describe('KV v1 (conformance)', () => {
  const m = useMount('kv', 'kv1');

  it('stores objects (204) and reads them with the dev default TTL (768h) as lease_duration', async () => {
    expect((await vault('PUT', `${m()}/app`, { body: { user: 'u', pass: 'p' } })).status).toBe(204);
    const res = await vault('GET', `${m()}/app`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ lease_id: '', renewable: false, lease_duration: 2764800, data: { user: 'u', pass: 'p' }, mount_type: 'kv' });
  });

  it('reports a stored ttl as lease_duration and keeps it in the data', async () => {
    await vault('PUT', `${m()}/with-ttl`, { body: { ttl: '30m', v: 1 } });
    const res = await vault('GET', `${m()}/with-ttl`);
    expect([res.json.lease_duration, res.json.data]).toEqual([1800, { ttl: '30m', v: 1 }]);
  });

  it('rejects a write with no data (400 missing data fields)', async () => {
    const res = await vault('PUT', `${m()}/empty`, { body: {} });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ errors: ['missing data fields'] });
  });

  it('lists folders with a trailing slash; a missing key is a bare 404; delete is idempotent', async () => {
    await vault('PUT', `${m()}/dir/leaf`, { body: { a: 1 } });
    expect((await vault('LIST', `${m()}/dir`)).json.data).toEqual({ keys: ['leaf'] });
    expect((await vault('GET', `${m()}/dir/none`)).json).toEqual({ errors: [] });
    expect((await vault('DELETE', `${m()}/dir/leaf`)).status).toBe(204);
    expect((await vault('DELETE', `${m()}/dir/leaf`)).status).toBe(204);
    expect((await vault('LIST', `${m()}/dir`)).status).toBe(404);
  });
});

describe('cubbyhole (conformance)', () => {
  it('stores, reads (lease_duration 0), lists and deletes in the token’s own space', async () => {
    const dir = uniqueName('conformance');
    expect((await vault('PUT', `cubbyhole/${dir}/k`, { body: { a: 1 } })).status).toBe(204);
    const res = await vault('GET', `cubbyhole/${dir}/k`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ lease_duration: 0, data: { a: 1 }, mount_type: 'cubbyhole' });
    expect((await vault('LIST', `cubbyhole/${dir}`)).json.data).toEqual({ keys: ['k'] });
    expect((await vault('DELETE', `cubbyhole/${dir}/k`)).status).toBe(204);
    expect((await vault('GET', `cubbyhole/${dir}/k`)).json).toEqual({ errors: [] });
  });

  it('fails a write without data with a 500 multierror (a plain error, unlike KV v1)', async () => {
    const res = await vault('PUT', `cubbyhole/${uniqueName('conformance')}`, { body: {} });
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ errors: ['1 error occurred:\n\t* missing data fields\n\n'] });
  });
});
