// Non-exact rules of an ACL: `*` prefix rules (longest prefix wins) and `+` segment rules, chosen by
// Vault's priority order (vault/acl.go CheckAllowedFromNonExactPaths), plus the bare-mount walk that
// sys/internal/ui/mounts uses.
import { CAP, type Permissions } from './model.js';

interface SegmentRule {
  /** The pattern as stored, trailing `*` included. */
  fullPath: string;
  /** The pattern without its trailing `*`. */
  wcPath: string;
  wcPathBytes: number;
  segments: string[];
  isPrefix: boolean;
  /** Byte index of the first `+`. */
  firstWildcard: number;
  perms: Permissions;
}

interface Candidate {
  firstWildcard: number;
  wildcards: number;
  isPrefix: boolean;
  wcPath: string;
  wcPathBytes: number;
  perms: Permissions;
}

const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');

/** Go's `<` on strings: bytewise, i.e. code point order. */
function goLess(a: string, b: string): boolean {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')) < 0;
}

/** -1 when `a` has lower priority than `b` (Vault's `less`), 1 when higher, 0 when equal. */
function comparePriority(a: Candidate, b: Candidate): number {
  if (a.firstWildcard !== b.firstWildcard) return a.firstWildcard < b.firstWildcard ? -1 : 1;
  if (a.isPrefix !== b.isPrefix) return a.isPrefix ? -1 : 1;
  if (a.wildcards !== b.wildcards) return a.wildcards > b.wildcards ? -1 : 1;
  if (a.wcPathBytes !== b.wcPathBytes) return a.wcPathBytes < b.wcPathBytes ? -1 : 1;
  if (a.wcPath !== b.wcPath) return goLess(a.wcPath, b.wcPath) ? -1 : 1;
  return 0;
}

export class WildcardRules {
  /** Prefix rules bucketed by length, longest first, for a longest-prefix lookup without a scan. */
  private readonly prefixByLength = new Map<number, Map<string, Permissions>>();
  private prefixLengths: number[] = [];
  private readonly segmentRules: SegmentRule[] = [];

  constructor(
    readonly prefixRules: ReadonlyMap<string, Permissions>,
    segmentRules: ReadonlyMap<string, Permissions>,
  ) {
    for (const [prefix, perms] of prefixRules) {
      let bucket = this.prefixByLength.get(prefix.length);
      if (!bucket) this.prefixByLength.set(prefix.length, (bucket = new Map()));
      bucket.set(prefix, perms);
    }
    this.prefixLengths = [...this.prefixByLength.keys()].sort((a, b) => b - a);
    for (const [fullPath, perms] of segmentRules) {
      if (fullPath === '') continue;
      const isPrefix = fullPath.endsWith('*');
      const wcPath = isPrefix ? fullPath.slice(0, -1) : fullPath;
      this.segmentRules.push({
        fullPath,
        wcPath,
        wcPathBytes: byteLength(wcPath),
        segments: wcPath.split('/'),
        isPrefix,
        firstWildcard: byteLength(fullPath.slice(0, fullPath.indexOf('+'))),
        perms,
      });
    }
  }

  get hasSegmentRules(): boolean {
    return this.segmentRules.length > 0;
  }

  /** The prefix rule with the longest prefix of `path` (go-radix LongestPrefix). */
  longestPrefix(path: string): [string, Permissions] | undefined {
    for (const length of this.prefixLengths) {
      if (length > path.length) continue;
      const key = path.slice(0, length);
      const perms = this.prefixByLength.get(length)!.get(key);
      if (perms) return [key, perms];
    }
    return undefined;
  }

  /** The permissions of the best non-exact rule for `path`, if any. */
  match(path: string): Permissions | undefined {
    const prefix = this.longestPrefix(path);
    if (this.segmentRules.length === 0) return prefix?.[1];
    const candidates: Candidate[] = [];
    if (prefix) {
      const bytes = byteLength(prefix[0]);
      candidates.push({ firstWildcard: bytes, wildcards: 0, isPrefix: true, wcPath: prefix[0], wcPathBytes: bytes, perms: prefix[1] });
    }
    const parts = path.split('/');
    for (const rule of this.segmentRules) {
      const wildcards = segmentMatch(rule, parts);
      if (wildcards === undefined) continue;
      candidates.push({ ...rule, wildcards });
    }
    let best: Candidate | undefined;
    for (const c of candidates) if (!best || comparePriority(c, best) > 0) best = c;
    return best?.perms;
  }

  /**
   * CheckAllowedFromNonExactPaths with bareMount: some rule under the mount path `path` (ending in `/`)
   * grants something. As in Vault, a matching prefix rule answers even when it denies, as long as the
   * ACL has no `+` rules.
   */
  grantsUnderMount(path: string): boolean {
    const prefix = this.longestPrefix(path);
    if (this.segmentRules.length === 0) return prefix !== undefined;
    const parts = path.split('/');
    const checkAt = parts.length - 2;
    for (const rule of this.segmentRules) {
      const joined: string[] = [];
      for (let i = 0; i < rule.segments.length; i++) {
        const aclPart = rule.segments[i]!;
        const part = parts[i] ?? '';
        if (aclPart === '+' || aclPart === part) joined.push(part);
        else if (rule.isPrefix && i === rule.segments.length - 1 && part.startsWith(aclPart)) joined.push(...parts.slice(i));
        if (i === checkAt) {
          const bits = rule.perms.capabilities;
          if (`${joined.join('/')}/`.startsWith(path) && (bits & CAP.deny) === 0 && bits > 0) return true;
          break;
        }
      }
    }
    return false;
  }
}

/** The number of `+` segments when `rule` matches the path's segments, else undefined. */
function segmentMatch(rule: SegmentRule, parts: string[]): number | undefined {
  const segs = rule.segments;
  if (parts.length < segs.length) return undefined;
  if (!rule.isPrefix && segs.length !== parts.length) return undefined;
  let wildcards = 0;
  for (let i = 0; i < segs.length; i++) {
    const aclPart = segs[i]!;
    if (aclPart === '+') wildcards++;
    else if (aclPart === parts[i]) continue;
    else if (rule.isPrefix && i === segs.length - 1 && parts[i]!.startsWith(aclPart)) continue;
    else return undefined;
  }
  return wildcards;
}
