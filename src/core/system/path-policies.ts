// sys/policy[/:name] (legacy) and sys/policies/acl[/:name] (vault/logical_system_paths.go policyPaths,
// vault/logical_system.go handlePoliciesList/Read/Set/Delete). The legacy routes answer `rules` and
// add a `policies` copy of the list; the top-level copy of `data` is the HTTP layer's.
import type { FieldData } from '../../framework/field-data.js';
import type { EngineRequest, PathSpec } from '../../framework/path.js';
import { errorResponse } from '../errors.js';
import { policyStoreMessages as m } from '../policy/messages.js';
import { parseAclPolicy, PolicyParseError } from '../policy/parse.js';
import { ROOT_POLICY_NAME } from '../policy/builtin.js';
import type { LogicalResponse } from '../request.js';
import type { VaultCore } from '../vault-core.js';
import { decodeGoBase64 } from './go-base64.js';

const NAME = '(?<name>.+)';

const isLegacy = (req: EngineRequest) => req.relPath.startsWith('policy');

function list(core: VaultCore, req: EngineRequest): LogicalResponse {
  const keys = [...core.policies.list(), ROOT_POLICY_NAME];
  return { data: isLegacy(req) ? { keys, policies: [...keys] } : { keys } };
}

function read(core: VaultCore, req: EngineRequest, d: FieldData): LogicalResponse | undefined {
  const policy = core.policies.get(d.get<string>('name'));
  if (!policy) return undefined;
  return { data: { name: policy.name, [isLegacy(req) ? 'rules' : 'policy']: policy.raw } };
}

function write(core: VaultCore, req: EngineRequest, d: FieldData): LogicalResponse | undefined {
  const name = d.get<string>('name');
  const lower = name.toLowerCase();
  if (lower === '') throw errorResponse(m.nameRequired);
  const warnings: string[] = [];
  if (name !== lower) warnings.push(m.nameConverted(lower));
  let raw = d.get<string>('policy');
  if (raw === '' && isLegacy(req)) {
    raw = d.get<string>('rules');
    warnings.push(m.rulesDeprecated);
  }
  if (raw === '') throw errorResponse(m.policyMissing);
  // Text that happens to be valid standard base64 is taken as encoded (so is, by accident, e.g. "read").
  const decoded = decodeGoBase64(raw);
  if ('bytes' in decoded) raw = decoded.bytes.toString('utf8');
  let policy;
  try {
    policy = parseAclPolicy(raw);
  } catch (err) {
    if (err instanceof PolicyParseError) throw errorResponse(err.message);
    throw err;
  }
  core.policies.set(lower, policy);
  return warnings.length > 0 ? { warnings } : undefined;
}

function remove(core: VaultCore, d: FieldData): undefined {
  core.policies.delete(d.get<string>('name'));
  return undefined;
}

const help = {
  list: { synopsis: 'List the configured access control policies.' },
  policy: { synopsis: 'Read, write, or delete an access control policy.' },
};

export function policyPaths(core: VaultCore): PathSpec[] {
  const nameFields = {
    name: { type: 'string' as const, description: 'The name of the policy. Example: "ops"' },
    policy: { type: 'string' as const, description: 'The rules of the policy (HCL or JSON, optionally base64-encoded).' },
  };
  return [
    {
      pattern: 'policy/?',
      operations: { read: (req) => list(core, req), list: (req) => list(core, req) },
      help: help.list,
    },
    {
      pattern: `policy/${NAME}`,
      fields: { ...nameFields, rules: { type: 'string', description: 'Deprecated: use "policy".' } },
      operations: {
        read: (req, d) => read(core, req, d),
        update: (req, d) => write(core, req, d),
        delete: (_req, d) => remove(core, d),
      },
      help: help.policy,
    },
    {
      pattern: 'policies/acl/?',
      operations: { list: (req) => list(core, req) },
      help: help.list,
    },
    {
      pattern: `policies/acl/${NAME}`,
      fields: nameFields,
      operations: {
        read: (req, d) => read(core, req, d),
        update: (req, d) => write(core, req, d),
        delete: (_req, d) => remove(core, d),
      },
      help: help.policy,
    },
  ];
}
