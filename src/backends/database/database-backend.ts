// The database a `database/` mount talks to, shaped like Vault's v5 plugin interface
// (sdk/database/dbplugin/v5/database.go): the plugin owns username generation and statement
// execution; the engine owns passwords, TTLs and storage. Errors carry Vault's plugin texts.
import type { UsernameMetadata } from './username-template.js';

export interface InitializeRequest {
  /** connection_details as stored by the engine (plugin parameters only). */
  config: Record<string, unknown>;
  verifyConnection: boolean;
}

export interface NewUserRequest {
  usernameConfig: UsernameMetadata;
  statements: string[];
  rollbackStatements: string[];
  password: string;
  /** When the credential expires on the database side (ms since the epoch). */
  expiration: number;
  /** The request's time (username templates read it). */
  now: number;
}

export interface UpdateUserRequest {
  username: string;
  password?: { newPassword: string; statements: string[] };
  expiration?: { newExpiration: number; statements: string[] };
}

export interface DeleteUserRequest {
  username: string;
  statements: string[];
}

export interface DatabaseBackend {
  /** Validates and stores the configuration; with verifyConnection, connects and pings. */
  initialize(req: InitializeRequest): Promise<{ config: Record<string, unknown> }>;
  newUser(req: NewUserRequest): Promise<{ username: string }>;
  updateUser(req: UpdateUserRequest): Promise<void>;
  deleteUser(req: DeleteUserRequest): Promise<void>;
  close(): Promise<void>;
}

/** The randomness a plugin needs (usernames, SCRAM salts): the emulator's Random. */
export interface PluginRandom {
  base62(n: number): string;
  uuid(): string;
  bytes(n: number): Buffer;
}

/** Builds plugin instances by plugin_name; undefined for a name not in the catalog. */
export interface DatabasePluginCatalog {
  /** `label` says which mount and connection the instance serves (for inspection). */
  open(pluginName: string, random: PluginRandom, label?: { mount: string; connection: string }): DatabaseBackend | undefined;
}

/** A plugin error: its message is what Vault's plugin returned (already sanitised of the root password). */
export class DatabasePluginError extends Error {}

/** dbplugin.NewDatabaseErrorSanitizerMiddleware: the root password never appears in an error. */
export function sanitize(message: string, secrets: (string | undefined)[]): string {
  let out = message;
  for (const s of secrets) if (s) out = out.split(s).join('[password]');
  return out;
}

/** strutil.GetString over a config map (strings only; absent → ''). */
export function configString(config: Record<string, unknown>, key: string): string {
  const v = config[key];
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  throw new DatabasePluginError(`invalid value for ${key}`);
}

/** mapstructure.WeakDecode of an int field. */
export function configInt(config: Record<string, unknown>, key: string): number {
  const v = config[key];
  if (v === undefined || v === null || v === '') return 0;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n)) throw new DatabasePluginError(`1 error(s) decoding:\n\n* cannot parse '${key}' as int: strconv.ParseInt: parsing ${JSON.stringify(String(v))}: invalid syntax`);
  return n;
}

export function configBool(config: Record<string, unknown>, key: string): boolean {
  const v = config[key];
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v);
  if (typeof v === 'number') return v !== 0;
  return false;
}
