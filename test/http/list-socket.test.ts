// LIST and friends on real sockets: the request-line rewriter under keep-alive, pipelining, every
// packet split, chunked bodies, Expect: 100-continue, curl, HTTPS and connection closing.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningVaultEmu } from '../../src/emulator.js';
import { ORIGINAL_METHOD_HEADER } from '../../src/http/request-line-rewriter.js';
import { call, liveEmu } from '../helpers/emulator.js';
import { exchange, request, type RawResponse } from './raw-client.js';

async function kvLive(options = {}): Promise<RunningVaultEmu> {
  const emu = await liveEmu(options);
  expect((await call(emu, 'POST', '/v1/sys/mounts/kv', { type: 'kv' })).status).toBe(204);
  await call(emu, 'PUT', '/v1/kv/a', { v: 'a' });
  await call(emu, 'PUT', '/v1/kv/dir/b', { v: 'b' });
  return emu;
}

const keysOf = (r: RawResponse) => JSON.parse(r.body).data.keys;
/** curl runs beside the in-process server, so it must not block the event loop. */
const curl = async (...args: string[]) => (await promisify(execFile)('curl', ['-sS', ...args], { encoding: 'utf8' })).stdout;

describe('LIST on one keep-alive connection', () => {
  it('mixes LIST, GET, POST, DELETE and answers each in order, each seeing the one before', async () => {
    const emu = await kvLive();
    const r = await exchange(
      emu.url,
      [
        request('LIST', '/v1/kv'),
        request('GET', '/v1/kv/a'),
        request('POST', '/v1/kv/c', { 'content-type': 'application/json' }, '{"v":"c"}'),
        request('LIST', '/v1/kv/'),
        request('GET', '/v1/kv/?list=true'),
        request('LIST', '/v1/kv/dir'),
        request('DELETE', '/v1/kv/c'),
        request('LIST', '/v1/kv'),
        request('LIST', '/v1/kv/nothing/'),
      ],
      { methods: ['LIST', 'GET', 'POST', 'LIST', 'GET', 'LIST', 'DELETE', 'LIST', 'LIST'], pauseMs: 5 },
    );
    const [l1, g, p, l2, l3, l4, d, l5, l6] = r.responses;
    expect(keysOf(l1!)).toEqual(['a', 'dir/']);
    expect(JSON.parse(g!.body).data).toEqual({ v: 'a' });
    expect(p!.status).toBe(204);
    expect(keysOf(l2!)).toEqual(['a', 'c', 'dir/']);
    expect(keysOf(l3!)).toEqual(['a', 'c', 'dir/']);
    expect(keysOf(l4!)).toEqual(['b']);
    expect(d!.status).toBe(204);
    expect(keysOf(l5!)).toEqual(['a', 'dir/']);
    expect([l6!.status, l6!.body]).toEqual([404, '{"errors":[]}\n']);
    expect(r.closedByServer).toBe(false);
  });

  it('LIST with a query string: parameters are request data, ?list=false does not turn it into a read', async () => {
    const emu = await kvLive();
    const r = await exchange(emu.url, [request('LIST', '/v1/kv?list=false&x=1'), request('LIST', '/v1/kv/dir/?help=')], { methods: ['LIST', 'LIST'] });
    expect(keysOf(r.responses[0]!)).toEqual(['a', 'dir/']);
    expect(keysOf(r.responses[1]!)).toEqual(['b']);
  });

  it('frames Content-Length and chunked bodies (extensions, trailers), a LIST with a body included', async () => {
    const emu = await kvLive();
    const chunked =
      'PUT /v1/kv/chunked HTTP/1.1\r\nHost: x\r\nX-Vault-Token: root\r\nTransfer-Encoding: chunked\r\n\r\n' +
      '4;ext=LIST\r\n{"v"\r\n' +
      '7\r\n:"LIST"\r\n' +
      '1\r\n}\r\n' +
      '0\r\nX-Trailer: LIST /v1/kv HTTP/1.1\r\n\r\n';
    const r = await exchange(
      emu.url,
      [chunked, request('LIST', '/v1/kv/', { 'content-type': 'application/json' }, 'LIST /v1/kv/dir HTTP/1.1\r\n\r\n'), request('GET', '/v1/kv/chunked')],
      { methods: ['PUT', 'LIST', 'GET'] },
    );
    expect(r.responses.map((x) => x.status)).toEqual([204, 200, 200]);
    expect(keysOf(r.responses[1]!)).toEqual(['a', 'chunked', 'dir/']);
    expect(JSON.parse(r.responses[2]!.body).data).toEqual({ v: 'LIST' });
  });

  it('answers pipelined requests sent in a single write, in order', async () => {
    const emu = await kvLive();
    const batch = [
      request('PUT', '/v1/kv/p1', {}, '{"n":1}'),
      request('LIST', '/v1/kv'),
      request('HEAD', '/v1/sys/health'),
      request('LIST', '/v1/kv/dir'),
      request('GET', '/v1/kv/p1'),
    ].join('');
    const r = await exchange(emu.url, [batch], { methods: ['PUT', 'LIST', 'HEAD', 'LIST', 'GET'] });
    expect(r.responses.map((x) => x.status)).toEqual([204, 200, 200, 200, 200]);
    expect(keysOf(r.responses[1]!)).toEqual(['a', 'dir/', 'p1']);
    expect(r.responses[2]!.body).toBe('');
    expect(keysOf(r.responses[3]!)).toEqual(['b']);
    expect(JSON.parse(r.responses[4]!.body).data).toEqual({ n: 1 });
  });

  it('gives the same answers however the sequence is split into TCP packets', async () => {
    const emu = await kvLive();
    const seq =
      request('LIST', '/v1/kv') +
      'PUT /v1/kv/s HTTP/1.1\r\nHost: x\r\nX-Vault-Token: root\r\nTransfer-Encoding: chunked\r\n\r\n5;e\r\n{"v":\r\n4\r\n"s"}\r\n0\r\n\r\n' +
      request('LIST', '/v1/kv/dir/');
    const expected = async (r: RawResponse[]) => {
      expect(r.map((x) => x.status)).toEqual([200, 204, 200]);
      expect(keysOf(r[2]!)).toEqual(['b']);
    };
    for (let i = 1; i < seq.length; i++) {
      const r = await exchange(emu.url, [seq.slice(0, i), seq.slice(i)], { methods: ['LIST', 'PUT', 'LIST'], pauseMs: 1 });
      await expected(r.responses);
    }
  }, 60000);

  it('ignores a client-sent copy of the rewriter’s marker header', async () => {
    const emu = await kvLive();
    const r = await exchange(emu.url, [request('GET', '/v1/kv/a', { [ORIGINAL_METHOD_HEADER]: 'DELETE' }), request('GET', '/v1/kv/a')], { methods: ['GET', 'GET'] });
    expect(r.responses.map((x) => x.status)).toEqual([200, 200]);
  });
});

describe('other clients and transports', () => {
  it('curl -X LIST', async () => {
    const emu = await kvLive();
    const out = await curl('-X', 'LIST', '-H', 'X-Vault-Token: root', `${emu.url}/v1/kv`);
    expect(JSON.parse(out).data.keys).toEqual(['a', 'dir/']);
    // Two requests on one reused connection.
    const both = await curl('-X', 'LIST', '-H', 'X-Vault-Token: root', `${emu.url}/v1/kv`, '--next', '-X', 'LIST', '-H', 'X-Vault-Token: root', `${emu.url}/v1/kv/dir`);
    expect(both.trim().split('\n').map((l) => JSON.parse(l).data.keys)).toEqual([['a', 'dir/'], ['b']]);
  });

  it('Expect: 100-continue gets its interim answer, then the real one', async () => {
    const emu = await kvLive();
    const body = '{"v":"continued"}';
    const head = `PUT /v1/kv/e HTTP/1.1\r\nHost: x\r\nX-Vault-Token: root\r\nExpect: 100-continue\r\nContent-Length: ${body.length}\r\n\r\n`;
    const r = await exchange(emu.url, [head, body, request('LIST', '/v1/kv')], { methods: ['PUT', 'LIST'], pauseMs: 50 });
    expect(r.responses.map((x) => x.status)).toEqual([100, 204, 200]);
    expect(keysOf(r.responses[2]!)).toEqual(['a', 'dir/', 'e']);
  });

  describe('over HTTPS', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-emu-tls-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    const cert = readFileSync(join(dir, 'cert.pem'));
    const key = readFileSync(join(dir, 'key.pem'));

    it('LIST works on a TLS keep-alive connection, packets split anywhere', async () => {
      const emu = await kvLive({ tls: { cert, key } });
      expect(emu.url.startsWith('https://')).toBe(true);
      const seq = request('LIST', '/v1/kv') + request('GET', '/v1/kv/a') + request('LIST', '/v1/kv/dir');
      for (const cut of [1, 5, 30, seq.length - 3]) {
        const r = await exchange(emu.url, [seq.slice(0, cut), seq.slice(cut)], { methods: ['LIST', 'GET', 'LIST'], ca: cert, pauseMs: 5 });
        expect(r.responses.map((x) => x.status)).toEqual([200, 200, 200]);
        expect(keysOf(r.responses[2]!)).toEqual(['b']);
      }
      const out = await curl('--cacert', join(dir, 'cert.pem'), '-X', 'LIST', '-H', 'X-Vault-Token: root', `${emu.url}/v1/kv`);
      expect(JSON.parse(out).data.keys).toEqual(['a', 'dir/']);
    });
  });
});

describe('connection handling', () => {
  it('Connection: close and HTTP/1.0 are answered, then the server closes', async () => {
    const emu = await kvLive();
    const close = await exchange(emu.url, [request('LIST', '/v1/kv', { connection: 'close' }), request('GET', '/v1/kv/a')], { methods: ['LIST', 'GET'], awaitClose: true });
    expect([close.responses.length, close.responses[0]!.headers.connection, close.closedByServer]).toEqual([1, 'close', true]);
    const old = await exchange(emu.url, ['LIST /v1/kv HTTP/1.0\r\nX-Vault-Token: root\r\n\r\n'], { methods: ['LIST'], awaitClose: true });
    expect(keysOf(old.responses[0]!)).toEqual(['a', 'dir/']);
    expect(old.closedByServer).toBe(true);
  });

  it('a client that half-closes after pipelining still gets every answer', async () => {
    const emu = await kvLive();
    const r = await exchange(emu.url, [request('LIST', '/v1/kv') + request('LIST', '/v1/kv/dir')], { methods: ['LIST', 'LIST'], endAfterWrite: true });
    expect(r.responses.map((x) => x.status)).toEqual([200, 200]);
    expect(r.closedByServer).toBe(true);
  });

  it('requests Node’s parser refuses get Go’s plain-text answers and a close', async () => {
    const emu = await kvLive();
    const cases: [string, number, string][] = [
      ['GET /v1/kv/%zz HTTP/1.1\r\nHost: x\r\n\r\n', 400, '400 Bad Request'],
      ['LIST /v1/kv HTTP/1.1\nHost: x\n\n', 400, '400 Bad Request'],
      ['GET /v1/kv HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n', 501, 'Unsupported transfer encoding'],
      [`GET /v1/kv HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(1100 * 1024)}\r\n\r\n`, 431, '431 Request Header Fields Too Large'],
      ['GET /v1/kv HTTP/1.1\r\n\r\n', 400, '400 Bad Request: missing required Host header'],
    ];
    for (const [bytes, status, body] of cases) {
      const r = await exchange(emu.url, [bytes], { methods: ['GET'], awaitClose: true });
      const res = r.responses[0]!;
      expect([res.status, res.body, res.headers['content-type'], r.closedByServer]).toEqual([status, body, 'text/plain; charset=utf-8', true]);
    }
  });

  it('a body over max_request_size gets 413 and the connection is closed', async () => {
    const emu = await kvLive();
    const size = 32 * 1024 * 1024 + 1024;
    const head = `PUT /v1/kv/huge HTTP/1.1\r\nHost: x\r\nX-Vault-Token: root\r\nContent-Length: ${size}\r\n\r\n{"v":"`;
    const r = await exchange(emu.url, [head, Buffer.alloc(size - 6, 0x61)], { methods: ['PUT'], timeoutMs: 10000, awaitClose: true });
    expect([r.responses[0]!.status, r.responses[0]!.body, r.responses[0]!.headers.connection]).toEqual([413, '{"errors":["error parsing JSON"]}\n', 'close']);
    expect(r.closedByServer).toBe(true);
  });

  it('the emulator’s close() drops idle keep-alive connections', async () => {
    const emu = await kvLive();
    const pending = exchange(emu.url, [request('LIST', '/v1/kv')], { methods: ['LIST', 'GET'], timeoutMs: 5000 });
    await new Promise((r) => setTimeout(r, 100));
    await emu.close();
    const r = await pending;
    expect(r.responses).toHaveLength(1);
    expect(r.closedByServer).toBe(true);
  });
});
