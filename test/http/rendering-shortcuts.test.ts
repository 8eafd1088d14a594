// The shortcuts of the hot path give exactly what the general code gives: the envelope written field by
// field (sortedGoJson, with texts of frozen values kept), and the ServeMux answer for plain /v1/ paths.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogicalResponse } from '../../src/core/request.js';
import { goJson, sortedGoJson, sortKeysDeep } from '../../src/http/go-json.js';
import { parseRequestTarget } from '../../src/http/go-url.js';
import { renderEnvelope, sortAuth } from '../../src/http/render-response.js';
import { ALL_INDEX, API_INDEX, route, routeByPatterns } from '../../src/http/vault-mux.js';

/** Keys that stress ordering and escaping: array-index-like names, HTML characters, U+2028, a lone surrogate. */
const awkwardKey = fc.oneof(fc.string(), fc.constantFrom('10', '9', '0', '01', '4294967294', '4294967295', '-1', 'a<b', '&', '\u2028', '\ud800', 'é', 'toJSON2'));
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, false, 0, -0, 1.5, 1e21, -7),
    fc.string(),
    fc.constantFrom('<script>&</script>', '\u2028\u2029', '\ud83d\ude00', '\udc00', 'é"\\\n\t'),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(awkwardKey, tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** Whether a value holds an own "__proto__" key somewhere (sortedGoJson leaves those to the general path). */
function hasProtoKey(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  if (!Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, '__proto__')) return true;
  return Object.values(v).some(hasProtoKey);
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const inner of Object.values(v)) deepFreeze(inner);
    Object.freeze(v);
  }
  return v;
}

/** The envelope as the general path builds it (an object through goJson), for comparison. */
function generalEnvelope(requestId: string, mountType: string, r: LogicalResponse): string {
  const data = r.data === undefined || r.data === null ? null : sortKeysDeep(r.data);
  const text = goJson({
    request_id: requestId,
    lease_id: r.leaseId ?? '',
    renewable: r.renewable ?? false,
    lease_duration: r.leaseDuration ?? 0,
    data,
    wrap_info: null,
    warnings: r.warnings && r.warnings.length > 0 ? r.warnings : null,
    auth: r.auth ? sortAuth(r.auth) : null,
    mount_type: r.mountType ?? mountType,
  });
  return r.statusCode !== undefined ? text.slice(0, -1) : text;
}

describe('sortedGoJson', () => {
  it('writes what goJson(sortKeysDeep(value)) writes, frozen or not, every time', () => {
    fc.assert(
      fc.property(jsonish, fc.boolean(), (value, freeze) => {
        const expected = hasProtoKey(value) ? undefined : goJson(sortKeysDeep(value)).slice(0, -1);
        const v = freeze ? deepFreeze(structuredClone(value)) : value;
        expect(sortedGoJson(v)).toBe(expected);
        // A frozen value's kept text must be the same text.
        expect(sortedGoJson(v)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves anything but plain JSON data to the general path', () => {
    expect(sortedGoJson({ a: new Date(0) })).toBeUndefined();
    expect(sortedGoJson({ a: () => 1 })).toBeUndefined();
    expect(sortedGoJson(JSON.parse('{"__proto__":{"a":1}}'))).toBeUndefined();
    expect(sortedGoJson([1, undefined])).toBeUndefined();
    expect(sortedGoJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });
});

/** Auth blocks as logins answer them: fields in any order, some missing, odd metadata, lists empty or not. */
const authBlock = fc
  .record(
    {
      client_token: fc.oneof(fc.string(), fc.constantFrom('hvs.CAESIAbc', 'a<b&c')),
      accessor: fc.string(),
      policies: fc.array(fc.string(), { maxLength: 3 }),
      token_policies: fc.option(fc.array(fc.string(), { maxLength: 3 }), { nil: undefined }),
      identity_policies: fc.option(fc.array(fc.string(), { maxLength: 3 }), { nil: undefined }),
      metadata: fc.option(fc.dictionary(awkwardKey, fc.string(), { maxKeys: 4 }), { nil: null }),
      lease_duration: fc.integer({ min: 0, max: 1e9 }),
      renewable: fc.boolean(),
      entity_id: fc.string(),
      token_type: fc.constantFrom('service', 'batch'),
      orphan: fc.boolean(),
      mfa_requirement: fc.constantFrom(null, undefined, { b: 1, a: 2 }),
      num_uses: fc.integer({ min: 0, max: 10 }),
    },
    { requiredKeys: [] },
  )
  .chain((auth) => fc.shuffledSubarray(Object.keys(auth), { minLength: Object.keys(auth).length }).map((keys) => Object.fromEntries(keys.map((k) => [k, (auth as Record<string, unknown>)[k]]))));

describe('renderEnvelope', () => {
  it('writes the same bytes as the envelope object through goJson', () => {
    const response = fc.record(
      {
        data: fc.option(fc.dictionary(awkwardKey, jsonish, { maxKeys: 4 }), { nil: undefined }),
        warnings: fc.option(fc.array(fc.string(), { maxLength: 3 }), { nil: undefined }),
        leaseId: fc.option(fc.string(), { nil: undefined }),
        renewable: fc.option(fc.boolean(), { nil: undefined }),
        leaseDuration: fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: undefined }),
        statusCode: fc.option(fc.constantFrom(200, 404), { nil: undefined }),
        mountType: fc.option(fc.constantFrom('', 'kv'), { nil: undefined }),
        auth: fc.option(authBlock, { nil: undefined }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(response, fc.boolean(), (r, freeze) => {
        const resp = freeze && r.data ? { ...r, data: deepFreeze(structuredClone(r.data)) } : r;
        const rendered = renderEnvelope('kv/data/a', '0a4c0c6b-0bb0-4d5d-8a4c-f2bc5a0a1b1e', 'kv', resp as LogicalResponse, 200);
        expect(rendered.payload).toBe(generalEnvelope('0a4c0c6b-0bb0-4d5d-8a4c-f2bc5a0a1b1e', 'kv', resp as LogicalResponse));
      }),
      { numRuns: 300 },
    );
  });
});

describe('route', () => {
  it('decides plain /v1/ paths exactly as matching every ServeMux pattern does', () => {
    const segment = fc.oneof(fc.constantFrom('', '.', '..', 'sys', 'v1', 'mounts', 'kv', 'data', 'secret-1', 'sy%73', '%2F', 'ü', 'health', 'policy', 'auth'), fc.string({ maxLength: 6 }));
    const path = fc.array(segment, { maxLength: 5 }).map((segs) => `/v1/${segs.join('/')}`);
    fc.assert(
      fc.property(path, fc.constantFrom('GET', 'LIST', 'CONNECT'), fc.boolean(), (p, method, ui) => {
        const target = parseRequestTarget(p);
        if (!target) return;
        expect(route(target, method, ui)).toEqual(routeByPatterns(target, method, ui ? ALL_INDEX : API_INDEX));
      }),
      { numRuns: 2000 },
    );
  });
});
