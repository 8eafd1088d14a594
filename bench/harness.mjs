// What run.mjs and profile.mjs share: starting `vault-emu server -dev`, vault-benchmark's kvv2 setup and
// the load generator (load.mjs, its own process).
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const HERE = import.meta.dirname;
export const BIN = join(HERE, '..', 'bin', 'vault-emu.js');
export const TOKEN = 'bench-root';
// vault-benchmark defaults: 10 workers, 10 s, 1,000 keys of value size 1.
export const CONNECTIONS = 10;
export const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 10_000);
export const NUM_KVS = 1000;
export const KV_SIZE = 1;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function waitHealthy(url, child, deadlineMs = 15_000) {
  const end = performance.now() + deadlineMs;
  while (performance.now() < end) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/v1/sys/health`);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(2);
  }
  throw new Error(`${url} did not become healthy`);
}

export function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

export async function startEmu(nodeArgs = []) {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, BIN, 'server', '-dev', `-dev-listen-address=127.0.0.1:${port}`, `-dev-root-token-id=${TOKEN}`], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, child);
  return { child, url, port };
}

export async function vault(url, method, path, body) {
  const res = await fetch(`${url}/v1/${path}`, {
    method,
    headers: { 'X-Vault-Token': TOKEN, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text;
}

/** vault-benchmark's KVV2Test.Setup: mount kv-v2 at the test's name and write secret-1…secret-N = {foo: 1}. */
export async function setupKvv2(url, mount) {
  await vault(url, 'POST', `sys/mounts/${mount}`, { type: 'kv', options: { version: '2' } });
  for (let i = 1; i <= NUM_KVS; i++) await vault(url, 'POST', `${mount}/data/secret-${i}`, { data: { foo: 1 } });
}

/** Like load(), but every request asks for the same path (no key number appended). */
export function loadPath(port, method, path, body, durationMs = DURATION_MS) {
  return load(port, method, '', body, durationMs, { path });
}

/** vault-benchmark's approle_auth setup: approle at auth/approle, role `benchmark-role` with defaults; the login body. */
export async function setupApprole(url) {
  await vault(url, 'POST', 'sys/auth/approle', { type: 'approle' });
  await vault(url, 'POST', 'auth/approle/role/benchmark-role', {});
  const roleId = JSON.parse(await vault(url, 'GET', 'auth/approle/role/benchmark-role/role-id')).data.role_id;
  const secretId = JSON.parse(await vault(url, 'POST', 'auth/approle/role/benchmark-role/secret-id', {})).data.secret_id;
  return approleLoginBody(roleId, secretId);
}

/** The login body exactly as vault-benchmark writes it (`{"role_id": "…", "secret_id": "…"}`). */
const approleLoginBody = (roleId, secretId) => `{"role_id": "${roleId}", "secret_id": "${secretId}"}`;

/** The text of one real AppRole login response (what the bare ceiling answers with). */
export async function approleLoginSample(url, body) {
  return (await fetch(`${url}/v1/auth/approle/login`, { method: 'POST', body })).text();
}

/** CPU seconds (user + system) of a process's main thread so far (Linux: its thread id is its pid). */
export function mainThreadCpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** `overrides` replaces fields of the load configuration (e.g. a fixed `path`, other `headers`). */
export function load(port, method, pathPrefix, body, durationMs = DURATION_MS, overrides = {}) {
  const cfg = {
    host: '127.0.0.1',
    port,
    method,
    pathPrefix,
    numKeys: NUM_KVS,
    body,
    headers: { 'X-Vault-Token': TOKEN, 'X-Vault-Namespace': '' },
    connections: CONNECTIONS,
    durationMs,
    ...overrides,
  };
  const out = execFileSync(process.execPath, [join(HERE, 'load.mjs'), JSON.stringify(cfg)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out);
}

/** Numbers as the result tables print them (thousands separators, fixed decimals). */
export const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** Several load.mjs runs as one: total rate, mean percentiles, summed statuses and errors. */
export function combine(runs) {
  const requests = runs.reduce((a, r) => a + r.requests, 0);
  const seconds = runs.reduce((a, r) => a + r.seconds, 0);
  const statuses = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  const mean = (k) => runs.reduce((a, r) => a + r[k], 0) / runs.length;
  return { rps: requests / seconds, p50: mean('p50'), p99: mean('p99'), statuses, errors: runs.reduce((a, r) => a + r.errors, 0) };
}
