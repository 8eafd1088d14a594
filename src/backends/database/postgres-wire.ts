// Connection strings as pgx reads them (URL or key=value DSN) for `pg`, and driver errors in the
// text pgx v4 gives them, since Vault's error messages embed that text.
import type pg from 'pg';

/** A `postgres://` URL or a `key=value …` DSN as a pg client configuration. */
export function pgConnectionConfig(connection: string): pg.ClientConfig {
  if (/^postgres(ql)?:\/\//.test(connection)) {
    const url = new URL(connection);
    const config: pg.ClientConfig = {
      host: decodeURIComponent(url.hostname) || 'localhost',
      port: url.port ? Number(url.port) : 5432,
      user: decodeURIComponent(url.username) || undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      database: decodeURIComponent(url.pathname.replace(/^\//, '')) || undefined,
    };
    const sslmode = url.searchParams.get('sslmode');
    config.ssl = sslmode === 'require' || sslmode === 'verify-ca' || sslmode === 'verify-full' ? { rejectUnauthorized: sslmode !== 'require' } : false;
    const timeout = url.searchParams.get('connect_timeout');
    if (timeout) config.connectionTimeoutMillis = Number(timeout) * 1000;
    return config;
  }
  const pairs = Object.fromEntries([...connection.matchAll(/(\w+)\s*=\s*('(?:[^'\\]|\\.)*'|\S*)/g)].map((m) => [m[1]!, m[2]!.replace(/^'|'$/g, '')]));
  return {
    host: pairs.host ?? 'localhost',
    port: pairs.port ? Number(pairs.port) : 5432,
    user: pairs.user,
    password: pairs.password,
    database: pairs.dbname,
    ssl: pairs.sslmode === 'require' ? { rejectUnauthorized: false } : false,
  };
}

interface PgDriverError {
  message?: string;
  code?: string;
  severity?: string;
  address?: string;
  port?: number;
  syscall?: string;
}

const SYSCALL_TEXT: Record<string, string> = {
  ECONNREFUSED: 'connect: connection refused',
  ETIMEDOUT: 'i/o timeout',
  EHOSTUNREACH: 'connect: no route to host',
  ENOTFOUND: 'no such host',
};

/**
 * pgconn's texts: a server error is `SEVERITY: message (SQLSTATE code)`; a failed connection is
 * `failed to connect to \`host=… user=… database=…\`: dial error (…)` or `: server error (…)`.
 */
export function pgxErrorText(e: unknown, config: pg.ClientConfig | undefined): string {
  const err = (e ?? {}) as PgDriverError;
  const serverError = err.severity && err.code ? `${err.severity}: ${err.message} (SQLSTATE ${err.code})` : undefined;
  const host = config?.host ?? 'localhost';
  const where = `failed to connect to \`host=${host} user=${config?.user ?? ''} database=${config?.database ?? ''}\``;
  if (err.code && SYSCALL_TEXT[err.code]) return `${where}: dial error (dial tcp ${host}:${config?.port ?? 5432}: ${SYSCALL_TEXT[err.code]})`;
  // Authentication and startup failures happen before the session exists.
  if (serverError && (err.code === '28P01' || err.code === '28000' || err.code === '3D000' || err.severity === 'FATAL')) return `${where}: server error (${serverError})`;
  if (serverError) return serverError;
  return err.message ?? String(e);
}
