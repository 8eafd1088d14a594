// The raw sys handlers' HTTP rules: sys/health (http/sys_health.go), sys/leader (sys_leader.go),
// sys/seal-status (sys_seal.go): no envelope, no token, their own method checks and error bodies.
import { describe, expect, it } from 'vitest';
import { rawJsonError } from '../../src/http/front-door.js';
import { ORIGINAL_METHOD_HEADER } from '../../src/http/request-line-rewriter.js';
import { call, liveEmu, testEmu } from '../helpers/emulator.js';
import { exchange, request } from './raw-client.js';

const HEALTH_KEYS = [
  'initialized',
  'sealed',
  'standby',
  'performance_standby',
  'replication_performance_mode',
  'replication_dr_mode',
  'server_time_utc',
  'version',
  'enterprise',
  'cluster_name',
  'cluster_id',
  'echo_duration_ms',
  'clock_skew_ms',
  'replication_primary_canary_age_ms',
];

describe('sys/health', () => {
  it('GET: the HealthResponse fields in struct order, no token needed; HEAD: status only', async () => {
    const emu = await testEmu();
    const anon = await emu.inject({ method: 'GET', url: '/v1/sys/health' });
    expect(anon.statusCode).toBe(200);
    expect(Object.keys(JSON.parse(anon.body))).toEqual(HEALTH_KEYS);
    expect(anon.body.endsWith('}\n')).toBe(true);
    const head = await emu.inject({ method: 'HEAD', url: '/v1/sys/health' });
    expect([head.statusCode, head.body, head.headers['content-type']]).toEqual([200, '', 'application/json']);
  });

  it('other methods are a 405 with an empty errors array', async () => {
    const emu = await testEmu();
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const res = await call(emu, method, '/v1/sys/health');
      expect([method, res.status, res.json]).toEqual([method, 405, { errors: [] }]);
    }
    const list = await emu.inject({ method: 'GET', url: '/v1/sys/health', headers: { [ORIGINAL_METHOD_HEADER]: 'LIST' } });
    expect([list.statusCode, list.body]).toEqual([405, '{"errors":[]}\n']);
  });

  it('status-code parameters: any integer is taken, a present but unparsable one is a bare 400', async () => {
    const emu = await testEmu();
    const status = async (q: string) => (await call(emu, 'GET', `/v1/sys/health?${q}`)).status;
    expect(await status('activecode=299')).toBe(299);
    expect(await status('activecode=%2B201')).toBe(201);
    expect(await status('activecode=201&activecode=x')).toBe(201);
    expect(await status('standbyok=true&perfstandbyok=1&standbycode=201')).toBe(200);
    // Only the active code applies to an unsealed, initialised node; the others are still checked.
    expect(await status('sealedcode=200&uninitcode=200&drsecondarycode=299&performancestandbycode=299')).toBe(200);
    // An informational code is not final in Go: the body write sends 200.
    expect(await status('activecode=150')).toBe(200);
    for (const q of ['activecode=', 'activecode=abc', 'activecode=2.5', 'sealedcode=x', 'uninitcode=', 'standbyok=', 'standbyok=maybe', 'perfstandbyok=yes']) {
      const res = await call(emu, 'GET', `/v1/sys/health?${q}`);
      expect([q, res.status, res.json]).toEqual([q, 400, { errors: [] }]);
    }
    const head = await emu.inject({ method: 'HEAD', url: '/v1/sys/health?activecode=x' });
    expect([head.statusCode, head.body]).toEqual([400, '']);
  });

  it('a code outside 100–999 makes Go panic: the connection drops without an answer', async () => {
    const emu = await liveEmu();
    for (const q of ['activecode=0', 'activecode=-1', 'activecode=1000']) {
      const r = await exchange(emu.url, [request('GET', `/v1/sys/health?${q}`)], { methods: ['GET'] });
      expect([q, r.responses, r.closedByServer]).toEqual([q, [], true]);
    }
  });
});

describe('sys/leader and sys/seal-status', () => {
  it('answer GET only (405 with an empty errors array otherwise), without an envelope', async () => {
    const emu = await testEmu();
    const leader = await emu.inject({ method: 'GET', url: '/v1/sys/leader' });
    expect(leader.statusCode).toBe(200);
    expect(JSON.parse(leader.body)).toMatchObject({ ha_enabled: false, is_self: false, leader_address: '' });
    const seal = await emu.inject({ method: 'GET', url: '/v1/sys/seal-status' });
    expect(JSON.parse(seal.body)).toMatchObject({ type: 'shamir', initialized: true, sealed: false });
    expect(JSON.parse(seal.body).request_id).toBeUndefined();
    for (const path of ['sys/leader', 'sys/seal-status']) {
      for (const method of ['HEAD', 'POST', 'PUT', 'DELETE']) {
        const res = await call(emu, method, `/v1/${path}`);
        expect([path, method, res.status, res.text]).toEqual([path, method, 405, method === 'HEAD' ? '' : '{"errors":[]}\n']);
      }
    }
  });
});

describe('raw handler bodies', () => {
  it('rawJsonError gives the texts of Vault’s parseJSONRequest for a handler’s struct', () => {
    expect(rawJsonError(undefined, 'http.InitRequest')).toBeUndefined();
    expect(rawJsonError({ kind: 'eof' }, 'http.InitRequest')).toBe('EOF');
    expect(rawJsonError({ kind: 'error', message: 'unexpected EOF' }, 'http.InitRequest')).toBe('failed to parse JSON input: unexpected EOF');
    expect(rawJsonError({ kind: 'mismatch', valueKind: 'array' }, 'http.UnsealRequest')).toBe(
      'failed to parse JSON input: json: cannot unmarshal array into Go value of type http.UnsealRequest',
    );
  });
});
