// hvac 0.11.2 (Debian's python3-hvac) against a live emulator and a real PostgreSQL: the database
// secrets engine calls of the seed (configure, create_role, read_role, list_roles, generate_credentials).
// The credentials it gets are used to log in, and expire on the emulator's clock.
import { afterEach, describe, expect, it } from 'vitest';
import { call, liveEmu } from '../helpers/emulator.js';
import { hvacScenario } from '../helpers/clients.js';
import { PG_URL, pgAs, pgQuery, pgScratch, skipMessage, uniqueSuffix, type PgScratch } from '../engines/database/real-databases.js';

if (!PG_URL) console.warn(skipMessage('VAULT_EMU_TEST_PG_URL'));

describe.skipIf(!PG_URL)('hvac database methods on real PostgreSQL', () => {
  let scratch: PgScratch | undefined;
  const issued: string[] = [];
  afterEach(async () => {
    await scratch?.cleanup(issued.splice(0));
    scratch = undefined;
  });

  it('configure, create_role, read_role, list_roles, generate_credentials; errors as hvac exceptions', async () => {
    const s = (scratch = await pgScratch(PG_URL!));
    const emu = await liveEmu({ clock: 'virtual', seed: uniqueSuffix() });
    expect((await call(emu, 'POST', '/v1/sys/mounts/database', { type: 'database' })).status).toBe(204);
    const r = await hvacScenario('database_flow.py', emu.url, {
      CONNECTION_URL: `postgresql://{{username}}:{{password}}@${s.host}:${s.port}/${s.database}?sslmode=disable`,
      DB_USERNAME: s.admin,
      DB_PASSWORD: s.adminPassword,
      SCHEMA: s.schema,
    });
    if (r.creds?.ok) issued.push(r.creds.value.data.username);

    expect(r.configure).toEqual({ ok: true, value: 204 });
    expect(r.create_role).toEqual({ ok: true, value: 204 });
    expect(r.read_role).toMatchObject({ ok: true, value: { db_name: 'production-postgres', default_ttl: 3600, max_ttl: 86400, credential_type: 'password', renew_statements: [] } });
    expect(r.list_roles).toEqual({ ok: true, value: ['app-readonly'] });
    expect(r.creds.ok).toBe(true);
    const { lease_id, lease_duration, renewable, data } = r.creds.value;
    expect(lease_id).toMatch(/^database\/creds\/app-readonly\/[A-Za-z0-9]{24}$/);
    expect([lease_duration, renewable]).toEqual([3600, true]);
    expect(data.username).toMatch(/^v-token-app-read-[A-Za-z0-9]{20}-\d+$/);
    expect(r.read_missing_role).toEqual({ ok: false, error: 'InvalidPath', errors: [] });
    expect(r.creds_unknown_role).toEqual({ ok: false, error: 'InvalidRequest', errors: ['unknown role: nope'] });
    expect(r.configure_refused).toEqual({
      ok: false,
      error: 'InvalidRequest',
      errors: ['error creating database object: error verifying connection: failed to connect to `host=127.0.0.1 user=u database=db`: dial error (dial tcp 127.0.0.1:1: connect: connection refused)'],
    });

    // The credentials are real: SELECT works, INSERT does not; at the lease's end the role is gone.
    expect(await pgAs(s, data.username, data.password, `SELECT * FROM "${s.schema}".items`)).toBe('ok');
    expect(await pgAs(s, data.username, data.password, `INSERT INTO "${s.schema}".items VALUES (2)`)).toBe('42501');
    await emu.clock.advance('1h');
    expect((await pgQuery(PG_URL!, 'SELECT 1 FROM pg_roles WHERE rolname=$1', [data.username])).rowCount).toBe(0);
  }, 30000);
});
