// The DatabaseBackend contract against the real PostgreSQL at VAULT_EMU_TEST_PG_URL.
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { PostgresDatabaseBackend } from '../../../src/backends/database/postgres.js';
import { SeededRandom } from '../../../src/core/random.js';
import { PG_URL, pgAs, pgQuery, pgScratch, skipMessage, uniqueSuffix } from '../../engines/database/real-databases.js';
import { databaseBackendContract } from './contract.js';

databaseBackendContract('postgresql-database-plugin on real PostgreSQL', PG_URL ? undefined : skipMessage('VAULT_EMU_TEST_PG_URL'), async () => {
  const url = PG_URL!;
  const s = await pgScratch(url);
  const connectionUrl = (port: number) => `postgresql://{{username}}:{{password}}@${s.host}:${port}/${s.database}?sslmode=disable`;
  const config = { connection_url: connectionUrl(s.port), username: s.admin, password: s.adminPassword };
  return {
    backend: new PostgresDatabaseBackend(new SeededRandom(uniqueSuffix())),
    config,
    unreachableConfig: { ...config, connection_url: connectionUrl(1) },
    adminPassword: s.adminPassword,
    creationStatements: [`CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}'; GRANT USAGE ON SCHEMA "${s.schema}" TO "{{name}}"; GRANT SELECT ON ALL TABLES IN SCHEMA "${s.schema}" TO "{{name}}";`],
    select: `SELECT * FROM "${s.schema}".items`,
    insert: `INSERT INTO "${s.schema}".items VALUES (2)`,
    async runAs(user, password, sql) {
      const outcome = await pgAs(s, user, password, sql);
      if (outcome === 'ok') return 'ok';
      if (outcome === '42501') return 'denied';
      if (outcome.startsWith('login:')) return 'login-refused';
      throw new Error(`unexpected outcome ${outcome}`);
    },
    // The machine's PostgreSQL may trust local logins, so the stored SCRAM verifier is checked instead.
    async passwordAccepted(user, password) {
      const row = (await pgQuery(url, 'SELECT rolpassword FROM pg_authid WHERE rolname=$1', [user])).rows[0] as { rolpassword: string | null } | undefined;
      return !!row?.rolpassword && scramVerifierMatches(row.rolpassword, password);
    },
    async userExists(user) {
      return ((await pgQuery(url, 'SELECT 1 FROM pg_roles WHERE rolname=$1', [user])).rowCount ?? 0) > 0;
    },
    async expiry(user) {
      const row = (await pgQuery(url, 'SELECT rolvaliduntil FROM pg_roles WHERE rolname=$1', [user])).rows[0] as { rolvaliduntil: Date | null } | undefined;
      return row?.rolvaliduntil?.getTime() ?? null;
    },
    cleanup: (users) => s.cleanup(users),
  };
});

/** `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` (RFC 5803) against a password. */
function scramVerifierMatches(verifier: string, password: string): boolean {
  const m = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):/.exec(verifier);
  if (!m) throw new Error('not a SCRAM-SHA-256 verifier');
  const salted = pbkdf2Sync(password, Buffer.from(m[2]!, 'base64'), Number(m[1]), 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  return createHash('sha256').update(clientKey).digest('base64') === m[3];
}
