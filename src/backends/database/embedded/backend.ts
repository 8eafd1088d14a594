// The embedded engine behind the DatabaseBackend interface: the postgresql-database-plugin itself
// (PostgresDatabaseBackend, with every Vault default and error text), connected through the login
// front to the emulator's embedded PostgreSQL instead of the host in connection_url. The admin
// credentials are real: the plugin logs in with the config's username and password, so rotate-root
// changes a password that the front then checks.
import type { DatabaseBackend, DeleteUserRequest, InitializeRequest, NewUserRequest, PluginRandom, UpdateUserRequest } from '../database-backend.js';
import { configString, DatabasePluginError } from '../database-backend.js';
import { PostgresDatabaseBackend } from '../postgres.js';
import { scramSha256Verifier } from '../scram.js';
import { EmbeddedPostgres, quoteIdent, quoteLiteral, type EmbeddedPostgresOptions } from './embedded-postgres.js';
import { LoginFront, type LoginFrontOptions } from './login-front.js';

/** One emulator's embedded PostgreSQL and its front, both started on first use. */
export class EmbeddedPostgresServer {
  readonly embedded: EmbeddedPostgres;
  private starting?: Promise<LoginFront>;

  constructor(
    options: EmbeddedPostgresOptions,
    private readonly frontOptions: LoginFrontOptions = {},
  ) {
    this.embedded = new EmbeddedPostgres(options);
  }

  /** The front (listening), after the engine booted. */
  front(): Promise<LoginFront> {
    this.starting ??= this.embedded.start().then(() => LoginFront.listen(this.embedded, this.frontOptions));
    return this.starting;
  }

  /**
   * The admin role's password, set by the first database config that names that role while it has
   * none (the embedded engine is created empty, like a server whose admin a provisioning script is
   * about to be given). Any other user must exist already, as on a real server; an existing password
   * is never overwritten (after rotate-root the configured one is the rotated one).
   */
  async claimAdminPassword(username: string, password: string, salt: () => Buffer): Promise<void> {
    if (username !== this.embedded.adminRole || password === '') return;
    const [role] = await this.embedded.query<{ has_password: boolean }>('SELECT rolpassword IS NOT NULL AS has_password FROM pg_authid WHERE rolname = $1', [username]);
    if (!role || role.has_password) return;
    // The verifier PostgreSQL would store, made here: PGlite's SCRAM in WASM, not yet optimised so soon
    // after boot, takes a few hundred milliseconds. SASLprep is the identity only for printable ASCII.
    const secret = /^[\x20-\x7e]*$/.test(password) ? scramSha256Verifier(password, salt(), this.embedded.scramIterations) : password;
    await this.embedded.query(`ALTER ROLE ${quoteIdent(username)} WITH PASSWORD ${quoteLiteral(secret)}`);
  }

  async close(): Promise<void> {
    const front = await this.starting?.catch(() => undefined);
    await front?.close();
    await this.embedded.close();
  }
}

/** connection_url with its host and port replaced by the front's, and TLS off (the front is loopback only). */
export function connectionUrlToFront(connectionUrl: string, host: string, port: number): string {
  const url = /^(postgres(?:ql)?:\/\/)((?:[^@/?#]*@)?)([^/?#]*)(.*)$/.exec(connectionUrl);
  if (url) {
    const [, scheme, userinfo, , rest] = url;
    const query = /sslmode=/.test(rest!) ? rest!.replace(/sslmode=[^&#]*/, 'sslmode=disable') : rest!;
    return `${scheme}${userinfo}${host}:${port}${query}`;
  }
  // key=value DSN
  let dsn = connectionUrl.replace(/\bhost\s*=\s*('(?:[^'\\]|\\.)*'|\S*)/, `host=${host}`).replace(/\bport\s*=\s*\S*/, `port=${port}`).replace(/\bsslmode\s*=\s*\S*/, 'sslmode=disable');
  if (!/\bhost\s*=/.test(dsn)) dsn += ` host=${host}`;
  if (!/\bport\s*=/.test(dsn)) dsn += ` port=${port}`;
  return dsn;
}

/** The host and port a connection_url names (URL or DSN), as pgx would default them. */
export function connectionUrlAddress(connectionUrl: string): { host: string; port: number } {
  const url = /^postgres(?:ql)?:\/\/(?:[^@/?#]*@)?([^/?#]*)/.exec(connectionUrl);
  if (url) {
    const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(url[1]!)!;
    return { host: m[1] || 'localhost', port: m[2] ? Number(m[2]) : 5432 };
  }
  const host = /\bhost\s*=\s*'?([^'\s]*)/.exec(connectionUrl)?.[1];
  const port = /\bport\s*=\s*(\d+)/.exec(connectionUrl)?.[1];
  return { host: host || 'localhost', port: port ? Number(port) : 5432 };
}

export interface EmbeddedBackendOptions {
  /** Which configured servers the embedded engine stands in for (default: every one); others are connected to for real. */
  servesAddress?: (address: { host: string; port: number }) => boolean;
}

export class EmbeddedPostgresDatabaseBackend implements DatabaseBackend {
  private readonly plugin: PostgresDatabaseBackend;
  /** The front's address as the plugin sees it, and the configured one errors should name instead. */
  private addresses?: { front: { host: string; port: number }; configured: { host: string; port: number } };

  constructor(
    private readonly server: EmbeddedPostgresServer,
    private readonly random: PluginRandom,
    private readonly options: EmbeddedBackendOptions = {},
  ) {
    this.plugin = new PostgresDatabaseBackend(random);
  }

  async initialize(req: InitializeRequest): Promise<{ config: Record<string, unknown> }> {
    const connectionUrl = configString(req.config, 'connection_url');
    const configured = connectionUrlAddress(connectionUrl);
    if (connectionUrl === '' || !(this.options.servesAddress?.(configured) ?? true)) {
      this.addresses = undefined;
      return this.plugin.initialize(req);
    }
    const front = await this.server.front();
    await this.server.claimAdminPassword(configString(req.config, 'username'), configString(req.config, 'password'), () => this.random.bytes(16));
    const config = { ...req.config, connection_url: connectionUrlToFront(connectionUrl, front.host, front.port) };
    this.addresses = { front: { host: front.host, port: front.port }, configured };
    await this.withConfiguredAddress(this.plugin.initialize({ ...req, config }));
    // What Vault stores and shows is the configuration as given.
    return { config: req.config };
  }

  newUser(req: NewUserRequest): Promise<{ username: string }> {
    return this.withConfiguredAddress(this.plugin.newUser(req));
  }

  updateUser(req: UpdateUserRequest): Promise<void> {
    return this.withConfiguredAddress(this.plugin.updateUser(req));
  }

  deleteUser(req: DeleteUserRequest): Promise<void> {
    return this.withConfiguredAddress(this.plugin.deleteUser(req));
  }

  /** Errors name the server of connection_url (as Vault's would), not the front standing in for it. */
  private async withConfiguredAddress<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (e) {
      const a = this.addresses;
      if (!(e instanceof DatabasePluginError) || !a) throw e;
      const message = e.message
        .split(`\`host=${a.front.host} `)
        .join(`\`host=${a.configured.host} `)
        .split(`dial tcp ${a.front.host}:${a.front.port}:`)
        .join(`dial tcp ${a.configured.host}:${a.configured.port}:`);
      throw new DatabasePluginError(message);
    }
  }

  close(): Promise<void> {
    return this.plugin.close();
  }
}
