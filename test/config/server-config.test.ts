// Server configuration files, HCL and JSON, read as Vault reads them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wrapAtLength } from '../../src/config/banner.js';
import { ListenerError, resolveListener, splitHostPort } from '../../src/config/listener.js';
import { loadConfigPaths } from '../../src/config/load.js';
import { ConfigError, parseServerConfig } from '../../src/config/server-config.js';
import { seedServerConfig } from '../hcl/seed-snippets.js';

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('no error');
};

describe('parseServerConfig: user_lockout stanzas', () => {
  it('resolves them as ParseUserLockouts does: "all" with defaults, other types filled from "all"', () => {
    const c = parseServerConfig(`
storage "inmem" {}
user_lockout "all" {
  lockout_duration = "10m"
  lockout_counter_reset = 300
}
user_lockout "APPROLE" {
  lockout_threshold = "25"
  disable_lockout = "false"
}
user_lockout {
  type = "userpass"
  disable_lockout = true
}
`);
    expect(c.userLockouts).toEqual([
      { type: 'all', threshold: 5, duration: 600, counterReset: 300, disable: false },
      { type: 'approle', threshold: 25, duration: 600, counterReset: 300, disable: false },
      { type: 'userpass', threshold: 5, duration: 600, counterReset: 300, disable: true },
    ]);
    expect(c.notEmulated).toEqual([]);
    expect(parseServerConfig('storage "inmem" {}').userLockouts).toEqual([]);
  });

  it('refuses what Vault refuses, in its words', () => {
    const cases: [string, string][] = [
      ['user_lockout "kubernetes" {}', `error parsing 'user_lockout': user_lockouts.0: unsupported auth type "kubernetes"`],
      ['user_lockout {}', `error parsing 'user_lockout': user_lockouts.0: auth type for user lockout must be specified, if it applies to all auth methods specify "all" `],
      ['user_lockout "all" {}\nuser_lockout "approle" { lockout_threshold = "-1" }', `error parsing 'user_lockout': user_lockouts.1 error parsing lockout_threshold: strconv.ParseUint: parsing "-1": invalid syntax`],
      ['user_lockout "all" { lockout_duration = "soon" }', `error parsing 'user_lockout': user_lockouts.0 error parsing lockout_duration: time: invalid duration "soon"`],
      ['user_lockout "all" { lockout_counter_reset = "-5m" }', `error parsing 'user_lockout': user_lockouts.0 lockout_counter_reset cannot be negative`],
      ['user_lockout "all" { disable_lockout = "maybe" }', `error parsing 'user_lockout': user_lockouts.0 invalid value for disable_lockout: cannot parse '' as bool: strconv.ParseBool: parsing "maybe": invalid syntax`],
    ];
    for (const [text, message] of cases) expect(errorOf(() => parseServerConfig(`storage "inmem" {}\n${text}`))).toBe(message);
  });
});

describe('parseServerConfig', () => {
  it('reads listener, storage, TTLs, ui and api_addr from HCL', () => {
    const c = parseServerConfig(`
storage "inmem" {}
listener "tcp" {
  address     = "127.0.0.1:8300"
  tls_disable = "true"
}
default_lease_ttl = "1h"
max_lease_ttl     = 7200
ui                = true
api_addr          = "http://127.0.0.1:8300"
log_level         = "debug"
`);
    expect(c.storage).toEqual({ type: 'inmem', config: {} });
    expect(c.listeners).toEqual([
      {
        type: 'tcp',
        address: '127.0.0.1:8300',
        clusterAddress: '',
        tlsDisable: true,
        tlsCertFile: '',
        tlsKeyFile: '',
        tlsClientCaFile: '',
        tlsRequireAndVerifyClientCert: false,
        tlsDisableClientCerts: false,
        unauthenticatedMetricsAccess: false,
      },
    ]);
    expect(c).toMatchObject({ defaultLeaseTtl: 3600, maxLeaseTtl: 7200, enableUi: true, apiAddr: 'http://127.0.0.1:8300', logLevel: 'debug', notEmulated: ['ui (the web UI is not served)'] });
  });

  it('reads the same settings from JSON, in either listener form', () => {
    const asObject = parseServerConfig('{"backend": {"inmem": {}}, "listener": {"tcp": {"address": "127.0.0.1:8300", "tls_disable": 1}}, "default_lease_ttl": "10m"}');
    const asList = parseServerConfig('{"storage": {"inmem": {}}, "listener": [{"tcp": {"address": "127.0.0.1:8300", "tls_disable": true}}], "default_lease_ttl": 600}');
    expect(asObject.listeners).toEqual(asList.listeners);
    expect(asObject.listeners[0]!.tlsDisable).toBe(true);
    expect(asObject.storage).toEqual({ type: 'inmem', config: {} });
    expect(asObject.defaultLeaseTtl).toBe(600);
    expect(asList.defaultLeaseTtl).toBe(600);
  });

  it('reads the telemetry stanza and the listener’s telemetry block', () => {
    const c = parseServerConfig(
      'storage "inmem" {}\nlistener "tcp" {\n address = "127.0.0.1:8300"\n tls_disable = true\n telemetry {\n  unauthenticated_metrics_access = "true"\n }\n}\ntelemetry {\n disable_hostname = true\n statsd_address = "x:1"\n}\n',
    );
    expect(c.listeners[0]!.unauthenticatedMetricsAccess).toBe(true);
    // prometheus_retention_time defaults to 24h once there is a telemetry stanza.
    expect(c.telemetry).toEqual({ prometheusRetentionSeconds: 86_400, disableHostname: true });
    expect(c.notEmulated).toEqual(['telemetry.statsd_address']);
    expect(parseServerConfig('telemetry {\n prometheus_retention_time = "0s"\n}\n').telemetry).toEqual({ prometheusRetentionSeconds: 0, disableHostname: false });
    expect(parseServerConfig('storage "inmem" {}\n').telemetry).toBeUndefined();
    expect(() => parseServerConfig('telemetry {}\ntelemetry {}\n')).toThrow("error parsing 'telemetry': only one 'telemetry' block is permitted");
  });

  it('accepts what it does not emulate and lists it (seed production config)', () => {
    const c = parseServerConfig(seedServerConfig());
    expect(c.notEmulated).toEqual(['ui (the web UI is not served)', 'storage "raft" (data is kept in memory)', 'seal "awskms"', 'cluster_addr']);
    expect(c.telemetry).toEqual({ prometheusRetentionSeconds: 86_400, disableHostname: true });
    expect(c.listeners[0]).toMatchObject({ address: '0.0.0.0:8200', tlsDisable: false, tlsCertFile: '/opt/vault/tls/vault-cert.pem' });
    expect(c.apiAddr).toBe('https://vault-1.corp.local:8200');
    expect(parseServerConfig('disable_mlock = true\nstorage "inmem" {}').notEmulated).toEqual(['disable_mlock']);
  });

  it("rejects what Vault rejects, with Vault's messages", () => {
    expect(errorOf(() => parseServerConfig('listener "udp" {}'))).toBe(`error parsing 'listener': listeners.0: unsupported listener type "udp"`);
    expect(errorOf(() => parseServerConfig('listener "tcp" { tls_disable = "yes" }'))).toBe(
      `error parsing 'listener': listeners.0: invalid value for tls_disable: cannot parse '' as bool: strconv.ParseBool: parsing "yes": invalid syntax`,
    );
    expect(errorOf(() => parseServerConfig('storage "inmem" {}\nstorage "file" {}'))).toBe(`error parsing 'storage': only one "storage" block is permitted`);
    expect(errorOf(() => parseServerConfig('default_lease_ttl = "forever"'))).toBe('time: invalid duration "forever"');
    expect(errorOf(() => parseServerConfig('listener "tcp" {'))).toBe('At 1:18: object expected closing RBRACE got: EOF');
    expect(() => parseServerConfig('ui = "sure"')).toThrow(ConfigError);
  });
});

describe('loadConfigPaths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vault-emu-config-'));

  it("wraps errors as Vault's server command does", () => {
    const missing = join(dir, 'missing.hcl');
    expect(errorOf(() => loadConfigPaths([missing]))).toBe(`error loading configuration from ${missing}: stat ${missing}: no such file or directory`);
    const bad = join(dir, 'bad.conf');
    writeFileSync(bad, 'listener "tcp" {\n  address = \n}\n');
    // HCL1 swallows the missing value's error at the closing brace and then misses that brace.
    expect(errorOf(() => loadConfigPaths([bad]))).toBe(`error loading configuration from ${bad}: At 4:1: object expected closing RBRACE got: EOF`);
  });

  it('merges several files, and loads the .hcl and .json files of a directory in name order', () => {
    const sub = mkdtempSync(join(dir, 'd-'));
    writeFileSync(join(sub, 'a.hcl'), 'storage "inmem" {}\nlistener "tcp" { address = "127.0.0.1:1" }\ndefault_lease_ttl = "1h"');
    writeFileSync(join(sub, 'b.json'), '{"listener": {"tcp": {"address": "127.0.0.1:2"}}, "default_lease_ttl": "2h"}');
    writeFileSync(join(sub, 'c.txt'), 'not = config {');
    writeFileSync(join(sub, 'd.hcl~'), 'not = config {');
    const extra = join(dir, 'extra.hcl');
    writeFileSync(extra, 'max_lease_ttl = "3h"');
    const c = loadConfigPaths([sub, extra])!;
    expect(c.listeners.map((l) => l.address)).toEqual(['127.0.0.1:1', '127.0.0.1:2']);
    expect(c).toMatchObject({ defaultLeaseTtl: 7200, maxLeaseTtl: 10800, storage: { type: 'inmem' } });
    writeFileSync(join(sub, 'e.hcl'), 'x = [');
    expect(errorOf(() => loadConfigPaths([sub]))).toBe(
      `error loading configuration from ${sub}: error loading ${JSON.stringify(join(sub, 'e.hcl'))}: At 1:6: unexpected token while parsing list: EOF`,
    );
  });
});

describe('listeners', () => {
  it('splits addresses like Go, defaulting to 127.0.0.1:8200', () => {
    expect(splitHostPort('0.0.0.0:8200')).toEqual({ host: '0.0.0.0', port: 8200 });
    expect(splitHostPort('[::1]:8201')).toEqual({ host: '::1', port: 8201 });
    expect(errorOf(() => splitHostPort('127.0.0.1'))).toBe('listen tcp: address 127.0.0.1: missing port in address');
    const l = parseServerConfig('listener "tcp" { tls_disable = true }').listeners[0]!;
    expect(resolveListener(l)).toEqual({ host: '127.0.0.1', port: 8200, address: '127.0.0.1:8200', tls: undefined });
  });

  it('needs the certificate files unless tls_disable is set, as Vault does', () => {
    const l = parseServerConfig('listener "tcp" { address = "127.0.0.1:0" }').listeners[0]!;
    expect(() => resolveListener(l)).toThrow(ListenerError);
    expect(errorOf(() => resolveListener(l))).toBe('error loading TLS cert: open : no such file or directory');
  });
});

describe('wrapAtLength', () => {
  it("wraps as Vault's CLI does (78 columns, least raggedness)", () => {
    expect(
      wrapAtLength(
        'WARNING! dev mode is enabled! In this mode, Vault runs entirely in-memory and starts unsealed with a single unseal key. The root token is already authenticated to the CLI, so you can immediately begin using Vault.',
      ),
    ).toBe(
      'WARNING! dev mode is enabled! In this mode, Vault runs entirely in-memory\nand starts unsealed with a single unseal key. The root token is already\nauthenticated to the CLI, so you can immediately begin using Vault.',
    );
  });
});
