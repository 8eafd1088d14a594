// The token store tells the expiration manager about each token lease it writes: the first lease of a
// token whose id it just generated as `issued` (no timer can exist for it yet), every other as `saved`.
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/core/random.js';
import { InMemoryStorage } from '../../../src/core/storage.js';
import type { LeaseAuth } from '../../../src/core/token/token-lease.js';
import { TokenStore, type NewToken } from '../../../src/core/token-store.js';

const input: NewToken = {
  parent: '',
  policies: ['default'],
  path: 'auth/approle/login',
  meta: null,
  display_name: 'approle',
  num_uses: 0,
  creation_time: 1_700_000_000,
  ttl: 60,
  explicit_max_ttl: 0,
  period: 0,
  role: '',
  entity_id: '',
  type: 'service',
};
const auth: LeaseAuth = { ttl: 60, renewable: true, policies: ['default'], metadata: null, accessor: '', entity_id: '', orphan: true, num_uses: 0, period: 0, explicit_max_ttl: 0 };

function storeWithLog() {
  const store = new TokenStore(new InMemoryStorage(), createRandom(7));
  const log: string[] = [];
  store.watchLeases({ saved: (l) => log.push(`saved ${l.client_token}`), issued: (l) => log.push(`issued ${l.client_token}`), deleted: (id) => log.push(`deleted ${id}`) });
  return { store, log };
}

describe('token lease notifications', () => {
  it('reports a generated token’s first lease as issued, and any later write of it as saved', () => {
    const { store, log } = storeWithLog();
    const token = store.create(input);
    store.registerLease(token, auth, 1_700_000_000_000);
    store.registerLease(token, auth, 1_700_000_001_000);
    expect(log).toEqual([`issued ${token.id}`, `saved ${token.id}`]);
  });

  it('reports the lease of a token with a given id, or of an earlier generated token, as saved', () => {
    const { store, log } = storeWithLog();
    const first = store.create(input);
    const second = store.create(input);
    const custom = store.create({ ...input, id: 'my-token' });
    store.registerLease(first, auth, 1_700_000_000_000);
    store.registerLease(custom, auth, 1_700_000_000_000);
    store.registerLease(second, auth, 1_700_000_000_000);
    expect(log).toEqual([`saved ${first.id}`, 'saved my-token', `issued ${second.id}`]);
  });

  it('salts a generated token as its later lookups do', () => {
    const { store } = storeWithLog();
    const token = store.create(input);
    store.registerLease(token, auth, 1_700_000_000_000);
    const salted = store.salt(token.id);
    store.create(input);
    expect(store.salt(token.id)).toBe(salted);
    expect(store.lookup(token.id, 1_700_000_000_000)?.accessor).toBe(token.accessor);
    expect(store.leaseOf(token)?.lease_id).toBe(`auth/approle/login/${salted}`);
  });
});
