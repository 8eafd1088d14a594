// ACL precedence, one row per rule of Vault's vault/acl.go (NewACL, AllowOperation,
// CheckAllowedFromNonExactPaths) with the verdict real Vault gives.
import { describe, expect, it } from 'vitest';
import { Acl, AclBuildError, type AclOperation } from '../../../src/core/policy/acl.js';
import { authorizeRequest, isRootPath } from '../../../src/core/policy/authorize.js';
import { parseAclPolicy } from '../../../src/core/policy/parse.js';
import { VaultError } from '../../../src/core/errors.js';

const acl = (...texts: string[]) => Acl.fromPolicies(texts.map((t, i) => ({ ...parseAclPolicy(t), name: `p${i}` })));
const rule = (path: string, ...caps: string[]) => `path "${path}" { capabilities = ${JSON.stringify(caps)} }`;

interface Row {
  name: string;
  policies: string[];
  path: string;
  op: AclOperation;
  data?: Record<string, unknown>;
  wrapTtl?: number;
  allowed: boolean;
}

const precedence: Row[] = [
  { name: 'an exact rule allows its capability', policies: [rule('secret/foo', 'read')], path: 'secret/foo', op: 'read', allowed: true },
  { name: 'an exact rule does not allow other capabilities', policies: [rule('secret/foo', 'read')], path: 'secret/foo', op: 'update', allowed: false },
  {
    name: 'an exact rule wins over a more permissive glob',
    policies: [rule('secret/foo', 'read'), rule('secret/*', 'read', 'update')],
    path: 'secret/foo',
    op: 'update',
    allowed: false,
  },
  {
    name: 'deny on a glob does not beat an exact rule in another policy',
    policies: [rule('secret/*', 'deny'), rule('secret/foo', 'read')],
    path: 'secret/foo',
    op: 'read',
    allowed: true,
  },
  {
    name: 'deny wins on the identical pattern',
    policies: [rule('secret/foo', 'read'), rule('secret/foo', 'deny')],
    path: 'secret/foo',
    op: 'read',
    allowed: false,
  },
  {
    name: 'deny wins on the identical pattern whichever policy comes first',
    policies: [rule('secret/foo', 'deny'), rule('secret/foo', 'read')],
    path: 'secret/foo',
    op: 'read',
    allowed: false,
  },
  {
    name: 'capabilities of identical patterns are unioned',
    policies: [rule('secret/foo', 'read'), rule('secret/foo', 'update')],
    path: 'secret/foo',
    op: 'update',
    allowed: true,
  },
  {
    name: 'capabilities of different patterns are never unioned',
    policies: [rule('secret/foo', 'read'), rule('secret/*', 'update')],
    path: 'secret/foo',
    op: 'update',
    allowed: false,
  },
  { name: 'LIST p/ is answered by an exact rule for p', policies: [rule('secret/foo', 'list')], path: 'secret/foo/', op: 'list', allowed: true },
  { name: 'READ p/ is not answered by an exact rule for p', policies: [rule('secret/foo', 'read')], path: 'secret/foo/', op: 'read', allowed: false },
  { name: 'a glob p/* authorises LIST p/', policies: [rule('secret/*', 'list')], path: 'secret/', op: 'list', allowed: true },
  {
    name: 'LIST p/ first tries the wildcards on p without its slash',
    policies: [rule('secret/foo*', 'list'), rule('secret/foo/*', 'deny')],
    path: 'secret/foo/',
    op: 'list',
    allowed: true,
  },
  {
    name: 'the longest glob prefix decides',
    policies: [rule('secret/*', 'read'), rule('secret/a/*', 'deny')],
    path: 'secret/a/b',
    op: 'read',
    allowed: false,
  },
  { name: 'a shorter glob still covers other paths', policies: [rule('secret/*', 'read'), rule('secret/a/*', 'deny')], path: 'secret/b', op: 'read', allowed: true },
  { name: 'a glob covers deeper levels', policies: [rule('secret/*', 'read')], path: 'secret/a/b/c', op: 'read', allowed: true },
  { name: 'a glob may end mid-segment', policies: [rule('secret/foo*', 'read')], path: 'secret/food', op: 'read', allowed: true },
  { name: 'path "*" covers everything', policies: [rule('*', 'read')], path: 'anything/at/all', op: 'read', allowed: true },
  { name: 'a * not at the end is a literal', policies: [rule('secret/*/foo', 'read')], path: 'secret/x/foo', op: 'read', allowed: false },
  { name: 'a * not at the end matches itself', policies: [rule('secret/*/foo', 'read')], path: 'secret/*/foo', op: 'read', allowed: true },
  { name: '+ matches exactly one segment', policies: [rule('secret/+/config', 'read')], path: 'secret/app/config', op: 'read', allowed: true },
  { name: '+ does not match two segments', policies: [rule('secret/+/config', 'read')], path: 'secret/a/b/config', op: 'read', allowed: false },
  { name: '+ does not match zero segments', policies: [rule('secret/+/config', 'read')], path: 'secret/config', op: 'read', allowed: false },
  { name: '+ alone matches a one-segment path', policies: [rule('+', 'read')], path: 'sys', op: 'read', allowed: true },
  { name: '+ with a trailing * prefix-matches the rest', policies: [rule('secret/+/app/*', 'read')], path: 'secret/x/app/y/z', op: 'read', allowed: true },
  {
    name: 'priority 1: a later first wildcard beats an earlier one',
    policies: [rule('secret/+/foo', 'read'), rule('secret/bar/+', 'deny')],
    path: 'secret/bar/foo',
    op: 'read',
    allowed: false,
  },
  {
    name: 'priority 1: a glob whose prefix is longer than the first + wins',
    policies: [rule('secret/+/foo', 'deny'), rule('secret/bar/*', 'read')],
    path: 'secret/bar/foo',
    op: 'read',
    allowed: true,
  },
  {
    name: 'priority 2: foo/+ beats foo/* (non-glob beats glob at the same position)',
    policies: [rule('foo/+', 'read'), rule('foo/*', 'deny')],
    path: 'foo/x',
    op: 'read',
    allowed: true,
  },
  {
    name: 'priority 2: foo/+/bar beats foo/+/ba*',
    policies: [rule('foo/+/bar', 'read'), rule('foo/+/ba*', 'deny')],
    path: 'foo/x/bar',
    op: 'read',
    allowed: true,
  },
  {
    name: 'priority 3: fewer + segments win',
    policies: [rule('a/+/b/c', 'read'), rule('a/+/+/c', 'deny')],
    path: 'a/x/b/c',
    op: 'read',
    allowed: true,
  },
  {
    name: 'priority 4: the longer pattern wins',
    policies: [rule('foo/+/bar/ba*', 'read'), rule('foo/+/bar/b*', 'deny')],
    path: 'foo/x/bar/baz',
    op: 'read',
    allowed: true,
  },
  { name: 'priority 5: the lexicographically greater pattern wins', policies: [rule('+/a/+', 'read'), rule('+/+/b', 'deny')], path: 'x/a/b', op: 'read', allowed: true },
  { name: 'priority 5, the other way round', policies: [rule('+/a/+', 'deny'), rule('+/+/b', 'read')], path: 'x/a/b', op: 'read', allowed: false },
  { name: 'nothing matches: denied', policies: [rule('secret/foo', 'read')], path: 'other/foo', op: 'read', allowed: false },
  { name: 'a rule without capabilities allows nothing', policies: ['path "secret/foo" {}'], path: 'secret/foo', op: 'read', allowed: false },
  { name: 'create needs create', policies: [rule('secret/foo', 'update')], path: 'secret/foo', op: 'create', allowed: false },
  { name: 'update needs update', policies: [rule('secret/foo', 'create')], path: 'secret/foo', op: 'update', allowed: false },
  { name: 'patch needs patch', policies: [rule('secret/foo', 'update', 'read')], path: 'secret/foo', op: 'patch', allowed: false },
  { name: 'patch is its own capability', policies: [rule('secret/foo', 'patch')], path: 'secret/foo', op: 'patch', allowed: true },
  { name: 'delete needs delete', policies: [rule('secret/foo', 'delete')], path: 'secret/foo', op: 'delete', allowed: true },
  { name: 'renew needs update', policies: [rule('sys/leases/renew', 'update')], path: 'sys/leases/renew', op: 'renew', allowed: true },
  { name: 'revoke needs update', policies: [rule('x', 'read')], path: 'x', op: 'revoke', allowed: false },
  { name: 'help is always allowed', policies: [], path: 'secret/foo', op: 'help', allowed: true },
  { name: 'a leading / on the request path is ignored', policies: [rule('secret/foo', 'read')], path: '/secret/foo', op: 'read', allowed: true },
  { name: 'a leading / on the pattern is ignored', policies: [rule('/secret/foo', 'read')], path: 'secret/foo', op: 'read', allowed: true },
  { name: 'legacy policy = "read" grants read and list', policies: ['path "s/*" { policy = "read" }'], path: 's/', op: 'list', allowed: true },
  { name: 'legacy policy = "write" grants create', policies: ['path "s/*" { policy = "write" }'], path: 's/a', op: 'create', allowed: true },
  {
    name: 'identity-templated rules are dropped for a token without an entity',
    policies: ['path "identity/entity/id/{{identity.entity.id}}" { capabilities = ["read"] }'],
    path: 'identity/entity/id/{{identity.entity.id}}',
    op: 'read',
    allowed: false,
  },
];

const param = (body: string) => `path "p" { capabilities = ["create", "read", "update", "delete", "patch"]\n${body} }`;

const parameters: Row[] = [
  { name: 'required parameter present', policies: [param('required_parameters = ["Name"]')], path: 'p', op: 'update', data: { name: 'x' }, allowed: true },
  { name: 'required parameter missing', policies: [param('required_parameters = ["name"]')], path: 'p', op: 'update', data: { other: 'x' }, allowed: false },
  { name: 'required parameter missing with no data at all', policies: [param('required_parameters = ["name"]')], path: 'p', op: 'update', allowed: false },
  { name: 'no data passes allowed_parameters', policies: [param('allowed_parameters = { "a" = ["x"] }')], path: 'p', op: 'update', allowed: true },
  { name: 'allowed value', policies: [param('allowed_parameters = { "a" = ["x", "y"] }')], path: 'p', op: 'update', data: { a: 'y' }, allowed: true },
  { name: 'value not allowed', policies: [param('allowed_parameters = { "a" = ["x"] }')], path: 'p', op: 'update', data: { a: 'z' }, allowed: false },
  { name: 'key not allowed', policies: [param('allowed_parameters = { "a" = [] }')], path: 'p', op: 'update', data: { b: 'z' }, allowed: false },
  { name: 'empty list allows any value', policies: [param('allowed_parameters = { "a" = [] }')], path: 'p', op: 'update', data: { a: 'anything' }, allowed: true },
  { name: 'keys compare lower-cased', policies: [param('allowed_parameters = { "TTL" = [] }')], path: 'p', op: 'update', data: { Ttl: '1h' }, allowed: true },
  { name: 'prefix glob in an allowed value', policies: [param('allowed_parameters = { "a" = ["dev-*"] }')], path: 'p', op: 'update', data: { a: 'dev-1' }, allowed: true },
  { name: 'suffix glob in an allowed value', policies: [param('allowed_parameters = { "a" = ["*-dev"] }')], path: 'p', op: 'update', data: { a: 'x-dev' }, allowed: true },
  { name: 'infix glob in an allowed value', policies: [param('allowed_parameters = { "a" = ["*mid*"] }')], path: 'p', op: 'update', data: { a: 'amidb' }, allowed: true },
  { name: 'glob that does not match', policies: [param('allowed_parameters = { "a" = ["dev-*"] }')], path: 'p', op: 'update', data: { a: 'prod-1' }, allowed: false },
  { name: '"*" key allows other keys', policies: [param('allowed_parameters = { "*" = [], "a" = ["x"] }')], path: 'p', op: 'update', data: { b: 1 }, allowed: true },
  { name: '"*" key still checks listed keys', policies: [param('allowed_parameters = { "*" = [], "a" = ["x"] }')], path: 'p', op: 'update', data: { a: 'y' }, allowed: false },
  { name: 'an HCL number never equals a JSON number', policies: [param('allowed_parameters = { "n" = [5] }')], path: 'p', op: 'update', data: { n: 5 }, allowed: false },
  { name: 'booleans compare by value', policies: [param('allowed_parameters = { "b" = [true] }')], path: 'p', op: 'update', data: { b: true }, allowed: true },
  { name: 'lists compare deeply', policies: [param('allowed_parameters = { "l" = [["a", "b"]] }')], path: 'p', op: 'update', data: { l: ['a', 'b'] }, allowed: true },
  { name: 'denied value', policies: [param('denied_parameters = { "a" = ["x"] }')], path: 'p', op: 'update', data: { a: 'x' }, allowed: false },
  { name: 'other value of a denied key', policies: [param('denied_parameters = { "a" = ["x"] }')], path: 'p', op: 'update', data: { a: 'y' }, allowed: true },
  { name: 'denied key with any value', policies: [param('denied_parameters = { "a" = [] }')], path: 'p', op: 'create', data: { a: 'y' }, allowed: false },
  { name: 'denied "*" refuses any data', policies: [param('denied_parameters = { "*" = [] }')], path: 'p', op: 'patch', data: { z: 'y' }, allowed: false },
  { name: 'denied "*" lets a request without data through', policies: [param('denied_parameters = { "*" = [] }')], path: 'p', op: 'update', allowed: true },
  { name: 'denied beats allowed', policies: [param('allowed_parameters = { "a" = [] }\n denied_parameters = { "a" = ["x"] }')], path: 'p', op: 'update', data: { a: 'x' }, allowed: false },
  { name: 'parameters are checked on reads', policies: [param('denied_parameters = { "a" = [] }')], path: 'p', op: 'read', data: { a: 'x' }, allowed: false },
  { name: 'parameters are not checked on deletes', policies: [param('denied_parameters = { "a" = [] }')], path: 'p', op: 'delete', data: { a: 'x' }, allowed: true },
  {
    name: 'merged allowed values of identical patterns',
    policies: [param('allowed_parameters = { "a" = ["x"] }'), param('allowed_parameters = { "a" = ["y"] }')],
    path: 'p',
    op: 'update',
    data: { a: 'y' },
    allowed: true,
  },
  {
    name: 'an empty list on either side of a merge allows any value',
    policies: [param('allowed_parameters = { "a" = ["x"] }'), param('allowed_parameters = { "a" = [] }')],
    path: 'p',
    op: 'update',
    data: { a: 'zzz' },
    allowed: true,
  },
  { name: 'max_wrapping_ttl refuses an unwrapped request', policies: [param('max_wrapping_ttl = "1h"')], path: 'p', op: 'read', allowed: false },
  { name: 'max_wrapping_ttl allows a shorter wrap', policies: [param('max_wrapping_ttl = "1h"')], path: 'p', op: 'read', wrapTtl: 60, allowed: true },
  { name: 'max_wrapping_ttl refuses a longer wrap', policies: [param('max_wrapping_ttl = "1h"')], path: 'p', op: 'read', wrapTtl: 7200, allowed: false },
  { name: 'min_wrapping_ttl refuses a shorter wrap', policies: [param('min_wrapping_ttl = 300')], path: 'p', op: 'read', wrapTtl: 60, allowed: false },
  {
    name: 'merged wrapping TTLs take the lower maximum',
    policies: [param('max_wrapping_ttl = "1h"'), param('max_wrapping_ttl = "10m"')],
    path: 'p',
    op: 'read',
    wrapTtl: 1200,
    allowed: false,
  },
  {
    name: 'a merged deny drops the parameter rules with the capabilities',
    policies: [param('allowed_parameters = { "a" = [] }'), 'path "p" { capabilities = ["deny"] }'],
    path: 'p',
    op: 'update',
    allowed: false,
  },
];

describe('ACL precedence', () => {
  for (const row of [...precedence, ...parameters]) {
    it(`${row.allowed ? 'allows' : 'denies'}: ${row.name}`, () => {
      const result = acl(...row.policies).allowOperation({ path: row.path, operation: row.op, data: row.data, wrapTtl: row.wrapTtl });
      expect(result.allowed).toBe(row.allowed);
    });
  }
});

describe('sudo and root', () => {
  const check = (a: Acl, rootPath: boolean) => {
    try {
      authorizeRequest(a, { path: 'sys/auth/x', operation: 'update' }, rootPath);
      return 'allowed';
    } catch (err) {
      return (err as VaultError).status === 403 ? (err as VaultError).errors[0] : 'other';
    }
  };

  it('needs sudo in the deciding rule on a root-protected path', () => {
    const denied = '1 error occurred:\n\t* permission denied\n\n';
    expect(check(acl(rule('sys/auth/*', 'update')), false)).toBe('allowed');
    expect(check(acl(rule('sys/auth/*', 'update')), true)).toBe(denied);
    expect(check(acl(rule('sys/auth/*', 'update', 'sudo')), true)).toBe('allowed');
    // The exact rule decides; the glob's sudo does not help.
    expect(check(acl(rule('sys/auth/x', 'update'), rule('sys/auth/*', 'update', 'sudo')), true)).toBe(denied);
    // Help passes even there.
    expect(() => authorizeRequest(acl(), { path: 'sys/auth/x', operation: 'help' }, true)).not.toThrow();
  });

  it('lets the root policy do anything, alone', () => {
    const root = Acl.fromPolicies([{ name: 'root', raw: '', templated: false, paths: [] }]);
    expect(root.allowOperation({ path: 'any/thing', operation: 'delete' })).toMatchObject({ allowed: true, rootPrivs: true, isRoot: true });
    expect(root.capabilities('any/thing')).toEqual(['root']);
    expect(check(root, true)).toBe('allowed');
    expect(() => Acl.fromPolicies([{ name: 'root', raw: '', templated: false, paths: [] }, { ...parseAclPolicy(''), name: 'default' }])).toThrow(AclBuildError);
  });

  it('finds root paths as go-radix does: the longest entry decides', () => {
    const paths = ['auth/*', 'audit', 'audit/*', 'leases', 'leases/lookup/*', 'rotate'];
    expect(isRootPath(paths, 'auth/approle')).toBe(true);
    expect(isRootPath(paths, 'auth')).toBe(false);
    expect(isRootPath(paths, 'audit')).toBe(true);
    expect(isRootPath(paths, 'audit/file')).toBe(true);
    expect(isRootPath(paths, 'auditx')).toBe(false);
    expect(isRootPath(paths, 'leases/lookup/secret/')).toBe(true);
    expect(isRootPath(paths, 'leases/lookup')).toBe(false);
    expect(isRootPath(paths, 'leases/renew')).toBe(false);
    expect(isRootPath(paths, 'mounts')).toBe(false);
    expect(isRootPath(undefined, 'x')).toBe(false);
  });
});

describe('capabilities', () => {
  it('lists the deciding rule’s capabilities sorted, and deny when nothing matches', () => {
    const a = acl(rule('secret/*', 'update', 'sudo', 'read', 'create', 'list', 'delete', 'patch'), rule('secret/no', 'deny'), rule('kv/app', 'list'));
    expect(a.capabilities('secret/x')).toEqual(['create', 'delete', 'list', 'patch', 'read', 'sudo', 'update']);
    expect(a.capabilities('secret/no')).toEqual(['deny']);
    expect(a.capabilities('other')).toEqual(['deny']);
    // A list-style lookup: the exact rule for kv/app answers kv/app/.
    expect(a.capabilities('kv/app/')).toEqual(['list']);
    expect(acl().capabilities('x')).toEqual(['deny']);
    expect(acl(rule('e/*', 'subscribe')).capabilities('e/x')).toEqual(['subscribe']);
  });
});

describe('mount access (sys/internal/ui/mounts)', () => {
  it('sees a mount when any rule on or under it grants something', () => {
    expect(acl(rule('secret/data/app', 'read')).hasMountAccess('secret/')).toBe(true);
    expect(acl(rule('secret/', 'list')).hasMountAccess('secret/')).toBe(true);
    expect(acl(rule('secret/data/*', 'read')).hasMountAccess('secret/')).toBe(true);
    expect(acl(rule('secret/+/app', 'read')).hasMountAccess('secret/')).toBe(true);
    expect(acl(rule('+/data/app', 'read')).hasMountAccess('secret/')).toBe(true);
    expect(acl(rule('kv/data/app', 'read')).hasMountAccess('secret/')).toBe(false);
    expect(acl(rule('secret/data/app', 'deny')).hasMountAccess('secret/')).toBe(false);
    expect(acl(rule('secret/+/app', 'deny')).hasMountAccess('secret/')).toBe(false);
    expect(acl(rule('auth/token/lookup-self', 'read')).hasMountAccess('auth/token/')).toBe(true);
  });

  it('keeps Vault’s quirk: a covering glob counts even when it denies, if there are no + rules', () => {
    expect(acl(rule('*', 'deny')).hasMountAccess('secret/')).toBe(true);
    expect(acl(rule('*', 'deny'), rule('x/+', 'read')).hasMountAccess('secret/')).toBe(false);
  });
});
