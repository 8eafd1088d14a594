// The authorisation step of a request (vault/request_handling.go CheckToken → performPolicyChecks,
// vault/router.go RootPath, vault/dynamic_system_view.go SudoPrivilege), over a PolicyStore.
import { errors } from '../errors.js';
import { AclBuildError, type Acl, type AclRequest } from './acl.js';
import type { PolicyStore } from './store.js';

interface CompiledRootPaths {
  /** Longest first: go-radix LongestPrefix picks the longest entry that prefixes the path. */
  entries: { path: string; prefix: boolean }[];
}

const compiledRootPaths = new WeakMap<readonly string[], CompiledRootPaths>();

/**
 * Whether a path (relative to its mount) is one of the engine's sudo-protected paths. As go-radix
 * does, only the longest entry prefixing the path decides: an exact entry must equal the path.
 */
export function isRootPath(rootPaths: readonly string[] | undefined, relPath: string): boolean {
  if (!rootPaths || rootPaths.length === 0) return false;
  let compiled = compiledRootPaths.get(rootPaths);
  if (!compiled) {
    const byPath = new Map<string, boolean>();
    for (const p of rootPaths) byPath.set(p.endsWith('*') ? p.slice(0, -1) : p, p.endsWith('*'));
    const entries = [...byPath].map(([path, prefix]) => ({ path, prefix })).sort((a, b) => b.path.length - a.path.length);
    compiledRootPaths.set(rootPaths, (compiled = { entries }));
  }
  const match = compiled.entries.find((e) => relPath.startsWith(e.path));
  if (!match) return false;
  return match.prefix || match.path === relPath;
}

/** The ACL of a token's policies; a set Vault cannot compile (root alongside others) is an internal error. */
export function aclFor(store: PolicyStore, policies: readonly string[]): Acl {
  try {
    return store.acl(policies);
  } catch (err) {
    if (err instanceof AclBuildError) throw errors.internal();
    throw err;
  }
}

/**
 * Throws Vault's 403 (`1 error occurred:\n\t* permission denied\n\n`) unless the ACL allows the
 * request; a root-protected path also needs sudo in the deciding rule (help is exempt).
 */
export function authorizeRequest(acl: Acl, req: AclRequest, rootPath: boolean): void {
  const result = acl.allowOperation(req);
  if (result.isRoot) return;
  if (!result.allowed) throw errors.permissionDenied();
  if (rootPath && !result.rootPrivs && req.operation !== 'help') throw errors.permissionDenied();
}

/** SudoPrivilege: whether the rule deciding a read of `path` grants sudo (always, for root). */
export function hasSudo(acl: Acl, path: string): boolean {
  return acl.allowOperation({ path, operation: 'read' }, true).rootPrivs;
}
