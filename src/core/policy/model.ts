// The policy model: capabilities as bits, one path rule's permissions, a parsed policy
// (Vault's vault/policy.go PathRules/ACLPermissions/Policy, reduced to what an OSS dev server uses).

export const CAP = {
  deny: 1 << 0,
  create: 1 << 1,
  read: 1 << 2,
  update: 1 << 3,
  delete: 1 << 4,
  list: 1 << 5,
  sudo: 1 << 6,
  patch: 1 << 7,
  subscribe: 1 << 8,
} as const;

export type CapabilityName = keyof typeof CAP;

export function isCapability(name: string): name is CapabilityName {
  return Object.prototype.hasOwnProperty.call(CAP, name);
}

/**
 * Capability names of a bitmap in the order ACL.Capabilities emits them (vault/acl.go); callers that
 * answer sys/capabilities sort the list afterwards, as vault/capabilities.go does.
 */
export function capabilityNames(bits: number): string[] {
  if (bits & CAP.deny) return ['deny'];
  const order: CapabilityName[] = ['sudo', 'read', 'list', 'update', 'delete', 'create', 'patch', 'subscribe'];
  const names = order.filter((c) => bits & CAP[c]);
  return names.length === 0 ? ['deny'] : names;
}

/** Values in allowed/denied_parameters: what HCL1 decodes into `[]interface{}` elements. */
export type ParameterValue = string | boolean | HclNumber | ParameterValue[] | { [key: string]: ParameterValue };

/**
 * An HCL integer or float. It never equals a request value: Vault decodes request JSON numbers as
 * json.Number, which reflect.DeepEqual never matches with HCL's int or float64.
 */
export class HclNumber {
  constructor(readonly value: number) {}
}

export interface Permissions {
  capabilities: number;
  /** Seconds; 0 when unset. */
  minWrappingTtl: number;
  maxWrappingTtl: number;
  /** Lower-cased keys; undefined when the rule sets none. */
  allowedParameters?: Map<string, ParameterValue[]>;
  deniedParameters?: Map<string, ParameterValue[]>;
  requiredParameters: string[];
  subscribeEventTypes: string[];
}

export interface PathRule {
  /** Pattern without the trailing `*` of a prefix rule (segment-wildcard rules keep theirs). */
  path: string;
  isPrefix: boolean;
  hasSegmentWildcards: boolean;
  /** The capabilities as written (after the legacy `policy` mapping). */
  capabilities: string[];
  /** The pattern contains identity templates ({{…}}); resolved per token, dropped without an entity. */
  templated: boolean;
  permissions: Permissions;
}

export interface Policy {
  name: string;
  raw: string;
  templated: boolean;
  paths: PathRule[];
}

export function emptyPermissions(): Permissions {
  return { capabilities: 0, minWrappingTtl: 0, maxWrappingTtl: 0, requiredParameters: [], subscribeEventTypes: [] };
}
