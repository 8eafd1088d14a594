// The DatabaseBackend contract against the real MySQL/MariaDB at VAULT_EMU_TEST_MYSQL_URL.
import { MYSQL_USERNAME_TEMPLATE, MySqlDatabaseBackend } from '../../../src/backends/database/mysql.js';
import { SeededRandom } from '../../../src/core/random.js';
import { MYSQL_URL, mysqlAs, mysqlScratch, mysqlUserExists, skipMessage, uniqueSuffix } from '../../engines/database/real-databases.js';
import { databaseBackendContract } from './contract.js';

databaseBackendContract('mysql-database-plugin on real MySQL/MariaDB', MYSQL_URL ? undefined : skipMessage('VAULT_EMU_TEST_MYSQL_URL'), async () => {
  const url = MYSQL_URL!;
  const s = await mysqlScratch(url);
  const dsn = (port: number) => `{{username}}:{{password}}@tcp(${s.host}:${port})/`;
  const config = { connection_url: dsn(s.port), username: s.admin, password: s.adminPassword };
  const runAs = async (user: string, password: string, sql: string) => {
    const outcome = await mysqlAs(s, user, password, sql);
    if (outcome === 'ok') return 'ok' as const;
    if (outcome === '1142') return 'denied' as const; // ER_TABLEACCESS_DENIED_ERROR
    if (/^login:(1045|1698)$/.test(outcome)) return 'login-refused' as const;
    throw new Error(`unexpected outcome ${outcome}`);
  };
  return {
    backend: new MySqlDatabaseBackend(new SeededRandom(uniqueSuffix()), MYSQL_USERNAME_TEMPLATE),
    config,
    unreachableConfig: { ...config, connection_url: dsn(1) },
    adminPassword: s.adminPassword,
    creationStatements: [`CREATE USER '{{name}}'@'%' IDENTIFIED BY '{{password}}'; GRANT SELECT ON ${s.database}.* TO '{{name}}'@'%';`],
    select: 'SELECT * FROM items',
    insert: 'INSERT INTO items VALUES (2)',
    runAs,
    passwordAccepted: async (user, password) => (await runAs(user, password, 'SELECT 1')) === 'ok',
    userExists: (user) => mysqlUserExists(url, user),
    expiry: async () => null,
    cleanup: (users) => s.cleanup(users),
  };
});
