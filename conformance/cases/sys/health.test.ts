import { describe, expect, it } from 'vitest';
import { vault, vaultAddr } from '../../lib/client.js';

describe('sys/health (conformance)', () => {
  it('GET answers 200 with the unsealed-node fields and no envelope', async () => {
    const res = await vault('GET', 'sys/health', { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.json).toMatchObject({ initialized: true, sealed: false, standby: false, performance_standby: false, enterprise: false });
    expect(res.json.request_id).toBeUndefined();
    expect(typeof res.json.server_time_utc).toBe('number');
  });

  it('HEAD answers the status code without a body', async () => {
    const res = await fetch(`${vaultAddr()}/v1/sys/health`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('activecode overrides the status code; a non-numeric one is a bare 400', async () => {
    expect((await vault('GET', 'sys/health?activecode=299', { token: null })).status).toBe(299);
    const bad = await vault('GET', 'sys/health?activecode=abc', { token: null });
    expect(bad.status).toBe(400);
  });
});
