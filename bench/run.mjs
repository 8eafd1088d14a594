// `npm run bench`: vault-benchmark's kvv2_read and kvv2_write against `vault-emu server -dev` in its own
// process over a real socket, a bare node:http server as the ceiling, and two start-up times.
// The table goes to stdout and to bench/RESULTS.md.
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { BIN, CONNECTIONS, DURATION_MS, KV_SIZE, NUM_KVS, load, median, setupKvv2, startEmu, stop, vault, waitHealthy, freePort } from './harness.mjs';

const HERE = import.meta.dirname;
const STARTUP_ROUNDS = 20;
const PROCESS_ROUNDS = 10;
// BENCH_ONLY=read (or write, startup; comma-separated) runs a subset while iterating; RESULTS.md is
// rewritten only by a full run.
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : undefined;
const runs = (name) => !ONLY || ONLY.has(name);

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
  if (runs('write')) await setupKvv2(emu.url, 'kvv2_write_test');
  const readBody = await vault(emu.url, 'GET', 'kvv2_read_test/data/secret-1');

  // The ceiling: bare node:http answering the same bytes vault-emu sends for a read.
  const bare = spawn(process.execPath, [join(HERE, 'bare-server.mjs'), readBody], { stdio: ['ignore', 'pipe', 'inherit'] });
  const barePort = Number(await new Promise((resolve) => bare.stdout.once('data', (d) => resolve(String(d).trim()))));
  // The ceiling runs before and after the vault-emu runs, and the ratios use the mean of the two, so a
  // machine whose load drifts during the run (shared CPUs) does not favour either side.
  console.log('running bare node:http …');
  const bareBefore = load(barePort, 'GET', '/v1/kvv2_read_test/data/secret-');
  let readRun;
  let writeRun;
  if (runs('read')) {
    console.log('running kvv2_read …');
    readRun = load(emu.port, 'GET', '/v1/kvv2_read_test/data/secret-');
  }
  if (runs('write')) {
    console.log('running kvv2_write …');
    writeRun = load(emu.port, 'POST', '/v1/kvv2_write_test/data/secret-', `{"data": {"foo": "${'a'.repeat(KV_SIZE)}"}}`);
  }
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

  let inproc;
  let proc;
  if (runs('startup')) {
    console.log('measuring startVaultEmu() …');
    inproc = JSON.parse(execFileSync(process.execPath, [join(HERE, 'startup-inprocess.mjs'), String(STARTUP_ROUNDS)], { encoding: 'utf8' }));
    console.log('measuring process start …');
    proc = await processStartTimes();
  }

  const verdict = (pass) => (pass ? 'met' : '**missed**');
  const loadRow = (name, run, target) => {
    const ratio = run.rps / bareRun.rps;
    const result = `${fmt(run.rps)} req/s, p50 ${fmt(run.p50, 2)} ms, p99 ${fmt(run.p99, 2)} ms${ok(run)}`;
    return `| ${name} | ${result} | ${fmt(ratio * 100)} % | ${target ? `≥ ${target * 100} % of bare` : ''} | ${target ? verdict(ratio >= target) : ''} |`;
  };
  const rows = [
    '| Measurement | Result | Ratio to bare | Target | |',
    '|---|---|---|---|---|',
    `| bare node:http, fixed JSON body (ceiling; mean of a run before and after: ${fmt(bareBefore.rps)} and ${fmt(bareAfter.rps)}) | ${fmt(bareRun.rps)} req/s, p50 ${fmt(bareRun.p50, 2)} ms, p99 ${fmt(bareRun.p99, 2)} ms${ok(bareRun)} | 100 % | | |`,
  ];
  if (readRun) rows.push(loadRow('kvv2_read', readRun, 0.5));
  if (writeRun) rows.push(loadRow('kvv2_write', writeRun));
  if (inproc && proc) {
    const startMedian = median(inproc);
    const procMedian = median(proc);
    rows.push(
      `| startVaultEmu() → first health answer (in-process, median of ${STARTUP_ROUNDS}) | ${fmt(startMedian, 1)} ms (min ${fmt(Math.min(...inproc), 1)}, max ${fmt(Math.max(...inproc), 1)}) | | ≤ 50 ms | ${verdict(startMedian <= 50)} |`,
      `| \`vault-emu server -dev\` process start → first health answer (median of ${PROCESS_ROUNDS}) | ${fmt(procMedian)} ms (min ${fmt(Math.min(...proc))}, max ${fmt(Math.max(...proc))}) | | ≤ 600 ms | ${verdict(procMedian <= 600)} |`,
    );
  }
  const table = rows.join('\n');
  console.log(`\n${table}\n`);
  if (ONLY) return;
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
