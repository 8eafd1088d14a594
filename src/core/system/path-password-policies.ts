// sys/policies/password (vault/logical_system.go handlePoliciesPassword*): HCL password policies kept
// in the system backend's storage, /generate to try one, and the system view's
// GeneratePasswordFromPolicy (vault/dynamic_system_view.go) that engines call.
import type { PathSpec } from '../../framework/path.js';
import { codedError } from '../errors.js';
import { generatePassword, parsePasswordPolicy, PasswordPolicyError } from '../password-policy.js';
import type { Storage } from '../storage.js';
import type { VaultCore } from '../vault-core.js';
import { decodeGoBase64 } from './go-base64.js';

const MIN_LENGTH = 4;
const MAX_LENGTH = 100;

interface StoredPolicy {
  policy: string;
}

const key = (name: string) => `password_policy/${name}`;

/** The system backend's own storage (where Vault keeps password policies). */
function systemStorage(core: VaultCore): Storage {
  const route = core.route('sys/');
  if (!route) throw codedError(500, 'internal error');
  return route.storage;
}

/** GeneratePasswordFromPolicy: errors as the system view words them. */
export function passwordFromPolicy(core: VaultCore, name: string): string {
  if (name === '') throw new Error('missing password policy name');
  const stored = systemStorage(core).get<StoredPolicy>(key(name));
  if (!stored) throw new Error('no password policy found');
  let policy;
  try {
    policy = parsePasswordPolicy(stored.policy);
  } catch (e) {
    throw new Error(`stored password policy is invalid: ${(e as Error).message}`);
  }
  return generatePassword(policy, core.random);
}

export function passwordPolicyPaths(core: VaultCore): PathSpec[] {
  const name = { name: { type: 'string', description: 'The name of the password policy.' } } as const;
  return [
    {
      pattern: 'policies/password/?',
      operations: { list: (req) => ({ data: { keys: req.storage.list('password_policy/') } }) },
      help: { synopsis: 'List the existing password policies.' },
    },
    {
      pattern: 'policies/password/(?<name>.+)/generate',
      fields: name,
      operations: {
        read: (req, d) => {
          const stored = req.storage.get<StoredPolicy>(key(d.get<string>('name')));
          if (!stored) throw codedError(404, 'policy does not exist');
          let policy;
          try {
            policy = parsePasswordPolicy(stored.policy);
          } catch {
            throw codedError(500, 'stored password policy configuration failed to parse');
          }
          try {
            return { data: { password: generatePassword(policy, core.random) } };
          } catch (e) {
            throw codedError(500, `failed to generate password from policy: ${(e as Error).message}`);
          }
        },
      },
      help: { synopsis: 'Generate a password from an existing password policy.' },
    },
    {
      pattern: 'policies/password/(?<name>.+)',
      fields: { ...name, policy: { type: 'string', description: 'The password policy' } },
      operations: {
        update: (req, d) => {
          let raw = d.get<string>('policy');
          if (raw === '') throw codedError(400, 'missing policy');
          const decoded = decodeGoBase64(raw);
          if (!('error' in decoded)) raw = decoded.bytes.toString('utf8');
          let policy;
          try {
            policy = parsePasswordPolicy(raw);
          } catch (e) {
            if (e instanceof PasswordPolicyError) throw codedError(400, `invalid password policy: ${e.message}`);
            throw e;
          }
          if (policy.length > MAX_LENGTH || policy.length < MIN_LENGTH) {
            throw codedError(400, `passwords must be between ${MIN_LENGTH} and ${MAX_LENGTH} characters`);
          }
          req.storage.put(key(d.get<string>('name')), { policy: raw } satisfies StoredPolicy);
          // RespondWithStatusCode(nil, req, 204).
          return { statusCode: 204, emptyBody: true };
        },
        read: (req, d) => {
          const stored = req.storage.get<StoredPolicy>(key(d.get<string>('name')));
          if (!stored) throw codedError(404, 'policy does not exist');
          return { data: { policy: stored.policy } };
        },
        delete: (req, d) => {
          req.storage.delete(key(d.get<string>('name')));
          return undefined;
        },
      },
      help: { synopsis: 'Read, write, or delete a password policy.' },
    },
  ];
}

