// sys/locked-users and sys/locked-users/:mount_accessor/unlock/:alias_identifier
// (vault/logical_system.go handleLockedUsersMetricQuery, handleUnlockUser;
// vault/logical_system_user_lockout.go). Root namespace only.
import { errorResponse } from '../errors.js';
import type { VaultCore } from '../vault-core.js';
import type { PathSpec } from '../../framework/path.js';

export function lockedUsersPaths(core: VaultCore): PathSpec[] {
  return [
    {
      pattern: 'locked-users/(?<mount_accessor>.+?)/unlock/(?<alias_identifier>.+)',
      fields: {
        mount_accessor: { type: 'string', description: 'MountAccessor is the identifier of the mount entry to which the user belongs' },
        alias_identifier: { type: 'string', description: 'It is the name of the alias (user). For example, if the alias belongs to userpass backend, the name should be a valid username within userpass auth method.' },
      },
      operations: {
        update: (_req, d) => {
          const mountAccessor = d.get<string>('mount_accessor');
          if (mountAccessor === '') throw errorResponse('missing mount_accessor');
          const alias = d.get<string>('alias_identifier');
          if (alias === '') throw errorResponse('missing alias_identifier');
          core.userLockout.unlock({ mountAccessor, alias });
          return undefined;
        },
      },
      help: { synopsis: 'Unlocks the user with given mount_accessor and alias_identifier' },
    },
    {
      pattern: 'locked-users',
      fields: { mount_accessor: { type: 'string', description: 'MountAccessor is the identifier of the mount entry to which the user belongs' } },
      operations: {
        read: (_req, d) => {
          const accessor = d.has('mount_accessor') ? d.get<string>('mount_accessor') : undefined;
          const byAccessor = core.userLockout
            .lockedByAccessor(accessor)
            .map((a) => ({ mount_accessor: a.mountAccessor, counts: a.aliases.length, alias_identifiers: a.aliases }))
            .sort((x, y) => y.counts - x.counts);
          const total = byAccessor.reduce((n, a) => n + a.counts, 0);
          // With no accessor asked for, namespaces appear only when something is stored under them.
          const byNamespace = accessor !== undefined || byAccessor.length > 0 ? [{ namespace_id: 'root', namespace_path: '', counts: total, mount_accessors: byAccessor }] : [];
          return { data: { by_namespace: byNamespace, total } };
        },
      },
      help: { synopsis: 'Report the locked user count metrics, for this namespace and all child namespaces.' },
    },
  ];
}
