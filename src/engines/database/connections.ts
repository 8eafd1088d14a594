// The mount's open plugin instances by connection name (backend.go connections, GetConnection,
// ClearConnection) and the stored connection configuration.
import type { DatabaseBackend, DatabasePluginCatalog } from '../../backends/database/database-backend.js';
import { DatabasePluginError } from '../../backends/database/database-backend.js';
import { codedError } from '../../core/errors.js';
import type { Random } from '../../core/random.js';
import type { Storage } from '../../core/storage.js';
import { dbMessages as m } from './messages.js';

export interface DatabaseConfig {
  plugin_name: string;
  plugin_version: string;
  connection_details: Record<string, unknown>;
  allowed_roles: string[];
  root_credentials_rotate_statements: string[];
  password_policy: string;
  verify_connection: boolean;
}

export class Connections {
  private readonly open = new Map<string, DatabaseBackend>();

  constructor(
    private readonly catalog: DatabasePluginCatalog,
    private readonly random: Random,
    /** The mount path, for the catalog's inspection records. */
    private readonly mountPath = '',
  ) {}

  /** A fresh, uninitialised plugin instance for connection `name`, or undefined for an unknown plugin name. */
  create(pluginName: string, name = ''): DatabaseBackend | undefined {
    return this.catalog.open(pluginName, this.random, { mount: this.mountPath, connection: name });
  }

  /** Replaces the instance for a name, closing the old one. */
  put(name: string, backend: DatabaseBackend): void {
    const old = this.open.get(name);
    this.open.set(name, backend);
    if (old && old !== backend) void old.close();
  }

  /** GetConnection: the open instance, or one initialised from the stored config (errors → 500). */
  async get(storage: Storage, name: string): Promise<DatabaseBackend> {
    const found = this.open.get(name);
    if (found) return found;
    const config = readConfig(storage, name);
    if (!config) throw codedError(500, m.noConnection(name));
    const backend = this.create(config.plugin_name, name);
    if (!backend) throw codedError(500, `unable to create database instance: ${m.pluginNotFound(config.plugin_name)}`);
    try {
      await backend.initialize({ config: config.connection_details, verifyConnection: config.verify_connection });
    } catch (e) {
      await backend.close();
      throw pluginFailure(e);
    }
    const raced = this.open.get(name);
    if (raced) {
      await backend.close();
      return raced;
    }
    this.open.set(name, backend);
    return backend;
  }

  async clear(name: string): Promise<void> {
    const found = this.open.get(name);
    this.open.delete(name);
    if (found) await found.close();
  }
}

export function readConfig(storage: Storage, name: string): DatabaseConfig | undefined {
  return storage.get<DatabaseConfig>(`config/${name}`);
}

/** DatabaseConfig(): a missing entry is an error (500). Frozen: for reading only. */
export function requireConfig(storage: Storage, name: string): Readonly<DatabaseConfig> {
  const config = storage.peek<DatabaseConfig>(`config/${name}`) as Readonly<DatabaseConfig> | undefined;
  if (!config) throw codedError(500, m.noConnection(name));
  return config;
}

/** A plugin's error returned as a Go error: 500, multierror-wrapped. */
export function pluginFailure(e: unknown, prefix = ''): Error {
  if (e instanceof DatabasePluginError) return codedError(500, `${prefix}${e.message}`);
  return e instanceof Error ? e : new Error(String(e));
}
