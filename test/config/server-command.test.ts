// The server command in-process: which emulator options a command line and config files produce.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runServerCommand, type StartedServer } from '../../src/config/server-command.js';

const dir = mkdtempSync(join(tmpdir(), 'vault-emu-cmd-'));
const started: StartedServer[] = [];
afterEach(async () => {
  for (const s of started.splice(0)) await s.emu.close();
});

async function run(args: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const result = await runServerCommand(args, env, { out: (t) => (out += t), err: (t) => (err += t) });
  if (typeof result === 'number') return { code: result, out, err };
  started.push(result);
  return { emu: result.emu, out, err };
}

describe('runServerCommand', () => {
  it('starts a non-dev emulator with the configured system TTLs', async () => {
    const cfg = join(dir, 'ttl.hcl');
    writeFileSync(cfg, 'storage "inmem" {}\nlistener "tcp" {\n  address = "127.0.0.1:0"\n  tls_disable = 1\n}\ndefault_lease_ttl = "1h"\nmax_lease_ttl = "2h"\n');
    const { emu, err } = await run([`-config=${cfg}`]);
    expect(err).toBe('');
    expect(emu!.options).toMatchObject({ dev: false, host: '127.0.0.1', defaultLeaseTtl: 3600, maxLeaseTtl: 7200 });
    expect(emu!.options.rootToken).toBeUndefined();
  });

  it('keeps the 768h system TTLs when the file sets none, and honours -dev with a config file', async () => {
    const cfg = join(dir, 'dev.hcl');
    writeFileSync(cfg, 'max_lease_ttl = "1000h"\n');
    const { emu, out } = await run(['-dev', `-config=${cfg}`, '-dev-listen-address=127.0.0.1:0', '-dev-root-token-id=r']);
    expect(emu!.options).toMatchObject({ dev: true, rootToken: 'r', defaultLeaseTtl: 768 * 3600, maxLeaseTtl: 1000 * 3600 });
    expect(out).toContain('Root Token: r\n');
  });

  it('ignores -dev-root-token-id outside dev mode, with Vault\'s warning', async () => {
    const cfg = join(dir, 'plain.hcl');
    writeFileSync(cfg, 'storage "inmem" {}\nlistener "tcp" {\n  address = "127.0.0.1:0"\n  tls_disable = true\n}\n');
    const { emu, err } = await run([`-config=${cfg}`, '-dev-root-token-id=x']);
    expect(err).toBe('You cannot specify a custom root token ID outside of "dev" mode. Your request\nhas been ignored.\n');
    expect(emu!.options.rootToken).toBeUndefined();
  });

  it('validates the log level as Vault does', async () => {
    expect(await run(['-dev', '-log-level=loud'])).toMatchObject({ code: 1, err: 'unknown log level: loud\n' });
    expect(await run(['-dev', '-dev-tls'])).toMatchObject({ code: 1 });
  });
});

describe('runServerCommand with -dev and a config file', () => {
  it("serves the dev listener and reports the file's listeners as not served", async () => {
    const cfg = join(dir, 'dev-listener.hcl');
    writeFileSync(cfg, 'listener "tcp" {\n  address = "127.0.0.1:0"\n  tls_disable = true\n}\n');
    const { emu, err } = await run(['-dev', `-config=${cfg}`, '-dev-listen-address=127.0.0.1:0']);
    expect(emu!.options.dev).toBe(true);
    expect(err).toBe('vault-emu: not emulated, accepted and ignored: listener "tcp" (127.0.0.1:0)\n');
  });
});

describe('runServerCommand telemetry', () => {
  it('outside dev mode: no Prometheus, a token needed, unless the config says otherwise', async () => {
    const plain = join(dir, 'metrics-plain.hcl');
    writeFileSync(plain, 'storage "inmem" {}\nlistener "tcp" {\n  address = "127.0.0.1:0"\n  tls_disable = true\n}\n');
    const { emu } = await run([`-config=${plain}`]);
    expect(emu!.options.telemetry).toEqual({ prometheusRetentionSeconds: 0, disableHostname: false, unauthenticatedMetricsAccess: false });
    expect((await emu!.inject({ method: 'GET', url: '/v1/sys/metrics' })).statusCode).toBe(503);

    const open = join(dir, 'metrics-open.hcl');
    writeFileSync(open, 'storage "inmem" {}\nlistener "tcp" {\n  address = "127.0.0.1:0"\n  tls_disable = true\n  telemetry {\n    unauthenticated_metrics_access = true\n  }\n}\ntelemetry {\n  prometheus_retention_time = "1h"\n}\n');
    const second = await run([`-config=${open}`]);
    expect(second.emu!.options.telemetry).toEqual({ prometheusRetentionSeconds: 3600, disableHostname: false, unauthenticatedMetricsAccess: true });
    const res = await second.emu!.inject({ method: 'GET', url: '/v1/sys/metrics?format=prometheus' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
  });

  it('in dev mode: Prometheus kept 24h, no host name, no token needed; a telemetry stanza replaces the first two', async () => {
    const { emu } = await run(['-dev', '-dev-listen-address=127.0.0.1:0']);
    expect(emu!.options.telemetry).toEqual({ prometheusRetentionSeconds: 86_400, disableHostname: true, unauthenticatedMetricsAccess: true });
    const cfg = join(dir, 'dev-telemetry.hcl');
    writeFileSync(cfg, 'telemetry {\n  prometheus_retention_time = 0\n}\n');
    const second = await run(['-dev', `-config=${cfg}`, '-dev-listen-address=127.0.0.1:0']);
    expect(second.emu!.options.telemetry).toEqual({ prometheusRetentionSeconds: 0, disableHostname: false, unauthenticatedMetricsAccess: true });
  });
});
