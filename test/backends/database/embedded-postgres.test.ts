// Vault's statements on the embedded engine: one transaction each, run as the database-admin role,
// so PostgreSQL enforces what that role may do; inspection runs as the superuser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedPostgres } from '../../../src/backends/database/embedded/embedded-postgres.js';
import { EmbeddedPostgresError } from '../../../src/backends/database/embedded/errors.js';

const embedded = new EmbeddedPostgres({
  now: () => Date.parse('2030-01-01T00:00:00Z'),
  adminRole: 'vault_admin',
  adminPassword: 'admin-password',
  setupStatements: ['CREATE TABLE items (id int PRIMARY KEY, name text)', "INSERT INTO items VALUES (1, 'first')"],
});
beforeAll(() => embedded.start(), 60_000);
afterAll(() => embedded.close());

async function execError(statements: string[], role?: string): Promise<EmbeddedPostgresError> {
  const err = await embedded.exec(statements, role ? { role } : {}).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EmbeddedPostgresError);
  return err as EmbeddedPostgresError;
}

const roleNamed = (name: string) => embedded.query<{ rolname: string; rolcanlogin: boolean; rolvaliduntil: Date | null }>('SELECT rolname, rolcanlogin, rolvaliduntil FROM pg_roles WHERE rolname = $1', [name]);

describe('EmbeddedPostgres.exec', () => {
  it('runs as the admin role: a non-superuser that can create roles and owns schema public', async () => {
    const [admin] = await embedded.query('SELECT rolsuper, rolcreaterole, rolcanlogin FROM pg_roles WHERE rolname = $1', ['vault_admin']);
    expect(admin).toEqual({ rolsuper: false, rolcreaterole: true, rolcanlogin: true });
    await embedded.exec(['CREATE TABLE who_ran (name text DEFAULT current_user, session_name text DEFAULT session_user)', 'INSERT INTO who_ran DEFAULT VALUES']);
    expect(await embedded.query('SELECT name, session_name FROM who_ran')).toEqual([{ name: 'vault_admin', session_name: 'vault_admin' }]);
    expect(await embedded.query("SELECT tableowner FROM pg_tables WHERE tablename = 'items'")).toEqual([{ tableowner: 'vault_admin' }]);
  });

  it("fails a missing privilege with PostgreSQL's message and SQLSTATE, and rolls the whole list back", async () => {
    const err = await execError(['CREATE ROLE "half-made" LOGIN', 'SELECT rolpassword FROM pg_authid']);
    expect(err.code).toBe('42501');
    expect(err.message).toBe('permission denied for table pg_authid');
    expect(err.severity).toBe('ERROR');
    expect(await roleNamed('half-made')).toEqual([]);
  });

  it('refuses what only a superuser may do', async () => {
    const err = await execError(['CREATE ROLE "too-strong" SUPERUSER']);
    expect(err.code).toBe('42501');
    expect(err.message).toBe('permission denied to create role');
    expect(err.detail).toBe('Only roles with the SUPERUSER attribute may create roles with the SUPERUSER attribute.');
  });

  it('runs as another role when asked', async () => {
    await embedded.exec(['CREATE ROLE "reader" NOLOGIN', 'GRANT SELECT ON items TO "reader"']);
    await embedded.exec(['SELECT * FROM items'], { role: 'reader' });
    const err = await execError(["INSERT INTO items VALUES (9, 'no')"], 'reader');
    expect([err.code, err.message]).toEqual(['42501', 'permission denied for table items']);
  });

  it("reports a syntax error as PostgreSQL does (42601 with the position)", async () => {
    const err = await execError(['CREATE ROLL x']);
    expect([err.code, err.message, err.position]).toEqual(['42601', 'syntax error at or near "ROLL"', '8']);
  });
});

describe("Vault's PostgreSQL statements for a read-only role", () => {
  const name = 'v-token-app-read-abc123-1893456000';
  const creation = [`CREATE ROLE "${name}" WITH LOGIN PASSWORD 'A1a-secret' VALID UNTIL '2030-01-01 01:00:05+0000'`, `GRANT SELECT ON ALL TABLES IN SCHEMA public TO "${name}"`];

  it('creates the login role with VALID UNTIL and SELECT only', async () => {
    await embedded.exec(creation);
    expect(await roleNamed(name)).toEqual([{ rolname: name, rolcanlogin: true, rolvaliduntil: new Date('2030-01-01T01:00:05Z') }]);
    const [privileges] = await embedded.query(`SELECT has_table_privilege($1, 'public.items', 'SELECT') AS can_select, has_table_privilege($1, 'public.items', 'INSERT') AS can_insert`, [name]);
    expect(privileges).toEqual({ can_select: true, can_insert: false });
    const [stored] = await embedded.query<{ rolpassword: string }>('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [name]);
    expect(stored!.rolpassword).toMatch(/^SCRAM-SHA-256\$4096:/);
  });

  it('renews with ALTER ROLE … VALID UNTIL', async () => {
    await embedded.exec([`ALTER ROLE "${name}" VALID UNTIL '2030-01-01 02:00:05+0000'`]);
    expect((await roleNamed(name))[0]!.rolvaliduntil).toEqual(new Date('2030-01-01T02:00:05Z'));
  });

  it('revokes with REVOKE + DROP ROLE', async () => {
    await embedded.exec([`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "${name}"`, `DROP ROLE IF EXISTS "${name}"`]);
    expect(await roleNamed(name)).toEqual([]);
  });

  it('fails DROP ROLE while default privileges still name the role (2BP01), as a real server does', async () => {
    const role = 'v-with-default-privs';
    await embedded.exec([`CREATE ROLE "${role}" WITH LOGIN PASSWORD 'x'`, `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO "${role}"`]);
    const err = await execError([`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "${role}"`, `DROP ROLE IF EXISTS "${role}"`]);
    expect(err.code).toBe('2BP01');
    expect(err.message).toBe(`role "${role}" cannot be dropped because some objects depend on it`);
    expect(err.detail).toBe('privileges for default privileges on new relations belonging to role vault_admin in schema public');
    expect(await roleNamed(role)).toHaveLength(1);
    await embedded.exec([`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM "${role}"`, `DROP ROLE IF EXISTS "${role}"`]);
    expect(await roleNamed(role)).toEqual([]);
  });

  it("rotates the admin's own password (rotate-root)", async () => {
    const before = await embedded.query<{ rolpassword: string }>('SELECT rolpassword FROM pg_authid WHERE rolname = $1', ['vault_admin']);
    await embedded.exec(["ALTER USER vault_admin WITH PASSWORD 'rotated'"]);
    const after = await embedded.query<{ rolpassword: string }>('SELECT rolpassword FROM pg_authid WHERE rolname = $1', ['vault_admin']);
    expect(after[0]!.rolpassword).not.toBe(before[0]!.rolpassword);
  });
});
