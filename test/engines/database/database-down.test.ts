// A database that goes down mid-test: the emulator reaches PostgreSQL through a TCP proxy the test
// closes. Creds then fail with the driver's error, and a lease falling due meanwhile is kept and
// retried with back-off, not lost: once the proxy is back, the retry drops the role.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { call, testEmu } from '../../helpers/emulator.js';
import { PG_URL, pgQuery, pgScratch, skipMessage, type PgScratch } from './real-databases.js';

if (!PG_URL) console.warn(skipMessage('VAULT_EMU_TEST_PG_URL'));

/** A TCP proxy to host:port that can be taken down (closing every connection) and brought back. */
class Proxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}
  async up(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.targetPort, this.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }
  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
    this.server = undefined;
  }
}

describe.skipIf(!PG_URL)('a database that goes down', () => {
  let scratch: PgScratch | undefined;
  let proxy: Proxy | undefined;
  const issued: string[] = [];
  afterEach(async () => {
    await proxy?.down();
    await scratch?.cleanup(issued.splice(0));
    scratch = undefined;
  });

  it("gives the driver's error on creds and keeps retrying the revocation until it is back", async () => {
    scratch = await pgScratch(PG_URL!);
    const s = scratch;
    proxy = new Proxy(s.host, s.port);
    await proxy.up();
    const emu = await testEmu({ clock: 'virtual', clockStart: Date.UTC(2024, 5, 3, 16) });
    await call(emu, 'POST', '/v1/sys/mounts/database', { type: 'database' });
    expect(
      (
        await call(emu, 'POST', '/v1/database/config/flaky', {
          plugin_name: 'postgresql-database-plugin',
          connection_url: `postgresql://{{username}}:{{password}}@127.0.0.1:${proxy.port}/${s.database}?sslmode=disable`,
          username: s.admin,
          password: s.adminPassword,
          allowed_roles: '*',
        })
      ).status,
    ).toBe(204);
    await call(emu, 'POST', '/v1/database/roles/app', {
      db_name: 'flaky',
      creation_statements: `CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';`,
      default_ttl: '1h',
    });
    const creds = await call(emu, 'GET', '/v1/database/creds/app');
    expect(creds.status).toBe(200);
    const { username } = creds.json.data;
    issued.push(username);

    await proxy.down();
    const refused = await call(emu, 'GET', '/v1/database/creds/app');
    expect(refused.status).toBe(500);
    expect(refused.json.errors[0]).toMatch(/connect: connection refused|dial tcp/);

    await emu.clock.advance('1h');
    await emu.clock.advance('1s');
    const exists = async () => (await pgQuery(PG_URL!, 'SELECT 1 FROM pg_roles WHERE rolname = $1', [username])).rowCount === 1;
    expect(await exists()).toBe(true);
    const lookup = await call(emu, 'PUT', '/v1/sys/leases/lookup', { lease_id: creds.json.lease_id });
    expect(lookup.status).toBe(200);
    expect(lookup.json.data.renewable).toBe(false);

    await proxy.up();
    // The next retry comes 10-30 s after the failed attempt (2 × 10 s ± 50 %).
    await emu.clock.advance('29s');
    expect(await exists()).toBe(false);
    expect((await call(emu, 'PUT', '/v1/sys/leases/lookup', { lease_id: creds.json.lease_id })).status).toBe(400);
    expect(emu.backends.database.operations().filter((o) => o.operation === 'delete-user').map((o) => o.outcome.startsWith('ok'))).toEqual([false, true]);
  });
});
