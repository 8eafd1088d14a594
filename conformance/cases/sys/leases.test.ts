// sys/leases/* and the legacy sys/renew|revoke|revoke-prefix paths, exercised with token leases (every
// Vault has them: a token with a TTL has a lease under the path that created it).
import { describe, expect, it } from 'vitest';
import { rootToken, vault, vaultAddr } from '../../lib/client.js';
import { EMULATOR_ONLY, isEmulator } from '../../lib/target.js';

/** A new 1h token and its lease id (found by listing auth/token/create/ and looking each lease up). */
async function tokenWithLease(ttl = '1h'): Promise<{ token: string; leaseId: string }> {
  const before = new Set<string>((await vault('LIST', 'sys/leases/lookup/auth/token/create/')).json?.data?.keys ?? []);
  const created = await vault('POST', 'auth/token/create', { body: { ttl, policies: ['default'] } });
  expect(created.status).toBe(200);
  const after: string[] = (await vault('LIST', 'sys/leases/lookup/auth/token/create/')).json.data.keys;
  const fresh = after.filter((k) => !before.has(k));
  expect(fresh).toHaveLength(1);
  return { token: created.json.auth.client_token, leaseId: `auth/token/create/${fresh[0]}` };
}

describe('sys/leases/lookup', () => {
  it('shows a token lease: id, times, renewable, ttl', async () => {
    const { leaseId } = await tokenWithLease();
    const res = await vault('PUT', 'sys/leases/lookup', { body: { lease_id: leaseId } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json.data).sort()).toEqual(['expire_time', 'id', 'issue_time', 'last_renewal', 'renewable', 'ttl']);
    expect(res.json.data).toMatchObject({ id: leaseId, last_renewal: null, renewable: true });
    expect(res.json.data.ttl).toBeGreaterThanOrEqual(3598);
    expect(res.json.data.ttl).toBeLessThanOrEqual(3600);
    expect(res.json.data.issue_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(Date.parse(res.json.data.expire_time) - Date.parse(res.json.data.issue_time)).toBeCloseTo(3600_000, -3);
  });

  it('answers Vault\'s errors for a missing or unknown lease id', async () => {
    expect(await vault('PUT', 'sys/leases/lookup', { body: {} })).toMatchObject({ status: 400, json: { errors: ['lease_id must be specified'] } });
    expect(await vault('PUT', 'sys/leases/lookup', { body: { lease_id: 'nope/nope/abc' } })).toMatchObject({ status: 400, json: { errors: ['invalid lease'] } });
  });

  it('lists the lease tree, 404 for an empty prefix, and needs sudo to list', async () => {
    await tokenWithLease();
    const top = await vault('LIST', 'sys/leases/lookup/');
    expect(top.status).toBe(200);
    expect(top.json.data.keys).toContain('auth/');
    expect(await vault('LIST', 'sys/leases/lookup/no-such-mount/')).toMatchObject({ status: 404, json: { errors: [] } });
    const plain = (await vault('POST', 'auth/token/create', { body: { policies: ['default'], ttl: '10m' } })).json.auth.client_token;
    expect((await vault('LIST', 'sys/leases/lookup/auth/', { token: plain })).status).toBe(403);
  });
});

describe('renew and revoke', () => {
  it('refuses to renew token leases here, and names a missing or unknown lease', async () => {
    const { leaseId } = await tokenWithLease();
    expect(await vault('PUT', 'sys/leases/renew', { body: { lease_id: leaseId } })).toMatchObject({
      status: 400,
      json: { errors: ['tokens cannot be renewed through this endpoint'] },
    });
    expect(await vault('PUT', 'sys/leases/renew', { body: {} })).toMatchObject({ status: 400, json: { errors: ['lease_id must be specified'] } });
    expect(await vault('PUT', 'sys/renew/nope/nope/abc', { body: {} })).toMatchObject({ status: 400, json: { errors: ['lease not found'] } });
  });

  it('revokes a token through its lease (sync 204), and unknown leases quietly', async () => {
    const { token, leaseId } = await tokenWithLease();
    expect((await vault('GET', 'auth/token/lookup-self', { token })).status).toBe(200);
    expect((await vault('PUT', 'sys/leases/revoke-prefix/' + leaseId)).status).toBe(204);
    expect((await vault('GET', 'auth/token/lookup-self', { token })).status).toBe(403);
    expect((await vault('PUT', 'sys/leases/lookup', { body: { lease_id: leaseId } })).status).toBe(400);
    expect((await vault('PUT', 'sys/leases/revoke', { body: { lease_id: 'nope/nope/abc' } })).status).toBe(204);
    expect((await vault('PUT', 'sys/revoke/nope/nope/abc', { body: {} })).status).toBe(204);
    const lazy = await vault('PUT', 'sys/leases/revoke', { body: { lease_id: 'nope/nope/abc', sync: false } });
    expect(lazy.status).toBe(202);
    expect(lazy.text).toBe('');
    expect(await vault('PUT', 'sys/leases/revoke', { body: {} })).toMatchObject({ status: 400, json: { errors: ['lease_id must be specified'] } });
  });

  it('revoke-prefix and revoke-force need sudo', async () => {
    const plain = (await vault('POST', 'auth/token/create', { body: { policies: ['default'], ttl: '10m' } })).json.auth.client_token;
    expect((await vault('PUT', 'sys/leases/revoke-prefix/nope', { token: plain })).status).toBe(403);
    expect((await vault('PUT', 'sys/leases/revoke-force/nope', { token: plain })).status).toBe(403);
    expect((await vault('PUT', 'sys/leases/revoke-prefix/nope/nothing-here')).status).toBe(204);
  });
});

describe('tidy and irrevocable leases', () => {
  it('starts a tidy with 202 and a warning', async () => {
    const res = await vault('PUT', 'sys/leases/tidy');
    expect(res.status).toBe(202);
    expect(res.json.warnings).toEqual(["Tidy operation successfully started. Any information from the operation will be printed to Vault's server logs."]);
  });

  it('counts and lists irrevocable leases; other types are 404', async () => {
    const counts = await vault('GET', 'sys/leases/count?type=irrevocable');
    expect(counts.status).toBe(200);
    expect(counts.json.data).toMatchObject({ lease_count: expect.any(Number), counts: expect.any(Object) });
    expect((await vault('GET', 'sys/leases/count?type=other')).status).toBe(404);
    const listed = await vault('GET', 'sys/leases?type=irrevocable');
    expect(listed.status).toBe(200);
    expect(Array.isArray(listed.json.data.leases)).toBe(true);
    expect((await vault('GET', 'sys/leases')).status).toBe(404);
  });
});

describe('the clock (vault-emu only)', () => {
  it(`expires a token the moment the clock passes its TTL — ${EMULATOR_ONLY}`, async (ctx) => {
    if (!(await isEmulator())) ctx.skip();
    const { token, leaseId } = await tokenWithLease('1s');
    expect((await vault('GET', 'auth/token/lookup-self', { token })).status).toBe(200);
    const moved = await fetch(`${vaultAddr()}/_emu/clock/advance`, {
      method: 'POST',
      headers: { 'X-Vault-Token': rootToken() },
      body: JSON.stringify({ duration: '1s' }),
    });
    expect(moved.status).toBe(200);
    expect((await vault('PUT', 'sys/leases/lookup', { body: { lease_id: leaseId } })).status).toBe(400);
    expect((await vault('GET', 'auth/token/lookup-self', { token })).status).toBe(403);
  });
});
