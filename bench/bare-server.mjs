// The ceiling: a bare node:http server that answers every request with one fixed JSON body
// (passed in as an argument, so it can be the very body vault-emu sends for a KV v2 read).
import { createServer } from 'node:http';

const body = Buffer.from(process.argv[2] ?? '{"ok":true}');
const server = createServer({ keepAliveTimeout: 5000 }, (req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': body.length });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
