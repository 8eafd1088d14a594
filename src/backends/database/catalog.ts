// plugin_name → plugin implementation, as Vault's builtin registry maps them
// (helper/builtinplugins/registry.go). PostgreSQL connections go to the embedded engine or to the real
// server named in connection_url, by the rule in embedded/host-rule.ts; MySQL always to the real one.
import type { DatabaseBackend, DatabasePluginCatalog, PluginRandom } from './database-backend.js';
import { DatabaseInspection, type BackendLabel } from './inspection.js';
import { MYSQL_LEGACY_USERNAME_TEMPLATE, MYSQL_USERNAME_TEMPLATE, MySqlDatabaseBackend } from './mysql.js';
import { PostgresDatabaseBackend } from './postgres.js';
import { EmbeddedPostgresDatabaseBackend, EmbeddedPostgresServer } from './embedded/backend.js';
import { servesHost, type EmbeddedHosts } from './embedded/host-rule.js';

export interface EmbeddedPostgresSettings {
  /** Which connection_url hosts it serves (see host-rule.ts); default 'non-loopback'. */
  hosts?: EmbeddedHosts;
  /** The admin role Vault's statements run as (default vault_admin, the seed's). */
  adminRole?: string;
  /** Statements run as the admin role after boot (tables the application expects, say). */
  setupStatements?: string[];
  /** Port of the login front (default: a free one). */
  port?: number;
  /** Data-dir cache directory, or false for none. */
  cacheDir?: string | false;
}

/** The builtin database plugins; every instance opened is tracked so the emulator can close it. */
export class BuiltinDatabasePlugins implements DatabasePluginCatalog {
  private readonly open_ = new Set<DatabaseBackend>();
  /** What every backend opened here did (the handle's `backends.database`). */
  readonly inspection: DatabaseInspection;

  private embeddedServer: EmbeddedPostgresServer | undefined;

  constructor(
    private readonly now: () => number,
    /** false: every PostgreSQL connection goes to the server it names. */
    private readonly embedded: EmbeddedPostgresSettings | false = false,
  ) {
    this.inspection = new DatabaseInspection(now);
  }

  /** This emulator's embedded PostgreSQL (created on first use; it boots when first connected to). */
  embeddedPostgres(): EmbeddedPostgresServer | undefined {
    if (this.embedded === false) return undefined;
    const e = this.embedded;
    this.embeddedServer ??= new EmbeddedPostgresServer(
      { now: this.now, adminRole: e.adminRole, setupStatements: e.setupStatements, cacheDir: e.cacheDir },
      { port: e.port },
    );
    return this.embeddedServer;
  }

  open(pluginName: string, random: PluginRandom, label?: Omit<BackendLabel, 'plugin'>): DatabaseBackend | undefined {
    let backend: DatabaseBackend | undefined;
    switch (pluginName) {
      case 'postgresql-database-plugin': {
        const server = this.embeddedPostgres();
        const hosts = this.embedded === false ? 'non-loopback' : (this.embedded.hosts ?? 'non-loopback');
        backend = server ? new EmbeddedPostgresDatabaseBackend(server, random, { servesAddress: (a) => servesHost(hosts, a.host) }) : new PostgresDatabaseBackend(random);
        break;
      }
      case 'mysql-database-plugin':
        backend = new MySqlDatabaseBackend(random, MYSQL_USERNAME_TEMPLATE);
        break;
      case 'mysql-aurora-database-plugin':
      case 'mysql-rds-database-plugin':
      case 'mysql-legacy-database-plugin':
        backend = new MySqlDatabaseBackend(random, MYSQL_LEGACY_USERNAME_TEMPLATE);
        break;
      default:
        return undefined;
    }
    const tracked = this.inspection.wrap(backend, { mount: label?.mount ?? '', connection: label?.connection ?? '', plugin: pluginName });
    const close = tracked.close.bind(tracked);
    tracked.close = async () => {
      this.open_.delete(tracked);
      await close();
    };
    this.open_.add(tracked);
    return tracked;
  }

  /** Closes every connection pool still open (the emulator is closing). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.open_].map((b) => b.close()));
    await this.embeddedServer?.close();
  }
}
