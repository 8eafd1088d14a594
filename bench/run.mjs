// `npm run bench`: vault-benchmark's kvv2_read and kvv2_write against `vault-emu server -dev` in its own
// process over a real socket, a bare node:http server as the ceiling, and two start-up times.
// The table goes to stdout and to bench/RESULTS.md.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { BIN, CONNECTIONS, DURATION_MS, KV_SIZE, NUM_KVS, load, median, setupKvv2, startEmu, stop, vault, waitHealthy, freePort, fmt } from './harness.mjs';

const HERE = import.meta.dirname;
const STARTUP_ROUNDS = 20;
const PROCESS_ROUNDS = 10;
// kvv2_read rounds, each between two runs of the ceiling (BENCH_READ_ROUNDS; the table shows the median).
const READ_ROUNDS = Number(process.env.BENCH_READ_ROUNDS ?? 3);
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

/** Mean of two load runs (a ceiling measured before and after what it is compared with). */
function meanRun(a, b) {
  return {
    rps: (a.rps + b.rps) / 2,
    p50: (a.p50 + b.p50) / 2,
    p99: (a.p99 + b.p99) / 2,
    statuses: { ...a.statuses, ...b.statuses },
    errors: a.errors + b.errors,
  };
}

/** Sections other benchmarks keep in RESULTS.md (from the first `## ` heading on): left as they are. */
function otherSections() {
  try {
    const doc = readFileSync(join(HERE, 'RESULTS.md'), 'utf8');
    const at = doc.search(/^## /m);
    return at === -1 ? '' : `\n${doc.slice(at).trimEnd()}\n`;
  } catch {
    return '';
  }
}

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
  // Both servers get a short unmeasured run first, so JIT warm-up counts against neither.
  const WARM_UP_MS = Math.min(2000, DURATION_MS);
  console.log('warming up …');
  load(emu.port, 'GET', '/v1/kvv2_read_test/data/secret-', undefined, WARM_UP_MS);
  load(barePort, 'GET', '/v1/kvv2_read_test/data/secret-', undefined, WARM_UP_MS);
  const runBare = () => {
    console.log('running bare node:http …');
    return load(barePort, 'GET', '/v1/kvv2_read_test/data/secret-');
  };
  // Each kvv2_read round sits between two runs of the ceiling and is compared with their mean, so a
  // machine whose load drifts (shared CPUs) favours neither side. The table shows the median round.
  const readRounds = [];
  let bareBefore = runBare();
  const firstBare = bareBefore;
  if (runs('read')) {
    for (let round = 0; round < READ_ROUNDS; round++) {
      console.log(`running kvv2_read (round ${round + 1} of ${READ_ROUNDS}) …`);
      const read = load(emu.port, 'GET', '/v1/kvv2_read_test/data/secret-');
      const bareAfter = runBare();
      const ceiling = meanRun(bareBefore, bareAfter);
      readRounds.push({ read, ceiling, bareBefore, bareAfter, ratio: read.rps / ceiling.rps });
      bareBefore = bareAfter;
    }
  }
  let writeRun;
  if (runs('write')) {
    console.log('running kvv2_write …');
    writeRun = load(emu.port, 'POST', '/v1/kvv2_write_test/data/secret-', `{"data": {"foo": "${'a'.repeat(KV_SIZE)}"}}`);
  }
  const lastBare = writeRun || readRounds.length === 0 ? runBare() : bareBefore;
  await stop(bare);
  await stop(emu.child);
  const medianRound = [...readRounds].sort((x, y) => x.ratio - y.ratio)[Math.floor(readRounds.length / 2)];
  // kvv2_write is compared with the ceiling around the whole run.
  const wholeCeiling = meanRun(firstBare, lastBare);
  const shownCeiling = medianRound ?? { ceiling: wholeCeiling, bareBefore: firstBare, bareAfter: lastBare };

  let inproc;
  let proc;
  if (runs('startup')) {
    console.log('measuring startVaultEmu() …');
    inproc = JSON.parse(execFileSync(process.execPath, [join(HERE, 'startup-inprocess.mjs'), String(STARTUP_ROUNDS)], { encoding: 'utf8' }));
    console.log('measuring process start …');
    proc = await processStartTimes();
  }

  const verdict = (pass) => (pass ? 'met' : '**missed**');
  const loadRow = (name, run, ceiling, target) => {
    const ratio = run.rps / ceiling.rps;
    const result = `${fmt(run.rps)} req/s, p50 ${fmt(run.p50, 2)} ms, p99 ${fmt(run.p99, 2)} ms${ok(run)}`;
    const cells = [name, result, `${fmt(ratio * 100)} %`, target ? `≥ ${target * 100} % of bare` : '', target ? verdict(ratio >= target) : ''];
    return `|${cells.map((cell) => (cell ? ` ${cell} ` : ' ')).join('|')}|`;
  };
  const c = shownCeiling;
  const rows = [
    '| Measurement | Result | Ratio to bare | Target | |',
    '|---|---|---|---|---|',
    `| bare node:http, fixed JSON body (ceiling; mean of a run before and after: ${fmt(c.bareBefore.rps)} and ${fmt(c.bareAfter.rps)}) | ${fmt(c.ceiling.rps)} req/s, p50 ${fmt(c.ceiling.p50, 2)} ms, p99 ${fmt(c.ceiling.p99, 2)} ms${ok(c.ceiling)} | 100 % | | |`,
  ];
  if (medianRound) rows.push(loadRow(READ_ROUNDS > 1 ? `kvv2_read (median of ${READ_ROUNDS} rounds)` : 'kvv2_read', medianRound.read, medianRound.ceiling, 0.5));
  if (writeRun) rows.push(loadRow('kvv2_write (against the ceiling around the whole run)', writeRun, wholeCeiling));
  if (inproc && proc) {
    const startMedian = median(inproc);
    const procMedian = median(proc);
    rows.push(
      `| startVaultEmu() → first health answer (in-process, median of ${STARTUP_ROUNDS}) | ${fmt(startMedian, 1)} ms (min ${fmt(Math.min(...inproc), 1)}, max ${fmt(Math.max(...inproc), 1)}) | | ≤ 50 ms | ${verdict(startMedian <= 50)} |`,
      `| \`vault-emu server -dev\` process start → first health answer (median of ${PROCESS_ROUNDS}) | ${fmt(procMedian)} ms (min ${fmt(Math.min(...proc))}, max ${fmt(Math.max(...proc))}) | | ≤ 600 ms | ${verdict(procMedian <= 600)} |`,
    );
  }
  const table = rows.join('\n');
  const spread =
    readRounds.length > 1
      ? `\nkvv2_read rounds (each against the mean of the ceiling runs around it): ${readRounds
          .map((r) => `${fmt(r.ratio * 100)} % (${fmt(r.read.rps)} of ${fmt(r.ceiling.rps)} req/s)`)
          .join(', ')}.\n`
      : '';
  console.log(`\n${table}\n${spread}`);
  if (ONLY) return;
  const doc = `# Benchmark results

Latest run of \`npm run bench\` (\`bench/run.mjs\`).

- Machine: ${machine}
- Load: vault-benchmark's \`kvv2_read\` / \`kvv2_write\` shape: ${CONNECTIONS} keep-alive connections with one request in flight each, ${DURATION_MS / 1000} s per test, ${NUM_KVS} keys \`secret-1…secret-${NUM_KVS}\` seeded with \`{"data":{"foo":1}}\`, reads \`GET /v1/<mount>/data/secret-<random>\`, writes \`POST\` \`{"data": {"foo": "${'a'.repeat(KV_SIZE)}"}}\`; token and empty namespace headers on every request. After an unmeasured 2 s warm-up of both servers, kvv2_read runs ${READ_ROUNDS} time(s), each between two runs of the ceiling and compared with their mean; its row is the median round.
- vault-emu runs as \`vault-emu server -dev\` in its own process; the bare ceiling is a \`node:http\` server in its own process answering the very bytes vault-emu returns for a read; the load generator (\`bench/load.mjs\`, raw sockets) is a third process. All three share the machine's CPUs, so absolute numbers move with the machine; the ratio is the figure to compare.

${table}
${spread}${otherSections()}`;
  writeFileSync(join(HERE, 'RESULTS.md'), doc);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
