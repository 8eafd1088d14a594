import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rootToken, vault } from '../../lib/client.js';
import { uniqueName } from '../../lib/names.js';
import { isEmulator } from '../../lib/target.js';

describe('sys/audit (conformance)', () => {
  it('enables a discard device, lists it, hashes with its salt, and disables it', async () => {
    const name = uniqueName('audit');
    const enable = await vault('PUT', `sys/audit/${name}`, { body: { type: 'file', description: 'conformance', options: { file_path: 'discard', hmac_accessor: 'false' } } });
    expect(enable.status).toBe(204);
    try {
      const list = await vault('GET', 'sys/audit');
      expect(list.status).toBe(200);
      expect(list.json.data[`${name}/`]).toEqual({
        description: 'conformance',
        local: false,
        options: { file_path: 'discard', hmac_accessor: 'false' },
        path: `${name}/`,
        type: 'file',
      });
      const hash = await vault('PUT', `sys/audit-hash/${name}`, { body: { input: 'some-value' } });
      expect(hash.status).toBe(200);
      expect(hash.json.data.hash).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
      // The same salt every time.
      expect((await vault('PUT', `sys/audit-hash/${name}`, { body: { input: 'some-value' } })).json.data.hash).toBe(hash.json.data.hash);
      const empty = await vault('PUT', `sys/audit-hash/${name}`, { body: { input: '' } });
      expect({ status: empty.status, body: empty.json }).toEqual({ status: 400, body: { errors: ['the "input" parameter is empty'] } });
      const inUse = await vault('PUT', `sys/audit/${name}/nested`, { body: { type: 'file', options: { file_path: 'discard' } } });
      expect({ status: inUse.status, body: inUse.json }).toEqual({ status: 400, body: { errors: ['path already in use: invalid configuration'] } });
    } finally {
      expect((await vault('DELETE', `sys/audit/${name}`)).status).toBe(204);
    }
    expect((await vault('GET', 'sys/audit')).json.data[`${name}/`]).toBeUndefined();
    const unknown = await vault('PUT', `sys/audit-hash/${name}`, { body: { input: 'x' } });
    expect({ status: unknown.status, body: unknown.json }).toEqual({ status: 400, body: { errors: [`unknown audit backend "${name}/"`] } });
    expect((await vault('DELETE', `sys/audit/${name}`)).status).toBe(204);
  });

  it('refuses bad device settings with the audit system\'s messages', async () => {
    const name = uniqueName('audit');
    const cases: [unknown, string][] = [
      [{ type: 'nope' }, 'unknown backend type: "nope": invalid configuration'],
      [{ type: 'file' }, 'unable to create new audit backend: "file_path" is required: invalid configuration'],
      [{ type: 'file', options: { file_path: 'discard', format: 'yaml' } }, 'unable to create new audit backend: unsupported "format": invalid configuration'],
      [{ type: 'file', options: { file_path: 'discard', elide_list_responses: 'perhaps' } }, 'unable to create new audit backend: unable to parse "elide_list_responses": invalid configuration'],
      [{ type: 'file', options: { file_path: 'discard', skip_test: 'perhaps' } }, "cannot parse supplied 'skip_test' setting: invalid configuration"],
      [{ type: 'file', options: { file_path: 'discard', filter: 'x' } }, 'enterprise-only options supplied: invalid configuration'],
      [{ type: 'socket' }, 'unable to create new audit backend: "address" is required: invalid configuration'],
    ];
    for (const [body, message] of cases) {
      const res = await vault('PUT', `sys/audit/${name}`, { body });
      expect({ status: res.status, body: res.json }).toEqual({ status: 400, body: { errors: [message] } });
    }
    expect((await vault('GET', 'sys/audit')).json.data[`${name}/`]).toBeUndefined();
  });

  it('writes a probe line, then request and response lines with HMAC-ed tokens (file on this machine)', async (ctx) => {
    if (!(await isEmulator())) ctx.skip();
    const dir = mkdtempSync(join(tmpdir(), 'vault-conformance-audit-'));
    const file = join(dir, 'audit.log');
    const name = uniqueName('audit');
    try {
      expect((await vault('PUT', `sys/audit/${name}`, { body: { type: 'file', options: { file_path: file } } })).status).toBe(204);
      const path = `sys/audit-hash/${name}`;
      const hash = (await vault('PUT', path, { body: { input: rootToken() } })).json.data.hash as string;
      const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
      expect(lines[0]).toMatchObject({ type: 'request', request: { operation: 'update', path: 'sys/audit/test', namespace: { id: 'root' } } });
      const ours = lines.filter((l) => l.request.path === path);
      expect(ours.map((l) => l.type)).toEqual(['request', 'response']);
      expect(ours[0].request.client_token).toBe(hash);
      expect(ours[0].auth.client_token).toBe(hash);
      expect(ours[0].request.data.input).toBe(hash);
      expect(ours[1].response.data.hash).toMatch(/^hmac-sha256:/);
    } finally {
      await vault('DELETE', `sys/audit/${name}`);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
