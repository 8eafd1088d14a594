// AppRole login throughput (issue #5), shaped like vault-benchmark's `approle_auth` workload: role
// `benchmark-role` with defaults, every request a login with its role_id and secret_id, 10 keep-alive
// connections. The ceiling is a bare node:http server answering the same bytes a login answers,
// measured in the same run; the two alternate in rounds so machine drift favours neither.
// Target: logins reach at least 40 % of the ceiling. The table replaces this file's section of
// bench/RESULTS.md (`node bench/approle.mjs` after `npm run build`).
import { spawn } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { CONNECTIONS, approleLoginSample, load as harnessLoad, setupApprole, startEmu, fmt, combine, median } from './harness.mjs';
import { writeResultsSection } from './results-section.mjs';

const HERE = import.meta.dirname;
const HEADING = '## AppRole login vs bare node:http (`bench/approle.mjs`)';
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 2_500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);


/** Logins on a fixed path, with the headers vault-benchmark sends on every request (its root token and an empty namespace: generateHeader); a login ignores the token. */
const load = (port, body) => harnessLoad(port, 'POST', '', body, ROUND_MS, { path: '/v1/auth/approle/login', numKeys: 1 });


const ok = (s) => (Object.keys(s.statuses).every((k) => k === '200') && s.errors === 0 ? '' : ` (statuses ${JSON.stringify(s.statuses)}, errors ${s.errors})`);

async function main() {
  const machine = `${availableParallelism()} CPUs (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${new Date().toISOString()}`;
  const emu = await startEmu();
  let bare;
  try {
    const body = await setupApprole(emu.url);
    // The ceiling answers with the bytes of a real login response.
    const sample = await approleLoginSample(emu.url, body);
    bare = spawn(process.execPath, [join(HERE, 'bare-server.mjs'), sample], { stdio: ['ignore', 'pipe', 'inherit'] });
    const barePort = Number(await new Promise((resolve) => bare.stdout.once('data', (d) => resolve(String(d).trim()))));

    const runs = { login: [], bare: [] };
    load(emu.port, body); // warm-up, not counted
    load(barePort, body);
    for (let r = 0; r < ROUNDS; r++) {
      console.log(`round ${r + 1}/${ROUNDS} …`);
      runs.bare.push(load(barePort, body));
      runs.login.push(load(emu.port, body));
    }
    const login = combine(runs.login);
    const ceiling = combine(runs.bare);
    const ratio = login.rps / ceiling.rps;
    // Each round's logins against the ceiling measured just before: how much the ratio moves within one run.
    const roundRatios = runs.login.map((r, i) => r.rps / runs.bare[i].rps);
    const table = [
      HEADING,
      '',
      `- Machine: ${machine}`,
      `- One \`vault-emu server -dev\` process; role \`benchmark-role\` created with defaults (as vault-benchmark's \`approle_auth\` does); ` +
        `\`bench/load.mjs\` with ${CONNECTIONS} keep-alive connections sends \`POST /v1/auth/approle/login\` with the role_id and secret_id, ` +
        `each answered with a new token and its lease. Login and the bare ceiling alternate in ${ROUNDS} rounds of ${ROUND_MS / 1000} s each (${(ROUNDS * ROUND_MS) / 1000} s per side), after a warm-up round.`,
      `- Ceiling: \`bench/bare-server.mjs\` (node:http) answering every request with the bytes of one real login response (${Buffer.byteLength(sample)} bytes).`,
      '',
      '| Server | Result | Ratio to bare | Target | |',
      '|---|---|---|---|---|',
      `| bare node:http | ${fmt(ceiling.rps)} req/s, p50 ${fmt(ceiling.p50, 2)} ms, p99 ${fmt(ceiling.p99, 2)} ms${ok(ceiling)} | 100 % | | |`,
      `| vault-emu AppRole login | ${fmt(login.rps)} req/s, p50 ${fmt(login.p50, 2)} ms, p99 ${fmt(login.p99, 2)} ms${ok(login)} | ${fmt(ratio * 100)} % | ≥ 40 % of bare | ${ratio >= 0.4 ? 'met' : '**missed**'} |`,
      '',
      `Round by round (logins ÷ the ceiling's round before them): ${roundRatios.map((r) => `${fmt(r * 100)} %`).join(', ')}; median ${fmt(median(roundRatios) * 100)} %. The verdict above is on the totals.`,
      '',
    ].join('\n');
    console.log(`\n${table}`);
    writeResultsSection(HEADING, table);
  } finally {
    emu.child.kill('SIGTERM');
    bare?.kill('SIGTERM');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
