// The http.ServeMux Vault registers in http/handler.go (dev mode, UI enabled, OSS), with Go 1.22's
// matching rules: paths are cleaned (a path with `//`, `/./` or `/../` is redirected with 301),
// a subtree root named without its trailing slash is redirected to it (301), segments are compared
// percent-decoded, and the most specific pattern wins.
import { cleanPath, goEscapePath, goUnescape, type RequestTarget } from './go-url.js';
import { TOP_LEVEL_DATA_ROUTES } from './render-response.js';

export type MuxDecision =
  | { kind: 'redirect'; status: 301 | 307; location: string }
  /** A path Vault serves with a raw (non-logical) handler; `path` is the logical path. */
  | { kind: 'raw'; path: string }
  /** The logical handler; `path` is the decoded path after /v1/. */
  | { kind: 'logical'; path: string }
  /** The UI file server (/ui/…, /robots.txt). */
  | { kind: 'ui' }
  /** No pattern matches (only without the UI, which registers `/`): Go's NotFoundHandler. */
  | { kind: 'notFound' }
  /** `*` as the request target: ServeMux answers 400 and closes. */
  | { kind: 'asterisk' };

/** Raw sys handlers registered by exact path (http/handler.go handler()). */
export const RAW_SYS_PATHS: readonly string[] = [
  'sys/init',
  'sys/seal-status',
  'sys/seal-backend-status',
  'sys/seal',
  'sys/step-down',
  'sys/unseal',
  'sys/leader',
  'sys/health',
  'sys/generate-root/attempt',
  'sys/generate-root/update',
  'sys/rekey/init',
  'sys/rekey/update',
  'sys/rekey/verify',
  'sys/rekey-recovery-key/init',
  'sys/rekey-recovery-key/update',
  'sys/rekey-recovery-key/verify',
  'sys/storage/raft/bootstrap',
  'sys/storage/raft/join',
  'sys/internal/ui/feature-flags',
];

/** Exact patterns served by the logical handler (no-forward paths and injectDataIntoTopRoutes). */
const LOGICAL_EXACT = [
  'sys/host-info',
  'sys/monitor',
  'sys/metrics',
  'sys/in-flight-req',
  ...TOP_LEVEL_DATA_ROUTES,
];

type Target = 'raw' | 'logical' | 'ui-redirect' | 'ui';

interface Pattern {
  segments: string[];
  /** A subtree pattern (ends in '/') matches its root and everything below. */
  subtree: boolean;
  target: Target;
}

function pattern(p: string, target: Target): Pattern {
  const subtree = p.endsWith('/');
  const body = subtree ? p.slice(1, -1) : p.slice(1);
  return { segments: body === '' ? [] : body.split('/'), subtree, target };
}

const ALL_PATTERNS: Pattern[] = [
  ...RAW_SYS_PATHS.map((p) => pattern(`/v1/${p}`, 'raw')),
  ...LOGICAL_EXACT.map((p) => pattern(`/v1/${p}`, 'logical')),
  pattern('/ui', 'ui-redirect'),
  pattern('/robots.txt', 'ui'),
  ...[
    '/v1/sys/config/state/',
    '/v1/sys/audit/',
    '/v1/sys/audit-hash/',
    '/v1/sys/auth/',
    '/v1/sys/config/auditing/request-headers/',
    '/v1/sys/mounts/',
    '/v1/sys/policy/',
    '/v1/sys/pprof/',
    '/v1/sys/',
    '/v1/',
  ].map((p) => pattern(p, 'logical')),
  pattern('/ui/', 'ui'),
  pattern('/', 'ui-redirect'),
];

/** Without `ui = true` (and outside dev mode) Vault registers none of the UI patterns, `/` included. */
const API_PATTERNS = ALL_PATTERNS.filter((p) => p.target === 'raw' || p.target === 'logical');

/** Segments of an escaped, cleaned path, each percent-decoded (routing_tree.go firstSegment). */
function segmentsOf(escapedPath: string): string[] {
  const segs = escapedPath.slice(1).split('/');
  // Plain ASCII without escapes decodes to itself.
  if (NOTHING_TO_DECODE.test(escapedPath)) return segs;
  return segs.map((s) => goUnescape(s, false) ?? s);
}
const NOTHING_TO_DECODE = /^[\x00-\x24\x26-\x7f]*$/;

interface Match {
  pattern: Pattern;
  /** The match is exact: an exact pattern, or a subtree pattern naming exactly its root. */
  exact: boolean;
}

/** Whether the pattern's segments start `segs`. */
function prefixMatches(p: Pattern, segs: string[]): boolean {
  const n = p.segments.length;
  if (n > segs.length) return false;
  for (let i = 0; i < n; i++) if (p.segments[i] !== segs[i]) return false;
  return true;
}

/** A pattern list indexed for matching: only patterns that share a path's first two segments can match it. */
export interface PatternIndex {
  /** Patterns of fewer than two segments: candidates for every path. */
  short: Pattern[];
  byHead: Map<string, Pattern[]>;
  /** Second segments of the patterns under /v1/ (`sys`). */
  underV1: Set<string>;
}

const headKey = (a: string | undefined, b: string | undefined) => `${a}\u0000${b}`;

function indexPatterns(patterns: Pattern[]): PatternIndex {
  const index: PatternIndex = { short: [], byHead: new Map(), underV1: new Set() };
  for (const p of patterns) {
    if (p.segments.length < 2) index.short.push(p);
    else {
      if (p.segments[0] === 'v1') index.underV1.add(p.segments[1]!);
      const key = headKey(p.segments[0], p.segments[1]);
      index.byHead.set(key, [...(index.byHead.get(key) ?? []), p]);
    }
  }
  return index;
}

export const ALL_INDEX = indexPatterns(ALL_PATTERNS);
export const API_INDEX = indexPatterns(API_PATTERNS);
// plainLogicalPath relies on the `/v1/` subtree being the longest pattern of fewer than two segments.
if (!API_PATTERNS.some((p) => p.subtree && p.segments.join('/') === 'v1')) throw new Error('vault-mux: /v1/ subtree missing');

function match(index: PatternIndex, segs: string[]): Match | undefined {
  // Exact patterns are distinct, and the longest subtree wins, so the order of candidates does not matter.
  const head = segs.length < 2 ? undefined : index.byHead.get(headKey(segs[0], segs[1]));
  let best: Pattern | undefined;
  for (const list of head ? [index.short, head] : [index.short]) {
    for (const p of list) {
      if (!prefixMatches(p, segs)) continue;
      if (!p.subtree) {
        if (segs.length === p.segments.length) return { pattern: p, exact: true };
        continue;
      }
      if (segs.length > p.segments.length && (!best || p.segments.length > best.segments.length)) best = p;
    }
  }
  if (!best) return undefined;
  const exact = segs.length === best.segments.length + 1 && segs[segs.length - 1] === '';
  return { pattern: best, exact };
}

function withQuery(path: string, rawQuery: string): string {
  return rawQuery === '' ? path : `${path}?${rawQuery}`;
}

/** ServeMux.findHandler; `ui` says whether the UI (and its catch-all `/`) is registered. */
export function route(target: RequestTarget, method: string, ui = true): MuxDecision {
  const patterns = ui ? ALL_INDEX : API_INDEX;
  const plain = method === 'CONNECT' ? undefined : plainLogicalPath(target, patterns);
  return plain !== undefined ? { kind: 'logical', path: plain } : routeByPatterns(target, method, patterns);
}

/**
 * The common case decided without splitting the path: a clean, escape-free `/v1/<segment>/…` whose
 * first two segments no pattern starts with can only fall in the `/v1/` subtree, with no redirect.
 */
function plainLogicalPath(target: RequestTarget, patterns: PatternIndex): string | undefined {
  const p = target.escapedPath;
  if (!p.startsWith('/v1/') || !(target.plain || NOTHING_TO_DECODE.test(p)) || cleanPath(p) !== p) return undefined;
  const end = p.indexOf('/', 4);
  const second = end === -1 ? p.slice(4) : p.slice(4, end);
  if (second === '' || patterns.underV1.has(second)) return undefined;
  return target.path.slice('/v1/'.length);
}

/** ServeMux.findHandler by matching every candidate pattern (exported for tests of route's shortcut). */
export function routeByPatterns(target: RequestTarget, method: string, patterns: PatternIndex = ALL_INDEX): MuxDecision {
  if (target.path === '*') return { kind: 'asterisk' };
  const connect = method === 'CONNECT';
  const path = connect ? target.escapedPath : cleanPath(target.escapedPath);
  const segs = segmentsOf(path);
  const found = match(patterns, segs);
  if ((!found || !found.exact) && !path.endsWith('/')) {
    // segmentsOf(`${path}/`): the same segments and an empty last one.
    const slashed = match(patterns, [...segs, '']);
    if (slashed?.exact) {
      return { kind: 'redirect', status: 301, location: withQuery(goEscapePath(`${cleanPath(target.path)}/`), target.rawQuery) };
    }
  }
  if (!connect && path !== target.escapedPath) {
    // Go builds the Location from the already-escaped clean path, so escapes come out doubled.
    return { kind: 'redirect', status: 301, location: withQuery(goEscapePath(path), target.rawQuery) };
  }
  if (!found) return { kind: 'notFound' };
  switch (found.pattern.target) {
    case 'ui-redirect':
      return { kind: 'redirect', status: 307, location: '/ui/' };
    case 'ui':
      return { kind: 'ui' };
    case 'raw':
      return { kind: 'raw', path: found.pattern.segments.join('/').slice('v1/'.length) };
    case 'logical':
      return { kind: 'logical', path: target.path.slice('/v1/'.length) };
  }
}
