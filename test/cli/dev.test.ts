// `vault-emu server -dev` as a real process: banner, flags vs environment, signals, port release.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, portIsFree, requireBuild, runEmu, runToExit, stopAll } from './spawn.js';

beforeAll(requireBuild);
afterEach(stopAll);

const READY = /Development mode should NOT be used in production installations!\n\n/;

/** AppRole enabled on a running dev server (root token dev-root), role `webapp`, its secret id, and a login. */
async function approleOn(port: number) {
  const vault = async (method: string, path: string, body?: unknown, token: string | null = 'dev-root') => {
    const res = await fetch(`http://127.0.0.1:${port}/v1/${path}`, { method, headers: token ? { 'X-Vault-Token': token } : {}, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };
  expect((await vault('POST', 'sys/auth/approle', { type: 'approle' })).status).toBe(204);
  expect((await vault('POST', 'auth/approle/role/webapp', {})).status).toBe(204);
  const roleId = (await vault('GET', 'auth/approle/role/webapp/role-id')).json.data.role_id as string;
  const secretId = (await vault('POST', 'auth/approle/role/webapp/secret-id', {})).json.data.secret_id as string;
  const login = (secret: string) => vault('POST', 'auth/approle/login', { role_id: roleId, secret_id: secret }, null);
  return { login, secretId };
}

describe('vault-emu server -dev', () => {
  it("prints Vault's banner with the address, unseal key and root token, and serves that address", async () => {
    const port = await freePort();
    const emu = runEmu(['server', '-dev', `-dev-listen-address=127.0.0.1:${port}`, '-dev-root-token-id=dev-root']);
    await emu.waitForOutput(READY);
    const out = emu.stdout();
    expect(out.startsWith('==> Vault server configuration:\n\n')).toBe(true);
    expect(out).toContain(`             Api Address: http://127.0.0.1:${port}\n`);
    expect(out).toContain(`         Cluster Address: https://127.0.0.1:${port + 1}\n`);
    expect(out).toContain(
      `              Listener 1: tcp (addr: "127.0.0.1:${port}", cluster address: "127.0.0.1:${port + 1}", disable_request_limiter: "false", max_request_duration: "1m30s", max_request_size: "33554432", tls: "disabled")\n`,
    );
    expect(out).toContain('                 Storage: inmem\n');
    expect(out).toMatch(/\n {17}Version: Vault v1\.17\.6, built \d{4}-\d\d-\d\dT[\d:]+Z\n/);
    expect(out).toContain('\n==> Vault server started! Log data will stream in below:\n\n');
    expect(out).toContain(`\nYou may need to set the following environment variables:\n\n    $ export VAULT_ADDR='http://127.0.0.1:${port}'\n`);
    expect(out).toMatch(/\nUnseal Key: [A-Za-z0-9+/]{43}=\nRoot Token: dev-root\n\n/);

    const health = await fetch(`http://127.0.0.1:${port}/v1/sys/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ initialized: true, sealed: false, version: '1.17.6' });
    const mounts = await fetch(`http://127.0.0.1:${port}/v1/sys/mounts`, { headers: { 'X-Vault-Token': 'dev-root' } });
    expect(mounts.status).toBe(200);
    expect((await mounts.json()).data['secret/']).toMatchObject({ type: 'kv', options: { version: '2' } });
    const denied = await fetch(`http://127.0.0.1:${port}/v1/sys/mounts`, { headers: { 'X-Vault-Token': 'not-the-root' } });
    expect(denied.status).toBe(403);
  });

  it('generates an hvs. root token when none is given', async () => {
    const port = await freePort();
    const emu = runEmu(['server', '-dev', '-dev-listen-address', `127.0.0.1:${port}`]);
    await emu.waitForOutput(READY);
    const token = /\nRoot Token: (\S+)\n/.exec(emu.stdout())![1]!;
    expect(token).toMatch(/^hvs\.[A-Za-z0-9]{24}$/);
    const mounts = await fetch(`http://127.0.0.1:${port}/v1/sys/mounts`, { headers: { 'X-Vault-Token': token } });
    expect(mounts.status).toBe(200);
  });

  it('takes VAULT_DEV_ROOT_TOKEN_ID and VAULT_DEV_LISTEN_ADDRESS, and lets flags override them', async () => {
    const [envPort, flagPort] = [await freePort(), await freePort()];
    const fromEnv = runEmu(['server', '-dev'], { env: { VAULT_DEV_ROOT_TOKEN_ID: 'from-env', VAULT_DEV_LISTEN_ADDRESS: `127.0.0.1:${envPort}` } });
    await fromEnv.waitForOutput(READY);
    expect(fromEnv.stdout()).toContain(`$ export VAULT_ADDR='http://127.0.0.1:${envPort}'`);
    expect(fromEnv.stdout()).toContain('Root Token: from-env\n');

    const fromFlags = runEmu(['server', '-dev', `-dev-listen-address=127.0.0.1:${flagPort}`, '-dev-root-token-id=from-flag'], {
      env: { VAULT_DEV_ROOT_TOKEN_ID: 'from-env', VAULT_DEV_LISTEN_ADDRESS: `127.0.0.1:${envPort}` },
    });
    await fromFlags.waitForOutput(READY);
    expect(fromFlags.stdout()).toContain(`$ export VAULT_ADDR='http://127.0.0.1:${flagPort}'`);
    expect(fromFlags.stdout()).toContain('Root Token: from-flag\n');
  });

  it("accepts Vault's other dev flags and reports the ones without effect on stderr", async () => {
    const port = await freePort();
    const emu = runEmu(['server', '-dev', '-dev-no-store-token', '-log-level=debug', '-dev-ha', `-dev-listen-address=127.0.0.1:${port}`]);
    await emu.waitForOutput(READY);
    expect(emu.stdout()).toContain('               Log Level: debug\n');
    expect(emu.stderr()).toBe('vault-emu: not emulated, accepted and ignored: flag -dev-ha\n');
  });

  it('shuts down cleanly on SIGTERM and SIGINT (exit 0)', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const port = await freePort();
      const emu = runEmu(['server', '-dev', `-dev-listen-address=127.0.0.1:${port}`]);
      await emu.waitForOutput(READY);
      emu.child.kill(signal);
      expect(await emu.exited).toEqual({ code: 0, signal: null });
      expect(emu.stdout()).toMatch(/==> Vault shutdown triggered\n$/);
      expect(await portIsFree(port)).toBe(true);
    }
  });

  it('is the server process itself: SIGKILL on its pid frees the port', async () => {
    const port = await freePort();
    const emu = runEmu(['server', '-dev', `-dev-listen-address=127.0.0.1:${port}`]);
    await emu.waitForOutput(READY);
    expect(await portIsFree(port)).toBe(false);
    emu.child.kill('SIGKILL');
    expect((await emu.exited).signal).toBe('SIGKILL');
    expect(await portIsFree(port)).toBe(true);
  });

  it("fails like Vault when the port is taken", async () => {
    const port = await freePort();
    const first = runEmu(['server', '-dev', `-dev-listen-address=127.0.0.1:${port}`]);
    await first.waitForOutput(READY);
    const second = await runToExit(['server', '-dev', `-dev-listen-address=127.0.0.1:${port}`]);
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(
      `Error parsing listener configuration.\nError initializing listener of type tcp: listen tcp 127.0.0.1:${port}: bind: address already in use\n`,
    );
  });
});

describe('vault-emu command line', () => {
  it('prints its version the way `vault version` does, naming vault-emu', async () => {
    const r = await runToExit(['version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Vault v1\.17\.6 \(vault-emu \d+\.\d+\.\d+\S*\), built \d{4}-\d\d-\d\dT[\d:]+Z\n$/);
  });

  it('rejects unknown flags and commands with a non-zero exit', async () => {
    const flag = await runToExit(['server', '-dev', '-bogus']);
    expect(flag).toMatchObject({ code: 1, stderr: 'flag provided but not defined: -bogus\n' });
    const command = await runToExit(['frobnicate']);
    expect(command.code).toBe(127);
    expect(command.stderr).toContain('Usage: vault-emu <command> [args]');
    const none = await runToExit(['server']);
    expect(none).toMatchObject({ code: 1, stderr: 'Must specify at least one config path using -config\n' });
  });

  it('reads VAULT_DISABLE_USER_LOCKOUT from its environment: true, and bad secret ids never lock a role id', async () => {
    const port = await freePort();
    const emu = runEmu(['server', '-dev', `-dev-listen-address=127.0.0.1:${port}`, '-dev-root-token-id=dev-root'], { env: { VAULT_DISABLE_USER_LOCKOUT: 'true' } });
    await emu.waitForOutput(READY);
    const { login, secretId } = await approleOn(port);
    for (let i = 0; i < 6; i++) expect((await login('wrong')).status).toBe(400);
    expect((await login(secretId)).status).toBe(200);
  });

  it('takes user_lockout stanzas from a -config file: a threshold of 2 locks a role id after two bad secret ids', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'vault-emu-lockout-'));
    writeFileSync(join(dir, 'lockout.hcl'), 'user_lockout "approle" {\n  lockout_threshold = 2\n}\n');
    const emu = runEmu(['server', '-dev', `-dev-listen-address=127.0.0.1:${port}`, '-dev-root-token-id=dev-root', `-config=${join(dir, 'lockout.hcl')}`]);
    await emu.waitForOutput(READY);
    expect(emu.stderr()).not.toContain('user_lockout');
    const { login, secretId } = await approleOn(port);
    for (let i = 0; i < 2; i++) expect((await login('wrong')).status).toBe(400);
    expect(await login(secretId)).toEqual({ status: 403, json: { errors: ['permission denied'] } });
  });
});
