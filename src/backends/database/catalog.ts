// plugin_name → plugin implementation, as Vault's builtin registry maps them
// (helper/builtinplugins/registry.go). Only real-server backends so far.
import type { DatabaseBackend, DatabasePluginCatalog, PluginRandom } from './database-backend.js';
import { DatabaseInspection, type BackendLabel } from './inspection.js';
import { MYSQL_LEGACY_USERNAME_TEMPLATE, MYSQL_USERNAME_TEMPLATE, MySqlDatabaseBackend } from './mysql.js';
import { PostgresDatabaseBackend } from './postgres.js';

/** The builtin database plugins; every instance opened is tracked so the emulator can close it. */
export class BuiltinDatabasePlugins implements DatabasePluginCatalog {
  private readonly open_ = new Set<DatabaseBackend>();
  /** What every backend opened here did (the handle's `backends.database`). */
  readonly inspection: DatabaseInspection;

  constructor(now: () => number) {
    this.inspection = new DatabaseInspection(now);
  }

  open(pluginName: string, random: PluginRandom, label?: Omit<BackendLabel, 'plugin'>): DatabaseBackend | undefined {
    let backend: DatabaseBackend | undefined;
    switch (pluginName) {
      case 'postgresql-database-plugin':
        backend = new PostgresDatabaseBackend(random);
        break;
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
  }
}
