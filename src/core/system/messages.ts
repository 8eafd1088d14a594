// Verbatim error and warning texts of the sys/ mount, auth, remount, internal-ui and tools endpoints.
// Each names the Vault file it comes from (Vault main @31d58145fd, between 1.17.6 and 1.18).

const q = (s: string) => JSON.stringify(s);

export const mountMessages = {
  // vault/logical_system.go handleMount / handleEnableAuth
  unparsableConfig: 'unable to parse given auth config information',
  unconvertibleMountConfig: 'unable to convert given mount config information',
  unconvertibleAuthConfig: 'unable to convert given auth config information',
  unparsableDefaultTtl: (value: string, cause: string) => `unable to parse default TTL of ${value}: ${cause}`,
  unparsableMaxTtl: (value: string, cause: string) => `unable to parse max TTL of ${value}: ${cause}`,
  defaultAboveMax: 'given default lease TTL greater than given max lease TTL',
  defaultAboveSystemMax: (max: number) => `given default lease TTL greater than system max lease TTL of ${max}`,
  missingType: 'backend type must be specified as a string',
  missingPluginName: 'plugin_name must be provided for plugin backend',
  secretVersionNotAllowed: (type: string) => `secrets engine ${q(type)} does not allow setting a version`,
  authVersionNotAllowed: (type: string) => `auth method ${q(type)} does not allow setting a version`,
  invalidListingVisibility: (value: string) => `invalid listing_visibility ${value}`,
  invalidTokenType: "invalid value for 'token_type'",
  identityKeyMissing: (key: string) => `key ${q(key)} does not exist`,
  // vault/logical_system.go validateVersion
  invalidSemver: (version: string, cause: string) => `version ${q(version)} is not a valid semantic version: ${cause}`,
  nonBuiltinSecretVersion: (name: string) => `cannot select non-builtin version of secrets plugin ${name}`,
  nonBuiltinAuthVersion: (name: string) => `cannot select non-builtin version of auth plugin ${name}`,
  // vault/logical_system.go handleReadMount, handleReadAuth
  noSecretMount: (path: string) => `No secret engine mount at ${path}`,
  noAuthMount: (path: string) => `No auth engine at ${path}`,
  // vault/mount.go mount, mountInternal, unmount; vault/auth.go enableCredentialInternal, disableCredential
  cannotMount: (path: string) => `cannot mount ${q(path)}`,
  notMountable: (type: string) => `mount type of ${q(type)} is not mountable`,
  pathInUse: (path: string) => `path is already in use at ${path}`,
  existingMount: (path: string) => `existing mount at ${path}`,
  cannotUnmount: (path: string) => `cannot unmount ${q(path)}`,
  authPathMissing: 'backend path must be specified',
  tokenNotInstantiable: 'token credential backend cannot be instantiated',
  tokenNotDisablable: 'token credential backend cannot be disabled',
  // vault/mount.go newLogicalBackend, vault/auth.go newCredentialBackend, vault/plugincatalog/plugin_catalog.go ErrPluginNotFound
  pluginNotFound: (name: string, version: string) => `plugin not found in the catalog: ${name}${version ? `, version=${version}` : ''}`,
  nilBackend: (type: string) => `nil backend of type ${q(type)} returned from factory`,
} as const;

export const tuneMessages = {
  // vault/logical_system.go handleTuneReadCommon, handleTuneWriteCommon
  noSysView: (path: string) => `cannot fetch sysview for path ${q(path)}`,
  cannotTune: (path: string) => `cannot tune ${q(path)}`,
  noEntry: (path: string) => `tune of path ${q(path)} failed: no mount entry found`,
  unconvertibleLockout: 'unable to convert given user lockout config information',
  lockoutNotAllowed: (type: string) => `tuning of user lockout configuration for auth type ${q(type)} not allowed`,
  unparsableThreshold: (cause: string) => `unable to parse user lockout threshold: ${cause}`,
  tokenTypeAuthOnly: "'token_type' can only be modified on auth mounts",
  tokenTypeOnToken: "'token_type' cannot be set for 'token' or 'ns_token' auth mounts",
  unparsableOptions: (cause: string) => `unable to parse options: ${cause}`,
  invalidVersion: (version: number) => `invalid version provided: ${version}`,
  cannotDowngrade: (version: number) => `cannot downgrade mount from version ${version}`,
  upgrading: (from: number, to: number) =>
    `Upgrading mount from version ${from} to version ${to}. This mount will be unavailable for a brief period and will resume service shortly.`,
  // vault/logical_system_helpers.go tuneMountTTLs
  maxBelowDefault: (max: number, def: number) => `backend max lease TTL of ${max} would be less than backend default lease TTL of ${def}`,
} as const;

export const remountMessages = {
  // vault/logical_system.go handleRemount, validateMountPath, handleRemountStatusCheck
  missingPaths: "both 'from' and 'to' path must be specified as a string",
  fromWhitespace: "'from' path cannot contain trailing whitespace",
  toWhitespace: "'to' path cannot contain trailing whitespace",
  notClean: (path: string, cleaned: string) => `invalid destination mount: path '${path}' does not match cleaned path '${cleaned}'`,
  nonPrintable: 'invalid destination mount: path cannot contain non-printable characters',
  authToNonAuth: (to: string) => `cannot remount auth mount to non-auth mount ${q(to)}`,
  cannotRemount: (from: string) => `cannot remount ${q(from)}`,
  // Vault formats the auth case with %q and the secrets case with %+v (no quotes).
  cannotRemountAuthTo: (to: string) => `cannot remount to destination ${q(to)}`,
  cannotRemountTo: (to: string) => `cannot remount to destination ${to}`,
  noMatchingMount: (from: string) => `no matching mount at ${q(from)}`,
  pathInUse: (path: string) => `path already in use at ${q(path)}`,
  queued: "Mount move has been queued. Progress will be reported in Vault's server log, tagged with the returned migration_id",
  missingMigrationId: 'migrationID must be specified',
} as const;

export const uiMessages = {
  // vault/logical_system.go pathInternalUIMountRead
  preflight: (path: string) => `preflight capability check returned 403, please ensure client's policies grant access to path ${q(path)}`,
} as const;

export const toolMessages = {
  // helper/random/random_api.go HandleRandomAPI
  byteCount: (cause: string) => `error parsing url-set byte count: ${cause}`,
  bytesTooFew: '"bytes" cannot be less than 1',
  bytesTooMany: (max: number) => `"bytes" should be less than ${max}`,
  randomFormat: (format: string) => `unsupported encoding format ${q(format)}; must be "hex" or "base64"`,
  entropySource: (source: string) => `unsupported entropy source ${q(source)}; must be "platform" or "seal", or "all"`,
  noSealEntropy: 'no seal/entropy augmentation available, using platform entropy source',
  // vault/logical_system.go pathHashWrite (format and algorithm use %s, not %q)
  base64Input: (cause: string) => `unable to decode input as base64: ${cause}`,
  hashFormat: (format: string) => `unsupported encoding format ${format}; must be "hex" or "base64"`,
  hashAlgorithm: (algorithm: string) => `unsupported algorithm ${algorithm}`,
  // sdk/framework/backend.go HandleRequest; the tools paths add it for the URL groups that did not
  // match (the framework here reports only matched captures).
} as const;
