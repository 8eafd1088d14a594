// Verbatim strings of Vault's token store, each with the Vault source file it comes from
// (commit 31d58145fd, between 1.17.6 and 1.18).

/** Go's %q of a []string: `["a" "b"]`. */
function goQuoteList(items: string[]): string {
  return `[${items.map((s) => JSON.stringify(s)).join(' ')}]`;
}

export const tokenMessages = {
  // vault/token_store.go handleCreateCommon
  noParent: 'parent token lookup failed: no parent found',
  batchCannotCreate: 'batch tokens cannot create more tokens',
  restrictedUseParent: 'restricted use token cannot generate child tokens',
  roleInvalidTokenType: (t: string) => `role being used for token creation contains invalid token type ${JSON.stringify(t)}`,
  explicitMaxTtlUnparsable: '"explicit_max_ttl" value could not be parsed',
  periodUnparsable: '"period" value could not be parsed',
  batchCannotHave: (field: string) => `batch tokens cannot have ${JSON.stringify(field)} set`,
  invalidTokenType: "invalid 'token_type' value",
  negativeNumUses: 'number of uses cannot be negative',
  entityAliasNeedsRole: "'entity_alias' is only allowed in combination with token role",
  invalidEntityAlias: "invalid 'entity_alias' value",
  sudoForId: 'root or sudo privileges required to specify token id',
  notSubsetOfRole: (policies: string[], allowed: string[], globs: string[]) =>
    `token policies (${goQuoteList(policies)}) must be subset of the role's allowed policies (${goQuoteList(allowed)}) or glob policies (${goQuoteList(globs)})`,
  disallowedByRole: (policy: string) => `token policy ${JSON.stringify(policy)} is disallowed by this role`,
  notSubsetOfParent: 'child policies must be subset of parent',
  cannotAssignPolicy: (policy: string) => `cannot assign policy ${JSON.stringify(policy)}`,
  rootNeedsRootParent: 'root tokens may not be created without parent token being root',
  batchCannotBeRoot: 'batch tokens cannot be root tokens',
  sudoForOrphan: 'root or sudo privileges required to create orphan token',
  explicitMaxTtlPositive: 'explicit_max_ttl must be positive',
  periodPositive: 'period must be positive',
  sudoForPeriod: 'root or sudo privileges required to create periodic token',
  ttlPositive: 'ttl must be positive',
  leasePositive: 'lease must be positive',
  lesserExplicitMaxTtl: (secs: number) =>
    `Explicit max TTL specified both during creation call and in role; using the lesser value of ${secs} seconds`,
  lesserPeriod: (secs: number) => `Period specified both during creation call and in role; using the lesser value of ${secs} seconds`,
  expiringRootParent: 'expiring root tokens cannot create non-expiring root tokens',
  customIdWarning:
    'Supplying a custom ID for the token uses the weaker SHA1 hashing instead of the more secure SHA2-256 HMAC for token obfuscation. SHA1 hashed tokens on the wire leads to less secure lookups.',
  policyMissing: (policy: string) => `Policy ${JSON.stringify(policy)} does not exist`,
  // vault/token_store.go handleCreateAgainstRole
  unknownRole: (name: string) => `unknown role ${name}`,
  // vault/token_store.go create
  customIdHvs: "custom token ID cannot have the 'hvs.' prefix",
  customIdS: "custom token ID cannot have the 's.' prefix",
  customIdDot: "custom token ID cannot have a '.' in the value",
  duplicateId: 'cannot create a token with a duplicate ID',
  // vault/token_store.go handleLookup, handleRevokeTree, handleRevokeOrphan, handleRenew, revokeCommon
  missingTokenId: 'missing token ID',
  badToken: 'bad token',
  tokenNotFound: 'token not found',
  revokeOrphanNotFound: 'token to revoke not found',
  batchCannotBeRevoked: 'batch tokens cannot be revoked',
  batchCannotBeRenewed: 'batch tokens cannot be renewed',
  // vault/token_store.go handleUpdate{Lookup,Renew,Revoke}Accessor
  missingAccessor: 'missing accessor',
  invalidAccessor: 'invalid accessor',
  noTokenForAccessor: 'No token found with this accessor',
  // vault/token_store.go handleTidy
  tidyStarted: "Tidy operation successfully started. Any information from the operation will be printed to Vault's server logs.",
  // vault/token_store.go authRenew, wrapped by vault/expiration.go renewAuthEntry
  roleGoneOnRenew: (role: string) => `failed to renew entry: original token role ${JSON.stringify(role)} could not be found, not renewing`,
  // vault/expiration.go RenewToken and leaseEntry.renewable
  invalidLeaseId: 'invalid lease ID',
  leaseNotRenewable: 'lease is not renewable',
  // vault/request_handling.go handleCancelableRequest (a JSON null `token` on lookup/renew/revoke)
  nullToken: 'invalid token',
  // vault/request_handling.go handleRequest (last use of a limited-use token)
  leasedOnLastUse: 'Secret cannot be returned; token had one use left, so leased credentials were immediately revoked.',
} as const;

export const roleMessages = {
  // vault/token_store.go tokenStoreRoleCreateUpdate
  emptyName: 'role name cannot be empty',
  badPathSuffix: (pattern: string) => `given role path suffix contains invalid characters; must match ${pattern}`,
  // sdk/helper/consts/error.go ErrPathContainsParentReferences, wrapped by tokenStoreRoleCreateUpdate
  parentReference: 'error registering path suffix: path cannot contain parent references',
  nullTokenType: "Invalid 'token_type' value: null",
  parseFields: (cause: string) => `error parsing role fields: ${cause}`,
  invalidTokenType: (t: string) => `invalid 'token_type' value ${JSON.stringify(t)}`,
  bothPeriods: "Both 'token_period' and deprecated 'period' value supplied, ignoring the deprecated value",
  bothBoundCidrs: "Both 'token_bound_cidrs' and deprecated 'bound_cidrs' value supplied, ignoring the deprecated value",
  bothExplicitMaxTtls: "Both 'token_explicit_max_ttl' and deprecated 'explicit_max_ttl' value supplied, ignoring the deprecated value",
  explicitMaxTtlAboveMount: (given: number, max: number) =>
    `Given explicit max TTL of ${given} is greater than system/mount allowed value of ${max} seconds; until this is fixed attempting to create tokens against this role will result in an error`,
  batchNeedsOrphan: "'token_type' cannot be 'batch' when role is set to generate non-orphan tokens",
  batchNotPeriodic: "'token_type' cannot be 'batch' when role is set to generate periodic tokens",
  batchNotRenewable: "'token_type' cannot be 'batch' when role is set to generate renewable tokens",
  batchNoExplicitMaxTtl: "'token_type' cannot be 'batch' when role is set to generate tokens with an explicit max TTL",
  // sdk/helper/tokenutil/tokenutil.go ParseTokenFields
  negativeNumUses: "'token_num_uses' cannot be negative",
  negativePeriod: "'token_period' cannot be negative",
  batchTypeNotPeriodic: "'token_type' cannot be 'batch' or 'default_batch' when set to generate periodic tokens",
  batchTypeNoNumUses: "'token_type' cannot be 'batch' or 'default_batch' when set to generate tokens with limited use count",
  fieldInvalidTokenType: (t: string) => `invalid 'token_type' value ${JSON.stringify(t)}`,
} as const;

export const ttlMessages = {
  // sdk/framework/lease.go CalculateTTL
  maxTtlNotPositive: 'max TTL must be greater than zero',
  pastMaxTtl: 'past the max TTL, cannot renew',
  periodCapped: (period: string, max: string) =>
    `period of ${JSON.stringify(period)} exceeded the effective max_ttl of ${JSON.stringify(max)}; period value is capped accordingly`,
  ttlCapped: (ttl: string, max: string) =>
    `TTL of ${JSON.stringify(ttl)} exceeded the effective max_ttl of ${JSON.stringify(max)}; TTL value is capped accordingly`,
} as const;
