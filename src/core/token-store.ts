// Vault's token store (vault/token_store.go): entries indexed by salted id, accessor and parent,
// the client-facing token strings, use counts, and revocation of whole trees (leaves first).
// Expiry is decided against the caller's `now`: a token whose lease has expired, or whose ancestor's
// has, is revoked with its tree the moment anything looks at it, as Vault's expiration manager would
// have done at expire_time.
import { errorResponse } from './errors.js';
import type { Random } from './random.js';
import type { Frozen, Storage } from './storage.js';
import {
  decodeBatchToken,
  decodeSscToken,
  encodeBatchToken,
  isBatchToken,
  isSscToken,
  LEGACY_SERVICE_PREFIX,
  newTokenKeys,
  randomTokenPart,
  SERVICE_PREFIX,
  TokenHmacs,
  type TokenKeys,
} from './token/formats.js';
import { frozenAccessorEntry, frozenTokenEntry } from './token/frozen-records.js';
import { tokenMessages } from './token/messages.js';
import { sanitizePolicies } from './token/policies.js';
import { deleteTokenLease, leaseExpired, peekTokenLease, readTokenLease, tokenLeaseId, writeTokenLease, type LeaseAuth, type TokenLease } from './token/token-lease.js';

export type TokenType = 'service' | 'batch';

export interface TokenLeaseWatcher {
  saved(lease: TokenLease): void;
  /** The first lease of a token whose id was just generated: no timer can be pending for it yet. */
  issued(lease: TokenLease): void;
  deleted(leaseId: string): void;
}

export interface TokenEntry {
  /** The stored id (`hvs.` + 24 base62, or a custom id); for batch tokens the whole `hvb.` string. */
  id: string;
  /** '' for batch tokens. */
  accessor: string;
  /** The parent's stored id; '' for orphans. */
  parent: string;
  policies: string[];
  path: string;
  meta: Record<string, string> | null;
  display_name: string;
  /** Uses left (0 = unlimited; -1 = its last use is running, so lookups no longer find it). */
  num_uses: number;
  /** Seconds since the epoch. */
  creation_time: number;
  /** Seconds; 0 = never expires (root tokens only). */
  ttl: number;
  explicit_max_ttl: number;
  period: number;
  role: string;
  entity_id: string;
  type: TokenType;
  /** The client addresses the token may be used from (go-sockaddr text); absent when unbound. */
  bound_cidrs?: string[];
}

export type NewToken = Omit<TokenEntry, 'id' | 'accessor'> & { id?: string };

interface AccessorEntry {
  token_id: string;
  accessor_id: string;
  namespace_id: string;
}

const KEYS_KEY = 'sys/token/keys';
const ID_PREFIX = 'sys/token/id/';
const ACCESSOR_PREFIX = 'sys/token/accessor/';
const PARENT_PREFIX = 'sys/token/parent/';
const REVOCATION_PENDING = -1;
/** Memo sizes: salting (an HMAC) and SSC decoding run on every request, for the same few tokens. */
const MEMO_LIMIT = 10_000;

/** A bounded memo: cleared when full, which keeps the common case (few hot tokens) cheap. */
function memo<V>(cache: Map<string, V>, key: string, compute: () => V): V {
  const hit = cache.get(key);
  if (hit !== undefined || cache.has(key)) return hit as V;
  if (cache.size >= MEMO_LIMIT) cache.clear();
  const value = compute();
  cache.set(key, value);
  return value;
}

export class TokenStore {
  private readonly revokeListeners: ((entry: TokenEntry) => void)[] = [];
  private leaseWatcher: TokenLeaseWatcher | undefined;
  /** The keys never change once made, so they are read from storage once. */
  private cachedKeys: TokenKeys | undefined;
  private cachedHmacs: TokenHmacs | undefined;
  private readonly salted = new Map<string, string>();
  private readonly sscInner = new Map<string, string | undefined>();
  /** Storage keys of token entries by id: a fresh concatenation per request would be hashed each time. */
  private readonly entryKeys = new Map<string, string>();
  /**
   * The salted id of the token generated last, outside the memo: its lease needs it at once, while
   * the memo is for tokens in use (a login's token may never be used; its first use salts it again).
   */
  private generatedId: string | undefined;
  private generatedSalted = '';
  /** Whether that token's first lease was registered (only the first skips the timer lookup). */
  private generatedLeased = false;

  constructor(
    private readonly storage: Storage,
    private readonly random: Random,
  ) {}

  /** Runs for each revoked token, leaves first (Vault destroys the cubbyhole and the token's leases then). */
  onRevoke(listener: (entry: TokenEntry) => void): void {
    this.revokeListeners.push(listener);
  }

  /** Tells the expiration manager about every token lease written or deleted, so expiry is scheduled. */
  watchLeases(watcher: TokenLeaseWatcher): void {
    this.leaseWatcher = watcher;
  }

  /** The salt and keys behind token strings, made on first use. */
  keys(): TokenKeys {
    if (this.cachedKeys) return this.cachedKeys;
    let keys = this.storage.get<TokenKeys>(KEYS_KEY);
    if (!keys) {
      keys = newTokenKeys(this.random);
      this.storage.put(KEYS_KEY, keys);
    }
    this.cachedKeys = keys;
    return keys;
  }

  private hmacs(): TokenHmacs {
    return (this.cachedHmacs ??= new TokenHmacs(this.keys()));
  }

  salt(id: string): string {
    if (id === this.generatedId) return this.generatedSalted;
    return memo(this.salted, id, () => this.hmacs().saltId(id));
  }

  isRoot(entry: { readonly policies: readonly string[] }): boolean {
    return entry.policies.length === 1 && entry.policies[0] === 'root';
  }

  /**
   * vault/token_store.go rootToken: the init (or generate-root) root token, with no lease. An `id`
   * (for tests) is taken as it is, without the checks auth/token/create applies to custom ids.
   */
  createRoot(opts: { now: number; id?: string }): TokenEntry {
    return this.create(
      {
        parent: '',
        policies: ['root'],
        path: 'auth/token/root',
        meta: null,
        display_name: 'root',
        num_uses: 0,
        creation_time: Math.floor(opts.now / 1000),
        ttl: 0,
        explicit_max_ttl: 0,
        period: 0,
        role: '',
        entity_id: '',
        type: 'service',
      },
      opts.id,
    );
  }

  /** vault/token_store.go create: stores a service token (or encodes a batch one). Custom-id errors are 400s. */
  create(input: NewToken, trustedId?: string): TokenEntry {
    const policies = sanitizePolicies(input.policies, false);
    if (input.type === 'batch') {
      const id = encodeBatchToken(this.keys(), this.random, { ...input, policies });
      return { ...input, policies, id, accessor: '' };
    }
    const given = trustedId ?? input.id;
    const generate = !given;
    const id = given || SERVICE_PREFIX + randomTokenPart(this.random);
    if (!generate && trustedId === undefined) {
      if (id.startsWith(SERVICE_PREFIX)) throw errorResponse(tokenMessages.customIdHvs);
      if (id.startsWith(LEGACY_SERVICE_PREFIX)) throw errorResponse(tokenMessages.customIdS);
      if (id.includes('.')) throw errorResponse(tokenMessages.customIdDot);
      if (this.storage.get(ID_PREFIX + this.salt(id)) !== undefined) throw errorResponse(tokenMessages.duplicateId);
    }
    // Every field by name: in Node 20's V8 a spread followed by properties costs about 1 µs per property.
    const entry = {
      parent: input.parent,
      policies,
      path: input.path,
      meta: input.meta,
      display_name: input.display_name,
      num_uses: input.num_uses,
      creation_time: input.creation_time,
      ttl: input.ttl,
      explicit_max_ttl: input.explicit_max_ttl,
      period: input.period,
      role: input.role,
      entity_id: input.entity_id,
      type: input.type,
      id,
      accessor: randomTokenPart(this.random),
    } satisfies Record<Exclude<keyof TokenEntry, 'bound_cidrs'>, unknown> as TokenEntry;
    // Non-expiring tokens are never bound (handleCreateCommon clears their CIDRs).
    if (input.bound_cidrs && input.bound_cidrs.length > 0 && input.ttl !== 0) entry.bound_cidrs = input.bound_cidrs;
    let salted: string;
    if (generate) {
      salted = this.hmacs().saltId(id);
      this.generatedId = id;
      this.generatedSalted = salted;
      this.generatedLeased = false;
    } else {
      salted = this.salt(id);
    }
    // A fresh accessor is rarely looked up again soon: salted without filling the memo.
    this.storage.putFrozen(ACCESSOR_PREFIX + this.hmacs().saltId(entry.accessor), frozenAccessorEntry(id, entry.accessor));
    if (entry.parent) this.storage.put(`${PARENT_PREFIX}${this.salt(entry.parent)}/${salted}`, true);
    this.storage.putFrozen(ID_PREFIX + salted, frozenTokenEntry(entry));
    // Not the frozen record: the login's response is built from this entry, and handing it the frozen
    // record (and its frozen policy list) made logins over HTTP slower, 1.10× the main-thread CPU in 16
    // paired rounds, though not in the core alone (bench/README.md).
    return entry;
  }

  /** What the client is handed: the 95-character SSC form for generated non-root service tokens. */
  clientToken(entry: TokenEntry): string {
    if (entry.type === 'batch' || this.isRoot(entry) || !entry.id.startsWith(SERVICE_PREFIX)) return entry.id;
    return this.hmacs().encodeSscToken(entry.id);
  }

  /** vault/expiration.go RegisterAuth: the token's lease, issued now, expiring after `auth.ttl` (never if 0). */
  registerLease(entry: TokenEntry, auth: LeaseAuth, nowMs: number): TokenLease {
    const lease: TokenLease = {
      lease_id: tokenLeaseId(entry.path, this.salt(entry.id)),
      client_token: entry.id,
      path: entry.path,
      issue_time: nowMs,
      expire_time: auth.ttl > 0 ? nowMs + auth.ttl * 1000 : 0,
      last_renewal_time: 0,
      auth,
    };
    writeTokenLease(this.storage, lease);
    if (entry.id === this.generatedId && !this.generatedLeased) {
      this.generatedLeased = true;
      this.leaseWatcher?.issued(lease);
    } else {
      this.leaseWatcher?.saved(lease);
    }
    return lease;
  }

  /** The token's lease: stored for service tokens, derived from the token itself for batch ones. */
  leaseOf(entry: TokenEntry): TokenLease | undefined {
    if (entry.type === 'batch') {
      const issue = entry.creation_time * 1000;
      const auth: LeaseAuth = {
        ttl: entry.ttl,
        renewable: false,
        policies: entry.policies,
        metadata: entry.meta,
        accessor: '',
        entity_id: entry.entity_id,
        orphan: entry.parent === '',
        num_uses: 0,
        period: 0,
        explicit_max_ttl: 0,
      };
      return { lease_id: '', client_token: entry.id, path: entry.path, issue_time: issue, expire_time: issue + entry.ttl * 1000, last_renewal_time: 0, auth };
    }
    return readTokenLease(this.storage, tokenLeaseId(entry.path, this.salt(entry.id)));
  }

  saveLease(lease: TokenLease): void {
    writeTokenLease(this.storage, lease);
    this.leaseWatcher?.saved(lease);
  }

  /**
   * Finds a live token by any of its client forms (SSC, stored id, batch string). `tainted` also
   * returns a token whose last use is running (Vault's lookupTainted).
   */
  lookup(token: string, nowMs: number, opts: { tainted?: boolean; readOnly?: boolean } = {}): TokenEntry | undefined {
    if (!token) return undefined;
    if (isBatchToken(token)) return this.lookupBatch(token, nowMs);
    const id = isSscToken(token) ? (memo(this.sscInner, token, () => decodeSscToken(token)) ?? token) : token;
    const key = memo(this.entryKeys, id, () => ID_PREFIX + this.salt(id));
    // readOnly: the stored entry itself, frozen (no copy per request); for callers that never change it.
    const entry = opts.readOnly ? (this.storage.peek<TokenEntry>(key) as TokenEntry | undefined) : this.storage.get<TokenEntry>(key);
    if (!entry) return undefined;
    if (entry.num_uses < 0 && !opts.tainted) return undefined;
    if (this.neverExpires(entry)) return entry;
    const lease = this.leaseOf(entry);
    // An expiring token without a lease entry is revoked on sight, as lookupInternal does.
    const expired = lease ? this.highestExpired(entry, lease, nowMs) : entry.id;
    if (expired) {
      this.revokeTree(expired);
      return undefined;
    }
    return entry;
  }

  /** Non-expiring root tokens need no lease and have no expiring ancestor (lookupInternal's fast path). */
  private neverExpires(entry: TokenEntry): boolean {
    return entry.ttl === 0 && this.isRoot(entry);
  }

  private parentOf(entry: TokenEntry): TokenEntry | undefined {
    return entry.parent ? this.storage.get<TokenEntry>(ID_PREFIX + this.salt(entry.parent)) : undefined;
  }

  /** The id of the highest token, from `entry` up through its parents, whose lease has expired; '' if none. */
  private highestExpired(entry: TokenEntry, lease: TokenLease, nowMs: number): string {
    let expired = leaseExpired(lease, nowMs) ? entry.id : '';
    const seen = new Set<string>([entry.id]);
    for (let cur = this.parentOf(entry); cur && !this.neverExpires(cur) && !seen.has(cur.id); cur = this.parentOf(cur)) {
      seen.add(cur.id);
      const parentLease = this.leaseOf(cur);
      if (parentLease && leaseExpired(parentLease, nowMs)) expired = cur.id;
    }
    return expired;
  }

  private lookupBatch(token: string, nowMs: number): TokenEntry | undefined {
    const c = decodeBatchToken(this.keys(), token);
    if (!c) return undefined;
    if (nowMs > (c.creation_time + c.ttl) * 1000) return undefined;
    if (c.parent && !this.lookup(c.parent, nowMs)) return undefined;
    return { ...c, id: token, accessor: '', num_uses: 0, explicit_max_ttl: 0, period: 0, type: 'batch' };
  }

  /** vault/token_store.go UseToken: one use consumed; the last one marks the token pending revocation. */
  useToken(entry: TokenEntry): TokenEntry | undefined {
    if (entry.num_uses === 0 || entry.type === 'batch') return entry;
    const key = ID_PREFIX + this.salt(entry.id);
    const fresh = this.storage.get<TokenEntry>(key);
    if (!fresh || fresh.num_uses < 0) return undefined;
    fresh.num_uses = fresh.num_uses === 1 ? REVOCATION_PENDING : fresh.num_uses - 1;
    this.storage.put(key, fresh);
    return fresh;
  }

  isLastUse(entry: TokenEntry): boolean {
    return entry.num_uses === REVOCATION_PENDING;
  }

  /** The token id behind an accessor, if its token is still there (expired tokens are revoked first). */
  tokenIdForAccessor(accessor: string, nowMs: number): string | undefined {
    if (!accessor) return undefined;
    const key = ACCESSOR_PREFIX + this.salt(accessor);
    const found = this.storage.get<AccessorEntry>(key);
    if (!found) return undefined;
    this.lookup(found.token_id, nowMs, { tainted: true });
    return this.storage.get<AccessorEntry>(key)?.token_id;
  }

  /**
   * Every stored service token entry with its stored lease, expired or not (for the token count gauges):
   * both frozen, and the lease found from the stored key, without salting the id again.
   */
  forEachStored(visit: (entry: Frozen<TokenEntry>, lease: Frozen<TokenLease> | undefined) => void): void {
    for (const salted of this.storage.list(ID_PREFIX)) {
      const entry = this.storage.peek<TokenEntry>(ID_PREFIX + salted);
      if (entry) visit(entry, peekTokenLease(this.storage, tokenLeaseId(entry.path, salted)));
    }
  }

  /** Every live accessor (LIST auth/token/accessors), in index order. */
  accessors(nowMs: number): string[] {
    this.revokeAllExpired(nowMs);
    return this.storage
      .list(ACCESSOR_PREFIX)
      .map((k) => this.storage.get<AccessorEntry>(ACCESSOR_PREFIX + k))
      .filter((e): e is AccessorEntry => !!e && e.token_id !== '')
      .map((e) => e.accessor_id);
  }

  private revokeAllExpired(nowMs: number): void {
    for (const salted of this.storage.list(ID_PREFIX)) {
      const entry = this.storage.get<TokenEntry>(ID_PREFIX + salted);
      if (entry) this.lookup(entry.id, nowMs, { tainted: true });
    }
  }

  /** auth/token/tidy: drops expired tokens, and index entries whose token is gone. */
  tidy(nowMs: number): void {
    this.revokeAllExpired(nowMs);
    for (const key of this.storage.list(ACCESSOR_PREFIX)) {
      const a = this.storage.get<AccessorEntry>(ACCESSOR_PREFIX + key);
      if (!a || this.storage.get(ID_PREFIX + this.salt(a.token_id)) === undefined) this.storage.delete(ACCESSOR_PREFIX + key);
    }
    for (const parent of this.storage.list(PARENT_PREFIX)) {
      for (const child of this.storage.list(PARENT_PREFIX + parent)) {
        if (this.storage.get(ID_PREFIX + child) === undefined) this.storage.delete(PARENT_PREFIX + parent + child);
      }
    }
  }

  /** Revokes a token and all its descendants, leaves first (revokeTreeInternal). Unknown ids are ignored. */
  revokeTree(id: string): void {
    const stack = [this.salt(id)];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      seen.add(top);
      const children = this.storage.list(`${PARENT_PREFIX}${top}/`).filter((c) => !seen.has(c));
      if (children.length === 0) {
        this.revokeSalted(top, true);
        stack.pop();
      } else stack.push(...children);
    }
  }

  /** Revokes one token and leaves its children alive as orphans (revokeOrphan). */
  revokeOrphan(id: string): void {
    this.revokeSalted(this.salt(id), false);
  }

  /** Kept for callers that revoke a root token (seal flows, dev start-up): the whole tree. */
  revoke(id: string): void {
    this.revokeTree(id);
  }

  /** revokeInternal: listeners (cubbyhole, leases), token lease, parent and accessor index, then the entry. */
  private revokeSalted(salted: string, skipOrphan: boolean): void {
    const key = ID_PREFIX + salted;
    const entry = this.storage.get<TokenEntry>(key);
    if (!entry) return;
    if (entry.num_uses !== REVOCATION_PENDING) this.storage.put(key, { ...entry, num_uses: REVOCATION_PENDING });
    for (const listener of this.revokeListeners) listener(entry);
    const leaseId = tokenLeaseId(entry.path, salted);
    deleteTokenLease(this.storage, leaseId);
    this.leaseWatcher?.deleted(leaseId);
    if (entry.parent) this.storage.delete(`${PARENT_PREFIX}${this.salt(entry.parent)}/${salted}`);
    if (entry.accessor) this.storage.delete(ACCESSOR_PREFIX + this.salt(entry.accessor));
    if (!skipOrphan) {
      for (const child of this.storage.list(`${PARENT_PREFIX}${salted}/`)) {
        const childKey = ID_PREFIX + child;
        const childEntry = this.storage.get<TokenEntry>(childKey);
        if (childEntry) this.storage.put(childKey, { ...childEntry, parent: '' });
        this.storage.delete(`${PARENT_PREFIX}${salted}/${child}`);
      }
    }
    this.storage.delete(key);
  }
}
