// The PostgreSQL the database cases configure, as the server under test reaches it:
// VAULT_EMU_CONFORMANCE_PG_URL, or (against the spawned emulator) VAULT_EMU_TEST_PG_URL.
// The URL's own user becomes the connection's root user; cases never rotate it.

const explicit = process.env.VAULT_EMU_CONFORMANCE_PG_URL;
const againstEmulator = !process.env.VAULT_ADDR;

export const CONFORMANCE_PG_URL: string | undefined = explicit || (againstEmulator ? process.env.VAULT_EMU_TEST_PG_URL || undefined : undefined);

export const PG_SKIP_MESSAGE =
  'skipped: set VAULT_EMU_CONFORMANCE_PG_URL to a PostgreSQL reachable from the server under test (against the emulator, VAULT_EMU_TEST_PG_URL is used)';

/** config/:name parameters for postgresql-database-plugin with a templated URL (no password in it). */
export function postgresConnection(url: string): { plugin_name: string; connection_url: string; username: string; password: string } {
  const parsed = new URL(url);
  const query = parsed.search || '?sslmode=disable';
  return {
    plugin_name: 'postgresql-database-plugin',
    connection_url: `postgresql://{{username}}:{{password}}@${parsed.host}${parsed.pathname}${query}`,
    username: decodeURIComponent(parsed.username),
    // A server that trusts local logins ignores it; one that does not needs it in the URL.
    password: decodeURIComponent(parsed.password) || 'conformance-unused',
  };
}
