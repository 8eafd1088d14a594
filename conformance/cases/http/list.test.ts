import { afterEach, describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';
import { uniqueName } from '../../lib/names.js';
import { rawRequests } from '../../lib/raw-http.js';

const created: string[] = [];
afterEach(async () => {
  while (created.length > 0) await vault('DELETE', `sys/mounts/${created.pop()}`);
});

async function seededMount(): Promise<string> {
  const name = uniqueName('http-list');
  created.push(name);
  expect((await vault('POST', `sys/mounts/${name}`, { body: { type: 'kv' } })).status).toBe(204);
  await vault('PUT', `${name}/a`, { body: { v: 'a' } });
  await vault('PUT', `${name}/dir/b`, { body: { v: 'b' } });
  return name;
}

describe('LIST (conformance)', () => {
  it('GET ?list=true lists with or without the trailing slash; ?list=false reads', async () => {
    const mount = await seededMount();
    for (const target of [`${mount}?list=true`, `${mount}/?list=true`, `${mount}/?list=1`]) {
      const res = await vault('GET', target);
      expect([target, res.status, res.json.data]).toEqual([target, 200, { keys: ['a', 'dir/'] }]);
    }
    expect((await vault('GET', `${mount}/a?list=false`)).json.data).toEqual({ v: 'a' });
  });

  it('the LIST verb works on one keep-alive connection mixed with GET and PUT, in order', async () => {
    const mount = await seededMount();
    const res = await rawRequests([
      { method: 'LIST', target: `/v1/${mount}` },
      { method: 'GET', target: `/v1/${mount}/a` },
      { method: 'PUT', target: `/v1/${mount}/c`, body: '{"v":"c"}', headers: { 'content-type': 'application/json' } },
      { method: 'LIST', target: `/v1/${mount}/` },
      { method: 'LIST', target: `/v1/${mount}/dir?x=1` },
      { method: 'LIST', target: `/v1/${mount}/a` },
    ]);
    expect(res.map((r) => r.status)).toEqual([200, 200, 204, 200, 200, 404]);
    expect(res[0]!.json.data).toEqual({ keys: ['a', 'dir/'] });
    expect(res[1]!.json.data).toEqual({ v: 'a' });
    expect(res[3]!.json.data).toEqual({ keys: ['a', 'c', 'dir/'] });
    expect(res[4]!.json.data).toEqual({ keys: ['b'] });
    expect(res[5]!.body).toBe('{"errors":[]}\n');
  });
});
