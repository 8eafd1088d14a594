// User lockout of auth methods (vault/request_handling.go isUserLocked, failedUserLoginProcess,
// LocalUpdateUserFailedLoginInfo; internalshared/configutil/userlockout.go defaults): failed logins
// are counted per (mount accessor, alias) in memory; reaching the threshold also writes a locked-user
// entry to storage, which sys/locked-users lists. Times are unix seconds from the request's `now`.
import { parseGoBool } from '../framework/field-types.js';
import { VaultError } from './errors.js';
import type { MountEntry } from './mounts.js';
import type { Storage } from './storage.js';

/** configutil.GetSupportedUserLockoutsAuthMethods. */
const LOCKOUT_METHODS = ['userpass', 'approle', 'ldap'];
/** configutil defaults: 5 failures, locked 15 minutes, counter reset after 15 minutes. */
const DEFAULTS = { threshold: 5, duration: 15 * 60, counterReset: 15 * 60 };
export const LOCKED_USERS_PREFIX = 'core/login/lockedUsers/';

interface FailedLogins {
  count: number;
  /** Unix seconds. */
  lastFailed: number;
}

/** One `user_lockout` stanza of the server config, as ParseUserLockouts resolves it (durations in seconds). */
export interface UserLockoutConfig {
  /** 'all' or an auth method type. */
  type: string;
  threshold: number;
  duration: number;
  counterReset: number;
  disable: boolean;
}

export interface LoginUser {
  mountAccessor: string;
  alias: string;
}

type LockoutValues = Omit<UserLockoutConfig, 'type'>;
const DEFAULT_VALUES: LockoutValues = Object.freeze({ ...DEFAULTS, disable: false });

/** getUserLockoutFromConfig: the stanza of the mount's type, else the last "all", else the defaults. */
function fromConfig(configs: readonly UserLockoutConfig[], type: string): LockoutValues {
  let found = DEFAULT_VALUES;
  for (const c of configs) {
    if (c.type === type) return c;
    if (c.type === 'all') found = c;
  }
  return found;
}

function storageKey(user: LoginUser): string {
  return `${LOCKED_USERS_PREFIX}root/${user.mountAccessor}/${user.alias}`;
}

export class UserLockout {
  /** Vault's userFailedLoginInfo map: per core, never persisted. */
  private readonly failed = new Map<string, FailedLogins>();

  /** `disableEnv`: VAULT_DISABLE_USER_LOCKOUT as the server process sees it (undefined or '' when unset). */
  constructor(
    private readonly storage: Storage,
    private readonly disableEnv?: string,
    private readonly configs: readonly UserLockoutConfig[] = [],
  ) {}

  /** getUserLockoutConfiguration: the server config's values, each replaced by the mount's tune when set. */
  private settings(entry: MountEntry): { threshold: number; duration: number; counterReset: number } {
    const configured = fromConfig(this.configs, entry.type);
    const tuned = entry.config.user_lockout_config;
    return {
      threshold: tuned?.lockout_threshold || configured.threshold,
      duration: tuned?.lockout_duration || configured.duration,
      counterReset: tuned?.lockout_counter_reset || configured.counterReset,
    };
  }

  /**
   * isUserLockoutDisabled: always for methods without lockout; else VAULT_DISABLE_USER_LOCKOUT decides
   * alone when set (text Go cannot read as a bool fails the login, 500); else the mount's tune, then the
   * server config's stanza for the type.
   */
  disabledFor(entry: MountEntry): boolean {
    if (!LOCKOUT_METHODS.includes(entry.type)) return true;
    if (this.disableEnv) {
      const disabled = parseGoBool(this.disableEnv);
      if (disabled === undefined) throw new VaultError(500, ['Error parsing the environment variable VAULT_DISABLE_USER_LOCKOUT']);
      return disabled;
    }
    if (entry.config.user_lockout_config?.disable_lockout === true) return true;
    return fromConfig(this.configs, entry.type).disable;
  }

  isLocked(entry: MountEntry, user: LoginUser, nowMs: number): boolean {
    const now = Math.floor(nowMs / 1000);
    const { threshold, duration } = this.settings(entry);
    // No failures since start (the usual case): no key to make and look up.
    const info = this.failed.size === 0 ? undefined : this.failed.get(mapKey(user));
    if (!info) {
      const lastFailed = this.storage.get<number>(storageKey(user));
      return lastFailed !== undefined && now - lastFailed < duration;
    }
    return info.count >= threshold && now - info.lastFailed < duration;
  }

  /** failedUserLoginProcess. */
  recordFailure(entry: MountEntry, user: LoginUser, nowMs: number): void {
    const now = Math.floor(nowMs / 1000);
    const { threshold, counterReset } = this.settings(entry);
    const previous = this.failed.get(mapKey(user));
    let count = 1;
    if (previous) count = now > previous.lastFailed + counterReset ? 1 : previous.count + 1;
    this.failed.set(mapKey(user), { count, lastFailed: now });
    if (count >= threshold) this.storage.put(storageKey(user), now);
  }

  /** A successful login forgets the failures (the locked-user entry stays until it is unlocked or lapses). */
  recordSuccess(user: LoginUser): void {
    if (this.failed.size !== 0) this.failed.delete(mapKey(user));
  }

  /** sys/locked-users/:mount_accessor/unlock/:alias_identifier. */
  unlock(user: LoginUser): void {
    this.storage.delete(storageKey(user));
    this.failed.delete(mapKey(user));
  }

  /** Locked users by mount accessor, as stored (root namespace only). */
  lockedByAccessor(mountAccessor?: string): { mountAccessor: string; aliases: string[] }[] {
    const base = `${LOCKED_USERS_PREFIX}root/`;
    const accessors = mountAccessor !== undefined ? [`${mountAccessor}/`] : this.storage.list(base);
    return accessors.map((a) => ({ mountAccessor: a.replace(/\/$/, ''), aliases: this.storage.list(base + a) }));
  }
}

function mapKey(user: LoginUser): string {
  return `${user.mountAccessor}\u0000${user.alias}`;
}
