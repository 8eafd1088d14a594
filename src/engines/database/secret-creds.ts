// The `creds` lease type (builtin/logical/database/secret_creds.go): renew runs the plugin's
// expiration change, revoke its user deletion, both with the role's current statements.
import { codedError } from '../../core/errors.js';
import type { SecretTypeSpec } from '../../framework/secret-type.js';
import { pluginFailure, type Connections } from './connections.js';
import { dbMessages as m } from './messages.js';
import { readRole } from './path-roles.js';
import { calculateTtl } from './ttl.js';

export interface CredsInternal extends Record<string, unknown> {
  username: string;
  role: string;
  db_name: string;
  revocation_statements: string[];
}

/** The seconds Vault adds to a credential's database-side expiry beyond its lease. */
export const EXPIRATION_GRACE_MS = 5000;

export function credsSecretType(connections: Connections): SecretTypeSpec<CredsInternal> {
  return {
    type: 'creds',
    renew: async (req, s) => {
      const role = readRole(req.storage, s.internal.role);
      if (!role) throw codedError(500, m.renewMissingRole(s.internal.role));
      const backend = await connections.get(req.storage, role.db_name);
      const ttl = calculateTtl(req, s.increment, role.default_ttl, role.max_ttl, s.issueTime, req.now);
      if (ttl > 0) {
        try {
          await backend.updateUser({
            username: s.internal.username,
            expiration: { newExpiration: req.now + ttl * 1000 + EXPIRATION_GRACE_MS, statements: role.renew_statements },
          });
        } catch (e) {
          throw pluginFailure(e);
        }
      }
      return { ttl: role.default_ttl, maxTtl: role.max_ttl };
    },
    revoke: async (req, s) => {
      // The role's current statements win; a deleted role falls back to what the lease kept.
      const role = readRole(req.storage, s.internal.role);
      let dbName = role?.db_name;
      let statements = role?.revocation_statements;
      if (!role) {
        if (typeof s.internal.db_name !== 'string') throw codedError(500, m.revokeMissingDbName(s.internal.role));
        dbName = s.internal.db_name;
        statements = s.internal.revocation_statements ?? [];
      }
      const backend = await connections.get(req.storage, dbName!);
      try {
        await backend.deleteUser({ username: s.internal.username, statements: statements! });
      } catch (e) {
        throw pluginFailure(e);
      }
    },
  };
}
