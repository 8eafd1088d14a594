// `node bench/database-inprocess.mjs [creations] [--cpu-prof]`: database/creds reads straight through the
// core (no HTTP) against VAULT_EMU_TEST_PG_URL, 10 at a time, beside the same statement through `pg`
// (BEGIN; CREATE ROLE …; COMMIT, 10 clients), alternating: this process's CPU µs per creation on each
// side, so the difference is the emulator's own work per credential. Drops every role it creates.
// Run `npm run build` first.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createVaultEmu } from '../dist/index.js';

const N = Number(process.argv[2] ?? 2_000);
const CONNECTIONS = 10;
const PG_URL = process.env.VAULT_EMU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CREATION = `CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';`;
const PREFIX = `vbench_${randomBytes(3).toString('hex')}`;
/** This run's role (≤ 8 characters, so all of it is in every username: cleanup finds only ours). */
const DB_ROLE = `b${randomBytes(3).toString('hex')}`;
const emu = await createVaultEmu({ dev: true, rootToken: 'bench-root' });
const core = emu.core;
let seq = 0;
const call = async (operation, path, data = {}) => {
  const out = await core.handle({ id: `r${seq++}`, operation, path, data, clientToken: 'bench-root', headers: {}, now: core.clock.now(), remoteAddress: '127.0.0.1' });
  return out.response ?? out;
};
const u = new URL(PG_URL);
await call('update', 'sys/mounts/database', { type: 'database' });
await call('update', 'database/config/postgres', {
  plugin_name: 'postgresql-database-plugin',
  connection_url: `postgresql://{{username}}@${u.host}${u.pathname}?sslmode=disable`,
  username: decodeURIComponent(u.username || 'postgres'),
  allowed_roles: '*',
  max_open_connections: CONNECTIONS,
});
await call('update', `database/roles/${DB_ROLE}`, { db_name: 'postgres', creation_statements: CREATION, default_ttl: '1h', max_ttl: '24h' });

async function viaEmu(n) {
  let left = n;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (left-- > 0) {
        const out = await call('read', `database/creds/${DB_ROLE}`);
        if (!out.data?.username) throw new Error(`creds failed: ${JSON.stringify(out)}`);
      }
    }),
  );
}

const clients = await Promise.all(Array.from({ length: CONNECTIONS }, async () => { const c = new pg.Client({ connectionString: PG_URL }); await c.connect(); return c; }));
async function direct(n) {
  let left = n;
  await Promise.all(
    clients.map(async (c) => {
      while (left-- > 0) {
        const expiration = new Date(Date.now() + 3_605_000).toISOString().replace('T', ' ').replace('Z', '+0000');
        const stmt = CREATION.replace('{{name}}', `${PREFIX}_d${seq++}`).replace('{{password}}', randomBytes(10).toString('hex')).replace('{{expiration}}', expiration);
        await c.query('BEGIN');
        await c.query(stmt);
        await c.query('COMMIT');
      }
    }),
  );
}

const cpuPer = async (fn, n) => {
  const t0 = process.cpuUsage();
  await fn(n);
  const t = process.cpuUsage(t0);
  if (process.env.VERBOSE) console.error(fn.name, 'user', (t.user / n).toFixed(0), 'system', (t.system / n).toFixed(0));
  return (t.user + t.system) / n;
};
await viaEmu(200);
await direct(200);
const emuCosts = [];
const directCosts = [];
for (let r = 0; r < 3; r++) {
  emuCosts.push(await cpuPer(viaEmu, N));
  if (process.env.ONLY !== 'emu') directCosts.push(await cpuPer(direct, N));
}
const med = (xs) => [...xs].sort((a, b) => a - b)[1] ?? NaN;
console.log(`CPU µs per creation in this process, median of 3 (rounds): vault-emu core ${med(emuCosts).toFixed(0)} (${emuCosts.map((x) => x.toFixed(0)).join(', ')}), pg directly ${med(directCosts).toFixed(0)} (${directCosts.map((x) => x.toFixed(0)).join(', ')})`);
await Promise.all(clients.map((c) => c.end()));
await emu.close();
const admin = new pg.Client({ connectionString: PG_URL });
await admin.connect();
const { rows } = await admin.query(`SELECT rolname FROM pg_roles WHERE rolname LIKE $1 OR rolname LIKE $2 OR rolname LIKE $3`, [`${PREFIX}%`, `v-root-${DB_ROLE}-%`, `v-token-${DB_ROLE}-%`]);
for (const { rolname } of rows) await admin.query(`DROP ROLE IF EXISTS "${rolname.replace(/"/g, '""')}"`);
await admin.end();
console.error(`dropped ${rows.length} benchmark roles`);
