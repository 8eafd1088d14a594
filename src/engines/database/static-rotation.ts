// Static roles: an existing database user whose password Vault rotates on rotation_period or
// rotation_schedule (builtin/logical/database/rotation.go, path_roles.go staticAccount). Each role
// has one timer on the emulator's clock at its queue priority (a Unix second); a failed rotation is
// retried 10 s later, as Vault's queue does.
import type { Clock, ClockTimer } from '../../core/clock.js';
import { codedError } from '../../core/errors.js';
import type { Storage } from '../../core/storage.js';
import { pluginFailure, requireConfig, type Connections } from './connections.js';
import { nextRun, parseCron } from './cron-schedule.js';
import { roleAllowed } from './path-creds-create.js';
import { generatePassword, type PasswordSource } from './password.js';
import { dbMessages as m } from './messages.js';

export interface StaticAccount {
  username: string;
  password: string;
  /** ms since the epoch; 0 = never rotated. */
  last_vault_rotation: number;
  next_vault_rotation: number;
  /** Seconds; 0 when a schedule is used. */
  rotation_period: number;
  rotation_schedule: string;
  /** Seconds; only with a schedule. */
  rotation_window: number;
  self_managed_password: string;
}

export interface StaticRoleEntry {
  db_name: string;
  rotation_statements: string[];
  credential_type: string;
  credential_config: Record<string, string>;
  static_account: StaticAccount;
}

/** Seconds Vault's queue ticks at; also the shortest rotation_period (defaultQueueTickSeconds). */
export const QUEUE_TICK_SECONDS = 5;
const RETRY_MS = 10_000;

export function staticRolePath(name: string): string {
  return `static-role/${name}`;
}

export function readStaticRole(storage: Storage, name: string): StaticRoleEntry | undefined {
  return storage.get<StaticRoleEntry>(staticRolePath(name));
}

function usesPeriod(a: StaticAccount): boolean {
  return a.rotation_period !== 0 && a.rotation_schedule === '';
}

/** NextRotationTimeFromInput: input + period, or the schedule's next run after input. */
export function nextRotationFrom(a: StaticAccount, inputMs: number): number {
  if (usesPeriod(a)) return inputMs + a.rotation_period * 1000;
  return nextRun(parseCron(a.rotation_schedule), inputMs);
}

/** NextRotationTime: from the last rotation (period) or from now (schedule). */
export function nextRotationTime(a: StaticAccount, nowMs: number): number {
  return usesPeriod(a) ? a.last_vault_rotation + a.rotation_period * 1000 : nextRotationFrom(a, nowMs);
}

/** CredentialTTL: seconds until the next rotation, rounded, never negative. */
export function credentialTtl(a: StaticAccount, nowMs: number): number {
  return Math.max(0, Math.round((nextRotationTime(a, nowMs) - nowMs) / 1000));
}

/** IsInsideRotationWindow: a schedule with a window only rotates within it. */
function insideWindow(a: StaticAccount, nowMs: number): boolean {
  if (!usesPeriod(a) && a.rotation_schedule !== '' && a.rotation_window !== 0) return nowMs < a.next_vault_rotation + a.rotation_window * 1000;
  return true;
}

export class StaticRotations {
  private readonly timers = new Map<string, { timer: ClockTimer; priority: number }>();
  private readonly fireBound = (name: string) => this.rotateDue(name);

  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
    private readonly passwords: PasswordSource,
    private readonly connections: Connections,
  ) {}

  /** populateQueue: every stored static role at its next rotation time. */
  populate(): void {
    const now = this.clock.now();
    for (const name of this.storage.list('static-role/')) {
      const role = readStaticRole(this.storage, name);
      if (role) this.push(name, Math.floor(nextRotationTime(role.static_account, now) / 1000));
    }
  }

  /** pushItem: the role's one timer, at a Unix-second priority. */
  push(name: string, prioritySeconds: number): void {
    this.pop(name);
    const timer = this.clock.schedule(prioritySeconds * 1000, this.fireBound, name);
    this.timers.set(name, { timer, priority: prioritySeconds });
  }

  /** popFromRotationQueueByKey. */
  pop(name: string): void {
    this.timers.get(name)?.timer.cancel();
    this.timers.delete(name);
  }

  stop(): void {
    for (const { timer } of this.timers.values()) timer.cancel();
    this.timers.clear();
  }

  /** setStaticAccount: a new password set on the database, then stored; returns the rotation time. */
  async setStaticAccount(name: string, role: StaticRoleEntry, nowMs: number): Promise<number> {
    const config = requireConfig(this.storage, role.db_name);
    if (!roleAllowed(config, name)) throw codedError(500, m.notAllowed(name));
    if (role.credential_type !== 'password') throw codedError(500, m.unsupportedCredentialType(role.credential_type));
    const backend = await this.connections.get(this.storage, role.db_name);
    const password = generatePassword(this.passwords, role.credential_config.password_policy || config.password_policy);
    try {
      await backend.updateUser({ username: role.static_account.username, password: { newPassword: password, statements: role.rotation_statements } });
    } catch (e) {
      throw pluginFailure(e, 'error setting credentials: ');
    }
    const account = { ...role.static_account, password, last_vault_rotation: nowMs };
    account.next_vault_rotation = nextRotationFrom(account, nowMs);
    if (account.self_managed_password !== '') account.self_managed_password = password;
    this.storage.put(staticRolePath(name), { ...role, static_account: account });
    return nowMs;
  }

  /** rotateCredential for one role whose priority has come. */
  private async rotateDue(name: string): Promise<void> {
    const queued = this.timers.get(name);
    this.timers.delete(name);
    const role = readStaticRole(this.storage, name);
    if (!role || !queued) return;
    const now = this.clock.now();
    if (!(queued.priority <= Math.floor(now / 1000) && insideWindow(role.static_account, now))) {
      if (!insideWindow(role.static_account, now)) this.push(name, Math.floor(nextRotationFrom(role.static_account, now) / 1000));
      else this.push(name, queued.priority);
      return;
    }
    try {
      const rotated = await this.setStaticAccount(name, role, now);
      this.push(name, Math.floor(nextRotationFrom(role.static_account, rotated) / 1000));
    } catch {
      this.push(name, Math.floor((now + RETRY_MS) / 1000));
    }
  }
}
