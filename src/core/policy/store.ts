// ACL policies in storage (vault/policy_store.go): names sanitised (trimmed, lower-cased), the
// built-ins loaded at setup, `root` answered without being stored, and compiled ACLs cached per
// policy set so that authorising a request costs a map lookup once the set has been seen.
import { errorResponse } from '../errors.js';
import type { Storage } from '../storage.js';
import { Acl } from './acl.js';
import { BUILTIN_POLICIES, DEFAULT_POLICY_NAME, IMMUTABLE_POLICIES, NON_ASSIGNABLE_POLICIES, ROOT_POLICY_NAME } from './builtin.js';
import { policyStoreMessages as m } from './messages.js';
import type { Policy } from './model.js';
import { parseAclPolicy } from './parse.js';

/** Where policies live: the system barrier view's `policy/` sub-view. */
const PREFIX = 'sys/policy/';

interface PolicyEntry {
  version: 2;
  raw: string;
  templated: boolean;
  type: 'acl';
}

export function sanitizePolicyName(name: string): string {
  return name.trim().toLowerCase();
}

export class PolicyStore {
  private readonly policies = new Map<string, Policy | null>();
  private readonly acls = new Map<string, Acl>();

  constructor(private readonly storage: Storage) {}

  /** loadACLPolicy for each built-in: `default` is kept once present, the immutable ones refreshed. */
  setupBuiltins(): void {
    for (const { name, text } of BUILTIN_POLICIES) {
      const existing = this.get(name);
      if (existing && (!IMMUTABLE_POLICIES.includes(name) || existing.raw === text)) continue;
      this.write({ ...parseAclPolicy(text), name });
    }
  }

  /** The named policy; `root` is synthesised with empty rules. */
  get(name: string): Policy | undefined {
    const key = sanitizePolicyName(name);
    if (this.policies.has(key)) return this.policies.get(key) ?? undefined;
    let policy: Policy | null = null;
    if (key === ROOT_POLICY_NAME) policy = { name: ROOT_POLICY_NAME, raw: '', templated: false, paths: [] };
    else {
      const entry = this.storage.get<PolicyEntry>(PREFIX + key);
      if (entry) policy = { ...parseAclPolicy(entry.raw), name: key };
    }
    this.policies.set(key, policy);
    return policy ?? undefined;
  }

  /** SetPolicy: refuses the immutable policies. `policy` is already parsed (its name is replaced). */
  set(name: string, policy: Policy): void {
    const key = sanitizePolicyName(name);
    if (IMMUTABLE_POLICIES.includes(key)) throw errorResponse(m.cannotUpdate(key));
    this.write({ ...policy, name: key });
  }

  /** DeletePolicy: idempotent, but never the immutable or the default policy. */
  delete(name: string): void {
    const key = sanitizePolicyName(name);
    if (IMMUTABLE_POLICIES.includes(key)) throw errorResponse(m.cannotDelete(key));
    if (key === DEFAULT_POLICY_NAME) throw errorResponse(m.cannotDeleteDefault);
    this.storage.delete(PREFIX + key);
    this.invalidate();
  }

  /** Stored names in storage scan order, without the non-assignable built-ins (`root` is not stored). */
  list(): string[] {
    const keys: string[] = [];
    // logical.CollectKeys: a depth-first scan that emits a folder's leaves before descending.
    const frontier = [''];
    while (frontier.length > 0) {
      const current = frontier.pop()!;
      for (const child of this.storage.list(PREFIX + current)) {
        if (child.endsWith('/')) frontier.push(current + child);
        else keys.push(current + child);
      }
    }
    return keys.filter((k) => !NON_ASSIGNABLE_POLICIES.includes(k));
  }

  /** The ACL of a token's policy names; unknown names are skipped, as Vault does. */
  acl(names: readonly string[]): Acl {
    const cacheKey = names.join('\u0000');
    let acl = this.acls.get(cacheKey);
    if (!acl) {
      const policies = names.map((n) => this.get(n)).filter((p): p is Policy => p !== undefined);
      acl = Acl.fromPolicies(policies);
      this.acls.set(cacheKey, acl);
    }
    return acl;
  }

  /** Forgets every cached policy and ACL (after a write, or when storage was replaced underneath). */
  invalidate(): void {
    this.policies.clear();
    this.acls.clear();
  }

  private write(policy: Policy): void {
    const entry: PolicyEntry = { version: 2, raw: policy.raw, templated: policy.templated, type: 'acl' };
    this.storage.put(PREFIX + policy.name, entry);
    this.invalidate();
  }
}
