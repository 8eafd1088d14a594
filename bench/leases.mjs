// Lease manager at scale (issue #4): register 100,000 leases with spread TTLs through the real request
// pipeline (a no-op secrets engine issues them), measure the retained heap per live lease, the cost of
// sys/leases/lookup and renew at 1,000 and at 100,000 live leases, then one clock advance past every
// expiry, which must revoke them all (through the engine) within 2 s.
// Run: `npm run build && node --expose-gc bench/leases.mjs`. The table replaces this file's section of
// bench/RESULTS.md.
import { cpus } from 'node:os';
import { writeResultsSection } from './results-section.mjs';
import { createVaultEmu, defineEngine, secretResponse } from '../dist/index.js';
import { fmt } from './harness.mjs';

const HEADING = '## Leases: 100,000 on the virtual clock (`bench/leases.mjs`)';
const LEASES = Number(process.env.BENCH_LEASES ?? 100_000);
const SMALL = 1_000;
const PROBES = 2_000;
const ROOT = 'bench-root';

if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc bench/leases.mjs');
  process.exit(2);
}

let revoked = 0;
/** Issues a renewable secret whose TTL is given in the path; revoking and renewing do nothing. */
const noop = {
  type: 'noop',
  kind: 'secret',
  runningVersion: 'v0.0.0+bench',
  create: () => {
    const type = { type: 'noop', renew: () => ({ ttl: 3600, maxTtl: 0 }), revoke: () => void revoked++ };
    return defineEngine({
      secretTypes: [type],
      paths: [
        {
          pattern: 'creds/(?<ttl>\\d+)',
          fields: { ttl: { type: 'int' } },
          operations: { read: (_req, d) => secretResponse(type, { value: 'x' }, { n: 1 }, { ttl: d.get('ttl') }) },
        },
      ],
    });
  },
};

const emu = await createVaultEmu({ seed: 'bench', rootToken: ROOT, clock: 'virtual', clockStart: Date.UTC(2030, 0, 1), plugins: [noop] });
const core = emu.core;
let seq = 0;
const request = (operation, path, data = {}) =>
  core.handle({ id: `b${seq++}`, operation, path, data, clientToken: ROOT, headers: {}, now: core.clock.now() });
await request('update', 'sys/mounts/noop', { type: 'noop' });

/** Spread TTLs: one hour to one day, in whole seconds. */
const ttlOf = (i) => 3600 + ((i * 7919) % (23 * 3600));
const ids = [];
async function register(from, to) {
  for (let i = from; i < to; i++) ids.push((await request('read', `noop/creds/${ttlOf(i)}`)).response.leaseId);
}

/** Mean µs of one lookup and one renew over PROBES random live leases. */
async function probe() {
  const pick = () => ids[(seq * 2654435761) % ids.length];
  for (let i = 0; i < PROBES; i++) {
    await request('update', 'sys/leases/lookup', { lease_id: pick() });
    await request('update', 'sys/leases/renew', { lease_id: pick() });
  }
  let t = process.hrtime.bigint();
  for (let i = 0; i < PROBES; i++) await request('update', 'sys/leases/lookup', { lease_id: pick() });
  const lookup = Number(process.hrtime.bigint() - t) / 1e3 / PROBES;
  t = process.hrtime.bigint();
  for (let i = 0; i < PROBES; i++) await request('update', 'sys/leases/renew', { lease_id: pick() });
  const renew = Number(process.hrtime.bigint() - t) / 1e3 / PROBES;
  return { lookup, renew };
}

function heap() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

await register(0, SMALL);
const atSmall = await probe();
const heapBefore = heap();
const registerStart = process.hrtime.bigint();
await register(SMALL, LEASES);
const registerMs = Number(process.hrtime.bigint() - registerStart) / 1e6;
const heapAfter = heap();
const perLease = (heapAfter - heapBefore) / (LEASES - SMALL);
const atLarge = await probe();
const live = core.leases.counts().leases;

const advanceStart = process.hrtime.bigint();
await emu.clock.advance('25h');
const advanceMs = Number(process.hrtime.bigint() - advanceStart) / 1e6;
const left = core.leases.counts().leases;
await emu.close();

const flat = (a, b) => `${fmt(b / a, 2)}×`;
const rows = [
  ['leases registered (through core.handle)', fmt(live), `${fmt(registerMs)} ms (${fmt((registerMs * 1000) / (LEASES - SMALL), 1)} µs each)`],
  ['retained heap per live lease', `${fmt(perLease)} B`, 'target ≤ 1,024 B'],
  ['sys/leases/lookup, mean', `${fmt(atSmall.lookup, 1)} µs at ${fmt(SMALL)} → ${fmt(atLarge.lookup, 1)} µs at ${fmt(LEASES)}`, flat(atSmall.lookup, atLarge.lookup)],
  ['sys/leases/renew, mean', `${fmt(atSmall.renew, 1)} µs at ${fmt(SMALL)} → ${fmt(atLarge.renew, 1)} µs at ${fmt(LEASES)}`, flat(atSmall.renew, atLarge.renew)],
  ['one advance past every expiry', `${fmt(advanceMs)} ms`, `revoked ${fmt(revoked)}, left ${fmt(left)}; target ≤ 2,000 ms`],
];
const table = ['| measure | value | note |', '|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const section = `${HEADING}

${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; in-process (\`createVaultEmu\`, virtual clock), a no-op engine issuing renewable secrets with TTLs spread from 1 h to 24 h.

${table}
`;
console.log(section);
if (revoked !== LEASES || left !== 0) {
  console.error(`expected ${LEASES} revocations and none left, got ${revoked} and ${left}`);
  process.exitCode = 1;
}
if (!process.env.BENCH_NO_WRITE) writeResultsSection(HEADING, section);

