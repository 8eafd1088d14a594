// vault-benchmark's postgresql_secret workload against real PostgreSQL (issue #6): 10 keep-alive
// connections reading database/creds/<role> from one `vault-emu server -dev` process for a fixed time,
// each read creating a role with the documented creation statement; beside it, in the same run, the
// same statement executed directly through `pg` by 10 concurrent clients (BEGIN; CREATE ROLE …; COMMIT,
// as Vault's plugin runs it). Target: the emulator adds at most 25 % to the direct cost, i.e. reaches
// at least 80 % of the direct rate. Every role created is dropped afterwards.
// Run: `npm run build && VAULT_EMU_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/test node bench/database.mjs`.
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import pg from 'pg';
import { CONNECTIONS, loadPath, startEmu, stop, vault } from './harness.mjs';
import { writeResultsSection } from './results-section.mjs';

const HEADING = '## Database: postgresql_secret on real PostgreSQL (`bench/database.mjs`)';
const PG_URL = process.env.VAULT_EMU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 5_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
/** vault-benchmark's default creation statement for postgresql_secret. */
const CREATION = `CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';`;
const PREFIX = `vbench_${randomBytes(3).toString('hex')}`;
/** This run's role (≤ 8 characters, so all of it is in every username: cleanup finds only ours). */
const DB_ROLE = `b${randomBytes(3).toString('hex')}`;
let seq = 0;

const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** The same statement through `pg`, 10 clients in parallel, for `ms`: creations per second. */
async function direct(ms) {
  const clients = await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      return c;
    }),
  );
  let done = 0;
  const deadline = performance.now() + ms;
  const started = performance.now();
  await Promise.all(
    clients.map(async (c) => {
      while (performance.now() < deadline) {
        const name = `${PREFIX}_d${seq++}`;
        const expiration = new Date(Date.now() + 3_605_000).toISOString().replace('T', ' ').replace('Z', '+0000');
        const stmt = CREATION.replace('{{name}}', name).replace('{{password}}', randomBytes(10).toString('hex')).replace('{{expiration}}', expiration);
        await c.query('BEGIN');
        await c.query(stmt);
        await c.query('COMMIT');
        done++;
      }
    }),
  );
  const rate = (done * 1000) / (performance.now() - started);
  await Promise.all(clients.map((c) => c.end()));
  return rate;
}

async function dropBenchRoles() {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  const { rows } = await c.query(`SELECT rolname FROM pg_roles WHERE rolname LIKE $1 OR rolname LIKE $2`, [`${PREFIX}%`, `v-token-${DB_ROLE}-%`]);
  for (const { rolname } of rows) await c.query(`DROP ROLE IF EXISTS "${rolname.replace(/"/g, '""')}"`);
  await c.end();
  return rows.length;
}

const emu = await startEmu();
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
  await vault(emu.url, 'POST', `database/roles/${DB_ROLE}`, { db_name: 'postgres', creation_statements: CREATION, default_ttl: '1h', max_ttl: '24h' });

  // Warm-up of both sides, then alternating rounds so machine drift favours neither.
  loadPath(emu.port, 'GET', `/v1/database/creds/${DB_ROLE}`, undefined, 1_000);
  await direct(1_000);
  const rows = [];
  for (let r = 0; r < ROUNDS; r++) {
    const viaEmu = loadPath(emu.port, 'GET', `/v1/database/creds/${DB_ROLE}`, undefined, ROUND_MS);
    const viaPg = await direct(ROUND_MS);
    rows.push({ emu: viaEmu.rps, emuP50: viaEmu.p50, emuOk: viaEmu.statuses?.['200'] ?? 0, requests: viaEmu.requests, direct: viaPg });
  }
  const emuRate = rows.reduce((s, r) => s + r.emu, 0) / rows.length;
  const directRate = rows.reduce((s, r) => s + r.direct, 0) / rows.length;
  const ratio = emuRate / directRate;
  const added = directRate / emuRate - 1;
  const table = [
    '| Side | Creations per second (mean of rounds) | Note |',
    '|---|---|---|',
    `| \`pg\` directly: BEGIN; CREATE ROLE …; COMMIT, ${CONNECTIONS} clients | ${fmt(directRate, 1)} | the database's own cost |`,
    `| vault-emu: GET database/creds/bench, ${CONNECTIONS} connections | ${fmt(emuRate, 1)} | ${fmt(ratio * 100)} % of direct; the emulator adds ${fmt(Math.max(0, added) * 100)} % to the cost (target ≤ 25 %) ${added <= 0.25 ? 'met' : 'NOT met'} |`,
    '',
    `Rounds (${ROUND_MS / 1000} s per side each): ${rows.map((r) => `vault-emu ${fmt(r.emu, 1)}/s (${r.emuOk} × 200, p50 ${fmt(r.emuP50, 1)} ms) vs direct ${fmt(r.direct, 1)}/s`).join('; ')}.`,
  ].join('\n');
  const section = `${HEADING}

${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; PostgreSQL on the same machine (\`${u.host}\`); creation statement \`${CREATION}\`, password_authentication \`password\`, \`max_open_connections\` ${CONNECTIONS} (the server hashes it with SCRAM-SHA-256: most of each creation's cost).

${table}
`;
  console.log(section);
  if (!process.env.BENCH_NO_WRITE) writeResultsSection(HEADING, section);
} finally {
  await stop(emu.child);
  console.error(`dropped ${await dropBenchRoles()} benchmark roles`);
}
