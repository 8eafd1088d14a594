// database/config/:name, config/ LIST and reset/:name against a real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';
import { CONFORMANCE_PG_URL, PG_SKIP_MESSAGE, postgresConnection } from '../../lib/databases.js';
import { uniqueName } from '../../lib/names.js';

if (!CONFORMANCE_PG_URL) console.warn(PG_SKIP_MESSAGE);

describe.skipIf(!CONFORMANCE_PG_URL)('database config', () => {
  const mount = uniqueName('database');
  const conn = postgresConnection(CONFORMANCE_PG_URL ?? 'postgres://x@localhost/x');

  beforeAll(async () => {
    expect((await vault('POST', `sys/mounts/${mount}`, { body: { type: 'database' } })).status).toBe(204);
  });
  afterAll(async () => {
    await vault('DELETE', `sys/mounts/${mount}`);
  });

  it('stores the connection and reads it back without the password', async () => {
    const write = await vault('POST', `${mount}/config/pg`, { body: { ...conn, allowed_roles: 'readonly-*,app' } });
    expect(write.status).toBe(204);
    const read = await vault('GET', `${mount}/config/pg`);
    expect(read.status).toBe(200);
    expect(read.json.data).toEqual({
      plugin_name: 'postgresql-database-plugin',
      plugin_version: '',
      connection_details: { connection_url: conn.connection_url, username: conn.username },
      allowed_roles: ['readonly-*', 'app'],
      root_credentials_rotate_statements: [],
      password_policy: '',
      verify_connection: true,
    });
    expect(read.text).not.toContain(`"password":`);
  });

  it('updates merge into the stored connection', async () => {
    await vault('POST', `${mount}/config/merge`, { body: { ...conn, allowed_roles: 'a' } });
    expect((await vault('POST', `${mount}/config/merge`, { body: { allowed_roles: ['b', 'c'], password_policy: '' } })).status).toBe(204);
    const read = await vault('GET', `${mount}/config/merge`);
    expect(read.json.data.allowed_roles).toEqual(['b', 'c']);
    expect(read.json.data.connection_details).toEqual({ connection_url: conn.connection_url, username: conn.username });
  });

  it('lists connections and deletes one', async () => {
    await vault('POST', `${mount}/config/listed`, { body: conn });
    const list = await vault('LIST', `${mount}/config`);
    expect(list.status).toBe(200);
    expect(list.json.data.keys).toEqual(expect.arrayContaining(['listed']));
    expect((await vault('DELETE', `${mount}/config/listed`)).status).toBe(204);
    expect((await vault('GET', `${mount}/config/listed`)).status).toBe(404);
  });

  it('resets a connection; an unknown one is a server error', async () => {
    await vault('POST', `${mount}/config/resettable`, { body: conn });
    expect((await vault('POST', `${mount}/reset/resettable`)).status).toBe(204);
    const unknown = await vault('POST', `${mount}/reset/nope`);
    expect(unknown.status).toBe(500);
    expect(unknown.json.errors).toEqual(['1 error occurred:\n\t* failed to find entry for connection with name: "nope"\n\n']);
  });

  it("rejects what Vault rejects, with Vault's errors", async () => {
    const noPlugin = await vault('POST', `${mount}/config/bad`, { body: { connection_url: conn.connection_url } });
    expect(noPlugin.status).toBe(400);
    expect(noPlugin.json.errors).toEqual(['empty plugin name']);

    const unknownPlugin = await vault('POST', `${mount}/config/bad`, { body: { plugin_name: 'nope-database-plugin', connection_url: conn.connection_url } });
    expect(unknownPlugin.status).toBe(400);
    expect(unknownPlugin.json.errors).toEqual([
      'error creating database object: invalid database version: 2 errors occurred:\n\t* plugin not found in the catalog: nope-database-plugin\n\t* plugin not found in the catalog: nope-database-plugin\n\n',
    ]);

    const noUrl = await vault('POST', `${mount}/config/bad`, { body: { plugin_name: 'postgresql-database-plugin' } });
    expect(noUrl.status).toBe(400);
    expect(noUrl.json.errors).toEqual(['error creating database object: connection_url cannot be empty']);

    const refused = await vault('POST', `${mount}/config/bad`, { body: { plugin_name: 'postgresql-database-plugin', connection_url: 'postgresql://u:p@127.0.0.1:1/db' } });
    expect(refused.status).toBe(400);
    expect(refused.json.errors).toEqual([
      'error creating database object: error verifying connection: failed to connect to `host=127.0.0.1 user=u database=db`: dial error (dial tcp 127.0.0.1:1: connect: connection refused)',
    ]);
    expect((await vault('GET', `${mount}/config/bad`)).status).toBe(404);

    // Unverified, the same URL is stored; its password is redacted on read and warned about.
    const unverified = await vault('POST', `${mount}/config/unverified`, { body: { plugin_name: 'postgresql-database-plugin', connection_url: 'postgresql://u:secret@127.0.0.1:1/db', verify_connection: false } });
    expect(unverified.status).toBe(200);
    expect(unverified.json.warnings).toEqual([
      'Password found in connection_url, use a templated url to enable root rotation and prevent read access to password information.',
      'Endpoint ignored these unrecognized parameters: [connection_url]',
    ]);
    const read = await vault('GET', `${mount}/config/unverified`);
    expect(read.json.data.connection_details.connection_url).toBe('postgresql://u:xxxxx@127.0.0.1:1/db');
  });
});
