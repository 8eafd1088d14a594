// The response head on the wire, as Go's net/http writes Vault's: the handler's headers under their
// canonical names in sorted order, then Date (the emulator's clock) and Content-Length, and a
// Connection header only where Go sends one (closing an HTTP/1.1 connection, or keeping an HTTP/1.0 one).
import { describe, expect, it } from 'vitest';
import { call, liveEmu } from '../helpers/emulator.js';
import { jsonResponse, sortedHead } from '../../src/http/respond.js';
import { exchange } from './raw-client.js';

const START = Date.UTC(2030, 0, 1, 0, 0, 0);
const get = (path: string, extra = '', version = '1.1') => `GET ${path} HTTP/${version}\r\nHost: x\r\nX-Vault-Token: root\r\n${extra}\r\n`;

describe('response head', () => {
  it('a kept-alive HTTP/1.1 answer: sorted canonical headers, Date, Content-Length, no Connection or Keep-Alive', async () => {
    const emu = await liveEmu({ clock: 'virtual', clockStart: START });
    const r = await exchange(emu.url, [get('/v1/sys/health') + get('/v1/sys/nothing')], { methods: ['GET', 'GET'] });
    const [health, missing] = r.responses;
    expect(health!.headLines).toEqual([
      'Cache-Control: no-store',
      'Content-Type: application/json',
      'Strict-Transport-Security: max-age=31536000; includeSubDomains',
      'Date: Tue, 01 Jan 2030 00:00:00 GMT',
      `Content-Length: ${Buffer.byteLength(health!.body)}`,
    ]);
    expect(missing!.status).toBe(404);
    expect(missing!.headLines.map((l) => l.split(':')[0])).toEqual(['Cache-Control', 'Content-Type', 'Strict-Transport-Security', 'Date', 'Content-Length']);
    expect(r.closedByServer).toBe(false);
  });

  it('Date follows the emulator clock', async () => {
    const emu = await liveEmu({ clock: 'virtual', clockStart: START });
    await emu.clock.advance('90s');
    const r = await exchange(emu.url, [get('/v1/sys/health')], { methods: ['GET'] });
    expect(r.responses[0]!.headers.date).toBe('Tue, 01 Jan 2030 00:01:30 GMT');
  });

  it("Go's own answers keep Go's header set: the UI redirect, the mux 404, and a 204 without Content-Length", async () => {
    const withUi = await liveEmu({ clock: 'virtual', clockStart: START });
    const redirect = await exchange(withUi.url, [get('/nowhere')], { methods: ['GET'] });
    expect(redirect.responses[0]!.status).toBe(307);
    expect(redirect.responses[0]!.headLines).toEqual([
      'Cache-Control: no-store',
      'Content-Type: text/html; charset=utf-8',
      'Location: /ui/',
      'Strict-Transport-Security: max-age=31536000; includeSubDomains',
      'Date: Tue, 01 Jan 2030 00:00:00 GMT',
      `Content-Length: ${Buffer.byteLength(redirect.responses[0]!.body)}`,
    ]);
    const emu = await liveEmu({ clock: 'virtual', clockStart: START, ui: false });
    expect((await call(emu, 'POST', '/v1/sys/mounts/kv', { type: 'kv' })).status).toBe(204);
    const put = 'PUT /v1/kv/a HTTP/1.1\r\nHost: x\r\nX-Vault-Token: root\r\nContent-Length: 7\r\n\r\n{"v":1}';
    const r = await exchange(emu.url, [`${get('/nowhere')}${put}`], { methods: ['GET', 'PUT'] });
    expect(r.responses[0]!.headLines).toEqual([
      'Cache-Control: no-store',
      'Content-Type: text/plain; charset=utf-8',
      'Strict-Transport-Security: max-age=31536000; includeSubDomains',
      'X-Content-Type-Options: nosniff',
      'Date: Tue, 01 Jan 2030 00:00:00 GMT',
      'Content-Length: 19',
    ]);
    expect(r.responses[1]!.status).toBe(204);
    expect(r.responses[1]!.headLines.map((l) => l.split(':')[0])).toEqual(['Cache-Control', 'Content-Type', 'Strict-Transport-Security', 'Date']);
  });

  it('Connection: close when an HTTP/1.1 client asks for it, and the connection ends', async () => {
    const emu = await liveEmu();
    const r = await exchange(emu.url, [get('/v1/sys/health', 'Connection: close\r\n')], { methods: ['GET'], awaitClose: true });
    expect(r.responses[0]!.headLines.at(-1)).toBe('Connection: close');
    expect(r.closedByServer).toBe(true);
  });

  it('HTTP/1.0: no Connection header and a closed connection, or Connection: keep-alive when asked to keep it', async () => {
    const emu = await liveEmu();
    const plain = await exchange(emu.url, [get('/v1/sys/health', '', '1.0')], { methods: ['GET'], awaitClose: true });
    expect(plain.responses[0]!.status).toBe(200);
    expect(plain.responses[0]!.headLines.some((l) => /^connection:/i.test(l) || /^keep-alive:/i.test(l))).toBe(false);
    expect(plain.closedByServer).toBe(true);

    const kept = await exchange(emu.url, [get('/v1/sys/health', 'Connection: keep-alive\r\n', '1.0'), get('/v1/sys/health', 'Connection: keep-alive\r\n', '1.0')], {
      methods: ['GET', 'GET'],
      pauseMs: 50,
    });
    expect(kept.responses.map((x) => [x.status, x.headLines.at(-1)])).toEqual([
      [200, 'Connection: keep-alive'],
      [200, 'Connection: keep-alive'],
    ]);
    expect(kept.closedByServer).toBe(false);
  });
});

describe("Go's connection-level errors", () => {
  it('a request without Host gets the exact bytes Go writes: two headers, no Date or Content-Length, then the close', async () => {
    const emu = await liveEmu();
    const r = await exchange(emu.url, ['GET /v1/sys/health HTTP/1.1\r\n\r\n'], { methods: ['GET'], awaitClose: true });
    expect(r.responses[0]!.status).toBe(400);
    expect(r.responses[0]!.reason).toBe('Bad Request: missing required Host header');
    expect(r.responses[0]!.headLines).toEqual(['Content-Type: text/plain; charset=utf-8', 'Connection: close']);
    expect(r.responses[0]!.body).toBe('400 Bad Request: missing required Host header');
    expect(r.closedByServer).toBe(true);
  });
});

describe('the JSON answer shortcut', () => {
  it('carries exactly the head the general path builds from its headers', () => {
    for (const status of [200, 204, 400, 404, 500]) {
      const spec = jsonResponse(status, { a: 1 }, undefined);
      expect(spec.sortedHead).toEqual(sortedHead(spec.headers));
    }
    // With a namespace to echo there is no shortcut: the general path sorts it in.
    const withNs = jsonResponse(200, {}, 'ns1/');
    expect(withNs.sortedHead).toBeUndefined();
    expect(sortedHead(withNs.headers).filter((_, i) => i % 2 === 0)).toEqual(['Cache-Control', 'Content-Type', 'Strict-Transport-Security', 'X-Vault-Namespace']);
  });
});
