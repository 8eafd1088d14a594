// The embedded engine's PostgreSQL wire-protocol server (127.0.0.1, protocol v3). PGlite has no
// login path, so this front does what the postmaster would: refuses TLS/GSS encryption ('N'; loopback
// only), asks for the password in cleartext (AuthenticationCleartextPassword: SCRAM's exchange would
// add nothing on loopback), checks it against the role's verifier in pg_authid and VALID UNTIL on the
// emulator's clock, then runs the client's messages as that role.
//
// PGlite is one session shared by every client, so a client holds it from the moment it sends
// messages until PGlite reports ReadyForQuery 'I' (idle): a transaction, or an extended-protocol
// exchange not yet Sync'ed, keeps other clients queued. Each time a client takes the session, its
// SET SESSION AUTHORIZATION is re-established if someone else ran in between.
//
// Roles dropped while a client is connected: the next time that client needs the session, its role
// cannot be set, and the connection ends with FATAL 28000 `role "…" does not exist` (a real server
// keeps such a session alive but it can no longer do anything its grants allowed). Roles past VALID
// UNTIL keep their open sessions, as on a real server: VALID UNTIL only governs new logins.
import { createServer, type Server, type Socket } from 'node:net';
import type { EmbeddedPostgres, HeldSession } from './embedded-postgres.js';
import { checkLogin, type StoredRole } from './password-check.js';
import * as wire from './wire.js';

export interface LoginFrontOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). 5432 is refused: it belongs to a real PostgreSQL. */
  port?: number;
}

const SYNC = Buffer.from([0x53, 0, 0, 0, 4]);

export class LoginFront {
  private readonly server: Server;
  private readonly connections = new Set<FrontConnection>();
  private nextBackendPid = 1;

  private constructor(
    private readonly embedded: EmbeddedPostgres,
    server: Server,
  ) {
    this.server = server;
  }

  /** Listens; the embedded engine boots when the first client logs in (if not already running). */
  static async listen(embedded: EmbeddedPostgres, options: LoginFrontOptions = {}): Promise<LoginFront> {
    const port = options.port ?? 0;
    if (port === 5432) throw new Error('the embedded PostgreSQL front does not listen on 5432 (a real PostgreSQL uses it); choose another port or 0');
    const server = createServer();
    const front = new LoginFront(embedded, server);
    server.on('connection', (socket) => front.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, options.host ?? '127.0.0.1', () => resolve());
    });
    return front;
  }

  get port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  get host(): string {
    const address = this.server.address();
    return typeof address === 'object' && address ? address.address : '127.0.0.1';
  }

  /** Stops listening and ends every connection (open transactions are rolled back). */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    await Promise.all([...this.connections].map((c) => c.terminate(true)));
    await closed;
  }

  private accept(socket: Socket): void {
    const connection = new FrontConnection(this.embedded, socket, this.nextBackendPid++, () => this.connections.delete(connection));
    this.connections.add(connection);
  }
}

class FrontConnection {
  private phase: 'startup' | 'password' | 'ready' | 'closed' = 'startup';
  private buffer: Buffer = Buffer.alloc(0);
  private user = '';
  private applicationName = '';
  private session?: HeldSession;
  /** This client's work, in order: batches of messages, then the clean-up. */
  private chain: Promise<void> = Promise.resolve();
  private ended?: Promise<void>;

  constructor(
    private readonly embedded: EmbeddedPostgres,
    private readonly socket: Socket,
    private readonly backendPid: number,
    private readonly onEnd: () => void,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('close', () => void this.terminate());
    socket.on('error', () => void this.terminate());
  }

  /** Ends the connection once its queued work is done, giving the session back in a clean state. */
  terminate(destroy = false): Promise<void> {
    if (destroy) void this.ended?.then(() => this.socket.destroy());
    this.ended ??= (async () => {
      this.phase = 'closed';
      await this.chain.catch(() => undefined);
      await this.releaseSession(true);
      // end(), not destroy(): a FATAL error written just before must still reach the client.
      this.socket.end();
      this.onEnd();
      if (destroy) this.socket.destroy();
    })();
    return this.ended;
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    while (this.phase === 'startup') {
      const taken = wire.takeStartupPacket(this.buffer);
      if (!taken) return;
      this.buffer = taken.rest;
      this.startup(taken.packet);
    }
    if (this.phase === 'closed') return;
    const { messages, rest, invalid } = wire.takeMessages(this.buffer);
    this.buffer = rest;
    if (invalid) return this.fail({ severity: 'FATAL', code: '08P01', message: 'invalid message length' });
    if (!messages.length) return;
    if (this.phase === 'password') {
      const [first] = messages;
      if (first!.type !== 'p') return this.fail({ severity: 'FATAL', code: '08P01', message: `expected password response, got message type ${first!.raw[0]}` });
      const password = first!.body.subarray(0, Math.max(0, first!.body.indexOf(0))).toString('utf8');
      this.phase = 'ready';
      this.enqueue(() => this.login(password));
      return;
    }
    const terminateAt = messages.findIndex((m) => m.type === 'X');
    const forwarded = terminateAt === -1 ? messages : messages.slice(0, terminateAt);
    if (forwarded.length) {
      const batch = Buffer.concat(forwarded.map((m) => m.raw));
      this.enqueue(() => this.run(batch));
    }
    if (terminateAt !== -1) void this.terminate();
  }

  private startup(packet: Buffer): void {
    if (packet.length < 8) {
      this.fail({ severity: 'FATAL', code: '08P01', message: 'invalid length of startup packet' });
      return;
    }
    const code = packet.readInt32BE(4);
    if (code === wire.SSL_REQUEST || code === wire.GSSENC_REQUEST) {
      this.socket.write('N');
      return;
    }
    if (code === wire.CANCEL_REQUEST) {
      // Queries cannot be cancelled here: PGlite runs each one to completion.
      void this.terminate();
      return;
    }
    if (code >> 16 !== 3) {
      this.fail({ severity: 'FATAL', code: '0A000', message: `unsupported frontend protocol ${code >> 16}.${code & 0xffff}: server supports 3.0 to 3.0` });
      return;
    }
    const params = wire.startupParameters(packet);
    if (!params.user) {
      this.fail({ severity: 'FATAL', code: '28000', message: 'no PostgreSQL user name specified in startup packet' });
      return;
    }
    // The embedded engine has one database: every database name a client asks for is served by it.
    this.user = params.user;
    this.applicationName = params.application_name ?? '';
    this.phase = 'password';
    this.socket.write(wire.authenticationCleartextPassword());
  }

  private async login(password: string): Promise<void> {
    const [stored] = await this.embedded.query<StoredRole>('SELECT rolname, rolcanlogin, rolsuper, rolpassword, rolvaliduntil FROM pg_authid WHERE rolname = $1', [this.user]);
    const check = checkLogin(stored, password, this.embedded.now());
    if (!check.ok) {
      const message = check.reason === 'nologin' ? `role "${this.user}" is not permitted to log in` : `password authentication failed for user "${this.user}"`;
      return this.fail({ severity: 'FATAL', code: check.reason === 'nologin' ? '28000' : '28P01', message });
    }
    const settings = await this.embedded.serverSettings();
    const status: [string, string][] = [
      ['application_name', this.applicationName],
      ['client_encoding', 'UTF8'],
      ['DateStyle', settings.dateStyle],
      ['default_transaction_read_only', 'off'],
      ['in_hot_standby', 'off'],
      ['integer_datetimes', 'on'],
      ['IntervalStyle', settings.intervalStyle],
      ['is_superuser', check.role.rolsuper ? 'on' : 'off'],
      ['server_encoding', 'UTF8'],
      ['server_version', settings.serverVersion],
      ['session_authorization', this.user],
      ['standard_conforming_strings', 'on'],
      ['TimeZone', settings.timeZone],
    ];
    this.socket.write(Buffer.concat([wire.authenticationOk(), ...status.map(([n, v]) => wire.parameterStatus(n, v)), wire.backendKeyData(this.backendPid, 0), wire.readyForQuery('I')]));
  }

  /** Passes one batch of complete messages to PGlite as this client's role; keeps the session while not idle. */
  private async run(batch: Buffer): Promise<void> {
    if (this.phase === 'closed') return;
    if (!this.session) {
      try {
        this.session = await this.embedded.acquireSession(this.user);
      } catch {
        return this.fail({ severity: 'FATAL', code: '28000', message: `role "${this.user}" does not exist` });
      }
    }
    // PGlite's authenticated user is the superuser, so PostgreSQL lets any client switch to any
    // role; a real login of this role may not. PGlite in single-user mode reports no
    // ParameterStatus, so ask, between exchanges (an aborted transaction cannot have switched).
    // Simple queries get the question appended to the same call (one PGlite call, not two).
    const asked = wire.appendSessionUserQuery(batch);
    const answer = await this.session.db.execProtocolRaw(asked ?? batch);
    const { output, status, sessionUser } = asked ? wire.splitSessionUserAnswer(answer) : { output: answer, status: wire.scanBackendOutput(answer).readyStatus, sessionUser: undefined };
    if (status === 'I' || status === 'T') {
      const u = sessionUser ?? ((await this.session.db.query<{ u: string }>('SELECT session_user AS u')).rows as [{ u: string }])[0].u;
      if (u !== this.user) {
        this.embedded.forgetAuthorization();
        return this.fail({ severity: 'FATAL', code: '42501', message: `permission denied to set session authorization "${u}"` });
      }
    }
    // The client may have gone while PGlite worked.
    if (!this.closed()) this.socket.write(output);
    if (status === 'I') await this.releaseSession(false);
  }

  /** Gives the session back; when the client leaves mid-exchange or mid-transaction, closes those first. */
  private async releaseSession(abandon: boolean): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.session = undefined;
    try {
      if (abandon) {
        await session.db.execProtocolRaw(SYNC);
        await session.db.exec('ROLLBACK');
      }
    } catch {
      this.embedded.forgetAuthorization();
    } finally {
      session.release();
    }
  }

  private closed(): boolean {
    return this.phase === 'closed';
  }

  private enqueue(work: () => Promise<void>): void {
    this.chain = this.chain.then(work).catch(() => this.fail({ severity: 'FATAL', code: 'XX000', message: 'the embedded PostgreSQL failed' }));
  }

  /** Sends a FATAL error and closes, as the postmaster does. */
  private fail(error: wire.ErrorFields): void {
    if (this.phase !== 'closed' && !this.socket.destroyed) this.socket.write(wire.errorResponse(error));
    this.phase = 'closed';
    this.socket.end();
    void this.terminate();
  }
}
