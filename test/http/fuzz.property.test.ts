// Random requests — methods, paths, queries, headers and bodies, sensible and not — must always get
// a Vault-shaped answer (never an internal error, never a hung socket), and a request without a
// valid token must change nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VaultEmu } from '../../src/emulator.js';
import { ORIGINAL_METHOD_HEADER } from '../../src/http/request-line-rewriter.js';
import { call, liveEmu, testEmu } from '../helpers/emulator.js';
import { exchange } from './raw-client.js';

interface FuzzRequest {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

const STATUSES = new Set([200, 204, 299, 301, 307, 400, 403, 404, 405, 413, 415]);
const ENVELOPE = ['request_id', 'lease_id', 'renewable', 'lease_duration', 'data', 'wrap_info', 'warnings', 'auth', 'mount_type'];
/** Unauthenticated raw endpoints whose purpose is to change state (seal flows), left out of the no-change property. */
const UNAUTHENTICATED_WRITERS = /^\/v1\/sys\/(init|unseal|generate-root|rekey)/;

const segment = fc.oneof(
  fc.constantFrom('secret', 'kv', 'data', 'metadata', 'sys', 'mounts', 'health', 'leader', 'seal-status', 'cubbyhole', 'auth', 'token', 'x', 'a.b', '_', 'ui'),
  fc.constantFrom('', '.', '..', '%2F', '%2e%2e', '%zz', '%00', '%C3%A9', '%7F', 'a%20b', '+', '~', '*', '@', 'é', '%E2%80%A8', 'LIST'),
  fc.stringMatching(/^[A-Za-z0-9._~-]{1,8}$/),
);
const path = fc.tuple(fc.constantFrom('/v1/', '/v1/sys/', '/v1/secret/', '/v1/kv/', '/', '//v1/', '/ui/', '/.well-known/', '/v1'), fc.array(segment, { maxLength: 4 }), fc.boolean()).map(
  ([prefix, segs, slash]) => `${prefix}${segs.join('/')}${slash ? '/' : ''}`,
);
const query = fc
  .array(
    fc.tuple(
      fc.constantFrom('list', 'help', 'x', 'version', 'activecode', 'standbyok', 'sealedcode', 'cas', 'a;b'),
      fc.constantFrom('', 'true', '1', 'false', 'maybe', '299', '200', 'abc', '%zz', 'a+b'),
    ),
    { maxLength: 3 },
  )
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const headers = fc
  .record({
    'x-vault-token': optional(fc.constantFrom('root', 'hvs.nope', '', 'root ')),
    authorization: optional(fc.constantFrom('Bearer root', 'Bearer hvs.nope', 'bearer root', 'Basic eDp5')),
    'content-type': optional(fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'application/merge-patch+json', 'text/plain', 'a/b; c', '')),
    'x-vault-wrap-ttl': optional(fc.constantFrom('0', '60', 'abc', '-1', '1d')),
    'x-vault-mfa': optional(fc.constantFrom('m:1', 'm:', ':1', 'm')),
    'x-vault-policy-override': optional(fc.constantFrom('true', 'maybe')),
    'x-vault-namespace': optional(fc.constantFrom('', 'ns1/')),
  })
  .map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Record<string, string>);
const body = fc.oneof(
  fc.constant(undefined),
  fc.json({ maxDepth: 3 }).map((j) => Buffer.from(j)),
  fc.dictionary(fc.constantFrom('type', 'data', 'options', 'a', 'ttl', 'cas', 'config'), fc.jsonValue({ maxDepth: 2 })).map((o) => Buffer.from(JSON.stringify(o))),
  fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
  fc.constantFrom('a=1&a=2', '{"data":{"k":"v"}}', '{"type":"kv"}', 'null', '{"a":1} trailing').map((s) => Buffer.from(s)),
  fc.integer({ min: 1, max: 200_000 }).map((n) => Buffer.alloc(n, 0x7b)),
);
const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'LIST', 'HELP', 'FOO', 'list', 'PROPFIND', 'TRACE');
const wild: fc.Arbitrary<FuzzRequest> = fc.record({ method, path, query, headers, body });
/** Requests that would change state with a valid token, so the no-token property is exercised. */
const plausible: fc.Arbitrary<FuzzRequest> = fc.record({
  method: fc.constantFrom('POST', 'PUT', 'DELETE', 'PATCH', 'LIST', 'GET'),
  path: fc.tuple(fc.constantFrom('/v1/kv/', '/v1/secret/data/', '/v1/secret/metadata/', '/v1/sys/mounts/', '/v1/cubbyhole/'), fc.stringMatching(/^[a-z]{1,3}$/)).map(([p, n]) => p + n),
  query: fc.constant(''),
  headers: fc.constantFrom<Record<string, string>>(
    { 'x-vault-token': 'root', 'content-type': 'application/json' },
    { 'x-vault-token': 'root', 'content-type': 'application/merge-patch+json' },
    { authorization: 'Bearer root' },
    { 'x-vault-token': 'hvs.nope', 'content-type': 'application/json' },
    { authorization: 'Bearer hvs.nope', 'content-type': 'application/merge-patch+json' },
    {},
  ),
  body: fc.constantFrom('{"v":2}', '{"data":{"v":2}}', '{"type":"kv"}', '{"max_versions":3}').map((b) => Buffer.from(b)),
});
const request = fc.oneof({ arbitrary: wild, weight: 2 }, { arbitrary: plausible, weight: 1 });

function hasValidToken(r: FuzzRequest): boolean {
  const direct = r.headers['x-vault-token'];
  if (direct) return direct === 'root';
  return r.headers.authorization === 'Bearer root';
}

/** Asserts an answer looks like something Vault (or Go's server in front of it) would send. */
function expectVaultShaped(r: FuzzRequest, status: number, contentType: string | undefined, text: string): void {
  const where = `${r.method} ${r.path}?${r.query} → ${status} ${text.slice(0, 200)}`;
  expect(STATUSES.has(status), where).toBe(true);
  if (text === '') return;
  if (contentType === 'text/html; charset=utf-8' || contentType === 'text/plain; charset=utf-8') return;
  expect(contentType, where).toBe('application/json');
  const json = JSON.parse(text);
  expect(typeof json === 'object' && json !== null && !Array.isArray(json), where).toBe(true);
  if ('errors' in json) {
    expect(Array.isArray(json.errors) && json.errors.every((e: unknown) => typeof e === 'string'), where).toBe(true);
  } else if ('request_id' in json) {
    for (const key of ENVELOPE) expect(key in json, where).toBe(true);
  } else {
    // A raw sys body (health, leader, seal-status) or a help document.
    expect(['initialized', 'ha_enabled', 'type', 'help'].some((k) => k in json), where).toBe(true);
  }
}

async function seeded(emu: VaultEmu): Promise<void> {
  await call(emu, 'POST', '/v1/sys/mounts/kv', { type: 'kv' });
  await call(emu, 'PUT', '/v1/kv/a', { v: 1 });
  await call(emu, 'POST', '/v1/secret/data/a', { data: { v: 1 } });
}

describe('random requests', () => {
  it('through inject: always Vault-shaped, and without a valid token nothing changes', async () => {
    const emu = await testEmu();
    await seeded(emu);
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const before = emu.core.storage.snapshot();
        const marker = /^[A-Z]+$/.test(r.method) && ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND'].includes(r.method) ? undefined : r.method;
        const res = await emu.inject({
          method: (marker ? 'GET' : r.method) as 'GET',
          url: r.query ? `${r.path}?${r.query}` : r.path,
          headers: { ...r.headers, ...(marker ? { [ORIGINAL_METHOD_HEADER]: marker } : {}) },
          payload: r.body,
        });
        expectVaultShaped(r, res.statusCode, res.headers['content-type'] as string | undefined, res.body);
        if (!hasValidToken(r) && !UNAUTHENTICATED_WRITERS.test(r.path)) {
          expect(new Map(emu.core.storage.snapshot())).toEqual(new Map(before));
        }
      }),
      { numRuns: 400 },
    );
  }, 60000);

  it('through a real socket: an answer or a close for every request, never a hang', async () => {
    const emu = await liveEmu();
    await seeded(emu);
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: 3 }), async (batch) => {
        const bytes = batch.map((r) => {
          const head = Object.entries({ host: 'localhost', ...r.headers, ...(r.body ? { 'content-length': String(r.body.length) } : {}) })
            .map(([k, v]) => `${k}: ${v}\r\n`)
            .join('');
          return Buffer.concat([Buffer.from(`${r.method} ${r.query ? `${r.path}?${r.query}` : r.path} HTTP/1.1\r\n${head}\r\n`, 'latin1'), r.body ?? Buffer.alloc(0)]);
        });
        const result = await exchange(emu.url, [Buffer.concat(bytes)], { methods: batch.map((r) => r.method), timeoutMs: 5000 });
        const answered = result.responses.filter((x) => x.status !== 100);
        // Either every request was answered, or the server answered some and then closed (Go-level errors).
        expect(answered.length === batch.length || result.closedByServer, JSON.stringify(batch.map((r) => `${r.method} ${r.path}`))).toBe(true);
        answered.forEach((res, i) => {
          const r = batch[i]!;
          expectVaultShaped(r, res.status, res.headers['content-type'], r.method === 'HEAD' ? '' : res.body);
        });
      }),
      { numRuns: 60 },
    );
  }, 60000);
});
