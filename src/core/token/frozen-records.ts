// The token store's three records per service token (entry, accessor index, lease) as storage keeps
// them: deeply frozen and equal to what JSON text would carry (frozenJsonCopy), but each built as one
// object literal. The generic copy adds fields one at a time to `{}`, which in V8 spills all but four of
// them into a separate property array kept for the token's lifetime. Lists and free-form parts (policies,
// metadata, a login's internal data) are shared between records with the same content: every login of
// one AppRole role carries the same three, and each kept copy is one more object the garbage collector
// moves and marks for the token's lifetime (bench/README.md). Rarer shapes (a bound token, a lease from
// auth/token/create) take the generic copy.
import { frozenJsonCopy, type Frozen } from '../storage.js';
import type { TokenEntry } from '../token-store.js';
import type { LeaseAuth, TokenLease } from './token-lease.js';

/** JSON's number: non-finite numbers become null and -0 becomes 0. */
const jsonNumber = (n: number): number => (Number.isFinite(n) ? n + 0 : (null as unknown as number));

/** How many shared values are kept (all dropped when full), and the longest JSON text worth sharing. */
const SHARED_LIMIT = 256;
const SHARED_MAX_TEXT = 256;
/**
 * Frozen copies by their JSON text. Equal text means equal copies (a copy is what JSON text carries), so
 * sharing one between records, or between emulators in one process, changes nothing anyone can observe.
 */
const shared = new Map<string, unknown>();

/**
 * The list and the map of strings shared last, with the map's keys: a login's records ask for the same
 * ones several times, and comparing with them costs less than writing the value's JSON text.
 */
let lastList: readonly string[] | undefined;
let lastRecord: { value: Readonly<Record<string, string>>; keys: readonly string[] } | undefined;

/** frozenJsonCopy(value), the same object for every value with the same (short) JSON text. */
export function sharedFrozenCopy<T>(value: T): Frozen<T> {
  if (value === null) return null as Frozen<T>;
  if (lastList !== undefined && isPlainArray(value) && sameStrings(value, lastList)) return lastList as Frozen<T>;
  if (lastRecord !== undefined && isPlainObject(value) && sameStringRecord(value, lastRecord.value, lastRecord.keys)) return lastRecord.value as Frozen<T>;
  const text = JSON.stringify(value);
  if (text === undefined || text.length > SHARED_MAX_TEXT) return frozenJsonCopy(value) as Frozen<T>;
  let kept = shared.get(text);
  if (kept === undefined) {
    if (shared.size >= SHARED_LIMIT) shared.clear();
    kept = frozenJsonCopy(value);
    shared.set(text, kept);
  }
  rememberLast(kept);
  return kept as Frozen<T>;
}

/** Keeps a shared list or map for the comparisons above when it holds strings only. */
function rememberLast(kept: unknown): void {
  if (Array.isArray(kept)) {
    if (kept.every((item) => typeof item === 'string')) lastList = kept as readonly string[];
  } else if (typeof kept === 'object' && kept !== null && Object.values(kept).every((v) => typeof v === 'string')) {
    lastRecord = { value: kept as Readonly<Record<string, string>>, keys: Object.keys(kept) };
  }
}

/** Same strings in the same order (a hole or anything but a string is never the same). */
function sameStrings(value: readonly unknown[], list: readonly string[]): boolean {
  if (value.length !== list.length) return false;
  for (let i = 0; i < list.length; i++) if (value[i] !== list[i]) return false;
  return true;
}

/** A list JSON writes item by item (no toJSON of its own or from a subclass). */
function isPlainArray(value: unknown): value is readonly unknown[] {
  return Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype && (value as { toJSON?: unknown }).toJSON === undefined;
}

/** An object JSON writes from its own enumerable fields alone (no toJSON, own or inherited). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && (value as { toJSON?: unknown }).toJSON === undefined;
}

/**
 * Same keys in the same order with the same string values: for-in walks own keys in the order
 * JSON.stringify writes them (this prototype adds none), so the JSON text would be the same.
 */
function sameStringRecord(value: Record<string, unknown>, record: Readonly<Record<string, string>>, keys: readonly string[]): boolean {
  let i = 0;
  for (const key in value) {
    if (i >= keys.length || key !== keys[i] || value[key] !== record[key]) return false;
    i++;
  }
  return i === keys.length;
}

// Each shape is written out as one literal: in Node 20's V8 a spread followed by more fields costs about
// 1 µs per field.
export function frozenTokenEntry(e: TokenEntry): Frozen<TokenEntry> {
  if (e.bound_cidrs !== undefined) return frozenJsonCopy(e) as Frozen<TokenEntry>;
  return Object.freeze({
    parent: e.parent,
    policies: sharedFrozenCopy(e.policies),
    path: e.path,
    meta: sharedFrozenCopy(e.meta),
    display_name: e.display_name,
    num_uses: jsonNumber(e.num_uses),
    creation_time: jsonNumber(e.creation_time),
    ttl: jsonNumber(e.ttl),
    explicit_max_ttl: jsonNumber(e.explicit_max_ttl),
    period: jsonNumber(e.period),
    role: e.role,
    entity_id: e.entity_id,
    type: e.type,
    id: e.id,
    accessor: e.accessor,
  });
}

export function frozenAccessorEntry(tokenId: string, accessor: string): Frozen<{ token_id: string; accessor_id: string; namespace_id: string }> {
  return Object.freeze({ token_id: tokenId, accessor_id: accessor, namespace_id: 'root' });
}

export function frozenTokenLease(l: TokenLease): Frozen<TokenLease> {
  return Object.freeze({
    lease_id: l.lease_id,
    client_token: l.client_token,
    path: l.path,
    issue_time: jsonNumber(l.issue_time),
    expire_time: jsonNumber(l.expire_time),
    last_renewal_time: jsonNumber(l.last_renewal_time),
    auth: frozenLeaseAuth(l.auth),
  });
}

/** A login's lease auth (with max_ttl and internal data) as one literal; any other shape is rarer (auth/token/create) and takes the generic copy. */
function frozenLeaseAuth(a: LeaseAuth): Frozen<LeaseAuth> {
  if (a.max_ttl === undefined || a.internal === undefined) return frozenJsonCopy(a) as Frozen<LeaseAuth>;
  return Object.freeze({
    ttl: jsonNumber(a.ttl),
    renewable: a.renewable,
    policies: sharedFrozenCopy(a.policies),
    metadata: sharedFrozenCopy(a.metadata),
    accessor: a.accessor,
    entity_id: a.entity_id,
    orphan: a.orphan,
    num_uses: jsonNumber(a.num_uses),
    period: jsonNumber(a.period),
    explicit_max_ttl: jsonNumber(a.explicit_max_ttl),
    max_ttl: jsonNumber(a.max_ttl),
    internal: sharedFrozenCopy(a.internal),
  });
}
