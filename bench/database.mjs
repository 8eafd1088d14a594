// vault-benchmark's postgresql_secret workload (issue #6): 10 keep-alive connections reading
// database/creds/<role> from one `vault-emu server -dev` process for a fixed time, each read creating a
// role with the documented creation statement; beside it, in the same run, the same statement run
// directly by 10 concurrent clients (BEGIN; CREATE ROLE …; COMMIT, as Vault's plugin runs it).
// Two pairs, rounds alternating within each pair so machine drift favours neither side:
//  - real PostgreSQL (VAULT_EMU_TEST_PG_URL): the emulator against `pg` clients. Target: the emulator
//    adds at most 25 % to the direct cost, i.e. reaches at least 80 % of the direct rate.
//  - the embedded engine (a config on a non-loopback host, so PGlite behind the login front serves it)
//    against EmbeddedPostgres.exec on a PGlite of its own in this process (no front, no wire protocol).
// Every role created on the real server is dropped afterwards (the embedded ones live in memory only).
// Run: `npm run build && VAULT_EMU_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/test node bench/database.mjs`
// (BENCH_ROUNDS, default 7; BENCH_ROUND_MS, default 2500; BENCH_WARMUP_MS, default 3000; BENCH_NO_WRITE=1 leaves RESULTS.md alone).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { CONNECTIONS, loadPath, median, startEmu, stop, vault, fmt } from './harness.mjs';
import { writeResultsSection } from './results-section.mjs';

const HEADING = '## Database: postgresql_secret on real PostgreSQL and on the embedded engine (`bench/database.mjs`)';
const PG_URL = process.env.VAULT_EMU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
// Short rounds, many of them: other load on a shared machine comes and goes within seconds.
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 2_500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
/** Warm-up per side: the server's first seconds (JIT, first pool connections) are slower than the rest. */
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 3_000);
/** vault-benchmark's default creation statement for postgresql_secret. */
const CREATION = `CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';`;
const PREFIX = `vbench_${randomBytes(3).toString('hex')}`;
/** This run's roles (≤ 8 characters, so all of it is in every username: cleanup finds only ours). */
const RUN = randomBytes(3).toString('hex');
const PG_ROLE = `b${RUN}`;
const EMBEDDED_ROLE = `e${RUN}`;
const EMBEDDED_ADMIN_PASSWORD = 'bench-admin-password';
let seq = 0;


/** One creation statement as the plugin fills it (Vault's expiration: now + TTL + 5 s). */
function creationStatement(name) {
  const expiration = new Date(Date.now() + 3_605_000).toISOString().replace('T', ' ').replace('Z', '+0000');
  return CREATION.replace('{{name}}', name).replace('{{password}}', randomBytes(10).toString('hex')).replace('{{expiration}}', expiration);
}

/** Runs `create` on CONNECTIONS concurrent workers for `ms`: creations per second. */
async function rate(workers, ms) {
  let done = 0;
  const deadline = performance.now() + ms;
  const started = performance.now();
  await Promise.all(
    workers.map(async (create) => {
      while (performance.now() < deadline && !interrupted) {
        await create(`${PREFIX}_d${seq++}`);
        done++;
      }
    }),
  );
  return (done * 1000) / (performance.now() - started);
}

/** The statement through `pg`, one client per worker. */
async function directPg(ms) {
  const clients = await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      return c;
    }),
  );
  try {
    return await rate(
      clients.map((c) => async (name) => {
        await c.query('BEGIN');
        await c.query(creationStatement(name));
        await c.query('COMMIT');
      }),
      ms,
    );
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

/** The statement on a PGlite of this process as its admin role (BEGIN; …; COMMIT in EmbeddedPostgres.exec). */
function directEmbedded(embedded) {
  return (ms) => rate(Array.from({ length: CONNECTIONS }, () => (name) => embedded.exec([creationStatement(name)])), ms);
}

/** Set by Ctrl-C or a timeout's SIGTERM: no new roles, drop this run's, exit. */
let interrupted = false;
let dropping;
/** Drops this run's roles once, whoever asks first (the interrupt or the normal end). */
function dropBenchRoles() {
  dropping ??= dropRoles();
  return dropping;
}

async function dropRoles() {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  const { rows } = await c.query(`SELECT rolname FROM pg_roles WHERE rolname LIKE $1 OR rolname LIKE $2`, [`${PREFIX}%`, `v-token-${PG_ROLE}-%`]);
  for (const { rolname } of rows) await c.query(`DROP ROLE IF EXISTS "${rolname.replace(/"/g, '""')}"`);
  await c.end();
  return rows.length;
}

/** User + system CPU µs of a process so far (Linux /proc/<pid>/stat, fields 14 and 15, in clock ticks of 10 ms). */
function processCpuUs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/** Warm-up of both sides, then alternating rounds: the rates of each, and their means and medians. */
async function pair(emu, role, direct) {
  const path = `/v1/database/creds/${role}`;
  loadPath(emu.port, 'GET', path, undefined, WARMUP_MS);
  await direct(WARMUP_MS);
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    const serverBefore = processCpuUs(emu.child.pid);
    const viaEmu = loadPath(emu.port, 'GET', path, undefined, ROUND_MS);
    const serverCpu = (processCpuUs(emu.child.pid) - serverBefore) / Math.max(1, viaEmu.requests);
    const ownBefore = process.cpuUsage();
    const created = seq;
    const viaDirect = await direct(ROUND_MS);
    const own = process.cpuUsage(ownBefore);
    const directCpu = (own.user + own.system) / Math.max(1, seq - created);
    rounds.push({ serverCpu, directCpu, emu: viaEmu.rps, emuP50: viaEmu.p50, emuOk: viaEmu.statuses?.['200'] ?? 0, emuOther: viaEmu.requests - (viaEmu.statuses?.['200'] ?? 0), direct: viaDirect, ratio: viaEmu.rps / viaDirect });
  }
  return { rounds, serverCpu: median(rounds.map((r) => r.serverCpu)), directCpu: median(rounds.map((r) => r.directCpu)), emu: median(rounds.map((r) => r.emu)), direct: median(rounds.map((r) => r.direct)), ratio: median(rounds.map((r) => r.ratio)) };
}

function rows(result, directLabel, emuLabel, target) {
  const added = 1 / result.ratio - 1;
  const verdict = target ? ` (target ≤ 25 %: ${added <= 0.25 ? 'met' : 'NOT met'})` : '';
  return [
    `| ${directLabel} | ${fmt(result.direct, 1)} | the database's own cost |`,
    `| ${emuLabel} | ${fmt(result.emu, 1)} | ${fmt(result.ratio * 100)} % of direct (median of the rounds' ratios): the emulator adds ${fmt(Math.max(0, added) * 100)} % to the cost${verdict} |`,
  ];
}

const roundsText = (result) =>
  result.rounds.map((r) => `vault-emu ${fmt(r.emu, 1)}/s (${r.emuOk} × 200${r.emuOther ? `, ${r.emuOther} other` : ''}, p50 ${fmt(r.emuP50, 1)} ms) vs direct ${fmt(r.direct, 1)}/s (${fmt(r.ratio * 100)} %)`).join('; ');

const { EmbeddedPostgres } = await import('../dist/backends/database/embedded/embedded-postgres.js');
const load = [loadavg()[0]];
const emu = await startEmu();
// Interrupted (Ctrl-C, a timeout): the roles this run created still go.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    interrupted = true;
    await stop(emu.child);
    console.error(`interrupted: dropped ${await dropBenchRoles()} benchmark roles`);
    process.exit(130);
  });
}
const embedded = new EmbeddedPostgres({ now: () => Date.now(), adminPassword: EMBEDDED_ADMIN_PASSWORD });
try {
  await vault(emu.url, 'POST', 'sys/mounts/database', { type: 'database' });
  const u = new URL(PG_URL);
  await vault(emu.url, 'POST', 'database/config/postgres', {
    plugin_name: 'postgresql-database-plugin',
    connection_url: `postgresql://{{username}}@${u.host}${u.pathname}?sslmode=disable`,
    username: decodeURIComponent(u.username || 'postgres'),
    allowed_roles: '*',
    verify_connection: true,
    // The same database parallelism as the direct side (Vault's default pool is 4 connections).
    max_open_connections: CONNECTIONS,
  });
  await vault(emu.url, 'POST', `database/roles/${PG_ROLE}`, { db_name: 'postgres', creation_statements: CREATION, default_ttl: '1h', max_ttl: '24h' });
  // A production-style config: the non-loopback host is served by the emulator's embedded engine.
  await vault(emu.url, 'POST', 'database/config/embedded', {
    plugin_name: 'postgresql-database-plugin',
    connection_url: 'postgresql://{{username}}:{{password}}@db-primary.corp.local:5432/appdb',
    username: 'vault_admin',
    password: EMBEDDED_ADMIN_PASSWORD,
    allowed_roles: '*',
    max_open_connections: CONNECTIONS,
  });
  await vault(emu.url, 'POST', `database/roles/${EMBEDDED_ROLE}`, { db_name: 'embedded', creation_statements: CREATION, default_ttl: '1h', max_ttl: '24h' });
  await embedded.start();

  const real = await pair(emu, PG_ROLE, directPg);
  load.push(loadavg()[0]);
  const onEmbedded = await pair(emu, EMBEDDED_ROLE, directEmbedded(embedded));
  load.push(loadavg()[0]);

  const section = `${HEADING}

${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${load.map((l) => fmt(l, 1)).join(' → ')} (the machine is shared). vault-benchmark's postgresql_secret: creation statement \`${CREATION}\`, ${CONNECTIONS} connections against ${CONNECTIONS} direct clients, \`max_open_connections\` ${CONNECTIONS}, password_authentication \`password\` (the server hashes each password with SCRAM-SHA-256: most of a creation's cost). ${ROUNDS} rounds of ${ROUND_MS / 1000} s per side, alternating; medians.

| Side | Creations per second (median of rounds) | Note |
|---|---|---|
${[
  ...rows(real, `\`pg\` directly on PostgreSQL (\`${u.host}\`): BEGIN; CREATE ROLE …; COMMIT, ${CONNECTIONS} clients`, `vault-emu on PostgreSQL: GET database/creds/<role>, ${CONNECTIONS} connections`, true),
  ...rows(onEmbedded, `PGlite directly (EmbeddedPostgres.exec in this process: BEGIN; CREATE ROLE …; COMMIT as the admin role), ${CONNECTIONS} callers`, `vault-emu on the embedded engine (config host \`db-primary.corp.local\`: PGlite behind the login front, in the server process), ${CONNECTIONS} connections`, false),
].join('\n')}

CPU per creation (median of rounds; from the kernel, so other load barely moves it), the cost each side adds to the database's: on PostgreSQL, the vault-emu server process ${fmt(real.serverCpu)} µs against the direct \`pg\` clients' ${fmt(real.directCpu)} µs; on the embedded engine, the server process (PGlite's work included) ${fmt(onEmbedded.serverCpu)} µs against ${fmt(onEmbedded.directCpu)} µs for the direct PGlite calls (PGlite's work included).

Real PostgreSQL rounds: ${roundsText(real)}.

Embedded engine rounds: ${roundsText(onEmbedded)}.
`;
  console.log(section);
  if (!process.env.BENCH_NO_WRITE) writeResultsSection(HEADING, section);
} finally {
  await stop(emu.child);
  await embedded.close();
  console.error(`dropped ${await dropBenchRoles()} benchmark roles`);
}
