// ACL cost (issue #3): the same KV v2 read with the root token and with a token holding 20 policies of
// 20 rules each (mixed exact, `*` and `+`), against one `vault-emu server -dev` over a real socket.
// The two sides alternate in short rounds so machine drift favours neither. Target: the policy token
// reaches at least 80 % of the root token's throughput. The table replaces this file's section of
// bench/RESULTS.md (`node bench/acl.mjs` after `npm run build`).
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { startEmu, TOKEN, vault as vaultText, fmt, combine } from './harness.mjs';
import { writeResultsSection } from './results-section.mjs';
import { createVaultEmu } from '../dist/index.js';

const HERE = import.meta.dirname;
const HEADING = '## ACL: root token vs a 20 × 20-policy token (`bench/acl.mjs`)';
const ROOT = TOKEN;
/** A request with the root token; the parsed JSON answer. */
const vault = async (url, method, path, body) => {
  const text = await vaultText(url, method, path, body);
  return text ? JSON.parse(text) : undefined;
};
const CONNECTIONS = 10;
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 3_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const POLICIES = 20;
const RULES = 20;
const SECRET = 'secret/data/bench/app-1';


/**
 * Policy i: 8 exact rules, 6 globs and 6 `+` rules on other teams' paths. Policy 0's last glob is the
 * one that grants the read, so every request walks the exact table, the globs and all 120 `+` rules.
 */
function policyText(i) {
  const rules = [];
  for (let j = 0; j < RULES; j++) {
    let path;
    if (j < 8) path = `secret/data/team-${i}/app-${j}`;
    else if (j < 14) path = `secret/data/team-${i}/svc-${j}/*`;
    else path = `secret/+/team-${i}/+/config-${j}`;
    rules.push(`path "${path}" {\n  capabilities = ["read", "list"]\n}`);
  }
  if (i === 0) rules[RULES - 7] = 'path "secret/data/bench/*" {\n  capabilities = ["read"]\n}';
  return `${rules.join('\n')}\n`;
}

function load(port, token) {
  const cfg = {
    host: '127.0.0.1',
    port,
    method: 'GET',
    pathPrefix: `/v1/${SECRET.slice(0, -1)}`,
    numKeys: 1,
    headers: { 'X-Vault-Token': token },
    connections: CONNECTIONS,
    durationMs: ROUND_MS,
  };
  return JSON.parse(execFileSync(process.execPath, [join(HERE, 'load.mjs'), JSON.stringify(cfg)], { encoding: 'utf8' }));
}


/** The policy set and the token, on any emulator (over HTTP or injected). */
async function setup(request) {
  await request('POST', SECRET, { data: { foo: 1 } });
  const names = [];
  for (let i = 0; i < POLICIES; i++) {
    names.push(`bench-${i}`);
    await request('PUT', `sys/policies/acl/bench-${i}`, { policy: policyText(i) });
  }
  const created = await request('POST', 'auth/token/create', { policies: names, no_default_policy: true });
  return created.auth.client_token;
}

/** In-process cost per request of the two pipeline steps that differ between the tokens (µs). */
async function breakdown() {
  const emu = await createVaultEmu({ rootToken: ROOT });
  const token = await setup(async (method, path, body) => {
    const res = await emu.inject({ method, url: `/v1/${path}`, headers: { 'x-vault-token': ROOT }, payload: body && JSON.stringify(body) });
    return res.body ? JSON.parse(res.body) : undefined;
  });
  const core = emu.core;
  const req = { path: SECRET, operation: 'read', data: {} };
  const perCall = (f) => {
    for (let i = 0; i < 2_000; i++) f();
    const n = 50_000;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) f();
    return Number(process.hrtime.bigint() - t0) / n / 1_000;
  };
  const entry = core.authenticate(token);
  const rootEntry = core.authenticate(ROOT);
  const out = {
    lookupRoot: perCall(() => core.authenticate(ROOT)),
    lookupPolicy: perCall(() => core.authenticate(token)),
    aclRoot: perCall(() => core.authorize(rootEntry, req)),
    aclPolicy: perCall(() => core.authorize(entry, req)),
  };
  await emu.close();
  return out;
}

const ok = (s) => (Object.keys(s.statuses).every((k) => k === '200') && s.errors === 0 ? '' : ` (statuses ${JSON.stringify(s.statuses)}, errors ${s.errors})`);

async function main() {
  const machine = `${availableParallelism()} CPUs (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${new Date().toISOString()}`;
  const emu = await startEmu();
  try {
    const token = await setup((method, path, body) => vault(emu.url, method, path, body));

    const runs = { root: [], acl: [] };
    load(emu.port, ROOT); // warm-up, not counted
    for (let r = 0; r < ROUNDS; r++) {
      console.log(`round ${r + 1}/${ROUNDS} …`);
      runs.root.push(load(emu.port, ROOT));
      runs.acl.push(load(emu.port, token));
    }
    emu.child.kill('SIGTERM');
    console.log('in-process breakdown …');
    const cost = await breakdown();
    const root = combine(runs.root);
    const acl = combine(runs.acl);
    const ratio = acl.rps / root.rps;
    const table = [
      HEADING,
      '',
      `- Machine: ${machine}`,
      `- One \`vault-emu server -dev\` process; \`bench/load.mjs\` with ${CONNECTIONS} keep-alive connections reads \`GET /v1/${SECRET}\` (KV v2). ` +
        `The root token and the policy token alternate in ${ROUNDS} rounds of ${ROUND_MS / 1000} s each, after a warm-up round.`,
      `- The policy token holds ${POLICIES} policies of ${RULES} rules (8 exact, 6 \`*\`, 6 \`+\` each, no default); one glob in the first grants the read.`,
      '',
      '| Token | Result | Ratio to root | Target | |',
      '|---|---|---|---|---|',
      `| root | ${fmt(root.rps)} req/s, p50 ${fmt(root.p50, 2)} ms, p99 ${fmt(root.p99, 2)} ms${ok(root)} | 100 % | | |`,
      `| ${POLICIES} × ${RULES} policies | ${fmt(acl.rps)} req/s, p50 ${fmt(acl.p50, 2)} ms, p99 ${fmt(acl.p99, 2)} ms${ok(acl)} | ${fmt(ratio * 100)} % | ≥ 80 % of root | ${ratio >= 0.8 ? 'met' : '**missed**'} |`,
      '',
      'Where the difference comes from, in-process (`createVaultEmu()`, mean of 50,000 calls after a warm-up):',
      '',
      '| Step | root token | policy token |',
      '|---|---|---|',
      `| token lookup (\`core.authenticate\`) | ${fmt(cost.lookupRoot, 2)} µs | ${fmt(cost.lookupPolicy, 2)} µs |`,
      `| ACL check (\`core.authorize\`, compiled ACL cached per policy set) | ${fmt(cost.aclRoot, 2)} µs | ${fmt(cost.aclPolicy, 2)} µs |`,
      '',
    ].join('\n');
    console.log(`\n${table}`);
    writeResultsSection(HEADING, table);
  } finally {
    emu.child.kill('SIGTERM');
  }
}


main().catch((err) => {
  console.error(err);
  process.exit(1);
});
