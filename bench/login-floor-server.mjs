// A reference, not an emulator: the least a node:http server can do per AppRole login and still hand
// out a token. It checks only that role_id and secret_id are present, makes a token id and accessor
// from pooled randomness, computes the two HMAC-SHA256 and the SHA-1 a login needs (salted id, SSC
// signature, salted accessor) with one-shot hashes, keeps the token entry, accessor index and lease as
// JSON text in one Map plus an expiry in an array (or, with `discard`, keeps nothing), and answers a
// login-shaped JSON written as one template. No policies, lockout, entities, metrics, audit, TTL rules,
// Go wire details or error handling. `bench/approle-floor.mjs` compares it with bare node:http and vault-emu.
import { hash, randomFillSync } from 'node:crypto';
import { createServer } from 'node:http';

const keep = process.argv[2] !== 'discard';
const records = new Map();
const expiries = [];
const pool = Buffer.alloc(8192);
let used = pool.length;
function take(n) {
  if (used + n > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += n;
  return used - n;
}
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function base62(n) {
  const at = take(n);
  let out = '';
  for (let i = 0; i < n; i++) out += BASE62[pool[at + i] % 62];
  return out;
}
// HMAC with an all-zero key: the padded blocks are constants.
const inner = Buffer.alloc(64 + 256, 0x36);
const outer = Buffer.alloc(64 + 32, 0x5c);
function hmacHex(message) {
  const n = inner.write(message, 64);
  hash('sha256', inner.subarray(0, 64 + n), 'buffer').copy(outer, 64);
  return hash('sha256', outer, 'hex');
}
const store = (key, value) => {
  if (keep) records.set(key, JSON.stringify(value));
};

const server = createServer({ keepAliveTimeout: 5000 }, (req, res) => {
  let text = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => (text += chunk));
  req.on('end', () => {
    const body = JSON.parse(text);
    if (!body.role_id || !body.secret_id) {
      res.writeHead(400);
      res.end();
      return;
    }
    const id = `hvs.${base62(24)}`;
    const accessor = base62(24);
    const salted = `h${hmacHex(id)}`;
    const now = Date.now();
    const metadata = { role_name: 'benchmark-role' };
    store(`sys/token/id/${salted}`, {
      parent: '', policies: ['default'], path: 'auth/approle/login', meta: metadata, display_name: 'approle', num_uses: 0,
      creation_time: Math.floor(now / 1000), ttl: 2764800, explicit_max_ttl: 0, period: 0, role: '', entity_id: 'e', type: 'service', id, accessor,
    });
    store(`sys/token/accessor/${hash('sha1', `salt${accessor}`, 'hex')}`, { token_id: id, accessor_id: accessor, namespace_id: 'root' });
    const leaseId = `auth/approle/login/${salted}`;
    store(`sys/expire/id/${leaseId}`, {
      lease_id: leaseId, client_token: id, path: 'auth/approle/login', issue_time: now, expire_time: now + 2764800000, last_renewal_time: 0,
      auth: { ttl: 2764800, renewable: true, policies: ['default'], metadata, accessor, entity_id: 'e', orphan: true, num_uses: 0, period: 0, explicit_max_ttl: 0, max_ttl: 0, internal: metadata },
    });
    if (keep) expiries.push(now + 2764800000);
    const token = `hvs.${hmacHex(id)}${id.slice(4)}`;
    const out =
      `{"request_id":"${base62(8)}-${base62(4)}-${base62(4)}-${base62(4)}-${base62(12)}","lease_id":"","renewable":false,"lease_duration":0,"data":null,` +
      `"wrap_info":null,"warnings":null,"auth":{"client_token":"${token}","accessor":"${accessor}","policies":["default"],"token_policies":["default"],` +
      `"metadata":{"role_name":"benchmark-role"},"lease_duration":2764800,"renewable":true,"entity_id":"e","token_type":"service","orphan":true,` +
      `"mfa_requirement":null,"num_uses":0},"mount_type":""}\n`;
    res.writeHead(200, { 'cache-control': 'no-store', 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) });
    res.end(out);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
