// Real clients (`pg`, `psql`) logging in to the embedded engine through its wire-protocol front:
// passwords, VALID UNTIL on the injected clock, dropped roles, grants, and clients kept apart on
// PGlite's single session.
import { execFile } from 'node:child_process';
import { connect as netConnect, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedPostgres } from '../../../src/backends/database/embedded/embedded-postgres.js';
import { LoginFront } from '../../../src/backends/database/embedded/login-front.js';

let now = Date.parse('2030-01-01T00:00:00Z');
const embedded = new EmbeddedPostgres({
  now: () => now,
  adminPassword: 'admin-password',
  setupStatements: ['CREATE TABLE items (id int PRIMARY KEY, name text)', "INSERT INTO items VALUES (1, 'first')"],
});
let front: LoginFront;
const clients: pg.Client[] = [];

beforeAll(async () => {
  front = await LoginFront.listen(embedded);
}, 60_000);
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.end().catch(() => undefined)));
});
afterAll(async () => {
  await front.close();
  await embedded.close();
});

/** Vault's creation statements for a read-only role (the seed's app-readonly), valid until `validUntil`. */
async function readOnlyRole(name: string, password: string, validUntil = '2030-01-01 01:00:00+0000'): Promise<void> {
  await embedded.exec([`CREATE ROLE "${name}" WITH LOGIN PASSWORD '${password}' VALID UNTIL '${validUntil}'`, `GRANT SELECT ON ALL TABLES IN SCHEMA public TO "${name}"`]);
}

async function connect(user: string, password: string): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port: front.port, user, password, database: 'appdb' });
  clients.push(client);
  // A connection the server ends (FATAL) reports it as an 'error' event too; tests assert on the query's rejection.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

async function loginError(user: string, password: string): Promise<{ code?: string; severity?: string; message: string }> {
  const err = await connect(user, password).then(
    () => undefined,
    (e: unknown) => e as { code?: string; severity?: string; message: string },
  );
  expect(err).toBeDefined();
  return { code: err!.code, severity: err!.severity, message: err!.message };
}

function psql(user: string, password: string, sql: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('psql', ['-h', '127.0.0.1', '-p', String(front.port), '-U', user, '-d', 'appdb', '-X', '-tAc', sql], { env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '10' } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A raw client: sends the given chunks one by one and collects what the server sends until it closes or `until` matches. */
function rawExchange(chunks: Buffer[], until?: (received: Buffer) => boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket: Socket = netConnect(front.port, '127.0.0.1');
    let received = Buffer.alloc(0);
    socket.on('data', (d) => {
      received = Buffer.concat([received, d]);
      if (until?.(received)) socket.destroy();
    });
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.on('connect', async () => {
      for (const chunk of chunks) await new Promise<void>((done) => socket.write(chunk, () => done()));
    });
  });
}

function startupPacket(version: number, params: Record<string, string>): Buffer {
  const body = Buffer.from(`${Object.entries(params).map(([k, v]) => `${k}\0${v}\0`).join('')}\0`);
  const head = Buffer.alloc(8);
  head.writeInt32BE(body.length + 8, 0);
  head.writeInt32BE(version, 4);
  return Buffer.concat([head, body]);
}

describe('embedded PostgreSQL login front', () => {
  it('answers SSLRequest with N, reassembles a startup packet split across writes, and asks for a cleartext password', async () => {
    const ssl = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);
    const startup = startupPacket(196608, { user: 'someone', database: 'appdb' });
    const received = await rawExchange([ssl, startup.subarray(0, 5), startup.subarray(5)], (r) => r.length >= 10);
    // 'N', then AuthenticationCleartextPassword: 'R', length 8, code 3.
    expect([...received.subarray(0, 10)]).toEqual([0x4e, 0x52, 0, 0, 0, 8, 0, 0, 0, 3]);
  });

  it('refuses a startup packet without a user, protocol 2 and a bad length, as PostgreSQL does', async () => {
    const noUser = (await rawExchange([startupPacket(196608, { database: 'appdb' })])).toString('latin1');
    expect(noUser).toContain('C28000\0Mno PostgreSQL user name specified in startup packet\0');
    const v2 = (await rawExchange([startupPacket(131072, { user: 'x' })])).toString('latin1');
    expect(v2).toContain('C0A000\0Munsupported frontend protocol 2.0: server supports 3.0 to 3.0\0');
    const tooShort = (await rawExchange([Buffer.from([0, 0, 0, 4])])).toString('latin1');
    expect(tooShort).toContain('C08P01\0Minvalid length of startup packet\0');
  });

  it('listens on loopback, on a port of its own (never 5432)', async () => {
    expect(front.host).toBe('127.0.0.1');
    expect(front.port).toBeGreaterThan(0);
    expect(front.port).not.toBe(5432);
    await expect(LoginFront.listen(embedded, { port: 5432 })).rejects.toThrow(/does not listen on 5432/);
  });

  it('logs a role in with its password and enforces its grants (SELECT ok, INSERT 42501)', async () => {
    await readOnlyRole('v-app-readonly-1', 'A1a-first');
    const client = await connect('v-app-readonly-1', 'A1a-first');
    const { rows } = await client.query('SELECT current_user, session_user, count(*)::int AS n FROM items');
    expect(rows).toEqual([{ current_user: 'v-app-readonly-1', session_user: 'v-app-readonly-1', n: 1 }]);
    const err = await client.query("INSERT INTO items VALUES (2, 'denied')").catch((e: { code: string; message: string }) => e);
    expect(err).toMatchObject({ code: '42501', message: 'permission denied for table items' });
    // The connection stays usable after an error, with parameters (extended protocol).
    expect((await client.query('SELECT $1::int + 1 AS answer', [41])).rows).toEqual([{ answer: 42 }]);
  });

  it('refuses a wrong password, an unknown role and a NOLOGIN role with PostgreSQL’s errors', async () => {
    await readOnlyRole('v-app-readonly-2', 'A1a-second');
    expect(await loginError('v-app-readonly-2', 'wrong')).toEqual({ code: '28P01', severity: 'FATAL', message: 'password authentication failed for user "v-app-readonly-2"' });
    expect(await loginError('nobody', 'whatever')).toEqual({ code: '28P01', severity: 'FATAL', message: 'password authentication failed for user "nobody"' });
    await embedded.exec(["CREATE ROLE \"no-login\" NOLOGIN PASSWORD 'pw'"]);
    expect(await loginError('no-login', 'wrong')).toMatchObject({ code: '28P01' });
    expect(await loginError('no-login', 'pw')).toEqual({ code: '28000', severity: 'FATAL', message: 'role "no-login" is not permitted to log in' });
  });

  it('checks VALID UNTIL against the injected clock, not the wall clock', async () => {
    await readOnlyRole('v-app-expiring', 'A1a-expiring', '2030-01-01 01:00:00+0000');
    const early = await connect('v-app-expiring', 'A1a-expiring');
    now = Date.parse('2030-01-01T01:00:01Z');
    expect(await loginError('v-app-expiring', 'A1a-expiring')).toEqual({ code: '28P01', severity: 'FATAL', message: 'password authentication failed for user "v-app-expiring"' });
    // As on a real server, VALID UNTIL governs logins only: the open session keeps working.
    expect((await early.query('SELECT current_user')).rows).toEqual([{ current_user: 'v-app-expiring' }]);
    // Renewal (ALTER ROLE … VALID UNTIL) lets it log in again.
    await embedded.exec(["ALTER ROLE \"v-app-expiring\" VALID UNTIL '2030-01-01 02:00:00+0000'"]);
    await connect('v-app-expiring', 'A1a-expiring');
    now = Date.parse('2030-01-01T00:00:00Z');
  });

  it('refuses a dropped role, and ends a session whose role was dropped', async () => {
    await readOnlyRole('v-app-dropped', 'A1a-dropped');
    const open = await connect('v-app-dropped', 'A1a-dropped');
    const ended = new Promise<unknown>((resolve) => open.once('error', resolve));
    await embedded.exec(['REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "v-app-dropped"', 'DROP ROLE IF EXISTS "v-app-dropped"']);
    expect(await loginError('v-app-dropped', 'A1a-dropped')).toMatchObject({ code: '28P01' });
    const err = await open.query('SELECT 1').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: '28000', message: 'role "v-app-dropped" does not exist' });
    await ended;
  });

  it('keeps each client’s identity when two clients as different roles interleave', async () => {
    await readOnlyRole('v-app-alice', 'A1a-alice');
    await readOnlyRole('v-app-bob', 'A1a-bob');
    const [alice, bob] = await Promise.all([connect('v-app-alice', 'A1a-alice'), connect('v-app-bob', 'A1a-bob')]);
    const who = (c: pg.Client) => c.query<{ u: string; s: string }>('SELECT current_user AS u, session_user AS s').then((r) => r.rows[0]);
    // Both clients have a query in flight at once, five times over (one query per client at a time, as pg wants).
    for (let round = 0; round < 5; round++) {
      expect(await Promise.all([who(alice), who(bob)])).toEqual([
        { u: 'v-app-alice', s: 'v-app-alice' },
        { u: 'v-app-bob', s: 'v-app-bob' },
      ]);
    }
    // A client cannot take over another identity on the shared session.
    const err = await alice.query('SET SESSION AUTHORIZATION postgres').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: '42501', message: 'permission denied to set session authorization "postgres"' });
    expect(await who(bob)).toEqual({ u: 'v-app-bob', s: 'v-app-bob' });
    const denied = await bob.query('SET ROLE postgres').catch((e: unknown) => e);
    expect(denied).toMatchObject({ code: '42501', message: 'permission denied to set role "postgres"' });
  });

  it('keeps a transaction to its client: another client waits and never runs inside it', async () => {
    const writer = await connect('vault_admin', 'admin-password');
    const other = await connect('vault_admin', 'admin-password');
    await writer.query('BEGIN');
    await writer.query("INSERT INTO items VALUES (100, 'uncommitted')");
    let otherDone = false;
    const otherInsert = other.query("INSERT INTO items VALUES (101, 'from other')").then(() => (otherDone = true));
    // The other client's INSERT has been sent but waits for the transaction to end.
    expect((await writer.query('SELECT array_agg(id ORDER BY id) AS ids FROM items WHERE id >= 100')).rows).toEqual([{ ids: [100] }]);
    expect(otherDone).toBe(false);
    await writer.query('ROLLBACK');
    await otherInsert;
    expect((await other.query('SELECT array_agg(id ORDER BY id) AS ids FROM items WHERE id >= 100')).rows).toEqual([{ ids: [101] }]);
  });

  it('rolls back the transaction of a client that disconnects inside it, and frees the session', async () => {
    const quitter = await connect('vault_admin', 'admin-password');
    await quitter.query('BEGIN');
    await quitter.query("INSERT INTO items VALUES (200, 'abandoned')");
    await quitter.end();
    const after = await connect('vault_admin', 'admin-password');
    expect((await after.query('SELECT count(*)::int AS n FROM items WHERE id = 200')).rows).toEqual([{ n: 0 }]);
  });

  it('lets psql log in with PGPASSWORD, and refuses a wrong one', async () => {
    await readOnlyRole('v-app-psql', 'A1a-psql');
    const ok = await psql('v-app-psql', 'A1a-psql', 'SELECT current_user');
    expect(ok).toMatchObject({ code: 0, stdout: 'v-app-psql\n' });
    const bad = await psql('v-app-psql', 'wrong', 'SELECT 1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('FATAL:  password authentication failed for user "v-app-psql"');
  });
});
