// auth/token/create, create-orphan, create/:role_name (vault/token_store.go paths()).
import { errorResponse } from '../errors.js';
import type { VaultCore } from '../vault-core.js';
import type { FieldSchema } from '../../framework/field-types.js';
import { genericName, type PathSpec } from '../../framework/path.js';
import { createToken } from './create.js';
import { tokenMessages } from './messages.js';
import { readRole } from './roles.js';

/** commonFieldsForCreate: ttl-like values are strings that the handler parses itself. */
const createFields: Record<string, FieldSchema> = {
  display_name: { type: 'string', description: 'Name to associate with this token' },
  explicit_max_ttl: { type: 'string', description: 'Explicit Max TTL of this token' },
  entity_alias: { type: 'string', description: 'Name of the entity alias to associate with this token' },
  num_uses: { type: 'int', description: 'Max number of uses for this token' },
  period: { type: 'string', description: 'Renew period' },
  renewable: { type: 'bool', default: true, description: 'Allow token to be renewed past its initial TTL up to system/mount maximum TTL' },
  ttl: { type: 'string', description: 'Time to live for this token' },
  lease: { type: 'string', description: "Use 'ttl' instead" },
  type: { type: 'string', description: 'Token type' },
  no_default_policy: { type: 'bool', description: 'Do not include default policy for this token' },
  id: { type: 'string', description: 'Value for the token' },
  meta: { type: 'kvPairs', description: 'Arbitrary key=value metadata to associate with the token' },
  no_parent: { type: 'bool', description: 'Create the token with no parent' },
  policies: { type: 'stringSlice', description: 'List of policies for the token' },
};

export function createPaths(core: VaultCore): PathSpec[] {
  return [
    {
      pattern: 'create-orphan',
      fields: createFields,
      operations: { update: (req, d) => createToken(core, req, d, true) },
      help: { synopsis: 'The token create path is used to create new orphan tokens.' },
    },
    {
      pattern: `create/${genericName('role_name')}`,
      fields: { ...createFields, role_name: { type: 'string', description: 'Name of the role' } },
      operations: {
        update: (req, d) => {
          const name = d.get<string>('role_name');
          const role = readRole(core.storage, name);
          if (!role) throw errorResponse(tokenMessages.unknownRole(name));
          return createToken(core, req, d, false, role);
        },
      },
      help: { synopsis: 'This token create path is used to create new tokens adhering to the given role.' },
    },
    {
      pattern: 'create',
      fields: createFields,
      operations: { update: (req, d) => createToken(core, req, d, false) },
      help: { synopsis: 'The token create path is used to create new tokens.' },
    },
  ];
}
