import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/emulator.js';
import { kvEmu, list, patch } from './kv-helpers.js';

const invalid = (command: string) =>
  `Invalid path for a versioned K/V secrets engine. See the API docs for the appropriate API endpoints to use. If using the Vault CLI, use 'vault kv ${command}' for this operation.`;
const ROOT = 'Non-listing operations on the root of a K/V v2 mount are not supported.';

describe('KV v2 paths outside its API', () => {
  it('answers non-versioned paths with 404, the full envelope and a warning naming the CLI command', async () => {
    const { emu } = await kvEmu();
    const cases: [string, () => ReturnType<typeof call>][] = [
      ['get', () => call(emu, 'GET', '/v1/secret/foo')],
      ['put', () => call(emu, 'POST', '/v1/secret/foo', { a: 1 })],
      ['put', () => call(emu, 'PUT', '/v1/secret/foo/bar', { a: 1 })],
      ['patch', () => patch(emu, '/v1/secret/foo', { a: 1 })],
      ['delete', () => call(emu, 'DELETE', '/v1/secret/foo')],
      ['list', () => list(emu, '/v1/secret/foo')],
      ['list', () => list(emu, '/v1/secret/')],
      ['get', () => call(emu, 'GET', '/v1/secret/subkeys')],
      ['get', () => call(emu, 'GET', '/v1/secret/data/foo/')],
      ['list', () => list(emu, '/v1/secret/data/foo')],
    ];
    for (const [command, send] of cases) {
      const res = await send();
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({ lease_id: '', lease_duration: 0, data: null, wrap_info: null, auth: null, mount_type: '' });
      expect(res.json.warnings).toEqual([invalid(command)]);
      expect(res.text.endsWith('}')).toBe(true);
    }
  });

  it('answers the bare API roots with the root warning', async () => {
    const { emu } = await kvEmu();
    for (const root of ['data', 'metadata', 'delete', 'undelete', 'destroy']) {
      const res = await call(emu, 'GET', `/v1/secret/${root}`);
      expect(res.status).toBe(404);
      expect(res.json.warnings).toEqual([ROOT]);
      expect(res.json.data).toBeNull();
    }
    const write = await call(emu, 'POST', '/v1/secret/data', { data: { a: 1 } });
    expect(write.json.warnings).toEqual([ROOT]);
  });

  it('adds no ignored-parameter warning to these raw responses', async () => {
    const { emu } = await kvEmu();
    const res = await call(emu, 'GET', '/v1/secret/foo?x=1');
    expect(res.json.warnings).toEqual([invalid('get')]);
  });

  it('answers the mount root itself as a non-versioned read', async () => {
    const { emu } = await kvEmu();
    const res = await call(emu, 'GET', '/v1/secret');
    expect(res.status).toBe(404);
    expect(res.json.warnings).toEqual([invalid('get')]);
  });
});
