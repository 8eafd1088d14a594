// rotate-root/:name (builtin/logical/database/path_rotate_credentials.go): a new root password,
// set on the server with the rotation statements, stored, and the plugin instance closed.
import { codedError, errorResponse } from '../../core/errors.js';
import { genericName, type PathSpec } from '../../framework/path.js';
import { pluginFailure, requireConfig, type Connections } from './connections.js';
import { dbMessages as m } from './messages.js';
import { generatePassword, type PasswordSource } from './password.js';

export function rotateRootPaths(connections: Connections, passwords: PasswordSource): PathSpec[] {
  return [
    {
      pattern: `rotate-root/${genericName('name')}`,
      fields: { name: { type: 'string', description: 'Name of this database connection' } },
      operations: {
        update: async (req, d) => {
          const name = d.get<string>('name');
          if (name === '') throw errorResponse(m.emptyName);
          const config = requireConfig(req.storage, name);
          const username = config.connection_details.username;
          if (typeof username !== 'string' || username === '') throw codedError(500, m.noRootUsername);
          const oldPassword = config.connection_details.password;
          if (typeof oldPassword !== 'string' || oldPassword === '') throw codedError(500, m.noRootPassword);
          const backend = await connections.get(req.storage, name);
          try {
            const newPassword = generatePassword(passwords, config.password_policy);
            try {
              await backend.updateUser({ username, password: { newPassword, statements: config.root_credentials_rotate_statements } });
            } catch (e) {
              throw pluginFailure(e, 'failed to update user: ');
            }
            req.storage.put(`config/${name}`, { ...config, connection_details: { ...config.connection_details, password: newPassword } });
          } finally {
            // The instance is closed either way; the next use opens one with the stored password.
            await connections.clear(name);
          }
          return undefined;
        },
      },
      help: { synopsis: 'Request to rotate the root credentials for a certain database connection.' },
    },
  ];
}
