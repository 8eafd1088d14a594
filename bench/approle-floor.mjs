// How far the AppRole speed target (logins ≥ 40 % of bare node:http) is from what node:http can do at
// all on this machine: four servers in alternating rounds under vault-benchmark's approle_auth load
// (10 keep-alive connections, its headers and body): the bare ceiling answering a login's bytes,
// `login-floor-server.mjs` keeping every token it hands out, the same discarding them, and vault-emu.
// Prints rates, ratios to bare and each server's main-thread CPU per request (from /proc, steadier than
// req/s here), and replaces its section of bench/RESULTS.md. `node bench/approle-floor.mjs` after `npm run build`.
import { spawn } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { approleLoginSample, CONNECTIONS, fmt, load, mainThreadCpuSeconds, median, setupApprole, startEmu } from './harness.mjs';
import { writeResultsSection } from './results-section.mjs';

const HERE = import.meta.dirname;
const HEADING = '## AppRole login: the node:http floor (`bench/approle-floor.mjs`)';
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 2_500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const PATH = '/v1/auth/approle/login';

function startScript(file, args) {
  const child = spawn(process.execPath, [join(HERE, file), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => child.stdout.once('data', (d) => resolve({ child, port: Number(String(d).trim()) })));
}

async function main() {
  const machine = `${availableParallelism()} CPUs (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${new Date().toISOString()}`;
  const emu = await startEmu();
  const others = [];
  try {
    const body = await setupApprole(emu.url);
    const sample = await approleLoginSample(emu.url, body);
    const bare = await startScript('bare-server.mjs', [sample]);
    const keeping = await startScript('login-floor-server.mjs', ['keep']);
    const discarding = await startScript('login-floor-server.mjs', ['discard']);
    others.push(bare.child, keeping.child, discarding.child);
    const servers = [
      { name: 'bare node:http (the ceiling)', port: bare.port, pid: bare.child.pid },
      { name: 'login floor, keeping its tokens', port: keeping.port, pid: keeping.child.pid },
      { name: 'login floor, keeping nothing', port: discarding.port, pid: discarding.child.pid },
      { name: 'vault-emu AppRole login', port: emu.port, pid: emu.child.pid },
    ];
    const run = (s, ms) => load(s.port, 'POST', '', body, ms, { path: PATH, numKeys: 1 });
    for (const s of servers) run(s, ROUND_MS); // warm-up, not counted
    const results = servers.map(() => ({ rps: [], cpu: [] }));
    for (let r = 0; r < ROUNDS; r++) {
      console.log(`round ${r + 1}/${ROUNDS} …`);
      servers.forEach((s, i) => {
        const before = mainThreadCpuSeconds(s.pid);
        const out = run(s, ROUND_MS);
        const statuses = Object.keys(out.statuses);
        if (out.errors > 0 || statuses.some((k) => k !== '200')) throw new Error(`${s.name}: statuses ${JSON.stringify(out.statuses)}, errors ${out.errors}`);
        results[i].rps.push(out.rps);
        results[i].cpu.push(((mainThreadCpuSeconds(s.pid) - before) * 1e6) / out.requests);
      });
    }
    const ceiling = median(results[0].rps);
    const rows = servers.map((s, i) => {
      const rps = median(results[i].rps);
      return `| ${s.name} | ${fmt(rps)} req/s | ${fmt((rps / ceiling) * 100)} % | ${fmt(median(results[i].cpu), 1)} µs | ${results[i].rps.map((x) => fmt(x)).join(', ')} |`;
    });
    const table = [
      HEADING,
      '',
      `- Machine: ${machine}`,
      `- vault-benchmark's \`approle_auth\` load (\`bench/load.mjs\`, ${CONNECTIONS} keep-alive connections, its headers and body) on four servers in ${ROUNDS} alternating rounds of ${ROUND_MS / 1000} s after a warm-up round; medians.`,
      '- `login-floor-server.mjs` is the least a node:http server can do per login and still hand out a token (see the file); it is a reference, not an emulator.',
      '',
      '| Server | Logins | Ratio to bare | Main-thread CPU per request | Rounds (req/s) |',
      '|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n');
    console.log(`\n${table}`);
    writeResultsSection(HEADING, table);
  } finally {
    emu.child.kill('SIGTERM');
    for (const c of others) c.kill('SIGTERM');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
