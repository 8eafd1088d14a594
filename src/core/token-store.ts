// Tokens known to this server. Issue #2 needs only root tokens (dev root token, sys/init,
// generate-root); issue #3 grows this into Vault's full token store.
import { createHash } from 'node:crypto';
import type { Random } from './random.js';
import type { Storage } from './storage.js';

export interface TokenEntry {
  id: string;
  accessor: string;
  policies: string[];
  path: string;
  display_name: string;
  meta: Record<string, string> | null;
  /** Seconds since the epoch. */
  creation_time: number;
  ttl: number;
  explicit_max_ttl: number;
  num_uses: number;
  orphan: boolean;
  parent: string;
  type: 'service' | 'batch';
  /** Whether the token has a lease entry (tokens created through auth/token/create have one). */
  has_lease: boolean;
}

const PREFIX = 'core/token/id/';
const ACCESSOR_PREFIX = 'core/token/accessor/';

function keyOf(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

export class TokenStore {
  private readonly revokeListeners: ((entry: TokenEntry) => void)[] = [];

  constructor(
    private readonly storage: Storage,
    private readonly random: Random,
  ) {}

  /** Runs after each revocation (Vault destroys the token's cubbyhole then: token_store.go cubbyholeDestroyer). */
  onRevoke(listener: (entry: TokenEntry) => void): void {
    this.revokeListeners.push(listener);
  }

  /** A new root token: `hvs.` + 24 base62 characters unless an id is given. */
  createRoot(opts: { now: number; id?: string; viaCreate?: boolean }): TokenEntry {
    const entry: TokenEntry = {
      id: opts.id ?? `hvs.${this.random.base62(24)}`,
      accessor: this.random.base62(24),
      policies: ['root'],
      path: opts.viaCreate ? 'auth/token/create' : 'auth/token/root',
      display_name: opts.viaCreate ? 'token' : 'root',
      meta: null,
      creation_time: Math.floor(opts.now / 1000),
      ttl: 0,
      explicit_max_ttl: 0,
      num_uses: 0,
      orphan: true,
      parent: '',
      type: 'service',
      has_lease: opts.viaCreate ?? false,
    };
    this.storage.put(PREFIX + keyOf(entry.id), entry);
    this.storage.put(ACCESSOR_PREFIX + entry.accessor, keyOf(entry.id));
    return entry;
  }

  lookup(id: string): TokenEntry | undefined {
    if (!id) return undefined;
    return this.storage.get<TokenEntry>(PREFIX + keyOf(id));
  }

  revoke(id: string): void {
    const entry = this.lookup(id);
    if (!entry) return;
    this.storage.delete(PREFIX + keyOf(id));
    this.storage.delete(ACCESSOR_PREFIX + entry.accessor);
    for (const listener of this.revokeListeners) listener(entry);
  }

  isRoot(entry: TokenEntry): boolean {
    return entry.policies.includes('root');
  }
}
