// A small secrets engine for lease tests: `roles/:name` sets TTLs, `creds/:name` issues a renewable
// "creds" secret (or a non-renewable "fixed" one when the role says renewable=false), and the
// engine's revocations are recorded, or fail on demand, so a test can watch what the lease manager did.
import type { PluginDefinition } from '../../src/core/plugins.js';
import { errorResponse } from '../../src/core/errors.js';
import { defineEngine } from '../../src/framework/engine.js';
import { secretResponse, type SecretTypeSpec } from '../../src/framework/secret-type.js';

export interface LeaseEngineLog {
  /** Usernames revoked, in order, with the clock's time at revocation. */
  revoked: { username: string; at: number }[];
  renewed: string[];
  /** Every revoke attempt, failed or not. */
  attempts: { username: string; at: number }[];
  /** When set, revocations throw this message (a backend that is down). */
  failRevoke: string | undefined;
}

interface Role {
  ttl: number;
  max_ttl: number;
  renewable: boolean;
}

type Internal = { username: string; role: string };

export function leaseEngine(): { plugin: PluginDefinition; log: LeaseEngineLog } {
  const log: LeaseEngineLog = { revoked: [], renewed: [], attempts: [], failRevoke: undefined };
  const plugin: PluginDefinition = {
    type: 'leasetest',
    kind: 'secret',
    runningVersion: 'v0.0.0+test',
    create: ({ random, clock }) => {
      const revoke = (_req: unknown, s: { internal: Internal }) => {
        log.attempts.push({ username: s.internal.username, at: clock.now() });
        if (log.failRevoke) throw new Error(log.failRevoke);
        log.revoked.push({ username: s.internal.username, at: clock.now() });
      };
      const creds: SecretTypeSpec<Internal> = {
        type: 'creds',
        renew: (req, s) => {
          const role = req.storage.get<Role>(`role/${s.internal.role}`);
          if (!role) throw errorResponse('role not found');
          log.renewed.push(s.internal.username);
          return { ttl: role.ttl, maxTtl: role.max_ttl };
        },
        revoke,
      };
      const fixed: SecretTypeSpec<Internal> = { type: 'fixed', revoke };
      return defineEngine({
        secretTypes: [creds, fixed],
        paths: [
          {
            pattern: 'roles/(?<name>\\w+)',
            fields: {
              name: { type: 'string' },
              ttl: { type: 'durationSecond' },
              max_ttl: { type: 'durationSecond' },
              renewable: { type: 'bool', default: true },
            },
            operations: {
              update: (req, d) => {
                req.storage.put(`role/${d.get<string>('name')}`, { ttl: d.get<number>('ttl'), max_ttl: d.get<number>('max_ttl'), renewable: d.get<boolean>('renewable') });
                return undefined;
              },
            },
          },
          {
            pattern: 'creds/(?<name>\\w+)',
            fields: { name: { type: 'string' } },
            operations: {
              read: (req, d) => {
                const name = d.get<string>('name');
                const role = req.storage.get<Role>(`role/${name}`);
                if (!role) throw errorResponse(`unknown role: ${name}`);
                const username = `u-${random.base62(8)}`;
                return secretResponse(role.renewable ? creds : fixed, { username }, { username, role: name }, { ttl: role.ttl, maxTtl: role.max_ttl });
              },
            },
          },
        ],
      });
    },
  };
  return { plugin, log };
}
