// `node bench/profile.mjs [read|write|approle|database|embedded] [seconds] [--cpu-prof]`: runs one kvv2 load (or AppRole logins) against
// `vault-emu server -dev` and prints the server's CPU time per request (user and system, from the
// kernel: steadier than req/s on a shared machine). With --cpu-prof the server also runs under V8's
// profiler and the script prints self time by function and by file, and inclusive time.
// Run `npm run build` first.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KV_SIZE, load, mainThreadCpuSeconds, setupApprole, setupKvv2, startEmu, stop, vault, CONNECTIONS } from './harness.mjs';

/** User + system CPU seconds of a process so far (Linux /proc/<pid>/stat, fields 14 and 15), and of its main thread. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100, minorFaults: Number(fields[7]), main: mainThreadCpuSeconds(pid) };
}

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const profiling = process.argv.includes('--cpu-prof');
const kind = args[0] ?? 'read';
const seconds = Number(args[1] ?? 5);
/** This run's role (≤ 8 characters: the whole of it is in every username, so cleanup finds only ours). */
const DB_ROLE = `b${randomBytes(3).toString('hex')}`;
const PG_URL = process.env.VAULT_EMU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dir = mkdtempSync(join(tmpdir(), 'vault-emu-prof-'));

const emu = await startEmu(profiling ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : []);
// approle: vault-benchmark's approle_auth (role `benchmark-role` with defaults, every request a login).
const body = kind === 'approle' ? await setupApprole(emu.url) : kind === 'write' ? `{"data": {"foo": "${'a'.repeat(KV_SIZE)}"}}` : undefined;
if (kind === 'database' || kind === 'embedded') await setupDatabase(emu.url, kind === 'embedded');
else if (kind !== 'approle') await setupKvv2(emu.url, 'kvv2_test');
// Several runs against one server: on a shared machine the lowest cost is the least disturbed one.
const runsArg = process.argv.find((a) => a.startsWith('--runs='));
const rounds = runsArg ? Number(runsArg.slice('--runs='.length)) : 1;
let run;
let totalRequests = 0;
for (let round = 0; round < rounds; round++) {
  const cpuBefore = cpuSeconds(emu.child.pid);
  run =
    kind === 'database' || kind === 'embedded'
      ? load(emu.port, 'GET', '', undefined, seconds * 1000, { path: `/v1/database/creds/${DB_ROLE}` })
      : kind === 'approle'
      ? load(emu.port, 'POST', '/v1/auth/approle/login', body, seconds * 1000, { path: '/v1/auth/approle/login' })
      : load(emu.port, kind === 'write' ? 'POST' : 'GET', '/v1/kvv2_test/data/secret-', body, seconds * 1000);
  const cpuAfter = cpuSeconds(emu.child.pid);
  totalRequests += run.requests;
  const perRequest = (s) => ((s * 1e6) / run.requests).toFixed(1);
  // The profiler samples wall time: a process waiting for a CPU shows as time in whatever it was doing.
  // The kernel's count of the server's CPU time (profiler overhead included) is the honest cost.
  console.log(
    `${kind}: ${Math.round(run.rps)} req/s, statuses ${JSON.stringify(run.statuses)}; server CPU µs per request: ` +
      `user ${perRequest(cpuAfter.user - cpuBefore.user)}, system ${perRequest(cpuAfter.system - cpuBefore.system)} ` +
      `(main thread ${perRequest(cpuAfter.main - cpuBefore.main)}, the rest is GC and other helper threads); ` +
      `page faults per request ${((cpuAfter.minorFaults - cpuBefore.minorFaults) / run.requests).toFixed(2)}`,
  );
}
await stop(emu.child);
if (kind === 'database') console.error(`dropped ${await dropDatabaseRoles()} benchmark roles`);

if (!profiling) {
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

/** database: bench/database.mjs's postgresql_secret setup against VAULT_EMU_TEST_PG_URL (role DB_ROLE). */
async function setupDatabase(url, embedded) {
  const u = new URL(PG_URL);
  await vault(url, 'POST', 'sys/mounts/database', { type: 'database' });
  // embedded: a non-loopback host, served by the emulator's embedded engine.
  await vault(url, 'POST', 'database/config/postgres', {
    plugin_name: 'postgresql-database-plugin',
    connection_url: embedded ? 'postgresql://{{username}}:{{password}}@db-primary.corp.local:5432/appdb' : `postgresql://{{username}}@${u.host}${u.pathname}?sslmode=disable`,
    username: embedded ? 'vault_admin' : decodeURIComponent(u.username || 'postgres'),
    ...(embedded ? { password: 'bench-admin-password' } : {}),
    allowed_roles: '*',
    max_open_connections: CONNECTIONS,
  });
  const creation = `CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';`;
  await vault(url, 'POST', `database/roles/${DB_ROLE}`, { db_name: 'postgres', creation_statements: creation, default_ttl: '1h', max_ttl: '24h' });
}

async function dropDatabaseRoles() {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  // Only this run's users (other benchmarks may be running on the same server).
  const { rows } = await c.query(`SELECT rolname FROM pg_roles WHERE rolname LIKE $1`, [`v-token-${DB_ROLE}-%`]);
  for (const { rolname } of rows) await c.query(`DROP ROLE IF EXISTS "${rolname.replace(/"/g, '""')}"`);
  await c.end();
  return rows.length;
}

const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
if (process.env.KEEP_PROFILE) console.log(`profile kept in ${dir}`);
else rmSync(dir, { recursive: true, force: true });

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const shortUrl = (url) => url.replace(/^file:\/\/.*?\/(dist|node_modules)\//, '$1/').replace(/^node:/, '');
const keyOf = (n) => `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

// Inclusive time: a node's own samples plus its subtree's, counted once per function on each stack.
const inclusive = new Map();
const selfByFn = new Map();
const selfByFile = new Map();
let total = 0;
let idle = 0;
function walk(node, onStack) {
  const key = keyOf(node);
  const own = selfUs.get(node.id) ?? 0;
  total += own;
  if (node.callFrame.functionName === '(idle)') idle += own;
  selfByFn.set(key, (selfByFn.get(key) ?? 0) + own);
  const fileKey = shortUrl(node.callFrame.url) || node.callFrame.functionName;
  selfByFile.set(fileKey, (selfByFile.get(fileKey) ?? 0) + own);
  let sum = own;
  const fresh = !onStack.has(key);
  if (fresh) onStack.add(key);
  for (const c of node.children ?? []) sum += walk(byId.get(c), onStack);
  if (fresh) {
    onStack.delete(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + sum);
  }
  return sum;
}
walk(profile.nodes[0], new Set());

const busy = total - idle;
const perReq = (us) => (us / totalRequests).toFixed(2);
const table = (title, map, n) => {
  console.log(`\n${title} (% of busy time, µs per request)`);
  for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    console.log(`${((100 * v) / busy).toFixed(1).padStart(5)} %  ${perReq(v).padStart(6)}  ${k}`);
  }
};
console.log(`busy ${(busy / 1e6).toFixed(2)} s of ${(total / 1e6).toFixed(2)} s; ${perReq(busy)} µs of CPU per request`);
table('self time by function', selfByFn, Number(process.env.TOP ?? 40));
table('self time by file', selfByFile, 25);
table('inclusive time', inclusive, Number(process.env.TOP ?? 40));

// CALLERS=name: who calls the functions whose name contains `name`, with the time spent below each call site.
if (process.env.CALLERS) {
  const parentOf = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n);
  const subtree = (n) => (selfUs.get(n.id) ?? 0) + (n.children ?? []).reduce((sum, c) => sum + subtree(byId.get(c)), 0);
  const callers = new Map();
  for (const n of profile.nodes) {
    if (!n.callFrame.functionName.includes(process.env.CALLERS)) continue;
    const p = parentOf.get(n.id);
    const key = `${keyOf(n)}  ←  ${p ? keyOf(p) : '(none)'}`;
    callers.set(key, (callers.get(key) ?? 0) + subtree(n));
  }
  table(`callers of *${process.env.CALLERS}*`, callers, 20);
}
