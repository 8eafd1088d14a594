// URL paths as Vault's server sees them: Go's ServeMux redirects, percent-decoding, the UI and
// other non-/v1 paths, and what Go refuses before Vault runs.
import { describe, expect, it } from 'vitest';
import { ROOT, call, liveEmu, testEmu } from '../helpers/emulator.js';
import { exchange, request } from './raw-client.js';

describe('paths', () => {
  it('`//`, `/./` and `/../` are answered with a 301 to the cleaned path (any method, query kept)', async () => {
    const emu = await testEmu();
    for (const [method, url, location] of [
      ['GET', '/v1//sys/mounts', '/v1/sys/mounts'],
      ['GET', '//v1/sys/mounts?x=1', '/v1/sys/mounts?x=1'],
      ['DELETE', '/v1/secret//', '/v1/secret/'],
    ] as const) {
      const res = await call(emu, method, url);
      expect([url, res.status, res.headers.location, res.headers['cache-control']]).toEqual([url, 301, location, 'no-store']);
    }
    const get = await call(emu, 'GET', '/v1//sys/mounts');
    expect([get.headers['content-type'], get.text]).toEqual(['text/html; charset=utf-8', '<a href="/v1/sys/mounts">Moved Permanently</a>.\n\n']);
    const put = await call(emu, 'PUT', '/v1//sys/mounts/x', { type: 'kv' });
    expect([put.headers['content-type'], put.text]).toEqual([undefined, '']);
    // Nothing was mounted by the redirected PUT.
    expect((await call(emu, 'GET', '/v1/sys/mounts/x')).status).toBe(400);
  });

  it('dot segments too (sent on a socket: inject would resolve them itself)', async () => {
    const emu = await liveEmu();
    const urls = ['/v1/./sys/mounts?x=1', '/v1/secret/../sys/mounts/x', '/v1/secret/a/./b/..'];
    const { responses } = await exchange(
      emu.url,
      urls.map((u) => request('PUT', u, {}, '{"type":"kv"}')),
      { methods: urls.map(() => 'PUT') },
    );
    expect(responses.map((r) => [r.status, r.headers.location])).toEqual([
      [301, '/v1/sys/mounts?x=1'],
      [301, '/v1/sys/mounts/x'],
      [301, '/v1/secret/a'],
    ]);
  });

  it('a subtree root without its slash is redirected to it', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'GET', '/v1/sys?list=true');
    expect([res.status, res.headers.location]).toEqual([301, '/v1/sys/?list=true']);
    expect((await call(emu, 'GET', '/v1')).headers.location).toBe('/v1/');
  });

  it('percent-encoded segments are decoded, %2F included', async () => {
    const emu = await testEmu();
    await call(emu, 'POST', '/v1/sys/mounts/kv', { type: 'kv' });
    expect((await call(emu, 'PUT', '/v1/kv/dir%2Fa%20b', { v: 1 })).status).toBe(204);
    expect((await call(emu, 'GET', '/v1/kv/dir?list=true')).json.data).toEqual({ keys: ['a b'] });
    expect((await call(emu, 'GET', '/v1/k%76/dir/a+b')).status).toBe(404);
    expect((await call(emu, 'GET', '/v1/k%76/dir/a%20b')).json.data).toEqual({ v: 1 });
    expect((await call(emu, 'GET', '/v1/sys/heal%74h')).json.initialized).toBe(true);
    const unrouted = await call(emu, 'GET', '/v1/caf%C3%A9/x');
    expect(unrouted.json).toEqual({ errors: ['no handler for route "café/x". route entry not found.'] });
  });

  it('a malformed escape is refused by Go itself: plain text, connection closed', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'GET', '/v1/secret/%zz');
    expect([res.status, res.text, res.headers['content-type'], res.headers.connection]).toEqual([400, '400 Bad Request', 'text/plain; charset=utf-8', 'close']);
    expect(res.headers['cache-control']).toBeUndefined();
  });

  it('the same holds under /_emu/, where Fastify’s router would have answered in its own shape', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'GET', '/_emu/%zz');
    expect([res.status, res.text]).toEqual([400, '400 Bad Request']);
  });

  it('a non-printable character in the decoded path is a bare 400 (go-cleanhttp)', async () => {
    const emu = await testEmu();
    for (const url of ['/v1/secret/a%00b', '/v1/secret/%0A', '/v1/secret/%C2%A0', '/ui/%7F']) {
      const res = await call(emu, 'GET', url);
      expect([url, res.status, res.text, res.headers['content-type'], res.headers['cache-control']]).toEqual([url, 400, '', undefined, undefined]);
    }
  });

  it('/ and /ui redirect to /ui/ with 307, /ui/… serves a page, other paths redirect too', async () => {
    const emu = await testEmu();
    for (const url of ['/', '/ui', '/favicon.ico', '/v2/secret', '/_emu']) {
      const res = await call(emu, 'GET', url);
      expect([url, res.status, res.headers.location, res.text]).toEqual([url, 307, '/ui/', '<a href="/ui/">Temporary Redirect</a>.\n\n']);
    }
    const post = await call(emu, 'POST', '/ui');
    expect([post.status, post.text, post.headers['content-type']]).toEqual([307, '', undefined]);
    const ui = await call(emu, 'GET', '/ui/vault/secrets');
    expect([ui.status, ui.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
  });

  it('without the UI (not dev mode, or ui: false) non-API paths get Go’s 404 page', async () => {
    for (const emu of [await testEmu({ ui: false }), await testEmu({ dev: false })]) {
      for (const url of ['/', '/ui', '/ui/', '/robots.txt', '/anything']) {
        const res = await call(emu, 'GET', url);
        expect([url, res.status, res.text, res.headers['content-type'], res.headers['cache-control']]).toEqual([url, 404, '404 page not found\n', 'text/plain; charset=utf-8', 'no-store']);
      }
      expect((await call(emu, 'GET', '/v1')).headers.location).toBe('/v1/');
    }
    expect((await call(await testEmu({ dev: false, ui: true }), 'GET', '/')).status).toBe(307);
  });

  it('/.well-known/ paths are a 404 with an empty errors array', async () => {
    const emu = await testEmu();
    const res = await call(emu, 'GET', '/.well-known/openid-configuration');
    expect([res.status, res.json, res.headers['cache-control']]).toEqual([404, { errors: [] }, 'no-store']);
  });

  it('the status line carries Go’s reason phrase, including codes without one', async () => {
    const emu = await testEmu();
    const res = await emu.inject({ method: 'GET', url: '/v1/sys/health?activecode=299', headers: { 'x-vault-token': ROOT } });
    expect([res.statusCode, res.statusMessage]).toEqual([299, 'status code 299']);
    const big = await emu.inject({ method: 'PUT', url: '/v1/sys/mounts/x', payload: `{"type":"${'a'.repeat(33 * 1024 * 1024)}"}` });
    expect([big.statusCode, big.statusMessage]).toEqual([413, 'Request Entity Too Large']);
  });
});
