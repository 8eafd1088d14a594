// How a request becomes a logical request (http/logical.go buildLogicalRequestNoAuth): method →
// operation, data from the query or the body, and the body formats Vault accepts.
import { describe, expect, it } from 'vitest';
import type { VaultEmu } from '../../src/emulator.js';
import { ORIGINAL_METHOD_HEADER } from '../../src/http/request-line-rewriter.js';
import { ROOT, call, testEmu } from '../helpers/emulator.js';

async function kvEmu(): Promise<VaultEmu> {
  const emu = await testEmu();
  expect((await call(emu, 'POST', '/v1/sys/mounts/kv', { type: 'kv' })).status).toBe(204);
  return emu;
}

async function send(emu: VaultEmu, method: string, url: string, payload?: string | Buffer, headers: Record<string, string> = {}) {
  const res = await emu.inject({ method: method as 'GET', url, payload, headers: { 'x-vault-token': ROOT, ...headers } });
  let json: any;
  try {
    json = res.body ? JSON.parse(res.body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, json, text: res.body, headers: res.headers };
}

const read = async (emu: VaultEmu, key: string) => (await call(emu, 'GET', `/v1/kv/${key}`)).json?.data;

describe('method → operation', () => {
  it('GET reads, ?list=<true> lists (path gets its slash), ?list=false still reads', async () => {
    const emu = await kvEmu();
    await call(emu, 'PUT', '/v1/kv/dir/a', { v: 1 });
    expect((await call(emu, 'GET', '/v1/kv/dir/a')).json.data).toEqual({ v: 1 });
    for (const q of ['true', '1', 't', 'TRUE', 'True']) expect((await call(emu, 'GET', `/v1/kv/dir?list=${q}`)).json.data).toEqual({ keys: ['a'] });
    expect((await call(emu, 'GET', '/v1/kv/dir/a?list=false')).json.data).toEqual({ v: 1 });
    expect((await call(emu, 'GET', '/v1/kv/dir/a?list=')).json.data).toEqual({ v: 1 });
  });

  it('an unparsable ?list= is a bare 400 on GET, before routing (even sys/health), and ignored on HEAD', async () => {
    const emu = await kvEmu();
    for (const url of ['/v1/kv/x?list=maybe', '/v1/sys/health?list=yes', '/v1/nope?list=2', '/ui?list=x']) {
      const res = await call(emu, 'GET', url);
      expect([res.status, res.json]).toEqual([400, { errors: [] }]);
    }
    expect((await send(emu, 'HEAD', '/v1/sys/health?list=maybe')).status).toBe(200);
  });

  it('LIST (carried by the rewriter) lists and appends the slash; a list=false query does not matter', async () => {
    const emu = await kvEmu();
    await call(emu, 'PUT', '/v1/kv/dir/a', { v: 1 });
    const res = await send(emu, 'GET', '/v1/kv/dir?list=false', undefined, { [ORIGINAL_METHOD_HEADER]: 'LIST' });
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual({ keys: ['a'] });
    // emu.inject takes such methods directly and carries them the same way.
    expect((await call(emu, 'LIST', '/v1/kv/dir')).json.data).toEqual({ keys: ['a'] });
    expect((await call(emu, 'list', '/v1/kv/dir')).json).toEqual({ errors: [] });
  });

  it('DELETE takes data from the query and ignores a body', async () => {
    const emu = await kvEmu();
    await call(emu, 'PUT', '/v1/kv/a', { v: 1 });
    expect((await send(emu, 'DELETE', '/v1/kv/a?x=1', '{"ignored":true}', { 'content-type': 'application/json' })).status).toBe(204);
    expect((await call(emu, 'GET', '/v1/kv/a')).status).toBe(404);
  });

  it('POST and PUT read only the body: query parameters are not request data', async () => {
    const emu = await kvEmu();
    // As hvac sends `PUT /v1/aws/sts/<name>?name=..&ttl=..` with no body: Vault sees no data at all.
    const res = await call(emu, 'PUT', '/v1/kv/a?name=x&ttl=60');
    expect([res.status, res.json]).toEqual([400, { errors: ['missing data fields'] }]);
    await call(emu, 'POST', '/v1/kv/a?ignored=1', { v: 2 });
    expect(await read(emu, 'a')).toEqual({ v: 2 });
  });

  it('HEAD and OPTIONS on a logical path answer unsupported operation (no body for HEAD)', async () => {
    const emu = await kvEmu();
    await call(emu, 'PUT', '/v1/kv/a', { v: 1 });
    const head = await send(emu, 'HEAD', '/v1/kv/a');
    expect([head.status, head.text, head.headers['content-type']]).toEqual([405, '', 'application/json']);
    const options = await send(emu, 'OPTIONS', '/v1/kv/a');
    expect([options.status, options.json]).toEqual([405, { errors: ['1 error occurred:\n\t* unsupported operation\n\n'] }]);
    const anon = await emu.inject({ method: 'OPTIONS', url: '/v1/kv/a' });
    expect([anon.statusCode, JSON.parse(anon.body)]).toEqual([403, { errors: ['permission denied'] }]);
  });

  it('any other method is a bare 405 on logical paths', async () => {
    const emu = await kvEmu();
    for (const m of ['FOO', 'list', 'TRACE']) {
      const res = await send(emu, 'GET', '/v1/kv/a', undefined, { [ORIGINAL_METHOD_HEADER]: m });
      expect([res.status, res.json, res.headers['content-type']]).toEqual([405, { errors: [] }, 'application/json']);
    }
    expect((await send(emu, 'PROPFIND', '/v1/kv/a')).json).toEqual({ errors: [] });
  });
});

describe('help', () => {
  it('?help=<non-empty> and the HELP method return the help object with a token', async () => {
    const emu = await kvEmu();
    for (const res of [await call(emu, 'GET', '/v1/kv/a?help=1'), await send(emu, 'GET', '/v1/kv/a', undefined, { [ORIGINAL_METHOD_HEADER]: 'HELP' }), await call(emu, 'POST', '/v1/kv/a?help=true', { v: 1 })]) {
      expect(res.status).toBe(200);
      expect(Object.keys(res.json)).toContain('help');
      expect(res.json.request_id).toBeUndefined();
    }
    // The POST with ?help did not write.
    expect((await call(emu, 'GET', '/v1/kv/a')).status).toBe(404);
    // An empty help value is not a help request.
    expect((await call(emu, 'GET', '/v1/kv/a?help=')).status).toBe(404);
  });

  it('needs a token, and a /v1/ path', async () => {
    const emu = await kvEmu();
    const anon = await emu.inject({ method: 'GET', url: '/v1/kv/a?help=1' });
    expect([anon.statusCode, JSON.parse(anon.body)]).toEqual([403, { errors: ['permission denied'] }]);
    const outside = await call(emu, 'GET', '/ui/x?help=1');
    expect([outside.status, outside.json]).toEqual([404, { errors: ['Missing /v1/ prefix in path. Use vault path-help command to retrieve API help for paths'] }]);
  });
});

describe('request bodies', () => {
  it('JSON without a content type, with trailing data (only the first value counts), and null', async () => {
    const emu = await kvEmu();
    expect((await send(emu, 'PUT', '/v1/kv/a', '{"v":1}')).status).toBe(204);
    expect(await read(emu, 'a')).toEqual({ v: 1 });
    expect((await send(emu, 'PUT', '/v1/kv/b', '{"v":2} and then {"w":3}', { 'content-type': 'application/json' })).status).toBe(204);
    expect(await read(emu, 'b')).toEqual({ v: 2 });
    for (const body of ['null', '', '   \n']) {
      const res = await send(emu, 'PUT', '/v1/kv/c', body, { 'content-type': 'application/json' });
      expect([res.status, res.json]).toEqual([400, { errors: ['missing data fields'] }]);
    }
  });

  it('malformed JSON and non-object JSON are "error parsing JSON", whatever the content type says', async () => {
    const emu = await kvEmu();
    for (const [body, ct] of [
      ['{"v":', 'application/json'],
      ['[1,2]', 'application/json'],
      ['"text"', ''],
      ['42', 'text/plain'],
      ['{"v":1}x', 'garbage;;;'],
      ['{"v" 1}', 'application/x-www-form-urlencoded'],
    ] as const) {
      const res = await send(emu, 'PUT', '/v1/kv/a', body, ct ? { 'content-type': ct } : {});
      if (body === '{"v":1}x') {
        expect(res.status).toBe(204);
        continue;
      }
      expect([body, res.status, res.json]).toEqual([body, 400, { errors: ['error parsing JSON'] }]);
    }
  });

  it('form bodies: repeated keys joined with commas, JSON-looking bodies still JSON, bad escapes refused', async () => {
    const emu = await kvEmu();
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expect((await send(emu, 'POST', '/v1/kv/f', 'a=1&a=2&b=x+y%21&c', form)).status).toBe(204);
    expect(await read(emu, 'f')).toEqual({ a: '1,2', b: 'x y!', c: '' });
    expect((await send(emu, 'POST', '/v1/kv/j', '  {"a":[1]}', form)).status).toBe(204);
    expect(await read(emu, 'j')).toEqual({ a: [1] });
    for (const [url, body] of [
      ['/v1/kv/f', 'a=%zz'],
      ['/v1/kv/f', 'a=1;b=2'],
      ['/v1/kv/f?q=%zz', 'a=1'],
    ]) {
      const res = await send(emu, 'POST', url!, body, form);
      expect([res.status, res.json]).toEqual([400, { errors: ['error parsing form data'] }]);
    }
  });

  it('PATCH needs application/merge-patch+json: 400 for an unparsable type, 415 for another', async () => {
    const emu = await kvEmu();
    const none = await send(emu, 'PATCH', '/v1/kv/a', '{}');
    expect([none.status, none.json]).toEqual([400, { errors: ['mime: no media type'] }]);
    const bad = await send(emu, 'PATCH', '/v1/kv/a', '{}', { 'content-type': 'application/json; charset' });
    expect([bad.status, bad.json]).toEqual([400, { errors: ['mime: invalid media parameter'] }]);
    const other = await send(emu, 'PATCH', '/v1/kv/a', '{}', { 'content-type': 'Application/JSON; charset=utf-8' });
    expect([other.status, other.json]).toEqual([415, { errors: ['PATCH requires Content-Type of application/merge-patch+json, provided application/json'] }]);
    const ok = await send(emu, 'PATCH', '/v1/kv/a', '{', { 'content-type': 'application/merge-patch+json' });
    expect([ok.status, ok.json]).toEqual([400, { errors: ['error parsing JSON'] }]);
  });

  it('a value that does not end within 32 MiB is 413 "error parsing JSON" and the connection closes', async () => {
    const emu = await kvEmu();
    const huge = Buffer.alloc(32 * 1024 * 1024 + 10, 0x61);
    huge.write('{"v":"', 0);
    const res = await send(emu, 'PUT', '/v1/kv/big', huge, { 'content-type': 'application/json' });
    expect([res.status, res.json, res.headers.connection]).toEqual([413, { errors: ['error parsing JSON'] }, 'close']);
    // A small value followed by more than 32 MiB of anything is read like any other body.
    const tail = Buffer.alloc(32 * 1024 * 1024 + 10, 0x20);
    tail.write('{"v":"small"}', 0);
    expect((await send(emu, 'PUT', '/v1/kv/big', tail)).status).toBe(204);
    expect(await read(emu, 'big')).toEqual({ v: 'small' });
  });
});
