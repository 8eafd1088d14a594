import { afterEach, describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';
import { uniqueName } from '../../lib/names.js';
import { rawRequest } from '../../lib/raw-http.js';

const created: string[] = [];
afterEach(async () => {
  while (created.length > 0) await vault('DELETE', `sys/mounts/${created.pop()}`);
});

async function kvMount(): Promise<string> {
  const name = uniqueName('http-err');
  created.push(name);
  expect((await vault('POST', `sys/mounts/${name}`, { body: { type: 'kv' } })).status).toBe(204);
  return name;
}

describe('error answers (conformance)', () => {
  it('no token: 403 permission denied; an unknown token: 403 with the 1.17 invalid-token text', async () => {
    const mount = await kvMount();
    const none = await vault('GET', `${mount}/x`, { token: null });
    expect([none.status, none.json]).toEqual([403, { errors: ['permission denied'] }]);
    const unknown = await vault('GET', `${mount}/x`, { token: 'hvs.AAAAAAAAAAAAAAAAAAAAAAAA' });
    expect([unknown.status, unknown.json]).toEqual([403, { errors: ['2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n'] }]);
    expect(unknown.headers.get('content-type')).toBe('application/json');
  });

  it('an unknown mount: 404 no handler for route', async () => {
    const path = `${uniqueName('http-none')}/x`;
    const res = await vault('GET', path);
    expect([res.status, res.json]).toEqual([404, { errors: [`no handler for route "${path}". route entry not found.`] }]);
  });

  it('malformed or non-object JSON: 400 error parsing JSON', async () => {
    const mount = await kvMount();
    for (const body of ['{"a":', '[1,2]', '"text"']) {
      const res = await vault('PUT', `${mount}/x`, { body, headers: { 'Content-Type': 'application/json' } });
      expect([body, res.status, res.json]).toEqual([body, 400, { errors: ['error parsing JSON'] }]);
    }
  });

  it('a write to a path ending in a slash: 400, checked before the token', async () => {
    const mount = await kvMount();
    for (const token of [undefined, null]) {
      const res = await vault('PUT', `${mount}/dir/`, { body: { a: 1 }, token });
      expect([res.status, res.json]).toEqual([400, { errors: ["cannot write to a path ending in '/'"] }]);
    }
  });

  it('an unknown method: 405 with an empty errors array', async () => {
    const mount = await kvMount();
    for (const method of ['FOO', 'PROPFIND']) {
      const res = await rawRequest({ method, target: `/v1/${mount}/x` });
      expect([method, res.status, res.body, res.headers['content-type']]).toEqual([method, 405, '{"errors":[]}\n', 'application/json']);
    }
  });

  it('an unparsable list flag: a bare 400; PATCH without the merge-patch type: 415', async () => {
    const mount = await kvMount();
    const list = await vault('GET', `${mount}/?list=maybe`);
    expect([list.status, list.json]).toEqual([400, { errors: [] }]);
    const patch = await vault('PATCH', `${mount}/x`, { body: { a: 1 }, headers: { 'Content-Type': 'application/json' } });
    expect([patch.status, patch.json]).toEqual([415, { errors: ['PATCH requires Content-Type of application/merge-patch+json, provided application/json'] }]);
  });
});
