// Request headers Vault reads (http/handler.go, http/logical.go buildLogicalRequest) and the
// headers on every response (wrapGenericHandler, respondOk/respondError).
import { describe, expect, it } from 'vitest';
import type { VaultEmu } from '../../src/emulator.js';
import { call, testEmu } from '../helpers/emulator.js';

async function kvEmu(): Promise<VaultEmu> {
  const emu = await testEmu();
  await call(emu, 'POST', '/v1/sys/mounts/kv', { type: 'kv' });
  await call(emu, 'PUT', '/v1/kv/a', { v: 1 });
  return emu;
}

/** inject with raw header pairs (so a header can repeat). */
async function raw(emu: VaultEmu, method: string, url: string, pairs: [string, string][], payload?: string) {
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of pairs) {
    const key = k.toLowerCase();
    const prev = headers[key];
    headers[key] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const res = await emu.inject({ method: method as 'GET', url, headers, payload });
  const json = res.headers['content-type'] === 'application/json' && res.body ? JSON.parse(res.body) : undefined;
  return { status: res.statusCode, json, headers: res.headers, text: res.body };
}

const INVALID_TOKEN = { errors: ['2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n'] };

describe('the client token', () => {
  it('comes from X-Vault-Token, else from the first Authorization: Bearer value', async () => {
    const emu = await kvEmu();
    expect((await raw(emu, 'GET', '/v1/kv/a', [['Authorization', 'Bearer root']])).status).toBe(200);
    expect((await raw(emu, 'GET', '/v1/kv/a', [['Authorization', 'Bearer   root  ']])).status).toBe(200);
    expect((await raw(emu, 'GET', '/v1/kv/a', [['Authorization', 'Basic eDp5'], ['Authorization', 'Bearer root']])).status).toBe(200);
    expect((await raw(emu, 'GET', '/v1/kv/a', [['X-Vault-Token', ''], ['Authorization', 'Bearer root']])).status).toBe(200);
    expect((await raw(emu, 'GET', '/v1/kv/a', [['X-Vault-Token', 'root'], ['Authorization', 'Bearer nope']])).status).toBe(200);
    const wrongFirst = await raw(emu, 'GET', '/v1/kv/a', [['X-Vault-Token', 'nope'], ['Authorization', 'Bearer root']]);
    expect([wrongFirst.status, wrongFirst.json]).toEqual([403, INVALID_TOKEN]);
  });

  it('the scheme is case-sensitive: "bearer root" is no token at all', async () => {
    const emu = await kvEmu();
    const res = await raw(emu, 'GET', '/v1/kv/a', [['Authorization', 'bearer root']]);
    expect([res.status, res.json]).toEqual([403, { errors: ['permission denied'] }]);
  });

  it('a repeated X-Vault-Token header counts with its first value', async () => {
    const emu = await kvEmu();
    expect((await raw(emu, 'GET', '/v1/kv/a', [['X-Vault-Token', 'root'], ['X-Vault-Token', 'other']])).status).toBe(200);
  });
});

describe('X-Vault-Namespace', () => {
  it('an empty value is accepted and not echoed; a non-empty one is echoed on every kind of answer', async () => {
    const emu = await kvEmu();
    const empty = await raw(emu, 'GET', '/v1/kv/a', [['X-Vault-Token', 'root'], ['X-Vault-Namespace', '']]);
    expect(empty.status).toBe(200);
    expect(empty.headers['x-vault-namespace']).toBeUndefined();
    for (const [method, url, status] of [
      ['GET', '/v1/kv/a', 200],
      ['GET', '/v1/kv/missing', 404],
      ['GET', '/v1/sys/health', 200],
      ['GET', '/v1//kv/a', 301],
      ['GET', '/', 307],
      ['GET', '/v1/kv/a?list=x', 400],
    ] as const) {
      const res = await raw(emu, method, url, [['X-Vault-Token', 'root'], ['X-Vault-Namespace', 'team-a/']]);
      expect([url, res.status, res.headers['x-vault-namespace']]).toEqual([url, status, 'team-a/']);
    }
  });
});

describe('X-Vault-Wrap-TTL, X-Vault-MFA, X-Vault-Policy-Override', () => {
  it('refuse unparsable values with Vault’s messages (after the body, before the token)', async () => {
    const emu = await kvEmu();
    const cases: [string, string, string][] = [
      ['X-Vault-Wrap-TTL', 'abc', 'error parsing X-Vault-Wrap-TTL header: time: invalid duration "abc"'],
      ['X-Vault-Wrap-TTL', '1.5d', 'error parsing X-Vault-Wrap-TTL header: strconv.ParseInt: parsing "1.5": invalid syntax'],
      ['X-Vault-Wrap-TTL', '-1m', 'error parsing X-Vault-Wrap-TTL header: requested wrap ttl cannot be negative'],
      ['X-Vault-MFA', 'okta:', 'failed to parse X-Vault-MFA header: invalid data in header "X-Vault-MFA"; missing method value'],
      ['X-Vault-MFA', ':123456', 'failed to parse X-Vault-MFA header: invalid data in header "X-Vault-MFA"; missing method name or ID'],
      ['X-Vault-Policy-Override', 'maybe', 'failed to parse X-Vault-Policy-Override header: strconv.ParseBool: parsing "maybe": invalid syntax'],
    ];
    for (const [name, value, message] of cases) {
      // No token at all: these are checked before the token is.
      const res = await raw(emu, 'GET', '/v1/kv/a', [[name, value]]);
      expect([name, value, res.status, res.json]).toEqual([name, value, 400, { errors: [message] }]);
    }
    const bodyFirst = await raw(emu, 'PUT', '/v1/kv/a', [['X-Vault-Wrap-TTL', 'abc']], '{');
    expect(bodyFirst.json).toEqual({ errors: ['error parsing JSON'] });
  });

  it('accept valid values; a zero wrap TTL means no wrapping', async () => {
    const emu = await kvEmu();
    const res = await raw(emu, 'GET', '/v1/kv/a', [
      ['X-Vault-Token', 'root'],
      ['X-Vault-Wrap-TTL', '0'],
      ['X-Vault-MFA', 'okta'],
      ['X-Vault-MFA', 'totp:123456'],
      ['X-Vault-Policy-Override', 'true'],
    ]);
    expect([res.status, res.json.data]).toEqual([200, { v: 1 }]);
  });

  it('a positive wrap TTL on a response Vault would wrap is refused, since wrapping is not emulated yet', async () => {
    const emu = await kvEmu();
    const read = await raw(emu, 'GET', '/v1/kv/a', [['X-Vault-Token', 'root'], ['X-Vault-Wrap-TTL', '5m']]);
    expect([read.status, read.json]).toEqual([400, { errors: ['vault-emu does not support response wrapping yet (X-Vault-Wrap-TTL)'] }]);
    // Vault does not wrap an empty (204) answer or an error either.
    expect((await raw(emu, 'PUT', '/v1/kv/b', [['X-Vault-Token', 'root'], ['X-Vault-Wrap-TTL', '60']], '{"v":2}')).status).toBe(204);
    expect((await raw(emu, 'GET', '/v1/kv/none', [['X-Vault-Token', 'root'], ['X-Vault-Wrap-TTL', '60']])).status).toBe(404);
  });
});

describe('response headers', () => {
  it('Cache-Control: no-store and bare application/json on 200, 204, 4xx and raw sys answers', async () => {
    const emu = await kvEmu();
    for (const [method, url, body, status] of [
      ['GET', '/v1/kv/a', undefined, 200],
      ['PUT', '/v1/kv/b', { v: 1 }, 204],
      ['GET', '/v1/kv/none', undefined, 404],
      ['GET', '/v1/nope/x', undefined, 404],
      ['PUT', '/v1/kv/b', '{', 400],
      ['GET', '/v1/sys/health', undefined, 200],
      ['POST', '/v1/sys/health', undefined, 405],
    ] as const) {
      const res = await call(emu, method, url, body);
      expect([url, res.status, res.headers['content-type'], res.headers['cache-control'], res.headers['strict-transport-security']]).toEqual([
        url,
        status,
        'application/json',
        'no-store',
        'max-age=31536000; includeSubDomains',
      ]);
    }
    const noContent = await call(emu, 'PUT', '/v1/kv/c', { v: 1 });
    expect([noContent.text, noContent.headers['content-length']]).toEqual(['', undefined]);
  });
});
