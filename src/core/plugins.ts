// What the core needs to know about a mountable plugin type, without knowing any engine by name.
import type { Engine } from '../framework/engine.js';
import type { Clock } from './clock.js';
import type { MountEntry } from './mounts.js';
import type { Random } from './random.js';
import type { Storage } from './storage.js';

export interface EngineContext {
  mount: MountEntry;
  clock: Clock;
  random: Random;
  /** The mount's storage, for engines that restore state when they start (rotation queues). */
  storage: Storage;
  /** The system view's GeneratePasswordFromPolicy: a password from a sys/policies/password policy. */
  passwordFromPolicy(name: string): string;
}

export interface PluginDefinition {
  type: string;
  kind: 'secret' | 'auth';
  create(ctx: EngineContext): Engine;
  /** `running_plugin_version` in mount listings. */
  runningVersion: string;
  /** Builtins with a deprecation status show `deprecation_status`; core singletons do not. */
  deprecationStatus?: 'supported';
  /** Singletons (system, token, cubbyhole, identity) cannot be mounted by users. */
  singleton?: boolean;
  /** Rewrites an enable request's type/options (kv-v1, kv-v2 → kv with options.version). */
  alias?: { type: string; options: Record<string, string> };
  /** Whether `options.version` may be set on this type. */
  allowsVersionOption?: boolean;
  /** Drops what a revoked token kept in each mount of this type (the cubbyhole), given that mount's storage. */
  onTokenRevoked?(storage: Storage, token: string): void;
}

export class PluginCatalog {
  private readonly byKey = new Map<string, PluginDefinition>();
  constructor(definitions: PluginDefinition[]) {
    for (const d of definitions) this.byKey.set(`${d.kind}:${d.type}`, d);
  }
  get(kind: 'secret' | 'auth', type: string): PluginDefinition | undefined {
    return this.byKey.get(`${kind}:${type}`);
  }
}
