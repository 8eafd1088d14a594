import { describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';

const RFC3339_NANO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/;

describe('sys/key-status and sys/rotate (conformance)', () => {
  it('GET key-status answers term, install_time and encryptions, also at the top level', async () => {
    const res = await vault('GET', 'sys/key-status');
    expect(res.status).toBe(200);
    expect(Object.keys(res.json.data).sort()).toEqual(['encryptions', 'install_time', 'term']);
    expect(Number.isInteger(res.json.data.term)).toBe(true);
    expect(res.json.data.term).toBeGreaterThanOrEqual(1);
    expect(res.json.data.install_time).toMatch(RFC3339_NANO);
    expect(Number.isInteger(res.json.data.encryptions)).toBe(true);
    expect(res.json.term).toBe(res.json.data.term);
    expect(res.json.install_time).toBe(res.json.data.install_time);
    expect(res.json.mount_type).toBe('system');
  });

  it('needs a token', async () => {
    const res = await vault('GET', 'sys/key-status', { token: null });
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ errors: ['permission denied'] });
  });

  it('POST sys/rotate installs the next term (204)', async () => {
    const before = (await vault('GET', 'sys/key-status')).json.data;
    const res = await vault('POST', 'sys/rotate');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    const after = (await vault('GET', 'sys/key-status')).json.data;
    expect(after.term).toBe(before.term + 1);
    expect(Date.parse(after.install_time)).toBeGreaterThanOrEqual(Date.parse(before.install_time));
  });

  it('rotate is write-only', async () => {
    const res = await vault('GET', 'sys/rotate');
    expect(res.status).toBe(405);
    expect(res.json).toEqual({ errors: ['1 error occurred:\n\t* unsupported operation\n\n'] });
  });
});
