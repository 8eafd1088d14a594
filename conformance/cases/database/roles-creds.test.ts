// database/roles/:name CRUD and LIST, creds/:name (a new PostgreSQL role per read, with a lease),
// allowed_roles refusal, and revocation through sys/leases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';
import { CONFORMANCE_PG_URL, PG_SKIP_MESSAGE, postgresConnection } from '../../lib/databases.js';
import { uniqueName } from '../../lib/names.js';

if (!CONFORMANCE_PG_URL) console.warn(PG_SKIP_MESSAGE);

const CREATION = `CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';`;

describe.skipIf(!CONFORMANCE_PG_URL)('database roles and creds', () => {
  const mount = uniqueName('database');

  beforeAll(async () => {
    expect((await vault('POST', `sys/mounts/${mount}`, { body: { type: 'database' } })).status).toBe(204);
    const conn = postgresConnection(CONFORMANCE_PG_URL!);
    expect((await vault('POST', `${mount}/config/pg`, { body: { ...conn, allowed_roles: 'readonly-*' } })).status).toBe(204);
  });
  afterAll(async () => {
    // Revoking the mount's leases drops every role the cases created.
    await vault('PUT', `sys/leases/revoke-prefix/${mount}`);
    await vault('DELETE', `sys/mounts/${mount}`);
  });

  it('creates, reads, merges, lists and deletes a role', async () => {
    const create = await vault('POST', `${mount}/roles/readonly-crud`, { body: { db_name: 'pg', creation_statements: CREATION, default_ttl: '1h', max_ttl: 86400 } });
    expect(create.status).toBe(204);
    const read = await vault('GET', `${mount}/roles/readonly-crud`);
    expect(read.status).toBe(200);
    expect(read.json.data).toEqual({
      db_name: 'pg',
      creation_statements: [CREATION],
      revocation_statements: [],
      rollback_statements: [],
      renew_statements: [],
      default_ttl: 3600,
      max_ttl: 86400,
      credential_type: 'password',
    });
    // An update changes only what it names.
    expect((await vault('POST', `${mount}/roles/readonly-crud`, { body: { default_ttl: 120 } })).status).toBe(204);
    const merged = await vault('GET', `${mount}/roles/readonly-crud`);
    expect(merged.json.data).toMatchObject({ db_name: 'pg', creation_statements: [CREATION], default_ttl: 120, max_ttl: 86400 });

    const list = await vault('LIST', `${mount}/roles`);
    expect(list.status).toBe(200);
    expect(list.json.data.keys).toEqual(expect.arrayContaining(['readonly-crud']));
    expect((await vault('DELETE', `${mount}/roles/readonly-crud`)).status).toBe(204);
    expect((await vault('GET', `${mount}/roles/readonly-crud`)).status).toBe(404);
  });

  it('rejects a role without db_name', async () => {
    const res = await vault('POST', `${mount}/roles/readonly-bad`, { body: { creation_statements: CREATION } });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual(['database name is required']);
  });

  it('issues credentials with a lease, and revokes them', async () => {
    await vault('POST', `${mount}/roles/readonly-role`, { body: { db_name: 'pg', creation_statements: CREATION, default_ttl: '1h', max_ttl: '24h' } });
    const creds = await vault('GET', `${mount}/creds/readonly-role`);
    expect(creds.status).toBe(200);
    expect(creds.json.lease_id).toMatch(new RegExp(`^${mount}/creds/readonly-role/[A-Za-z0-9]{24}$`));
    expect(creds.json.lease_duration).toBe(3600);
    expect(creds.json.renewable).toBe(true);
    expect(Object.keys(creds.json.data).sort()).toEqual(['password', 'username']);
    // v-<display name, 8>-<role name, 8>-<20 random>-<unix seconds>
    expect(creds.json.data.username).toMatch(/^v-.{1,8}-readonly-[A-Za-z0-9]{20}-\d{10}$/);
    expect(creds.json.data.password).toMatch(/^[A-Za-z0-9-]{20}$/);

    const second = await vault('GET', `${mount}/creds/readonly-role`);
    expect(second.json.data.username).not.toBe(creds.json.data.username);

    const lookup = await vault('PUT', 'sys/leases/lookup', { body: { lease_id: creds.json.lease_id } });
    expect(lookup.status).toBe(200);
    expect(lookup.json.data.renewable).toBe(true);
    expect((await vault('PUT', 'sys/leases/revoke', { body: { lease_id: creds.json.lease_id } })).status).toBe(204);
    expect((await vault('PUT', 'sys/leases/lookup', { body: { lease_id: creds.json.lease_id } })).json.errors).toEqual(['invalid lease']);
  });

  it('refuses a role the connection does not allow, and an unknown role', async () => {
    await vault('POST', `${mount}/roles/other`, { body: { db_name: 'pg', creation_statements: CREATION } });
    const refused = await vault('GET', `${mount}/creds/other`);
    expect(refused.status).toBe(500);
    expect(refused.json.errors).toEqual(['1 error occurred:\n\t* "other" is not an allowed role\n\n']);
    const unknown = await vault('GET', `${mount}/creds/readonly-nope`);
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors).toEqual(['unknown role: readonly-nope']);
  });
});
