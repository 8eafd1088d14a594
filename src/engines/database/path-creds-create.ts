// creds/:name: a new database user per read (builtin/logical/database/path_creds_create.go).
import { codedError, errorResponse } from '../../core/errors.js';
import { generatePassword, type PasswordSource } from './password.js';
import { genericName, type PathSpec } from '../../framework/path.js';
import { secretResponse, type SecretTypeSpec } from '../../framework/secret-type.js';
import { pluginFailure, requireConfig, type Connections, type DatabaseConfig } from './connections.js';
import { dbMessages as m } from './messages.js';
import { peekRole } from './path-roles.js';
import { EXPIRATION_GRACE_MS, type CredsInternal } from './secret-creds.js';
import { calculateTtl } from './ttl.js';

export function credsPaths(connections: Connections, passwords: PasswordSource, creds: SecretTypeSpec<CredsInternal>): PathSpec[] {
  return [
    {
      pattern: `creds/${genericName('name')}`,
      fields: { name: { type: 'string', description: 'Name of the role.' } },
      operations: {
        read: async (req, d) => {
          const name = d.get<string>('name');
          const role = peekRole(req.storage, name);
          if (!role) throw errorResponse(m.unknownRole(name));
          const config = requireConfig(req.storage, role.db_name);
          if (!roleAllowed(config, name)) throw codedError(500, m.notAllowed(name));
          // Neither builtin plugin advertises other credential types.
          if (role.credential_type !== 'password') throw errorResponse(m.unsupportedCredentialType(role.credential_type));
          const backend = await connections.get(req.storage, role.db_name);
          const ttl = calculateTtl(req, 0, role.default_ttl, role.max_ttl, req.now, req.now);
          const password = generatePassword(passwords, role.credential_config.password_policy || config.password_policy);
          let username: string;
          try {
            ({ username } = await backend.newUser({
              usernameConfig: { DisplayName: req.displayName ?? '', RoleName: name },
              statements: role.creation_statements,
              rollbackStatements: role.rollback_statements,
              password,
              expiration: req.now + ttl * 1000 + EXPIRATION_GRACE_MS,
              now: req.now,
            }));
          } catch (e) {
            throw pluginFailure(e);
          }
          const internal: CredsInternal = { username, role: name, db_name: role.db_name, revocation_statements: role.revocation_statements };
          return secretResponse(creds, { username, password }, internal, { ttl: role.default_ttl, maxTtl: role.max_ttl });
        },
      },
      help: { synopsis: 'Request database credentials for a certain role.' },
    },
  ];
}


/** allowed_roles: "*" or a glob (ryanuber/go-glob: `*` anywhere) matching the role name. */
export function roleAllowed(config: Readonly<DatabaseConfig>, role: string): boolean {
  return config.allowed_roles.some((pattern) => pattern === '*' || globMatch(pattern, role));
}

function globMatch(pattern: string, subject: string): boolean {
  if (!pattern.includes('*')) return pattern === subject;
  const parts = pattern.split('*');
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!subject.startsWith(first)) return false;
  let at = first.length;
  for (const part of parts.slice(1, -1)) {
    const found = subject.indexOf(part, at);
    if (found < 0) return false;
    at = found + part.length;
  }
  return subject.length - last.length >= at && subject.endsWith(last);
}
