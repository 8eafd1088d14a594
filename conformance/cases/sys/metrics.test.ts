// sys/metrics on a dev server: unauthenticated (dev mode sets the listener's
// unauthenticated_metrics_access), Prometheus enabled (dev config's prometheus_retention_time = 24h).
import { describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';

const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

describe('sys/metrics (conformance)', () => {
  it('answers go-metrics’ JSON summary, fields in Go’s order', async () => {
    const res = await vault('GET', 'sys/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(Object.keys(res.json)).toEqual(['Timestamp', 'Gauges', 'Points', 'Counters', 'Samples']);
    expect(res.json.Timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d0 \+0000 UTC$/);
    for (const gauge of res.json.Gauges) expect(Object.keys(gauge)).toEqual(['Name', 'Value', 'Labels']);
    for (const sample of [...res.json.Counters, ...res.json.Samples]) {
      expect(Object.keys(sample)).toEqual(['Name', 'Count', 'Rate', 'Sum', 'Min', 'Max', 'Mean', 'Stddev', 'Labels']);
    }
    const gauges = res.json.Gauges.map((g: { Name: string }) => g.Name);
    expect(gauges).toContain('vault.runtime.alloc_bytes');
    expect(gauges).toContain('vault.expire.num_leases');
  });

  it('needs no token on a dev server', async () => {
    const res = await vault('GET', 'sys/metrics', { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
  });

  it('writes Prometheus text with format=prometheus, a request’s route summary included', async () => {
    await vault('GET', 'secret/data/conformance-metrics-missing');
    const res = await vault('GET', 'sys/metrics?format=prometheus');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(PROMETHEUS_TEXT);
    const lines = res.text.split('\n');
    expect(lines.pop()).toBe('');
    for (const line of lines) expect(line).toMatch(/^(# (HELP|TYPE) \S+ .+|[a-zA-Z_:][\w:]*(\{.*\})? \S+)$/);
    expect(lines).toContain('# TYPE vault_route_read_secret_ summary');
    expect(lines).toContain('# TYPE vault_runtime_alloc_bytes gauge');
    expect(lines).toContain('# TYPE vault_core_handle_request summary');
  });

  it('picks Prometheus from an OpenMetrics Accept header', async () => {
    const res = await vault('GET', 'sys/metrics', { headers: { Accept: 'application/openmetrics-text' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(PROMETHEUS_TEXT);
  });

  it('rejects an unknown format with a plain-text error', async () => {
    const res = await vault('GET', 'sys/metrics?format=xml');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(res.text).toBe('metric response format "xml" unknown');
  });

  it('accepts only GET', async () => {
    const res = await vault('POST', 'sys/metrics');
    expect(res.status).toBe(405);
    expect(res.json).toEqual({ errors: [] });
  });
});
