import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import { goFormatG, goJsonFloat32 } from '../../../src/core/metrics/go-float.js';
import { VaultMetrics } from '../../../src/core/metrics/metrics.js';

const START = Date.UTC(2024, 5, 3, 16, 0, 3);

function setup(opts: { hostname?: string; prometheusRetentionMs?: number } = {}) {
  const clock = new VirtualClock(START);
  const metrics = new VaultMetrics({ clock, serviceName: 'vault', prometheusRetentionMs: 86_400_000, ...opts });
  const json = () => JSON.parse(metrics.responseForFormat('').body);
  return { clock, metrics, json };
}

describe('in-memory sink (go-metrics InmemSink, 10 s intervals kept 1 minute)', () => {
  it('shows the current interval while it is the only one, then the last finished one', () => {
    const { clock, metrics, json } = setup();
    metrics.incrCounter(['a'], 1);
    expect(json().Timestamp).toBe('2024-06-03 16:00:00 +0000 UTC');
    expect(json().Counters.map((c: { Name: string }) => c.Name)).toEqual(['vault.a']);
    clock.advance(10_000);
    metrics.incrCounter(['b'], 1);
    // The finished interval (16:00:00) is shown: `b` went into the current one.
    const shown = json();
    expect(shown.Timestamp).toBe('2024-06-03 16:00:00 +0000 UTC');
    expect(shown.Counters.map((c: { Name: string }) => c.Name)).toEqual(['vault.a']);
    clock.advance(10_000);
    expect(json().Timestamp).toBe('2024-06-03 16:00:10 +0000 UTC');
    expect(json().Counters.map((c: { Name: string }) => c.Name)).toEqual(['vault.b']);
  });

  it('shows the last interval that had activity when the ones between were never created', () => {
    const { clock, metrics, json } = setup();
    metrics.incrCounter(['a'], 1);
    clock.advance(45_000);
    // Reading creates the current interval; the last one before it is 16:00:00, 45 s ago.
    expect(json().Timestamp).toBe('2024-06-03 16:00:00 +0000 UTC');
    expect(json().Counters).toHaveLength(1);
  });

  it('aggregates samples as AggregateSample does, fields in Go order', () => {
    const { clock, metrics } = setup();
    for (const v of [1, 2, 3, 6]) metrics.addSample(['core', 'x'], v, [{ name: 'b', value: '2' }, { name: 'a', value: '1' }]);
    clock.advance(10_000);
    const body = metrics.responseForFormat('').body;
    expect(body).toBe(
      '{"Timestamp":"2024-06-03 16:00:00 +0000 UTC","Gauges":[],"Points":[],"Counters":[],"Samples":[' +
        '{"Name":"vault.core.x","Count":4,"Rate":1.2,"Sum":12,"Min":1,"Max":6,"Mean":3,"Stddev":2.160246899469287,"Labels":{"a":"1","b":"2"}}]}',
    );
  });

  it('measures since a clock reading in milliseconds', () => {
    const { clock, metrics, json } = setup();
    const start = clock.now();
    clock.advance(250);
    metrics.measureSince(['expire', 'revoke'], start);
    const [sample] = json().Samples;
    expect(sample).toMatchObject({ Name: 'vault.expire.revoke', Count: 1, Sum: 250, Min: 250, Max: 250 });
  });

  it('sorts by name and labels, and keeps the last gauge value; gauges take the host name when enabled', () => {
    const { metrics, json } = setup({ hostname: 'box' });
    metrics.setGauge(['z'], 1);
    metrics.setGauge(['a'], 1, [{ name: 'k', value: 'v' }]);
    metrics.setGauge(['a'], 2.5, [{ name: 'k', value: 'v' }]);
    metrics.incrCounter(['c'], 1);
    const out = json();
    expect(out.Gauges).toEqual([
      { Name: 'vault.box.a', Value: 2.5, Labels: { k: 'v' } },
      { Name: 'vault.box.z', Value: 1, Labels: {} },
    ]);
    expect(out.Counters[0].Name).toBe('vault.c');
  });

  it('adds collector gauges when read, with the registered labels after the collector’s own', () => {
    const { metrics, json } = setup();
    let n = 3;
    metrics.registerGaugeCollector(['expire', 'num_leases'], () => n);
    const remove = metrics.registerGaugeCollector(['token', 'count'], [{ name: 'cluster', value: 'c1' }], () => [{ labels: [{ name: 'namespace', value: 'root' }], value: 2 }]);
    expect(json().Gauges).toEqual([
      { Name: 'vault.expire.num_leases', Value: 3, Labels: {} },
      { Name: 'vault.token.count', Value: 2, Labels: { cluster: 'c1', namespace: 'root' } },
    ]);
    n = 4;
    remove();
    expect(json().Gauges).toEqual([{ Name: 'vault.expire.num_leases', Value: 4, Labels: {} }]);
  });

  it('replaces a collector registered for the same key and labels', () => {
    const { metrics, json } = setup();
    metrics.registerGaugeCollector(['expire', 'num_leases'], () => 0);
    metrics.registerGaugeCollector(['expire', 'num_leases'], () => 7);
    expect(json().Gauges).toEqual([{ Name: 'vault.expire.num_leases', Value: 7, Labels: {} }]);
    expect(metrics.responseForFormat('prometheus').body.match(/^vault_expire_num_leases .*$/gm)).toEqual(['vault_expire_num_leases 7']);
  });

  it('answers an unknown format and a disabled Prometheus with Vault’s texts', () => {
    const { metrics } = setup({ prometheusRetentionMs: 0 });
    expect(metrics.responseForFormat('xml')).toEqual({ status: 400, contentType: 'text/plain', body: 'metric response format "xml" unknown' });
    expect(metrics.responseForFormat('prometheus')).toEqual({ status: 400, contentType: 'text/plain', body: 'prometheus is not enabled' });
  });

  it('picks Prometheus from an OpenMetrics or Prometheus Accept header', () => {
    expect(VaultMetrics.formatFromAccept(['application/openmetrics-text; version=1.0.0'])).toBe('prometheus');
    expect(VaultMetrics.formatFromAccept(['text/html', 'prometheus/telemetry'])).toBe('prometheus');
    expect(VaultMetrics.formatFromAccept(['application/json'])).toBe('');
    expect(VaultMetrics.formatFromAccept([])).toBe('');
  });
});

describe('Go number texts', () => {
  it('writes float32 JSON with the shortest digits that read back as the same float32', () => {
    expect(goJsonFloat32(97_599_488)).toBe('97599490');
    expect(goJsonFloat32(0.1)).toBe('0.1');
    expect(goJsonFloat32(16_777_217)).toBe('16777216');
    expect(goJsonFloat32(3)).toBe('3');
  });

  it("writes strconv 'g' with exponents from 1e6 and below 1e-4", () => {
    expect(goFormatG(123456)).toBe('123456');
    expect(goFormatG(1234567)).toBe('1.234567e+06');
    expect(goFormatG(97_599_488)).toBe('9.7599488e+07');
    expect(goFormatG(0.0001)).toBe('0.0001');
    expect(goFormatG(0.00001234)).toBe('1.234e-05');
    expect(goFormatG(NaN)).toBe('NaN');
    expect(goFormatG(0.5)).toBe('0.5');
  });
});
