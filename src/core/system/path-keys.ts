// sys/key-status and sys/rotate: the barrier encryption key term (vault/logical_system.go
// handleKeyStatus, handleRotate; vault/logical_system_paths.go sealPaths).
import { rfc3339Nano } from '../clock.js';
import type { PathSpec } from '../../framework/path.js';
import type { VaultCore } from '../vault-core.js';

export function keyPaths(core: VaultCore): PathSpec[] {
  return [
    {
      pattern: 'key-status',
      operations: {
        read: () => {
          const info = core.seal.keyStatus();
          return { data: { term: info.term, install_time: rfc3339Nano(info.installTime), encryptions: info.encryptions } };
        },
      },
      help: { synopsis: 'Provides information about the backend encryption key.' },
    },
    {
      pattern: 'rotate',
      operations: {
        update: (req) => {
          core.seal.rotate(req.now);
          return undefined;
        },
      },
      help: { synopsis: 'Rotates the backend encryption key used to persist data.' },
    },
  ];
}
