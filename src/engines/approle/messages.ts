// Verbatim texts of the AppRole auth method: builtin/credential/approle/path_role.go, path_login.go,
// path_tidy_user_id.go and validation.go, sdk/helper/tokenutil/tokenutil.go (Vault 1.17).

const q = (s: string) => JSON.stringify(s);

export const approleMessages = {
  missingRoleName: 'missing role_name',
  roleNameTooLong: 'role_name is longer than maximum of 4096 bytes',
  roleNameDoesNotExist: (name: string) => `role name ${q(name)} doesn't exist`,
  roleDoesNotExist: (name: string) => `role ${q(name)} does not exist`,
  defaultServiceAdjusted: 'default-service has no useful meaning; adjusting to service',
  defaultBatchAdjusted: 'default-batch has no useful meaning; adjusting to batch',
  localSecretIdsCreateOnly: 'local_secret_ids can only be modified during role creation',
  invalidRoleId: 'invalid role_id supplied, or failed to generate a role_id',
  failedToValidateCidrs: (cause: string) => `failed to validate CIDR blocks: ${cause}`,
  failedToValidateTokenCidrs: (cause: string) => `failed to validate token CIDR blocks: ${cause}`,
  secretIdNumUsesNegative: 'secret_id_num_uses cannot be negative',
  periodTooLong: (period: string, max: string) => `period of ${q(period)} is greater than the backend's maximum lease TTL of ${q(max)}`,
  tokenMaxTtlTruncated: "token_max_ttl is greater than the backend mount's maximum TTL value; issued tokens' max TTL value will be truncated",
  noConstraints: 'Role does not have any constraints set on it. Updates to this role will require a constraint to be set',
  atLeastOneConstraint: 'at least one constraint should be enabled on the role',
  roleIdInUse: 'role_id already in use',
  missingSecretId: 'missing secret_id',
  missingSecretIdAccessor: 'missing secret_id_accessor',
  accessorNotFound: (accessor: string) => `failed to find accessor entry for secret_id_accessor: ${q(accessor)}`,
  invalidSecretId: 'invalid secret id',
  invalidSecretIdAccessor: 'invalid secret id accessor',
  bindSecretIdNotSet: 'bind_secret_id is not set on the role',
  numUsesNegative: 'num_uses cannot be negative',
  numUsesTooHigh: "num_uses cannot be higher than the role's secret_id_num_uses",
  ttlTooLong: "ttl cannot be longer than the role's secret_id_ttl",
  failedToParseMetadata: (cause: string) => `failed to parse metadata: ${cause}`,
  secretIdAlreadyRegistered: 'failed to store secret_id: SecretID is already registered',
  cidrSubset: (role: string[], secret: string[]) =>
    `failed to verify subset relationship between CIDR blocks on the role ${goQuotedList(role)} and CIDR blocks on the secret ID ${goQuotedList(secret)}: %!w(<nil>)`,
  boundCidrListDeprecated: 'The "bound_cidr_list" field is deprecated and will be removed. Please use "secret_id_bound_cidrs" instead.',
  missingField: (field: string) => `missing ${field}`,
  tokenTtlAboveMax: 'token_ttl should not be greater than token_max_ttl',
  tokenMaxTtlBelowTtl: 'token_max_ttl should be greater than or equal to token_ttl',
  tidyStarted: "Tidy operation successfully started. Any information from the operation will be printed to Vault's server logs.",
  // path_login.go
  missingRoleId: 'missing role_id',
  invalidCredentials: 'invalid credentials',
  invalidRoleOrSecretId: 'invalid role or secret ID',
  invalidSecretIdQuoted: (secretId: string) => `invalid secret_id ${q(secretId)}`,
  noConnectionInfo: 'failed to get connection information',
  secretIdCidrUnlimited: (addr: string) => `source address ${q(addr)} unauthorized through CIDR restrictions on the secret ID`,
  secretIdCidrLimited: (addr: string, cause: string) => `source address ${q(addr)} unauthorized by CIDR restrictions on the secret ID: ${cause}`,
  roleCidr: (addr: string, cause: string) => `source address ${q(addr)} unauthorized by CIDR restrictions on the role: ${cause}`,
  roleGoneOnRenewal: (name: string) => `role ${q(name)} does not exist during renewal`,
  // tokenutil.go ParseTokenFields
  tokenMaxTtlNegative: "'token_max_ttl' cannot be negative",
  tokenPeriodNegative: "'token_period' cannot be negative",
  invalidTokenType: (t: string) => `invalid 'token_type' value ${q(t)}`,
  tokenNumUsesNegative: "'token_num_uses' cannot be negative",
  batchPeriodic: "'token_type' cannot be 'batch' or 'default_batch' when set to generate periodic tokens",
  batchNumUses: "'token_type' cannot be 'batch' or 'default_batch' when set to generate tokens with limited use count",
  tokenTtlNegative: "'token_ttl' cannot be negative",
  tokenTtlAboveMaxTtl: "'token_ttl' cannot be greater than 'token_max_ttl'",
} as const;

/** Go's %q of a []string: ["a" "b"]. */
function goQuotedList(items: string[]): string {
  return `[${items.map((s) => q(s)).join(' ')}]`;
}
