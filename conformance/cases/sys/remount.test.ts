import { describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';
import { uniqueName } from '../../lib/names.js';

/** Vault moves the mount asynchronously: poll the status until it leaves in-progress. */
async function settled(id: string): Promise<{ status: number; json: any }> {
  for (;;) {
    const res = await vault('GET', `sys/remount/status/${id}`);
    if (res.status !== 200 || res.json.data.migration_info.status !== 'in-progress') return res;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('sys/remount (conformance)', () => {
  it('moves a kv mount with its data and reports the migration', async () => {
    const from = uniqueName('from');
    const to = uniqueName('to');
    await vault('POST', `sys/mounts/${from}`, { body: { type: 'kv', description: 'moving' } });
    try {
      await vault('PUT', `${from}/app`, { body: { a: '1' } });
      const res = await vault('POST', 'sys/remount', { body: { from, to } });
      expect(res.status).toBe(200);
      const id = res.json.data.migration_id;
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(res.json.migration_id).toBe(id);
      expect(res.json.warnings).toEqual(["Mount move has been queued. Progress will be reported in Vault's server log, tagged with the returned migration_id"]);
      const status = await settled(id);
      expect(status.status).toBe(200);
      expect(status.json.data).toEqual({ migration_id: id, migration_info: { source_mount: `${from}/`, status: 'success', target_mount: `${to}/` } });
      expect((await vault('GET', `sys/mounts/${to}`)).json.data.description).toBe('moving');
      expect((await vault('GET', `${to}/app`)).json.data).toEqual({ a: '1' });
    } finally {
      await vault('DELETE', `sys/mounts/${from}`);
      await vault('DELETE', `sys/mounts/${to}`);
    }
  });

  it('answers 404 for an unknown migration id', async () => {
    const res = await vault('GET', `sys/remount/status/${uniqueName('nope')}`);
    expect({ status: res.status, body: res.json }).toEqual({ status: 404, body: { errors: [] } });
  });

  it('refuses bad moves with 400 and Vault’s messages', async () => {
    const name = uniqueName('none');
    const cases: [unknown, string][] = [
      [{ from: 'secret' }, "both 'from' and 'to' path must be specified as a string"],
      [{ from: 'secret', to: `${name} ` }, "'to' path cannot contain trailing whitespace"],
      [{ from: 'sys', to: name }, 'cannot remount "sys/"'],
      [{ from: 'secret', to: `auth/${name}` }, `cannot remount to destination auth/${name}/`],
      [{ from: 'auth/token', to: name }, `cannot remount auth mount to non-auth mount "${name}/"`],
      [{ from: 'auth/token', to: `auth/${name}` }, 'cannot remount "auth/token/"'],
      [{ from: name, to: `${name}-2` }, `no matching mount at "${name}/"`],
      [{ from: 'secret', to: 'cubbyhole' }, 'cannot remount to destination cubbyhole/'],
      [{ from: 'secret', to: `secret/${name}` }, 'path already in use at "secret/"'],
    ];
    for (const [body, message] of cases) {
      const res = await vault('POST', 'sys/remount', { body });
      expect({ status: res.status, body: res.json }).toEqual({ status: 400, body: { errors: [message] } });
    }
  });
});
