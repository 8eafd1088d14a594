// `node bench/login-inprocess.mjs [logins] [--cpu-prof]`: AppRole logins straight through the core
// (no HTTP), for the µs of server work one login costs. vault-benchmark's approle_auth setup: role
// `benchmark-role` with defaults. Reports the best of 5 batches. Run `npm run build` first.
import { createVaultEmu } from '../dist/index.js';

const N = Number(process.argv[2] ?? 20_000);
const emu = await createVaultEmu({ dev: true, rootToken: 'bench-root' });
const core = emu.core;
let seq = 0;
const call = async (operation, path, data = {}, clientToken = 'bench-root') => {
  const out = await core.handle({ id: `r${seq++}`, operation, path, data, clientToken, headers: {}, now: core.clock.now(), remoteAddress: '127.0.0.1' });
  return out.response ?? out;
};
await call('update', 'sys/auth/approle', { type: 'approle' });
await call('update', 'auth/approle/role/benchmark-role', {});
const roleId = (await call('read', 'auth/approle/role/benchmark-role/role-id')).data.role_id;
const secretId = (await call('update', 'auth/approle/role/benchmark-role/secret-id', {})).data.secret_id;
const first = await call('update', 'auth/approle/login', { role_id: roleId, secret_id: secretId }, '');
if (!first.auth?.client_token) throw new Error(`login failed: ${JSON.stringify(first)}`);

const results = [];
for (let batch = 0; batch < 5; batch++) {
  const t0 = process.cpuUsage();
  for (let i = 0; i < N; i++) await call('update', 'auth/approle/login', { role_id: roleId, secret_id: secretId }, '');
  const t = process.cpuUsage(t0);
  results.push((t.user + t.system) / N);
}
console.log(`AppRole login through the core: best ${Math.min(...results).toFixed(1)} µs CPU per login (batches: ${results.map((r) => r.toFixed(1)).join(', ')}; ${N} logins each)`);
process.exit(0);
