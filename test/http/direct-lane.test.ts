// The direct lane (src/http/direct-lane.ts): which requests it takes, that what it writes is what
// Node's ServerResponse writes for the same answer, and that it keeps a connection's requests in order
// when it shares the connection with Node's parser.
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DirectRequest, DirectResponse, parseWholeRequest } from '../../src/http/direct-lane.js';
import { VaultListener } from '../../src/http/server-factory.js';
import { liveEmu } from '../helpers/emulator.js';
import { exchange, type RawResponse } from './raw-client.js';

const socket = {} as Socket;
const parse = (text: string) => parseWholeRequest(Buffer.from(text, 'latin1'), socket);

describe('which requests the direct lane takes', () => {
  it('one whole plain HTTP/1.1 request: GET, a POST with its body, LIST; header values trimmed as Node trims them', () => {
    const get = parse('GET /v1/sys/health?standbyok=true HTTP/1.1\r\nHost: x\r\nX-Vault-Token:  root \t\r\nX-Vault-Namespace:\r\n\r\n');
    expect(get).toBeInstanceOf(DirectRequest);
    expect(get!.method).toBe('GET');
    expect(get!.url).toBe('/v1/sys/health?standbyok=true');
    expect(get!.rawHeaders).toEqual(['Host', 'x', 'X-Vault-Token', 'root', 'X-Vault-Namespace', '']);
    expect(get!.headers).toEqual({ host: 'x', 'x-vault-token': 'root', 'x-vault-namespace': '' });
    expect(get!.body.length).toBe(0);
    const post = parse('POST /v1/auth/approle/login HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\n\r\n{"a":1}');
    expect(post!.body.toString()).toBe('{"a":1}');
    expect(parse('LIST /v1/secret/metadata/ HTTP/1.1\r\nHost: x\r\n\r\n')!.method).toBe('LIST');
  });

  it.each([
    ['HEAD', 'HEAD /v1/sys/health HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['OPTIONS', 'OPTIONS /v1/sys/health HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['HTTP/1.0', 'GET /v1/sys/health HTTP/1.0\r\nHost: x\r\n\r\n'],
    ['an absolute-form target', 'GET http://x/v1/sys/health HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a target with a space-like byte', 'GET /v1/a\tb HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a target with a fragment', 'GET /v1/a#b HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['Transfer-Encoding', 'POST /v1/a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
    ['Expect', 'POST /v1/a HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n{}'],
    ['Connection', 'GET /v1/a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
    ['Upgrade', 'GET /v1/a HTTP/1.1\r\nHost: x\r\nUpgrade: h2c\r\n\r\n'],
    ["the rewriter's marker", 'GET /v1/a HTTP/1.1\r\nHost: x\r\nX-Vault-Emu-Original-Method: LIST\r\n\r\n'],
    ['a repeated header name', 'GET /v1/a HTTP/1.1\r\nHost: x\r\nhost: y\r\n\r\n'],
    ['a space before the colon', 'GET /v1/a HTTP/1.1\r\nHost : x\r\n\r\n'],
    ['a byte outside visible ASCII', 'GET /v1/a HTTP/1.1\r\nHost: x\r\nX-A: caf\xe9\r\n\r\n'],
    ['a bare LF', 'GET /v1/a HTTP/1.1\r\nHost: x\nX-A: b\r\n\r\n'],
    ['a folded header line', 'GET /v1/a HTTP/1.1\r\nHost: x\r\n b\r\n\r\n'],
    ['a signed Content-Length', 'POST /v1/a HTTP/1.1\r\nHost: x\r\nContent-Length: +2\r\n\r\n{}'],
    ['a Content-Length list', 'POST /v1/a HTTP/1.1\r\nHost: x\r\nContent-Length: 2, 2\r\n\r\n{}'],
    ['a body still to come', 'POST /v1/a HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n{}'],
    ['a second request behind the first', 'GET /v1/a HTTP/1.1\r\nHost: x\r\n\r\nGET /v1/b HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a head still to come', 'GET /v1/a HTTP/1.1\r\nHost: x\r\n'],
    ['blank lines before the request line', '\r\nGET /v1/a HTTP/1.1\r\nHost: x\r\n\r\n'],
  ])('leaves %s to Node', (_what, text) => {
    expect(parse(text)).toBeUndefined();
  });
});

describe('what the lane reads of a request is what Node reads', () => {
  it('method, target, rawHeaders and headers agree with node:http for random plain requests', async () => {
    const seenByNode: IncomingMessage[] = [];
    const server = createServer((req, res) => {
      seenByNode.push(req);
      req.resume();
      res.end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
    await once(client, 'connect');
    client.on('data', () => undefined);
    const token = fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,12}$/);
    const value = fc.stringMatching(/^[ \t]{0,2}[\x21-\x7e]{0,6}([ \t]{1,2}[\x21-\x7e]{1,6})?[ \t]{0,2}$/);
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
      target: fc.stringMatching(/^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/%?]{0,20}$/),
      headers: fc.uniqueArray(fc.tuple(token, value), { maxLength: 6, selector: ([n]) => n.toLowerCase() }),
      body: fc.string({ maxLength: 20 }),
    });
    try {
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const headers = r.headers.filter(([n]) => !['content-length', 'transfer-encoding', 'expect', 'connection', 'upgrade', 'proxy-connection', 'keep-alive', 'set-cookie', '__proto__', 'host'].includes(n.toLowerCase()));
          const text = `${r.method} ${r.target} HTTP/1.1\r\nHost: x\r\n${headers.map(([n, v]) => `${n}:${v}\r\n`).join('')}Content-Length: ${Buffer.byteLength(r.body)}\r\n\r\n${r.body}`;
          const lane = parseWholeRequest(Buffer.from(text), socket);
          expect(lane).toBeDefined();
          const before = seenByNode.length;
          client.write(text);
          while (seenByNode.length === before) await new Promise((done) => setTimeout(done, 1));
          const node = seenByNode[before]!;
          expect([lane!.method, lane!.url, lane!.rawHeaders, lane!.headers, lane!.body.toString()]).toEqual([node.method, node.url, node.rawHeaders, node.headers, r.body]);
        }),
        { numRuns: 150 },
      );
    } finally {
      client.destroy();
      server.close();
    }
  });
});

/** Everything about a response that a client can see. */
const seen = (r: RawResponse) => ({ status: r.status, reason: r.reason, head: r.headLines, body: r.body });

describe('the same bytes as through Node', () => {
  const START = Date.UTC(2030, 0, 1);
  const requests: [method: string, text: string][] = [
    ['GET', 'GET /v1/sys/health HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['POST', 'POST /v1/sys/auth/approle HTTP/1.1\r\nHost: x\r\nX-Vault-Token: root\r\nContent-Length: 18\r\n\r\n{"type":"approle"}'],
    ['POST', 'POST /v1/auth/approle/role/web HTTP/1.1\r\nHost: x\r\nX-Vault-Token: root\r\nContent-Length: 21\r\n\r\n{"token_ttl":"1h"}   '],
    ['POST', 'POST /v1/auth/approle/role/web/role-id HTTP/1.1\r\nHost: x\r\nX-Vault-Token: root\r\nContent-Length: 17\r\n\r\n{"role_id":"r-1"}'],
    ['POST', 'POST /v1/auth/approle/role/web/custom-secret-id HTTP/1.1\r\nHost: x\r\nX-Vault-Token: root\r\nContent-Length: 19\r\n\r\n{"secret_id":"s-1"}'],
    ['POST', 'POST /v1/auth/approle/login HTTP/1.1\r\nHost: x\r\nX-Vault-Namespace: \r\nContent-Length: 36\r\n\r\n{"role_id": "r-1", "secret_id": "s-1"}'.replace('36', '38')],
    ['POST', 'POST /v1/auth/approle/login HTTP/1.1\r\nHost: x\r\nContent-Length: 38\r\n\r\n{"role_id": "r-1", "secret_id": "bad"}'],
    ['PUT', 'PUT /v1/secret/data/app HTTP/1.1\r\nHost: x\r\nX-Vault-Token: root\r\nContent-Length: 22\r\n\r\n{"data":{"pw":"caf\u00e9"}}'.replace('22', String(Buffer.byteLength('{"data":{"pw":"café"}}')))],
    ['GET', 'GET /v1/secret/data/app HTTP/1.1\r\nHost: x\r\nX-Vault-Token: root\r\n\r\n'],
    ['LIST', 'LIST /v1/secret/metadata/ HTTP/1.1\r\nHost: x\r\nX-Vault-Token: root\r\n\r\n'],
    ['GET', 'GET /v1/secret/metadata/?list=true HTTP/1.1\r\nHost: x\r\nX-Vault-Token: root\r\n\r\n'],
    ['GET', 'GET /v1/secret/metadata/?list=maybe HTTP/1.1\r\nHost: x\r\nX-Vault-Token: root\r\n\r\n'],
    ['DELETE', 'DELETE /v1/secret/data/app HTTP/1.1\r\nHost: x\r\nX-Vault-Token: root\r\n\r\n'],
    ['GET', 'GET /v1/secret/data/app HTTP/1.1\r\nHost: x\r\nX-Vault-Token: nope\r\nX-Vault-Namespace: team\r\n\r\n'],
    ['GET', 'GET /v1/sys/nothing-here HTTP/1.1\r\nHost: x\r\nX-Vault-Token: root\r\n\r\n'],
    ['GET', 'GET / HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['GET', 'GET /v1/sys/mounts?help=1 HTTP/1.1\r\nHost: x\r\nX-Vault-Token: root\r\n\r\n'],
    ['POST', 'POST /v1/sys/mounts/kv2 HTTP/1.1\r\nHost: x\r\nX-Vault-Token: root\r\nContent-Length: 5\r\n\r\n{"ty"'],
    ['GET', 'GET /v1/sys/health HTTP/1.1\r\nX-Vault-Token: root\r\n\r\n'],
  ];

  it('a transcript of requests gets byte-identical answers with and without the lane', async () => {
    const transcripts: ReturnType<typeof seen>[][] = [];
    const laneAnswers = vi.spyOn(DirectResponse.prototype, 'writeHead');
    const laneWholeAnswers = vi.spyOn(DirectResponse.prototype, 'writeWhole');
    const laneAnswered: number[] = [];
    for (const directLane of [true, false]) {
      laneAnswers.mockClear();
      laneWholeAnswers.mockClear();
      const emu = await liveEmu({ clock: 'virtual', clockStart: START, directLane });
      const out: ReturnType<typeof seen>[] = [];
      for (const [method, text] of requests) {
        const r = await exchange(emu.url, [text], { methods: [method] });
        expect(r.responses, text).toHaveLength(1);
        out.push(seen(r.responses[0]!));
      }
      transcripts.push(out);
      laneAnswered.push(laneAnswers.mock.calls.length + laneWholeAnswers.mock.calls.length);
    }
    laneAnswers.mockRestore();
    laneWholeAnswers.mockRestore();
    // Every request went through the lane in the first run and none in the second.
    expect(laneAnswered).toEqual([requests.length, 0]);
    expect(transcripts[0]).toEqual(transcripts[1]);
    // The transcript means something: the login worked and the failed one was refused.
    const statuses = transcripts[0]!.map((r) => r.status);
    expect(statuses.slice(0, 8)).toEqual([200, 204, 204, 204, 200, 200, 400, 200]);
    expect(JSON.parse(transcripts[0]![5]!.body).auth.metadata).toEqual({ role_name: 'web' });
  });

  it('requests one after another on one kept-alive connection, as the lane and as Node, the same', async () => {
    const bodies: ReturnType<typeof seen>[][] = [];
    for (const directLane of [true, false]) {
      const emu = await liveEmu({ clock: 'virtual', clockStart: START, directLane });
      const r = await exchange(emu.url, requests.slice(0, 10).map(([, t]) => t), { methods: requests.slice(0, 10).map(([m]) => m), pauseMs: 30 });
      expect(r.closedByServer).toBe(false);
      bodies.push(r.responses.map(seen));
    }
    expect(bodies[0]).toHaveLength(10);
    expect(bodies[0]).toEqual(bodies[1]);
  });
});

describe('sharing a connection with Node', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (closers.length > 0) await closers.pop()!();
  });

  /** A listener whose lane answers /first after `laneDelayMs` (others at once) and whose Node handler answers at once; both log what they served. */
  async function listener(laneDelayMs: number) {
    const served: string[] = [];
    const sockets: Socket[] = [];
    /** The socket's unsent bytes right after each lane answer's end(). */
    const heldAfterEnd: number[] = [];
    const l = new VaultListener(
      (req, res) => {
        served.push(`node ${req.method} ${req.url}`);
        req.resume();
        req.on('end', async () => {
          // Answered only once the connection's next request has been taken by someone (Node, or wrongly the lane).
          if (req.url === '/node/slow') while (served.length < 2) await new Promise((r) => setTimeout(r, 2));
          res.writeHead(200, 'OK', ['Content-Length', String(req.url!.length)]);
          res.end(req.url);
        });
      },
      undefined,
      {
        wants: (url) => !url.startsWith('/node/'),
        serve: async (req: DirectRequest, res: DirectResponse) => {
          served.push(`lane ${req.method} ${req.url}`);
          sockets.push(req.socket);
          if (req.url === '/first') await new Promise((r) => setTimeout(r, laneDelayMs));
          if (req.url === '/204') {
            // Node writes no body for a 204 whatever end() is given.
            res.writeHead(204, 'No Content', []);
            res.end('ignored');
            return;
          }
          res.writeHead(200, 'OK', ['Content-Length', String(req.url.length), ...(req.url === '/close' ? ['Connection', 'close'] : [])]);
          res.end(req.url);
          heldAfterEnd.push(req.socket.writableLength);
        },
      },
    );
    const { port } = (await l.listen(0, '127.0.0.1')) as AddressInfo;
    closers.push(() => l.close());
    return { url: `http://127.0.0.1:${port}`, served, sockets, heldAfterEnd };
  }

  it('a request that arrives while the lane serves one waits for it, and answers come back in order', async () => {
    const l = await listener(60);
    const r = await exchange(
      l.url,
      ['GET /first HTTP/1.1\r\nHost: x\r\n\r\n', 'GET /second HTTP/1.1\r\nHost: x\r\n\r\n', 'GET /node/third HTTP/1.1\r\nHost: x\r\n\r\n'],
      { methods: ['GET', 'GET', 'GET'], pauseMs: 10 },
    );
    expect(r.responses.map((x) => x.body)).toEqual(['/first', '/second', '/node/third']);
    expect(l.served).toEqual(['lane GET /first', 'lane GET /second', 'node GET /node/third']);
    // Each lane answer was still whole in the socket after end() (with any answer before it held in the
    // same I/O phase): held until the phase ended (held-writes.ts).
    const answerLengths = ['/first', '/second'].map((u) => `HTTP/1.1 200 OK\r\nContent-Length: ${u.length}\r\n\r\n${u}`.length);
    expect(l.heldAfterEnd).toHaveLength(2);
    l.heldAfterEnd.forEach((held, i) => expect(held).toBeGreaterThanOrEqual(answerLengths[i]!));
  });

  it('while Node has a request of the connection, the next one goes to Node too; the lane takes over once it is answered', async () => {
    const l = await listener(0);
    const r = await exchange(
      l.url,
      [
        'POST /node/a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n',
        'GET /c HTTP/1.1\r\nHost: x\r\n\r\n',
      ],
      { methods: ['POST', 'GET', 'GET'], pauseMs: 30 },
    );
    expect(r.responses.map((x) => x.body)).toEqual(['/node/a', '/b', '/c']);
    expect(l.served).toEqual(['node POST /node/a', 'node GET /b', 'lane GET /c']);
  });

  it('a request that arrives while Node is still answering one goes to Node and waits its turn', async () => {
    const l = await listener(0);
    const r = await exchange(l.url, ['GET /node/slow HTTP/1.1\r\nHost: x\r\n\r\n', 'GET /b HTTP/1.1\r\nHost: x\r\n\r\n'], { methods: ['GET', 'GET'], pauseMs: 15 });
    expect(r.responses.map((x) => x.body)).toEqual(['/node/slow', '/b']);
    expect(l.served).toEqual(['node GET /node/slow', 'node GET /b']);
  });

  it('a 204 goes out without a body, as Node sends it', async () => {
    const l = await listener(0);
    const r = await exchange(l.url, ['GET /204 HTTP/1.1\r\nHost: x\r\n\r\n', 'GET /a HTTP/1.1\r\nHost: x\r\n\r\n'], { methods: ['GET', 'GET'], pauseMs: 15 });
    expect(r.responses.map((x) => [x.status, x.body])).toEqual([[204, ''], [200, '/a']]);
    expect(r.rest).toBe('');
  });

  it("after the lane's answer the connection has Vault's idle timeout, as Node gives it after its own", async () => {
    const l = await listener(0);
    const r = await exchange(l.url, ['GET /a HTTP/1.1\r\nHost: x\r\n\r\n'], { methods: ['GET'] });
    expect(r.responses[0]!.body).toBe('/a');
    expect(l.sockets[0]!.timeout).toBe(5 * 60 * 1000);
  });

  it("a client's end while the lane serves a request waits until the answer is written", async () => {
    const l = await listener(40);
    const r = await exchange(l.url, ['GET /first HTTP/1.1\r\nHost: x\r\n\r\n'], { methods: ['GET'], endAfterWrite: true, timeoutMs: 2000 });
    expect(r.responses.map((x) => x.body)).toEqual(['/first']);
  });

  it('an answer with Connection: close ends the connection once written', async () => {
    const l = await listener(0);
    const r = await exchange(l.url, ['GET /close HTTP/1.1\r\nHost: x\r\n\r\n'], { methods: ['GET'], awaitClose: true, timeoutMs: 2000 });
    expect(r.responses.map((x) => x.body)).toEqual(['/close']);
    expect(r.closedByServer).toBe(true);
    expect(l.sockets[0]!.destroyed).toBe(true);
    const open = await exchange(l.url, ['GET /open HTTP/1.1\r\nHost: x\r\n\r\n'], { methods: ['GET'], awaitClose: true, timeoutMs: 300 });
    expect(open.closedByServer).toBe(false);
  });
});
