// The embedded PostgreSQL engine's lower layer, to be plugged in behind the DatabaseBackend interface.
export { EmbeddedPostgres, SUPERUSER, quoteIdent, quoteLiteral, type BootInfo, type EmbeddedPostgresOptions, type HeldSession, type ServerSettings } from './embedded-postgres.js';
export { LoginFront, type LoginFrontOptions } from './login-front.js';
export { EmbeddedPostgresError } from './errors.js';
export { connectionUrlAddress, connectionUrlToFront, EmbeddedPostgresDatabaseBackend, EmbeddedPostgresServer, type EmbeddedBackendOptions } from './backend.js';
export { cacheFilePath, defaultCacheDir, pgliteVersion } from './data-dir-cache.js';
