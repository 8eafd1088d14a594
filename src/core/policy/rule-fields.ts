// The Go structs a policy decodes into, field by field in their declaration order (vault/policy.go
// Policy and PathRules, ControlGroupHCL, ControlGroupFactor, IdentityFactor), so the first bad field
// fails first, with HCL1's field name (`root.Policy`, `root.allowed_parameters`, …).
import type { HclObjectList } from '../../hcl/index.js';
import { decodeInt, decodeInterface, decodeMap, decodeSlice, decodeString, fieldNodes, structBody } from './hcl-decode.js';
import type { ParameterValue } from './model.js';

export interface DecodedFactor {
  identity?: { groupIds: string[]; groupNames: string[]; approvals: number };
  controlledCapabilities: string[];
}

export interface DecodedRule {
  policy: string;
  capabilities: string[];
  minWrappingTtl?: ParameterValue;
  maxWrappingTtl?: ParameterValue;
  allowedParameters?: Record<string, ParameterValue[]>;
  deniedParameters?: Record<string, ParameterValue[]>;
  requiredParameters: string[];
  mfaMethods: string[];
  controlGroup?: { ttl?: ParameterValue; factors: Record<string, DecodedFactor> };
  subscribeEventTypes: string[];
}

type Node = Parameters<typeof decodeString>[1];

const ROOT = 'root';

function strings(list: HclObjectList, field: string, name = `${ROOT}.${field}`): string[] {
  let out: string[] = [];
  for (const node of fieldNodes(list, field)) out = decodeSlice(name, node, decodeString, out);
  return out;
}

function lastInterface(list: HclObjectList, field: string, name = `${ROOT}.${field}`): ParameterValue | undefined {
  let out: ParameterValue | undefined;
  for (const node of fieldNodes(list, field)) out = decodeInterface(name, node, false);
  return out;
}

function parameterMap(list: HclObjectList, field: string): Record<string, ParameterValue[]> | undefined {
  const nodes = fieldNodes(list, field);
  if (nodes.length === 0) return undefined;
  let out: Record<string, ParameterValue[]> | undefined;
  for (const node of nodes) {
    out = decodeMap<ParameterValue[]>(
      `${ROOT}.${field}`,
      node,
      (name, value, existing) => decodeSlice(name, value, (n, el) => decodeInterface(n, el, true), existing),
      out,
    );
  }
  return out;
}

/** The top-level `name`: decoded like Vault does (so a non-string fails), then unused. */
export function decodeTopLevelName(list: HclObjectList): string {
  let name = '';
  for (const node of fieldNodes(list, 'name')) name = decodeString(`${ROOT}.name`, node);
  return name;
}

/** One `path "…" { … }` body. */
export function decodePathBody(list: HclObjectList): DecodedRule {
  let policy = '';
  for (const node of fieldNodes(list, 'Policy')) policy = decodeString(`${ROOT}.Policy`, node);
  const capabilities = strings(list, 'Capabilities');
  const minWrappingTtl = lastInterface(list, 'min_wrapping_ttl');
  const maxWrappingTtl = lastInterface(list, 'max_wrapping_ttl');
  const allowedParameters = parameterMap(list, 'allowed_parameters');
  const deniedParameters = parameterMap(list, 'denied_parameters');
  const requiredParameters = strings(list, 'required_parameters');
  const mfaMethods = strings(list, 'mfa_methods');
  let controlGroup: DecodedRule['controlGroup'];
  for (const node of fieldNodes(list, 'control_group')) controlGroup = decodeControlGroup(`${ROOT}.control_group`, node, controlGroup);
  const subscribeEventTypes = strings(list, 'subscribe_event_types');
  return {
    policy,
    capabilities,
    minWrappingTtl,
    maxWrappingTtl,
    allowedParameters,
    deniedParameters,
    requiredParameters,
    mfaMethods,
    controlGroup,
    subscribeEventTypes,
  };
}

function decodeControlGroup(name: string, node: Node, into: DecodedRule['controlGroup']): NonNullable<DecodedRule['controlGroup']> {
  const body = structBody(name, node);
  const group = into ?? { factors: Object.create(null) as Record<string, DecodedFactor> };
  const ttl = lastInterface(body, 'ttl', `${name}.ttl`);
  if (ttl !== undefined) group.ttl = ttl;
  for (const factorNode of fieldNodes(body, 'factor')) {
    decodeMap<DecodedFactor>(`${name}.factor`, factorNode, (n, v, existing) => decodeFactor(n, v, existing), group.factors);
  }
  return group;
}

function decodeFactor(name: string, node: Node, into: DecodedFactor | undefined): DecodedFactor {
  const body = structBody(name, node);
  const factor: DecodedFactor = into ?? { controlledCapabilities: [] };
  for (const identityNode of fieldNodes(body, 'identity')) {
    const identityName = `${name}.identity`;
    const fields = structBody(identityName, identityNode);
    const identity = factor.identity ?? { groupIds: [], groupNames: [], approvals: 0 };
    identity.groupIds = [...identity.groupIds, ...strings(fields, 'group_ids', `${identityName}.group_ids`)];
    identity.groupNames = [...identity.groupNames, ...strings(fields, 'group_names', `${identityName}.group_names`)];
    for (const n of fieldNodes(fields, 'approvals')) identity.approvals = decodeInt(`${identityName}.approvals`, n);
    factor.identity = identity;
  }
  factor.controlledCapabilities = [
    ...factor.controlledCapabilities,
    ...strings(body, 'controlled_capabilities', `${name}.controlled_capabilities`),
  ];
  return factor;
}
