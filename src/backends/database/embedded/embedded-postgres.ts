// One embedded PostgreSQL (PGlite: PostgreSQL 18 in WASM) per emulator. It boots on first use,
// from the on-disk data-dir cache when there is one, and creates the database-admin role Vault's
// statements run as. PGlite is a single session: every user (the emulator's statements, each client
// of the login front) holds it in turn, with SET SESSION AUTHORIZATION switched to its role, so
// grants are enforced as they would be for a login of that role.
import type { PGlite } from '@electric-sql/pglite';
import { cacheFilePath, defaultCacheDir, readCachedDataDir, writeCachedDataDir } from './data-dir-cache.js';
import { EmbeddedPostgresError, toEmbeddedPostgresError } from './errors.js';
import { SessionLock } from './session-lock.js';

/** PGlite's bootstrap superuser: the session's authenticated user, so it may switch to any role. */
export const SUPERUSER = 'postgres';

export interface EmbeddedPostgresOptions {
  /** The emulator's clock (ms since the epoch); VALID UNTIL is checked against it, never the wall clock. */
  now: () => number;
  /** The database-admin role Vault's statements run as (non-superuser, LOGIN CREATEROLE, owns schema public). */
  adminRole?: string;
  /** Its password, for logins through the front (no password: it cannot log in there). */
  adminPassword?: string;
  /** Statements run as the admin role right after boot, in one transaction (e.g. CREATE TABLE). */
  setupStatements?: string[];
  /** Directory of the data-dir cache; false disables the cache. Default: os.tmpdir()/vault-emu-cache. */
  cacheDir?: string | false;
  /** PostgreSQL's scram_iterations for passwords set in SQL (PostgreSQL's default: 4096). */
  scramIterations?: number;
}

/** How the running instance was started. */
export interface BootInfo {
  /** 'cache': loaded from the cached data dir; 'fresh': initdb ran. */
  source: 'cache' | 'fresh';
  cacheFile?: string;
  /** The cache file existed but could not be loaded (corrupt), so initdb ran. */
  cacheRejected: boolean;
  /** A new cache file was written by this boot. */
  cacheWritten: boolean;
}

/** Server facts the login front reports to clients in ParameterStatus messages. */
export interface ServerSettings {
  serverVersion: string;
  timeZone: string;
  dateStyle: string;
  intervalStyle: string;
}

/** The session, held by one user until release(); its authorization is the role it was taken for. */
export interface HeldSession {
  readonly db: PGlite;
  release(): void;
}

/** Quotes an identifier as PostgreSQL's quote_ident does. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export class EmbeddedPostgres {
  readonly adminRole: string;
  private readonly options: EmbeddedPostgresOptions;
  private readonly lock = new SessionLock();
  private booting?: Promise<PGlite>;
  private db?: PGlite;
  /** The session authorization PGlite has now; undefined when unknown (then it is always set). */
  private authorization: string | undefined = SUPERUSER;
  private bootInfo_?: BootInfo;
  private settings_?: ServerSettings;
  private closed = false;

  constructor(options: EmbeddedPostgresOptions) {
    this.options = options;
    this.adminRole = options.adminRole ?? 'vault_admin';
  }

  /** scram_iterations of this instance (PostgreSQL's default 4096 unless configured). */
  get scramIterations(): number {
    return this.options.scramIterations ? Math.trunc(this.options.scramIterations) : 4096;
  }

  /** The emulator's clock. */
  now(): number {
    return this.options.now();
  }

  /** Undefined until booted. */
  get bootInfo(): BootInfo | undefined {
    return this.bootInfo_;
  }

  get started(): boolean {
    return this.db !== undefined;
  }

  /** Boots (once); later calls wait for the same boot. */
  async start(): Promise<void> {
    await this.pglite();
  }

  async serverSettings(): Promise<ServerSettings> {
    await this.pglite();
    return this.settings_!;
  }

  /**
   * Runs Vault's statements in one transaction as `role` (a missing privilege fails as on a real
   * server). On error the transaction is rolled back and the error carries PostgreSQL's message and SQLSTATE.
   */
  async exec(statements: string[], { role = this.adminRole }: { role?: string } = {}): Promise<void> {
    await this.withSession(role, async (db) => {
      await db.exec('BEGIN');
      try {
        for (const statement of statements) await db.exec(statement);
        await db.exec('COMMIT');
      } catch (err) {
        // The statement's error is what the caller needs, even if the rollback fails too.
        await db.exec('ROLLBACK').catch(() => this.forgetAuthorization());
        throw toEmbeddedPostgresError(err);
      }
    });
  }

  /** A query as the superuser, for inspection (pg_roles, pg_authid, grants). */
  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.withSession(SUPERUSER, async (db) => {
      try {
        return (await db.query<T>(sql, params)).rows;
      } catch (err) {
        throw toEmbeddedPostgresError(err);
      }
    });
  }

  /** Runs fn holding the session as `role`. */
  async withSession<T>(role: string, fn: (db: PGlite) => Promise<T>): Promise<T> {
    const session = await this.acquireSession(role);
    try {
      return await fn(session.db);
    } finally {
      session.release();
    }
  }

  /**
   * Waits for the session, then makes `role` its session authorization. Fails (without holding the
   * session) when the role does not exist any more.
   */
  async acquireSession(role: string): Promise<HeldSession> {
    const db = await this.pglite();
    const release = await this.lock.acquire();
    if (this.closed) {
      release();
      throw new EmbeddedPostgresError('the embedded PostgreSQL is closed', { code: '57P01', severity: 'FATAL' });
    }
    try {
      if (this.authorization !== role) {
        this.authorization = undefined;
        await db.exec(`SET SESSION AUTHORIZATION ${quoteIdent(role)}`);
        this.authorization = role;
      }
    } catch (err) {
      release();
      throw toEmbeddedPostgresError(err);
    }
    return { db, release };
  }

  /** Called by a session holder that cannot vouch for the session authorization any more. */
  forgetAuthorization(): void {
    this.authorization = undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.booting) return;
    const db = await this.booting.catch(() => undefined);
    if (!db) return;
    // Wait for the current holder; later ones see `closed`.
    const release = await this.lock.acquire();
    try {
      await db.close();
    } finally {
      release();
    }
  }

  private pglite(): Promise<PGlite> {
    if (this.closed) return Promise.reject(new EmbeddedPostgresError('the embedded PostgreSQL is closed', { code: '57P01', severity: 'FATAL' }));
    this.booting ??= this.boot();
    return this.booting;
  }

  private async boot(): Promise<PGlite> {
    // Imported here, not at the top: its module graph costs every process start ~30 ms, and most never boot it.
    const { PGlite: Engine } = await import('@electric-sql/pglite');
    const cacheDir = this.options.cacheDir === undefined ? defaultCacheDir() : this.options.cacheDir;
    const cacheFile = cacheDir === false ? undefined : cacheFilePath(cacheDir);
    const cached = cacheFile ? readCachedDataDir(cacheFile) : undefined;
    const info: BootInfo = { source: 'fresh', cacheFile, cacheRejected: false, cacheWritten: false };

    let db: PGlite | undefined;
    if (cached) {
      db = await this.loadFromTar(Engine, cached);
      if (db) info.source = 'cache';
      else info.cacheRejected = true;
    }
    if (!db) {
      db = await Engine.create({ startParams: this.startParams(Engine) });
      if (cacheFile) {
        const tar = new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer());
        info.cacheWritten = writeCachedDataDir(cacheFile, tar);
      }
    }
    await this.setUp(db);
    this.bootInfo_ = info;
    this.db = db;
    return db;
  }

  /** A PGlite started from the cached tar, or undefined when the tar is not a usable data dir. */
  private async loadFromTar(Engine: typeof PGlite, tar: Buffer): Promise<PGlite | undefined> {
    let db: PGlite | undefined;
    try {
      db = await Engine.create({ loadDataDir: new Blob([new Uint8Array(tar)]), startParams: this.startParams(Engine) });
      await db.query('SELECT 1');
      return db;
    } catch {
      await db?.close().catch(() => undefined);
      return undefined;
    }
  }

  private startParams(Engine: typeof PGlite): string[] {
    const extra = this.options.scramIterations ? ['-c', `scram_iterations=${Math.trunc(this.options.scramIterations)}`] : [];
    return [...Engine.defaultStartParams, ...extra];
  }

  /** The admin role, schema ownership and the caller's setup statements; then the settings clients are told. */
  private async setUp(db: PGlite): Promise<void> {
    const admin = quoteIdent(this.adminRole);
    const password = this.options.adminPassword === undefined ? '' : ` PASSWORD ${quoteLiteral(this.options.adminPassword)}`;
    await db.exec(`CREATE ROLE ${admin} WITH LOGIN CREATEROLE${password}; ALTER SCHEMA public OWNER TO ${admin};`);
    if (this.options.setupStatements?.length) {
      await db.exec(`SET SESSION AUTHORIZATION ${admin}`);
      try {
        await db.exec('BEGIN');
        for (const statement of this.options.setupStatements) await db.exec(statement);
        await db.exec('COMMIT');
      } catch (err) {
        await db.exec('ROLLBACK');
        throw toEmbeddedPostgresError(err);
      } finally {
        await db.exec(`SET SESSION AUTHORIZATION ${SUPERUSER}`);
      }
    }
    const show = async (name: string) => (await db.query<Record<string, string>>(`SHOW ${name}`)).rows[0]![name.toLowerCase()]!;
    this.settings_ = {
      serverVersion: await show('server_version'),
      timeZone: await show('TimeZone'),
      dateStyle: await show('DateStyle'),
      intervalStyle: await show('IntervalStyle'),
    };
  }
}
