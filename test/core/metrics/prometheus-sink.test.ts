import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import { VaultMetrics } from '../../../src/core/metrics/metrics.js';

const START = Date.UTC(2024, 5, 3, 16, 0, 3);

function setup(retentionMs = 86_400_000) {
  const clock = new VirtualClock(START);
  const metrics = new VaultMetrics({ clock, serviceName: 'vault', prometheusRetentionMs: retentionMs });
  const text = () => {
    const r = metrics.responseForFormat('prometheus');
    expect(r.status).toBe(200);
    expect(r.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    return r.body;
  };
  /** The text without the three summaries Vault declares up front. */
  const own = () => text().split('# HELP vault_').slice(1).map((s) => `# HELP vault_${s}`).join('');
  return { clock, metrics, text, own };
}

describe('Prometheus sink and text format', () => {
  it('writes gauges, counters and summaries in families sorted by name', () => {
    const { metrics, own } = setup();
    metrics.setGauge(['runtime', 'alloc_bytes'], 12_345_678);
    metrics.incrCounter(['token', 'creation'], 1, [{ name: 'token_type', value: 'service' }, { name: 'auth_method', value: 'token' }]);
    metrics.incrCounter(['token', 'creation'], 1, [{ name: 'token_type', value: 'service' }, { name: 'auth_method', value: 'token' }]);
    for (const v of [4, 1, 3, 2]) metrics.addSample(['route', 'read', 'secret-'], v);
    expect(own()).toBe(
      [
        '# HELP vault_route_read_secret_ vault_route_read_secret_',
        '# TYPE vault_route_read_secret_ summary',
        'vault_route_read_secret_{quantile="0.5"} 2',
        'vault_route_read_secret_{quantile="0.9"} 4',
        'vault_route_read_secret_{quantile="0.99"} 4',
        'vault_route_read_secret__sum 10',
        'vault_route_read_secret__count 4',
        '# HELP vault_runtime_alloc_bytes vault_runtime_alloc_bytes',
        '# TYPE vault_runtime_alloc_bytes gauge',
        'vault_runtime_alloc_bytes 1.2345678e+07',
        '# HELP vault_token_creation vault_token_creation',
        '# TYPE vault_token_creation counter',
        'vault_token_creation{auth_method="token",token_type="service"} 2',
        '',
      ].join('\n'),
    );
  });

  it('declares the HA summaries Vault registers, unprefixed and empty', () => {
    const { text } = setup();
    expect(text()).toContain(
      '# HELP core_step_down Time required to step down cluster leadership\n# TYPE core_step_down summary\ncore_step_down{quantile="0.5"} NaN\n',
    );
    expect(text()).toContain('core_step_down_sum 0\ncore_step_down_count 0\n');
  });

  it('sorts a family’s metrics by label values and escapes them', () => {
    const { metrics, own } = setup();
    metrics.setGauge(['g'], 1, [{ name: 'p', value: 'b"\\\n' }]);
    metrics.setGauge(['g'], 2, [{ name: 'p', value: 'a' }]);
    expect(own()).toContain('vault_g{p="a"} 2\nvault_g{p="b\\"\\\\\\n"} 1\n');
  });

  it('reports quantiles over the last 10 s only, and NaN when that window is empty', () => {
    const { clock, metrics, own } = setup();
    metrics.addSample(['s'], 100);
    clock.advance(12_000);
    metrics.addSample(['s'], 1);
    expect(own()).toContain('vault_s{quantile="0.5"} 1\n');
    clock.advance(11_000);
    expect(own()).toContain('vault_s{quantile="0.5"} NaN\n');
    expect(own()).toContain('vault_s_sum 101\nvault_s_count 2\n');
  });

  it('drops metrics idle for longer than the retention time', () => {
    const { clock, metrics, own } = setup(60_000);
    metrics.incrCounter(['c'], 1);
    clock.advance(60_000);
    expect(own()).toContain('vault_c 1\n');
    clock.advance(1);
    expect(own()).not.toContain('vault_c');
  });

  it('writes every line as a comment or `name{labels} value`', () => {
    const { metrics, text } = setup();
    metrics.addSample(['core', 'handle_request'], 0.25, [{ name: 'x', value: 'y z' }]);
    metrics.setGauge(['runtime', 'sys_bytes'], 1e9);
    const line = /^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+|[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? (NaN|[+-]Inf|-?[0-9.]+(e[+-][0-9]+)?))$/;
    const lines = text().split('\n');
    expect(lines.pop()).toBe('');
    for (const l of lines) expect(l).toMatch(line);
  });
});
