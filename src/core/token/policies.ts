// Policy-list helpers the token store shares with Vault's SDK: sdk/helper/policyutil
// SanitizePolicies and go-secure-stdlib strutil (RemoveDuplicates, StrListSubset,
// StrListContainsGlob over ryanuber/go-glob).

/** strutil.RemoveDuplicates(items, lowercase): trimmed, empty ones dropped, de-duplicated, sorted. */
export function removeDuplicates(items: readonly string[], lowercase: boolean): string[] {
  const set = new Set<string>();
  for (const raw of items) {
    let item = raw.trim();
    if (item === '') continue;
    if (lowercase) item = item.toLowerCase();
    set.add(item);
  }
  return [...set].sort(goStringCompare);
}

/** Go's sort.Strings order (byte-wise on UTF-8), which for our purposes is code-unit order. */
function goStringCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** policyutil.SanitizePolicies: lower-cased and sorted; `root` collapses the list; `default` added on request. */
export function sanitizePolicies(policies: readonly string[], addDefault: boolean): string[] {
  // A login sanitizes the same list several times: a list that is already the result comes back as a copy.
  if (isSanitized(policies, addDefault)) return policies.slice();
  // A role without policies (vault-benchmark's, say): what the general path below gives, without its Set and sort.
  if (policies.length === 0) return addDefault ? ['default'] : [];
  let list = policies.map((p) => p.trim().toLowerCase());
  let defaultFound = false;
  for (const p of list) {
    if (p === '') continue;
    if (p === 'root') {
      list = ['root'];
      defaultFound = true;
      break;
    }
    if (p === 'default') defaultFound = true;
  }
  if (addDefault && (list.length === 0 || !defaultFound)) list.push('default');
  return removeDuplicates(list, true);
}

/** Whether sanitizePolicies would return the list unchanged: trimmed, lower-case, sorted, unique, no `root`, `default` if asked. */
function isSanitized(policies: readonly string[], addDefault: boolean): boolean {
  if (policies.length === 0) return false;
  let hasDefault = false;
  for (let i = 0; i < policies.length; i++) {
    const p = policies[i]!;
    if (p === '' || p === 'root' || p !== p.trim() || p !== p.toLowerCase()) return false;
    if (i > 0 && !(policies[i - 1]! < p)) return false;
    if (p === 'default') hasDefault = true;
  }
  return hasDefault || !addDefault;
}

/** strutil.StrListSubset: every item of `sub` is in `sup`. */
export function isSubset(sup: readonly string[], sub: readonly string[]): boolean {
  return sub.every((s) => sup.includes(s));
}

/** ryanuber/go-glob Glob: `*` anywhere in the pattern matches any run of characters. */
export function globMatch(pattern: string, subject: string): boolean {
  if (pattern === '') return subject === '';
  if (pattern === '*') return true;
  const parts = pattern.split('*');
  if (parts.length === 1) return subject === pattern;
  const leadingGlob = pattern.startsWith('*');
  const trailingGlob = pattern.endsWith('*');
  const end = parts.length - 1;
  let subj = subject;
  for (let i = 0; i < end; i++) {
    const part = parts[i]!;
    const idx = subj.indexOf(part);
    if (i === 0) {
      if (!leadingGlob && idx !== 0) return false;
    } else if (idx < 0) return false;
    subj = subj.slice(idx + part.length);
  }
  return trailingGlob || subj.endsWith(parts[end]!);
}

/** strutil.StrListContainsGlob. */
export function containsGlob(patterns: readonly string[], value: string): boolean {
  return patterns.some((p) => globMatch(p, value));
}
