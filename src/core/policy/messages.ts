// Verbatim policy and capability texts. Sources (Vault main @31d58145fd, between 1.17.6 and 1.18):
// vault/policy.go, vault/policy_store.go, vault/logical_system.go, vault/capabilities.go,
// sdk/helper/hclutil/hcl.go, sdk/helper/identitytpl/templating.go.

const q = (s: string) => JSON.stringify(s);

export const policyParseMessages = {
  // vault/policy.go parseACLPolicyWithTemplating / parsePaths
  prefix: 'failed to parse policy: ',
  pathPrefix: (key: string) => `path ${q(key)}:`,
  invalidWildcards: (path: string) => `path ${q(path)}: invalid use of wildcards ('+*' is forbidden)`,
  invalidLegacyPolicy: (key: string, policy: string) => `path ${q(key)}: invalid policy ${q(policy)}`,
  invalidCapability: (key: string, cap: string) => `path ${q(key)}: invalid capability ${q(cap)}`,
  minWrappingTtl: (cause: string) => `error parsing min_wrapping_ttl: ${cause}`,
  maxWrappingTtl: (cause: string) => `error parsing max_wrapping_ttl: ${cause}`,
  wrappingTtlOrder: 'max_wrapping_ttl cannot be less than min_wrapping_ttl',
  controlGroupTtl: (cause: string) => `error parsing control group max ttl: ${cause}`,
  noControlGroupFactor: 'no control_group factor provided',
  controlGroupFactorInvalid: 'must provide more than one identity group and approvals > 0',
  controlGroupSubset: "control group factor capabilities must be a subset of the policy's capabilities",
  noControlGroupFactors: 'no control group factors provided',
  templating: (cause: string) => `failed to validate policy templating: ${cause}`,
  // sdk/helper/identitytpl/templating.go
  unbalancedTemplating: 'unbalanced templating characters',
  // sdk/helper/hclutil/hcl.go CheckHCLKeys (its `invalid key` text lives in src/hcl invalidKeys)
  uncheckableKeys: (goType: string) => `cannot check HCL keys of type ${goType}`,
} as const;

export const policyStoreMessages = {
  // vault/logical_system.go handlePoliciesSet
  nameRequired: 'policy name must be provided in the URL',
  nameConverted: (name: string) => `policy name was converted to ${name}`,
  rulesDeprecated: "'rules' is deprecated, please use 'policy' instead",
  policyMissing: "'policy' parameter not supplied or empty",
  // vault/policy_store.go SetPolicy / switchedDeletePolicy
  cannotUpdate: (name: string) => `cannot update ${q(name)} policy`,
  cannotDelete: (name: string) => `cannot delete ${q(name)} policy`,
  cannotDeleteDefault: 'cannot delete default policy',
} as const;

export const capabilityMessages = {
  // vault/logical_system.go handleCapabilities / handleCapabilitiesAccessor
  pathsRequired: 'paths must be supplied',
  noToken: 'no token found',
  missingAccessor: 'missing accessor',
  invalidAccessor: 'invalid accessor',
  // vault/capabilities.go CapabilitiesAndSubscribeEventTypes
  missingPath: 'missing path',
  invalidToken: 'invalid token',
} as const;
