// Load generator, run as its own process so it never shares the server's event loop: N keep-alive
// connections over raw sockets, one request in flight on each (like vault-benchmark's vegeta workers
// at an unlimited rate). Prints one JSON line: requests, req/s, latency percentiles, status counts.
import { connect } from 'node:net';

const cfg = JSON.parse(process.argv[2]);
// cfg: { host, port, method, pathPrefix, numKeys, path?, body?, headers: {}, connections, durationMs }
// (`path`, when given, is requested as it is: no key number appended.)

const bodyBuf = cfg.body ? Buffer.from(cfg.body) : undefined;
const headerLines = Object.entries(cfg.headers ?? {})
  .map(([k, v]) => `${k}: ${v}\r\n`)
  .join('');

function requestFor() {
  // vault-benchmark picks a secret number uniformly in 1..numKeys for every request.
  const n = 1 + Math.floor(Math.random() * cfg.numKeys);
  const head =
    `${cfg.method} ${cfg.path ?? `${cfg.pathPrefix}${n}`} HTTP/1.1\r\nHost: ${cfg.host}:${cfg.port}\r\n${headerLines}` +
    (bodyBuf ? `Content-Type: application/json\r\nContent-Length: ${bodyBuf.length}\r\n` : '') +
    '\r\n';
  return bodyBuf ? Buffer.concat([Buffer.from(head), bodyBuf]) : Buffer.from(head);
}

const latencies = [];
const statuses = {};
let errors = 0;
const deadline = performance.now() + cfg.durationMs;
const started = performance.now();

function runConnection() {
  return new Promise((resolve) => {
    const socket = connect({ host: cfg.host, port: cfg.port, noDelay: true });
    let buf = Buffer.alloc(0);
    let sentAt = 0n;
    const send = () => {
      if (performance.now() >= deadline) {
        socket.end();
        return resolve();
      }
      sentAt = process.hrtime.bigint();
      socket.write(requestFor());
    };
    socket.on('connect', send);
    socket.on('error', () => {
      errors++;
      resolve();
    });
    socket.on('data', (chunk) => {
      buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
      for (;;) {
        const headEnd = buf.indexOf('\r\n\r\n');
        if (headEnd === -1) return;
        const head = buf.subarray(0, headEnd).toString('latin1');
        const status = Number(head.slice(9, 12));
        const cl = /\r\ncontent-length:\s*(\d+)/i.exec(head);
        let total;
        if (cl) total = headEnd + 4 + Number(cl[1]);
        else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
          const end = buf.indexOf('\r\n0\r\n\r\n', headEnd);
          if (end === -1) return;
          total = end + 7;
        } else total = headEnd + 4;
        if (buf.length < total) return;
        buf = buf.subarray(total);
        latencies.push(Number(process.hrtime.bigint() - sentAt) / 1e6);
        statuses[status] = (statuses[status] ?? 0) + 1;
        send();
      }
    });
  });
}

await Promise.all(Array.from({ length: cfg.connections }, runConnection));
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : 0);
process.stdout.write(
  `${JSON.stringify({ requests: latencies.length, seconds: elapsed, rps: latencies.length / elapsed, p50: pct(50), p99: pct(99), statuses, errors })}\n`,
);
