// The embedded PostgreSQL engine (PGlite) from a cold process: boot without the data-dir cache
// (initdb in WASM), boot with it, and the first credential with a warm cache (Vault's creation
// statements for a read-only role, then a `pg` login through the wire-protocol front and one SELECT).
// The issue's target: first credential on the embedded engine with a warm cache ≤ 2 s, measured end to
// end as a user sees it: import the package, startVaultEmu(), mount, config (a production-style
// connection_url whose host the embedded engine serves), role, GET database/creds over HTTP.
// Each measurement is a fresh `node` process (WASM compilation and module loading included), timed
// from before the import. Run: `npm run build && node bench/embedded-pg.mjs [rounds]` (default 3).
// The table replaces this file's section of bench/RESULTS.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

/** vault-benchmark's postgresql_secret creation statement. */
const CREATION = `CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';`;
const HEADING = '## Embedded PostgreSQL: boot and first credential (`bench/embedded-pg.mjs`)';

/** One measurement in this process; prints its times (ms) as JSON. */
async function child(kind, cacheDir) {
  const t0 = performance.now();
  const { EmbeddedPostgres } = await import('../dist/backends/database/embedded/embedded-postgres.js');
  const { LoginFront } = await import('../dist/backends/database/embedded/login-front.js');
  const embedded = new EmbeddedPostgres({ now: () => Date.now(), cacheDir, adminPassword: 'admin', setupStatements: ['CREATE TABLE items (id int)'] });
  await embedded.query('SELECT 1');
  const booted = performance.now() - t0;
  const result = { kind, source: embedded.bootInfo.source, booted };
  if (kind === 'credential') {
    const pg = (await import('pg')).default;
    const front = await LoginFront.listen(embedded);
    const t1 = performance.now();
    const validUntil = new Date(Date.now() + 3_600_000).toISOString();
    await embedded.exec([`CREATE ROLE "v-bench" WITH LOGIN PASSWORD 'A1a-bench' VALID UNTIL '${validUntil}'`, 'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "v-bench"']);
    result.statements = performance.now() - t1;
    const client = new pg.Client({ host: '127.0.0.1', port: front.port, user: 'v-bench', password: 'A1a-bench', database: 'appdb' });
    await client.connect();
    await client.query('SELECT count(*) FROM items');
    result.login = performance.now() - t1 - result.statements;
    result.total = performance.now() - t0;
    await client.end();
    await front.close();
  }
  await embedded.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** startVaultEmu() → the first credential over HTTP, as a user's test would get it; prints its times (ms). */
async function emulatorChild(cacheDir) {
  // The handle does not say how the engine booted: a cache file present beforehand means a warm start.
  const source = readdirSync(cacheDir).length > 0 ? 'cache' : 'fresh';
  const t0 = performance.now();
  const { startVaultEmu } = await import('../dist/index.js');
  const emu = await startVaultEmu({ dev: true, rootToken: 'bench-root', embeddedPostgres: { cacheDir } });
  const started = performance.now() - t0;
  const call = async (method, path, body) => {
    const res = await fetch(`${emu.url}/v1/${path}`, { method, headers: { 'X-Vault-Token': 'bench-root' }, body: body && JSON.stringify(body) });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  await call('POST', 'sys/mounts/database', { type: 'database' });
  await call('POST', 'database/config/appdb', {
    plugin_name: 'postgresql-database-plugin',
    connection_url: 'postgresql://{{username}}:{{password}}@db-primary.corp.local:5432/appdb',
    username: 'vault_admin',
    password: 'bench-admin-password',
    allowed_roles: '*',
  });
  const configured = performance.now() - t0;
  await call('POST', 'database/roles/app', { db_name: 'appdb', creation_statements: CREATION, default_ttl: '1h' });
  const creds = await call('GET', 'database/creds/app');
  const total = performance.now() - t0;
  if (!creds.data?.username || emu.backends.embeddedPostgres === undefined) throw new Error('no credential from the embedded engine');
  await emu.close();
  process.stdout.write(`${JSON.stringify({ kind: 'emulator', source, started, configured, total })}\n`);
}

function measure(kind, cacheDir) {
  const out = execFileSync(process.execPath, [import.meta.filename, '--child', kind, cacheDir], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop());
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => `${Math.round(median(xs))} ms (${xs.map((x) => Math.round(x)).join(', ')})`;

async function main() {
  const rounds = Number(process.argv[2] ?? 3);
  const cold = [];
  const warm = [];
  const credential = [];
  const viaEmulator = [];
  for (let i = 0; i < rounds; i++) {
    const cacheDir = mkdtempSync(join(tmpdir(), 'vault-emu-bench-cache-'));
    try {
      const c = measure('boot', cacheDir); // empty directory: initdb, then the cache is written
      const w = measure('boot', cacheDir);
      const f = measure('credential', cacheDir);
      const e = measure('emulator', cacheDir);
      if (c.source !== 'fresh' || w.source !== 'cache' || f.source !== 'cache' || e.source !== 'cache') throw new Error(`unexpected boot sources ${c.source}/${w.source}/${f.source}/${e.source}`);
      viaEmulator.push(e);
      cold.push(c.booted);
      warm.push(w.booted);
      credential.push(f);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }
  const total = viaEmulator.map((e) => e.total);
  const rows = [
    ['**First credential after startVaultEmu(), warm cache: import, startVaultEmu, mount, config, role, GET database/creds over HTTP**', fmt(total)],
    ['… of which import and startVaultEmu() (the engine boots lazily, on the config)', fmt(viaEmulator.map((e) => e.started))],
    ['… of which mount and config (the engine boots here: verify_connection logs in through the front)', fmt(viaEmulator.map((e) => e.configured - e.started))],
    ['… of which role and GET database/creds', fmt(viaEmulator.map((e) => e.total - e.configured))],
    ['Cold boot (no cache: initdb, cache written) → first query', fmt(cold)],
    ['Warm boot (from the cache) → first query', fmt(warm)],
    ['The engine alone (no emulator), warm cache: boot + statements + `pg` login + SELECT', fmt(credential.map((f) => f.total))],
    ['… of which the creation statements', fmt(credential.map((f) => f.statements))],
    ['… of which the login through the front and the SELECT', fmt(credential.map((f) => f.login))],
  ];
  const target = median(total) <= 2000 ? 'met' : 'NOT met';
  const text = `${HEADING}

${new Date().toISOString().slice(0, 10)}, ${cpus().length} CPUs, Node ${process.version}, ${rounds} rounds, each measurement a fresh process timed from before the import; median (all rounds).

| Measurement | Median (rounds) |
|---|---|
${rows.map(([a, b]) => `| ${a} | ${b} |`).join('\n')}

Target (first credential after startVaultEmu() with a warm cache ≤ 2 s, the first row): ${target}. The config is vault-benchmark's postgresql_secret role on \`postgresql://{{username}}:{{password}}@db-primary.corp.local:5432/appdb\` (a non-loopback host: the embedded engine serves it); each round uses its own cache directory, filled by the cold boot.
`;
  process.stdout.write(`${text}\n`);
  const { writeResultsSection } = await import('./results-section.mjs');
  writeResultsSection(HEADING, text);
}

if (process.argv[2] === '--child') await (process.argv[3] === 'emulator' ? emulatorChild(process.argv[4]) : child(process.argv[3], process.argv[4]));
else await main();
