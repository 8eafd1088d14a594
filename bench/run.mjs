// `npm run bench`: vault-benchmark's kvv2_read and kvv2_write against `vault-emu server -dev` in its own
// process over a real socket, a bare node:http server as the ceiling, and two start-up times.
// The table goes to stdout and to bench/RESULTS.md.
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';

const HERE = import.meta.dirname;
const BIN = join(HERE, '..', 'bin', 'vault-emu.js');
const TOKEN = 'bench-root';
// vault-benchmark defaults: 10 workers, 10 s, 1,000 keys of value size 1.
const CONNECTIONS = 10;
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const NUM_KVS = 1000;
const KV_SIZE = 1;
const STARTUP_ROUNDS = 20;
const PROCESS_ROUNDS = 10;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url, child, deadlineMs = 15_000) {
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

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

async function startEmu() {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'server', '-dev', `-dev-listen-address=127.0.0.1:${port}`, `-dev-root-token-id=${TOKEN}`], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, child);
  return { child, url, port };
}

async function vault(url, method, path, body) {
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
async function setupKvv2(url, mount) {
  await vault(url, 'POST', `sys/mounts/${mount}`, { type: 'kv', options: { version: '2' } });
  for (let i = 1; i <= NUM_KVS; i++) await vault(url, 'POST', `${mount}/data/secret-${i}`, { data: { foo: 1 } });
}

function load(port, method, pathPrefix, body) {
  const cfg = {
    host: '127.0.0.1',
    port,
    method,
    pathPrefix,
    numKeys: NUM_KVS,
    body,
    headers: { 'X-Vault-Token': TOKEN, 'X-Vault-Namespace': '' },
    connections: CONNECTIONS,
    durationMs: DURATION_MS,
  };
  const out = execFileSync(process.execPath, [join(HERE, 'load.mjs'), JSON.stringify(cfg)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out);
}

async function processStartTimes() {
  const times = [];
  for (let i = 0; i < PROCESS_ROUNDS; i++) {
    const port = await freePort();
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, 'server', '-dev', `-dev-listen-address=127.0.0.1:${port}`], { stdio: 'ignore' });
    await waitHealthy(`http://127.0.0.1:${port}`, child);
    times.push(performance.now() - t0);
    await stop(child);
  }
  return times;
}

const ok = (s) => (Object.keys(s.statuses).every((k) => k.startsWith('2')) && s.errors === 0 ? '' : ` (statuses ${JSON.stringify(s.statuses)}, errors ${s.errors})`);
const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

async function main() {
  const machine = `${availableParallelism()} CPUs (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${new Date().toISOString()}`;
  console.log(`machine: ${machine}`);

  // kvv2_read: its own mount and seed, as vault-benchmark does per test.
  const emu = await startEmu();
  await setupKvv2(emu.url, 'kvv2_read_test');
  await setupKvv2(emu.url, 'kvv2_write_test');
  const readBody = await vault(emu.url, 'GET', 'kvv2_read_test/data/secret-1');

  // The ceiling: bare node:http answering the same bytes vault-emu sends for a read.
  const bare = spawn(process.execPath, [join(HERE, 'bare-server.mjs'), readBody], { stdio: ['ignore', 'pipe', 'inherit'] });
  const barePort = Number(await new Promise((resolve) => bare.stdout.once('data', (d) => resolve(String(d).trim()))));
  // The ceiling runs before and after the vault-emu runs, and the ratios use the mean of the two, so a
  // machine whose load drifts during the run (shared CPUs) does not favour either side.
  console.log('running bare node:http …');
  const bareBefore = load(barePort, 'GET', '/v1/kvv2_read_test/data/secret-');
  console.log('running kvv2_read …');
  const readRun = load(emu.port, 'GET', '/v1/kvv2_read_test/data/secret-');
  console.log('running kvv2_write …');
  const writeRun = load(emu.port, 'POST', '/v1/kvv2_write_test/data/secret-', `{"data": {"foo": "${'a'.repeat(KV_SIZE)}"}}`);
  console.log('running bare node:http again …');
  const bareAfter = load(barePort, 'GET', '/v1/kvv2_read_test/data/secret-');
  await stop(bare);
  await stop(emu.child);
  const bareRun = {
    rps: (bareBefore.rps + bareAfter.rps) / 2,
    p50: (bareBefore.p50 + bareAfter.p50) / 2,
    p99: (bareBefore.p99 + bareAfter.p99) / 2,
    statuses: { ...bareBefore.statuses, ...bareAfter.statuses },
    errors: bareBefore.errors + bareAfter.errors,
  };

  console.log('measuring startVaultEmu() …');
  const inproc = JSON.parse(execFileSync(process.execPath, [join(HERE, 'startup-inprocess.mjs'), String(STARTUP_ROUNDS)], { encoding: 'utf8' }));
  console.log('measuring process start …');
  const proc = await processStartTimes();

  const readRatio = readRun.rps / bareRun.rps;
  const writeRatio = writeRun.rps / bareRun.rps;
  const startMedian = median(inproc);
  const procMedian = median(proc);
  const verdict = (pass) => (pass ? 'met' : '**missed**');
  const rows = [
    '| Measurement | Result | Ratio to bare | Target | |',
    '|---|---|---|---|---|',
    `| bare node:http, fixed JSON body (ceiling; mean of a run before and after: ${fmt(bareBefore.rps)} and ${fmt(bareAfter.rps)}) | ${fmt(bareRun.rps)} req/s, p50 ${fmt(bareRun.p50, 2)} ms, p99 ${fmt(bareRun.p99, 2)} ms${ok(bareRun)} | 100 % | | |`,
    `| kvv2_read | ${fmt(readRun.rps)} req/s, p50 ${fmt(readRun.p50, 2)} ms, p99 ${fmt(readRun.p99, 2)} ms${ok(readRun)} | ${fmt(readRatio * 100)} % | ≥ 50 % of bare | ${verdict(readRatio >= 0.5)} |`,
    `| kvv2_write | ${fmt(writeRun.rps)} req/s, p50 ${fmt(writeRun.p50, 2)} ms, p99 ${fmt(writeRun.p99, 2)} ms${ok(writeRun)} | ${fmt(writeRatio * 100)} % | | |`,
    `| startVaultEmu() → first health answer (in-process, median of ${STARTUP_ROUNDS}) | ${fmt(startMedian, 1)} ms (min ${fmt(Math.min(...inproc), 1)}, max ${fmt(Math.max(...inproc), 1)}) | | ≤ 50 ms | ${verdict(startMedian <= 50)} |`,
    `| \`vault-emu server -dev\` process start → first health answer (median of ${PROCESS_ROUNDS}) | ${fmt(procMedian)} ms (min ${fmt(Math.min(...proc))}, max ${fmt(Math.max(...proc))}) | | ≤ 600 ms | ${verdict(procMedian <= 600)} |`,
  ];
  const table = rows.join('\n');
  console.log(`\n${table}\n`);
  const doc = `# Benchmark results

Latest run of \`npm run bench\` (\`bench/run.mjs\`).

- Machine: ${machine}
- Load: vault-benchmark's \`kvv2_read\` / \`kvv2_write\` shape: ${CONNECTIONS} keep-alive connections with one request in flight each, ${DURATION_MS / 1000} s per test, ${NUM_KVS} keys \`secret-1…secret-${NUM_KVS}\` seeded with \`{"data":{"foo":1}}\`, reads \`GET /v1/<mount>/data/secret-<random>\`, writes \`POST\` \`{"data": {"foo": "${'a'.repeat(KV_SIZE)}"}}\`; token and empty namespace headers on every request.
- vault-emu runs as \`vault-emu server -dev\` in its own process; the bare ceiling is a \`node:http\` server in its own process answering the very bytes vault-emu returns for a read; the load generator (\`bench/load.mjs\`, raw sockets) is a third process. All three share the machine's CPUs, so absolute numbers move with the machine; the ratio is the figure to compare.

${table}
`;
  writeFileSync(join(HERE, 'RESULTS.md'), doc);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
