import { afterEach, describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';
import { uniqueName } from '../../lib/names.js';

const created: string[] = [];
afterEach(async () => {
  while (created.length > 0) await vault('DELETE', `sys/mounts/${created.pop()}`);
});

async function kvMount(): Promise<string> {
  const name = uniqueName('http-kv');
  created.push(name);
  const res = await vault('POST', `sys/mounts/${name}`, { body: { type: 'kv', options: { version: '1' } } });
  expect(res.status).toBe(204);
  return name;
}

const ENVELOPE_KEYS = ['request_id', 'lease_id', 'renewable', 'lease_duration', 'data', 'wrap_info', 'warnings', 'auth', 'mount_type'];

describe('response envelope (conformance)', () => {
  it('a read has the nine envelope keys in order, Go’s JSON encoding and Vault’s headers', async () => {
    const mount = await kvMount();
    const write = await vault('PUT', `${mount}/app`, { body: { b: '<&>', a: 1 } });
    expect([write.status, write.text]).toEqual([204, '']);
    expect(write.headers.get('content-type')).toBe('application/json');
    expect(write.headers.get('cache-control')).toBe('no-store');

    const res = await vault('GET', `${mount}/app`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(res.json)).toEqual(ENVELOPE_KEYS);
    expect(res.text).toContain('"data":{"a":1,"b":"\\u003c\\u0026\\u003e"}');
    expect(res.text.endsWith('}\n')).toBe(true);
    expect(res.json).toMatchObject({ lease_id: '', renewable: false, wrap_info: null, warnings: null, auth: null, mount_type: 'kv' });
    expect(res.json.request_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('a list answers keys, sub-folders with a slash; an empty one is a 404 with an empty errors array', async () => {
    const mount = await kvMount();
    await vault('PUT', `${mount}/dir/a`, { body: { v: 1 } });
    await vault('PUT', `${mount}/b`, { body: { v: 1 } });
    const list = await vault('LIST', mount);
    expect([list.status, list.json.data]).toEqual([200, { keys: ['b', 'dir/'] }]);
    const empty = await vault('LIST', `${mount}/none`);
    expect([empty.status, empty.text]).toEqual([404, '{"errors":[]}\n']);
  });

  it('sys/mounts copies its data keys to the top level too', async () => {
    const res = await vault('GET', 'sys/mounts');
    expect(res.status).toBe(200);
    expect(res.json['sys/']).toEqual(res.json.data['sys/']);
    expect(Object.keys(res.json).slice(-ENVELOPE_KEYS.length)).toEqual(ENVELOPE_KEYS);
  });
});
