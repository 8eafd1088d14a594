import { describe, expect, it, vi } from 'vitest';
import type { VirtualClock } from '../../../src/core/clock.js';
import { call, ROOT, testEmu } from '../../helpers/emulator.js';

const START = Date.UTC(2024, 5, 3, 16, 0, 3);

interface Sampled {
  Name: string;
  Count: number;
  Labels: Record<string, string>;
}
interface Gauge {
  Name: string;
  Value: number;
  Labels: Record<string, string>;
}

async function virtualEmu(options = {}) {
  const emu = await testEmu({ clock: 'virtual', clockStart: START, ...options });
  return { emu, clock: emu.clock as VirtualClock };
}

async function jsonMetrics(emu: Awaited<ReturnType<typeof testEmu>>) {
  const res = await emu.inject({ method: 'GET', url: '/v1/sys/metrics' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/json');
  return JSON.parse(res.body) as { Timestamp: string; Gauges: Gauge[]; Points: unknown[]; Counters: Sampled[]; Samples: Sampled[] };
}

describe('sys/metrics', () => {
  it('answers go-metrics’ summary without a token in dev mode, keys in Go’s order', async () => {
    const { emu } = await virtualEmu();
    const res = await emu.inject({ method: 'GET', url: '/v1/sys/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(Object.keys(JSON.parse(res.body))).toEqual(['Timestamp', 'Gauges', 'Points', 'Counters', 'Samples']);
    expect(JSON.parse(res.body).Timestamp).toBe('2024-06-03 16:00:00 +0000 UTC');
  });

  it('counts a KV read under vault.route.read.secret- once its 10 s interval has finished', async () => {
    const { emu, clock } = await virtualEmu();
    const routeReads = async () => (await jsonMetrics(emu)).Samples.find((s) => s.Name === 'vault.route.read.secret-')?.Count ?? 0;
    await call(emu, 'POST', '/v1/secret/data/app', { data: { a: 1 } });
    clock.advance(10_000);
    expect(await routeReads()).toBe(0);
    for (let i = 0; i < 3; i++) expect((await call(emu, 'GET', '/v1/secret/data/app')).status).toBe(200);
    // Still the current interval: the summary shows the finished one before it.
    expect(await routeReads()).toBe(0);
    clock.advance(10_000);
    expect(await routeReads()).toBe(3);
    const samples = (await jsonMetrics(emu)).Samples.map((s) => s.Name);
    expect(samples).toEqual(expect.arrayContaining(['vault.core.handle_request', 'vault.core.check_token', 'vault.core.fetch_acl_and_token']));
    expect(samples).not.toContain('vault.core.handle_login_request');
  });

  it('measures a request the ACL denies, but routes nothing for it', async () => {
    const { emu, clock } = await virtualEmu();
    clock.advance(10_000);
    expect((await call(emu, 'GET', '/v1/secret/data/app', undefined, { 'x-vault-token': 'nope' })).status).toBe(403);
    clock.advance(10_000);
    const samples = (await jsonMetrics(emu)).Samples;
    expect(samples.find((s) => s.Name === 'vault.core.handle_request')?.Count).toBe(1);
    expect(samples.some((s) => s.Name.startsWith('vault.route.'))).toBe(false);
  });

  it('counts tokens: vault.token.count and its breakdowns grow with a token create, vault.token.creation counts it', async () => {
    const { emu, clock } = await virtualEmu();
    const tokenCount = async () => (await jsonMetrics(emu)).Gauges.find((g) => g.Name === 'vault.token.count')!;
    expect((await tokenCount()).Value).toBe(0);
    const created = await call(emu, 'POST', '/v1/auth/token/create', { policies: ['default'], ttl: '30m' });
    expect(created.status).toBe(200);
    const count = await tokenCount();
    expect(count.Value).toBe(1);
    expect(count.Labels).toEqual({ namespace: 'root', cluster: expect.stringMatching(/^vault-cluster-[0-9a-f]{8}$/) });
    const gauges = (await jsonMetrics(emu)).Gauges;
    expect(gauges.find((g) => g.Name === 'vault.token.count.by_policy')).toMatchObject({ Value: 1, Labels: { namespace: 'root', policy: 'default' } });
    expect(gauges.find((g) => g.Name === 'vault.token.count.by_auth')).toMatchObject({ Value: 1, Labels: { auth_method: 'token' } });
    expect(gauges.find((g) => g.Name === 'vault.token.count.by_ttl')).toMatchObject({ Value: 1, Labels: { creation_ttl: '1h' } });
    clock.advance(10_000);
    const creation = (await jsonMetrics(emu)).Counters.find((c) => c.Name === 'vault.token.creation')!;
    expect(creation.Count).toBe(1);
    expect(creation.Labels).toMatchObject({ auth_method: 'token', mount_point: 'auth/token/', creation_ttl: '1h', token_type: 'service', namespace: 'root' });
    // Revoked, the token no longer counts.
    await call(emu, 'POST', '/v1/auth/token/revoke', { token: created.json.auth.client_token });
    expect((await tokenCount()).Value).toBe(0);
  });

  it('counts an AppRole login token in vault.token.creation under its auth method and mount', async () => {
    const { emu, clock } = await virtualEmu();
    expect((await call(emu, 'POST', '/v1/sys/auth/approle', { type: 'approle' })).status).toBe(204);
    await call(emu, 'POST', '/v1/auth/approle/role/web', { token_ttl: '1h' });
    const roleId = (await call(emu, 'GET', '/v1/auth/approle/role/web/role-id')).json.data.role_id;
    const secretId = (await call(emu, 'POST', '/v1/auth/approle/role/web/secret-id', {})).json.data.secret_id;
    expect((await call(emu, 'POST', '/v1/auth/approle/login', { role_id: roleId, secret_id: secretId })).status).toBe(200);
    clock.advance(10_000);
    const creations = (await jsonMetrics(emu)).Counters.filter((c) => c.Name === 'vault.token.creation' && c.Labels.auth_method !== 'token');
    expect(creations).toHaveLength(1);
    expect(creations[0]).toMatchObject({
      Count: 1,
      Labels: { namespace: 'root', auth_method: 'approle', mount_point: 'auth/approle/', creation_ttl: '1h', token_type: 'service' },
    });
  });

  it('walks the tokens once per read for all four token gauges, and again on the next read', async () => {
    const { emu } = await virtualEmu();
    const walks = vi.spyOn(emu.core.tokens, 'forEachStored');
    await call(emu, 'POST', '/v1/auth/token/create', { policies: ['default'], ttl: '30m' });
    const first = (await jsonMetrics(emu)).Gauges;
    expect(walks).toHaveBeenCalledTimes(1);
    const counts = first.filter((g) => g.Name.startsWith('vault.token.count')).map((g) => [g.Name, g.Value]);
    expect(counts.sort()).toEqual([
      ['vault.token.count', 1],
      ['vault.token.count.by_auth', 1],
      ['vault.token.count.by_policy', 1],
      ['vault.token.count.by_ttl', 1],
    ]);
    await call(emu, 'POST', '/v1/auth/token/create', { policies: ['default'], ttl: '30m' });
    const second = (await jsonMetrics(emu)).Gauges;
    expect(walks).toHaveBeenCalledTimes(2);
    expect(second.find((g) => g.Name === 'vault.token.count.by_policy')).toMatchObject({ Value: 2 });
  });

  it('reports Node’s memory figures as the Go runtime gauges', async () => {
    const { emu } = await virtualEmu();
    const gauges = (await jsonMetrics(emu)).Gauges;
    for (const name of ['vault.runtime.alloc_bytes', 'vault.runtime.sys_bytes', 'vault.runtime.num_goroutines']) {
      expect(gauges.find((g) => g.Name === name)?.Value).toBeGreaterThan(0);
    }
    expect(gauges.find((g) => g.Name === 'vault.core.unsealed')?.Value).toBe(1);
    // Zero until the lease manager registers its own collector under the same key.
    expect(gauges.find((g) => g.Name === 'vault.expire.num_leases')).toEqual({ Name: 'vault.expire.num_leases', Value: 0, Labels: {} });
  });

  it('writes Prometheus text for format=prometheus and for an OpenMetrics Accept header', async () => {
    const { emu } = await virtualEmu();
    await call(emu, 'GET', '/v1/secret/data/none');
    for (const req of [{ url: '/v1/sys/metrics?format=prometheus' }, { url: '/v1/sys/metrics', headers: { accept: 'application/openmetrics-text; version=1.0.0' } }]) {
      const res = await emu.inject({ method: 'GET', ...req });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      const lines = res.body.split('\n');
      expect(lines.pop()).toBe('');
      for (const line of lines) expect(line).toMatch(/^(# (HELP|TYPE) \S+ .+|[a-zA-Z_:][\w:]*(\{[^}]*\})? \S+)$/);
      expect(lines).toContain('# TYPE vault_route_read_secret_ summary');
      expect(lines).toContain('vault_route_read_secret__count 1');
      expect(lines.some((l) => l.startsWith('vault_runtime_alloc_bytes '))).toBe(true);
    }
  });

  it('answers an unknown format and a disabled Prometheus in Vault’s words, as text/plain', async () => {
    const { emu } = await virtualEmu({ telemetry: { prometheusRetentionTime: 0 } });
    let res = await emu.inject({ method: 'GET', url: '/v1/sys/metrics?format=xml' });
    expect([res.statusCode, res.headers['content-type'], res.body]).toEqual([400, 'text/plain', 'metric response format "xml" unknown']);
    res = await emu.inject({ method: 'GET', url: '/v1/sys/metrics?format=prometheus' });
    expect([res.statusCode, res.headers['content-type'], res.body]).toEqual([400, 'text/plain', 'prometheus is not enabled']);
  });

  it('accepts only GET without a token (handleMetricsUnauthenticated)', async () => {
    const { emu } = await virtualEmu();
    const res = await emu.inject({ method: 'POST', url: '/v1/sys/metrics' });
    expect(res.statusCode).toBe(405);
    expect(res.body).toBe('{"errors":[]}\n');
  });

  it('needs a token with read on sys/metrics when unauthenticated access is off', async () => {
    const { emu } = await virtualEmu({ telemetry: { unauthenticatedMetricsAccess: false } });
    expect((await emu.inject({ method: 'GET', url: '/v1/sys/metrics' })).statusCode).toBe(403);
    const ok = await emu.inject({ method: 'GET', url: '/v1/sys/metrics?format=prometheus', headers: { 'x-vault-token': ROOT } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const json = await emu.inject({ method: 'GET', url: '/v1/sys/metrics', headers: { 'x-vault-token': ROOT } });
    expect(json.headers['content-type']).toBe('application/json');
    expect(Object.keys(JSON.parse(json.body))).toEqual(['Timestamp', 'Gauges', 'Points', 'Counters', 'Samples']);
    const limited = await call(emu, 'POST', '/v1/auth/token/create', { policies: ['default'] });
    const denied = await emu.inject({ method: 'GET', url: '/v1/sys/metrics', headers: { 'x-vault-token': limited.json.auth.client_token } });
    expect(denied.statusCode).toBe(403);
    expect(JSON.parse(denied.body)).toEqual({ errors: ['1 error occurred:\n\t* permission denied\n\n'] });
  });

  it('puts the host name into gauge names when disable_hostname is off', async () => {
    const { emu } = await virtualEmu({ telemetry: { disableHostname: false } });
    const names = (await jsonMetrics(emu)).Gauges.map((g) => g.Name);
    expect(names.some((n) => /^vault\.[^.]+\.runtime\.alloc_bytes$/.test(n))).toBe(true);
    expect(names).not.toContain('vault.runtime.alloc_bytes');
  });
});
