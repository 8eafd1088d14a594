// Audit hashing against HMAC-SHA256 recomputed with node:crypto.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatEntry, rfc3339Nano, type AuditEvent, type FormatterConfig } from '../../src/core/audit/entry.js';
import { hashValues, saltedHmac } from '../../src/core/audit/hash.js';

const SALT = '6b7d1c1e-3c4f-4b8e-9a53-2f1f1b0f3c11';
const hmac = (v: string) => `hmac-sha256:${createHmac('sha256', SALT).update(v).digest('hex')}`;
const json: FormatterConfig = { raw: false, hmacAccessor: true, elideListResponses: false, prefix: '' };

function event(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    type: 'response',
    time: Date.UTC(2024, 0, 2, 3, 4, 5, 120),
    auth: { client_token: 'hvs.tok', accessor: 'acc1', policies: ['default'], policy_results: { allowed: true }, token_type: 'service' },
    request: { id: 'req-1', operation: 'update', path: 'secret/data/a', clientToken: 'hvs.tok', clientTokenAccessor: 'acc1', data: { z: 'x', a: { list: ['p', 2, true] } }, routed: true },
    response: { data: { keys: ['a', 'b'], n: 3, s: 'v' }, leaseId: 'secret/data/a/xyz', warnings: ['w'] },
    ...overrides,
  };
}

describe('audit hashing', () => {
  it('HMACs every string value (not keys), numbers in request bodies, with the salt as key', () => {
    expect(saltedHmac(SALT)('root')).toBe(hmac('root'));
    expect(hashValues({ a: 'x', b: ['y', 1, false], c: { d: 'z' } }, saltedHmac(SALT), [], true)).toEqual({
      a: hmac('x'),
      b: [hmac('y'), hmac('1'), false],
      c: { d: hmac('z') },
    });
  });

  it('leaves values under non-HMAC keys as they are, lists included', () => {
    expect(hashValues({ keep: ['a', 'b'], other: 'c' }, saltedHmac(SALT), ['keep'])).toEqual({ keep: ['a', 'b'], other: hmac('c') });
  });

  it('writes a response entry in Go field order with tokens, accessors and data hashed', () => {
    const line = formatEntry(event(), json, saltedHmac(SALT));
    expect(line.endsWith('\n')).toBe(true);
    const parsed = JSON.parse(line);
    expect(Object.keys(parsed)).toEqual(['auth', 'request', 'response', 'time', 'type']);
    expect(parsed.auth.client_token).toBe(hmac('hvs.tok'));
    expect(parsed.auth.accessor).toBe(hmac('acc1'));
    expect(parsed.request.client_token_accessor).toBe(hmac('acc1'));
    expect(parsed.request.data).toEqual({ a: { list: [hmac('p'), hmac('2'), true] }, z: hmac('x') });
    expect(Object.keys(parsed.request.data)).toEqual(['a', 'z']);
    expect(parsed.request.namespace).toEqual({ id: 'root' });
    expect(parsed.response.data).toEqual({ keys: [hmac('a'), hmac('b')], n: 3, s: hmac('v') });
    expect(parsed.response.secret).toEqual({ lease_id: 'secret/data/a/xyz' });
    expect(parsed.response.warnings).toEqual(['w']);
    expect(parsed.time).toBe('2024-01-02T03:04:05.12Z');
  });

  it('hmac_accessor=false keeps accessors, log_raw keeps everything, elide_list_responses counts keys of lists', () => {
    const noAccessor = JSON.parse(formatEntry(event(), { ...json, hmacAccessor: false }, saltedHmac(SALT)));
    expect(noAccessor.auth.accessor).toBe('acc1');
    expect(noAccessor.auth.client_token).toBe(hmac('hvs.tok'));
    const raw = JSON.parse(formatEntry(event(), { ...json, raw: true }, saltedHmac(SALT)));
    expect(raw.auth.client_token).toBe('hvs.tok');
    expect(raw.request.data.z).toBe('x');
    const listEvent = event({ request: { ...event().request, operation: 'list' } });
    const elided = JSON.parse(formatEntry(listEvent, { ...json, elideListResponses: true }, saltedHmac(SALT)));
    expect(elided.response.data.keys).toBe(2);
    const notList = JSON.parse(formatEntry(event(), { ...json, elideListResponses: true }, saltedHmac(SALT)));
    expect(notList.response.data.keys).toEqual([hmac('a'), hmac('b')]);
  });

  it('puts the prefix before the JSON and escapes HTML characters as Go does', () => {
    const line = formatEntry(event({ request: { ...event().request, path: 'a<b>&c' } }), { ...json, prefix: 'AUDIT:' }, saltedHmac(SALT));
    expect(line.startsWith('AUDIT:{"auth"')).toBe(true);
    expect(line).toContain('"path":"a\\u003cb\\u003e\\u0026c"');
  });

  it('formats times as RFC 3339 with trailing zeros of the fraction dropped', () => {
    expect(rfc3339Nano(Date.UTC(2024, 0, 1))).toBe('2024-01-01T00:00:00Z');
    expect(rfc3339Nano(Date.UTC(2024, 0, 1, 0, 0, 0, 5))).toBe('2024-01-01T00:00:00.005Z');
  });
});
