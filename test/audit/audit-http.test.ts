// Audit devices over HTTP: entries read back from the file (HMACs recomputed with the device's salt),
// a TCP socket device, device failure, and the list/disable/hash endpoints.
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningVaultEmu } from '../../src/emulator.js';
import { liveEmu, ROOT } from '../helpers/emulator.js';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length > 0) rmSync(dirs.pop()!, { recursive: true, force: true });
});

function tempFile(name = 'audit.log'): string {
  const dir = mkdtempSync(join(tmpdir(), 'vault-emu-audit-'));
  dirs.push(dir);
  return join(dir, name);
}

async function req(emu: RunningVaultEmu, method: string, path: string, body?: unknown, token = ROOT) {
  const res = await fetch(`${emu.url}/v1/${path}`, {
    method,
    headers: { 'x-vault-token': token, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

function saltOf(emu: RunningVaultEmu, path: string): (v: string) => string {
  const entry = emu.core.auditDevices.entries().find((e) => e.path === path)!;
  const salt = emu.core.storage.get<string>(`audit/${entry.uuid}/salt`)!;
  return (v) => `hmac-sha256:${createHmac('sha256', salt).update(v).digest('hex')}`;
}

describe('file audit device', () => {
  it('writes the probe line first, then a request and a response line per request, readable right after the response', async () => {
    const emu = await liveEmu();
    const file = tempFile();
    expect((await req(emu, 'PUT', 'sys/audit/file', { type: 'file', options: { file_path: file } })).status).toBe(204);
    const [probe] = lines(file);
    expect(Object.keys(probe)).toEqual(['request', 'time', 'type']);
    expect(probe.type).toBe('request');
    expect(probe.request).toMatchObject({ namespace: { id: 'root' }, operation: 'update', path: 'sys/audit/test' });
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const write = await req(emu, 'PUT', 'secret/data/app', { data: { password: 's3cret', port: 5432 } });
    expect(write.status).toBe(200);
    const hmac = saltOf(emu, 'file/');
    const entries = lines(file);
    const [request, response] = entries.slice(-2);
    expect(request.type).toBe('request');
    expect(response.type).toBe('response');
    expect(request.request.id).toBe(write.json.request_id);
    expect(request.request).toMatchObject({
      client_token: hmac(ROOT),
      operation: 'create',
      path: 'secret/data/app',
      mount_point: 'secret/',
      mount_type: 'kv',
      mount_class: 'secret',
      namespace: { id: 'root' },
      remote_address: '127.0.0.1',
      data: { data: { password: hmac('s3cret'), port: hmac('5432') } },
    });
    expect(request.request.remote_port).toBeGreaterThan(0);
    expect(request.auth).toMatchObject({
      client_token: hmac(ROOT),
      display_name: 'token',
      policies: ['root'],
      token_type: 'service',
      policy_results: { allowed: true, granting_policies: [{ type: '' }, { name: 'root', namespace_id: 'root', type: 'acl' }] },
    });
    expect(response.response.data).toMatchObject({ version: 1, destroyed: false, created_time: hmac(write.json.data.created_time) });
    expect(response.response.mount_accessor).toMatch(/^kv_/);
    expect(response.error).toBeUndefined();

    // sys/audit-hash answers what the device logs.
    const hashed = await req(emu, 'PUT', 'sys/audit-hash/file', { input: ROOT });
    expect(hashed.json.data.hash).toBe(hmac(ROOT));
  });

  it('logs denied requests, bad tokens and unrouted paths with the error text Vault writes', async () => {
    const emu = await liveEmu();
    const file = tempFile();
    await req(emu, 'PUT', 'sys/audit/file', { type: 'file', options: { file_path: file, hmac_accessor: 'false' } });
    await req(emu, 'PUT', 'sys/policies/acl/narrow', { policy: 'path "secret/data/ok" { capabilities = ["read"] }' });
    const token = (await req(emu, 'PUT', 'auth/token/create', { policies: ['narrow'] })).json.auth.client_token;
    const start = lines(file).length;

    expect((await req(emu, 'GET', 'secret/data/denied', undefined, token)).status).toBe(403);
    expect((await req(emu, 'GET', 'auth/token/lookup-self', undefined, 'not-a-token')).status).toBe(403);
    expect((await req(emu, 'GET', 'database/creds/app')).status).toBe(404);
    const [deniedReq, deniedResp, badReq, badResp, noRouteReq, noRouteResp] = lines(file).slice(start);
    const hmac = saltOf(emu, 'file/');
    const denied = '1 error occurred:\n\t* permission denied\n\n';
    expect(deniedReq.error).toBe(denied);
    expect(deniedReq.auth.policy_results).toEqual({ allowed: false });
    expect(deniedReq.auth.accessor).not.toMatch(/^hmac/);
    expect(deniedResp.error).toBe(denied);
    expect(deniedResp.response.data.error).toBe(hmac(denied));
    const invalid = '2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n';
    expect(badReq).toMatchObject({ type: 'request', error: invalid, request: { path: 'auth/token/lookup-self', client_token: hmac('not-a-token') } });
    expect(badReq.auth).toBeUndefined();
    expect(badResp).toMatchObject({ type: 'response', error: invalid });
    expect(noRouteReq.error).toBeUndefined();
    expect(noRouteResp.error).toBe('1 error occurred:\n\t* unsupported path\n\n');
    expect(noRouteResp.response.data.error).toBe(hmac('no handler for route "database/creds/app". route entry not found.'));
  });

  it('lists, refuses bad options with Vault\'s messages, and stops writing once disabled', async () => {
    const emu = await liveEmu();
    const file = tempFile();
    await req(emu, 'PUT', 'sys/audit/mine', { type: 'file', description: 'd', options: { file_path: file, skip_test: 'true' } });
    // No probe line: the first line is the enable request's own response entry.
    expect(lines(file).map((e) => [e.type, e.request.path])).toEqual([['response', 'sys/audit/mine']]);
    const list = await req(emu, 'GET', 'sys/audit');
    expect(list.json.data).toEqual({ 'mine/': { description: 'd', local: false, options: { file_path: file, skip_test: 'true' }, path: 'mine/', type: 'file' } });
    const bad = async (body: unknown, path = 'sys/audit/other') => (await req(emu, 'PUT', path, body)).json;
    expect(await bad({ type: 'file' })).toEqual({ errors: ['unable to create new audit backend: "file_path" is required: invalid configuration'] });
    expect(await bad({ type: 'nope' })).toEqual({ errors: ['unknown backend type: "nope": invalid configuration'] });
    expect(await bad({ type: 'file', options: { file_path: 'discard' } }, 'sys/audit/mine/sub')).toEqual({ errors: ['path already in use: invalid configuration'] });
    expect(await bad({ type: 'file', options: { file_path: 'discard', format: 'yaml' } })).toEqual({ errors: ['unable to create new audit backend: unsupported "format": invalid configuration'] });
    expect(await bad({ type: 'file', options: { file_path: 'discard', log_raw: 'maybe' } })).toEqual({ errors: ['unable to create new audit backend: unable to parse "log_raw": invalid configuration'] });
    expect(await bad({ type: 'file', options: { file_path: 'discard', filter: 'x' } })).toEqual({ errors: ['enterprise-only options supplied: invalid configuration'] });
    expect(await bad({ input: '' }, 'sys/audit-hash/mine')).toEqual({ errors: ['the "input" parameter is empty'] });
    expect(await bad({ input: 'x' }, 'sys/audit-hash/none')).toEqual({ errors: ['unknown audit backend "none/"'] });

    expect((await req(emu, 'DELETE', 'sys/audit/mine')).status).toBe(204);
    const size = readFileSync(file, 'utf8').length;
    await req(emu, 'GET', 'sys/audit');
    expect(readFileSync(file, 'utf8').length).toBe(size);
    expect((await req(emu, 'GET', 'sys/audit')).json.data).toEqual({});
  });

  it('refuses a file it cannot open, with the error chain of the file sink', async () => {
    const emu = await liveEmu();
    const dir = mkdtempSync(join(tmpdir(), 'vault-emu-audit-'));
    dirs.push(dir);
    const res = await req(emu, 'PUT', 'sys/audit/dir', { type: 'file', options: { file_path: dir } });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      `unable to create new audit backend: file sink creation failed for path "${dir}": sanity check failed; unable to open "${dir}" for writing: unable to open file for sink "${dir}": open ${dir}: is a directory`,
    ]);
    expect((await req(emu, 'GET', 'sys/audit')).json.data).toEqual({});
  });
});

describe('socket audit device', () => {
  it('sends each line to a TCP server', async () => {
    const received: string[] = [];
    const connections: Socket[] = [];
    const server: Server = createServer((s) => {
      connections.push(s);
      s.on('data', (d) => received.push(d.toString()));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const emu = await liveEmu();
      expect((await req(emu, 'PUT', 'sys/audit/sock', { type: 'socket', options: { address: `127.0.0.1:${port}`, socket_type: 'tcp' } })).status).toBe(204);
      await req(emu, 'GET', 'secret/data/missing');
      await expect.poll(() => received.join('').split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(4);
      const all = received.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l));
      expect(all[0].request.path).toBe('sys/audit/test');
      expect(all.slice(-2).map((e) => [e.type, e.request.path])).toEqual([
        ['request', 'secret/data/missing'],
        ['response', 'secret/data/missing'],
      ]);
    } finally {
      for (const c of connections) c.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('a device whose socket refuses connections fails the enable probe and, once enabled with skip_test, every request', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((r) => server.close(() => r()));
    const emu = await liveEmu();
    const failed = await req(emu, 'PUT', 'sys/audit/sock', { type: 'socket', options: { address: `127.0.0.1:${port}` } });
    expect(failed.status).toBe(400);
    const refused = `error connecting to "tcp" address "127.0.0.1:${port}": dial tcp 127.0.0.1:${port}: connect: connection refused`;
    expect(failed.json.errors).toEqual([`audit backend failed test message: error writing to socket "127.0.0.1:${port}": 2 errors occurred:\n\t* ${refused}\n\t* ${refused}\n\n`]);
    expect((await req(emu, 'PUT', 'sys/audit/sock', { type: 'socket', options: { address: `127.0.0.1:${port}`, skip_test: 'yes' } })).json).toEqual({
      errors: ["cannot parse supplied 'skip_test' setting: invalid configuration"],
    });
    // Enabled, but the enable request's own response entry already goes to the failing device.
    const enabled = await req(emu, 'PUT', 'sys/audit/sock', { type: 'socket', options: { address: `127.0.0.1:${port}`, skip_test: 'true' } });
    expect(enabled).toEqual({ status: 500, json: { errors: ['internal error'] } });
    expect(emu.core.auditDevices.entries().map((e) => e.path)).toEqual(['sock/']);
    expect(await req(emu, 'GET', 'secret/data/x')).toEqual({ status: 500, json: { errors: ['internal error'] } });
  });
});
