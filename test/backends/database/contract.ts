// The contract every DatabaseBackend keeps, run against each backend on a real server: what the
// engine relies on (a created user logs in with its grants, renew moves its expiry where the
// database has one, a deleted user cannot log in, password changes take, failures come back as
// DatabasePluginError without the root password).
import { afterEach, describe, expect, it } from 'vitest';
import { DatabasePluginError, type DatabaseBackend, type NewUserRequest } from '../../../src/backends/database/database-backend.js';
import { SeededRandom } from '../../../src/core/random.js';
import { uniqueSuffix } from '../../engines/database/real-databases.js';

/** One backend on a scratch area of a real server, made fresh for each test. */
export interface ContractFixture {
  /** An uninitialised backend instance. */
  backend: DatabaseBackend;
  /** connection_details that reach the scratch area as its admin. */
  config: Record<string, unknown>;
  /** The same, pointed at a closed port. */
  unreachableConfig: Record<string, unknown>;
  /** The admin's password (must never appear in an error). */
  adminPassword: string;
  /** Creation statements granting SELECT (only) on the scratch table. */
  creationStatements: string[];
  /** SELECT and INSERT on the scratch table, as the issued user would write them. */
  select: string;
  insert: string;
  /** Logs in and runs one statement: 'ok', 'denied' (privilege error) or 'login-refused'. */
  runAs(user: string, password: string, sql: string): Promise<'ok' | 'denied' | 'login-refused'>;
  /** Whether the server would accept this password for the user (its stored verifier, or a login). */
  passwordAccepted(user: string, password: string): Promise<boolean>;
  userExists(user: string): Promise<boolean>;
  /** The user's expiry on the server (ms), or null where the database keeps none (MySQL). */
  expiry(user: string): Promise<number | null>;
  /** Drops the scratch area and any user left over. */
  cleanup(users: string[]): Promise<void>;
}

export function databaseBackendContract(label: string, skipReason: string | undefined, makeFixture: () => Promise<ContractFixture>): void {
  if (skipReason) console.warn(skipReason);
  describe.skipIf(!!skipReason)(`DatabaseBackend contract: ${label}`, () => {
    let fixture: ContractFixture | undefined;
    const created: string[] = [];
    // Usernames must not repeat across test files sharing the server: a seed per run.
    const random = new SeededRandom(uniqueSuffix());

    afterEach(async () => {
      if (!fixture) return;
      await fixture.backend.close();
      await fixture.cleanup(created.splice(0));
      fixture = undefined;
    });

    async function open(): Promise<ContractFixture> {
      fixture = await makeFixture();
      await fixture.backend.initialize({ config: fixture.config, verifyConnection: true });
      return fixture;
    }

    const NOW = Date.UTC(2030, 0, 2, 3, 4, 5);
    const newUser = (f: ContractFixture, overrides: Partial<NewUserRequest> = {}): NewUserRequest => ({
      usernameConfig: { DisplayName: 'token', RoleName: 'contract' },
      statements: f.creationStatements,
      rollbackStatements: [],
      password: `Pw-${random.base62(16)}`,
      expiration: NOW + 3_600_000,
      now: NOW,
      ...overrides,
    });

    async function createUser(f: ContractFixture, req = newUser(f)) {
      const { username } = await f.backend.newUser(req);
      created.push(username);
      return { username, password: req.password };
    }

    it('creates a user that logs in with its grants and no more', async () => {
      const f = await open();
      const { username, password } = await createUser(f);
      expect(username).toMatch(/^v-token-contract-/);
      expect(await f.userExists(username)).toBe(true);
      expect(await f.runAs(username, password, f.select)).toBe('ok');
      expect(await f.runAs(username, password, f.insert)).toBe('denied');
    });

    it('moves the expiry on renew where the database keeps one', async () => {
      const f = await open();
      const { username } = await createUser(f);
      const before = await f.expiry(username);
      await f.backend.updateUser({ username, expiration: { newExpiration: NOW + 7_200_000, statements: [] } });
      const after = await f.expiry(username);
      if (before === null) {
        expect(after).toBeNull();
      } else {
        expect(before).toBe(NOW + 3_600_000);
        expect(after).toBe(NOW + 7_200_000);
      }
    });

    it('changes a password', async () => {
      const f = await open();
      const { username, password } = await createUser(f);
      expect(await f.passwordAccepted(username, password)).toBe(true);
      const newPassword = `Pw-${random.base62(16)}`;
      await f.backend.updateUser({ username, password: { newPassword, statements: [] } });
      expect(await f.passwordAccepted(username, newPassword)).toBe(true);
      expect(await f.passwordAccepted(username, password)).toBe(false);
    });

    it('deletes a user with the default statements, after which it cannot log in', async () => {
      const f = await open();
      const { username, password } = await createUser(f);
      await f.backend.deleteUser({ username, statements: [] });
      expect(await f.userExists(username)).toBe(false);
      expect(await f.runAs(username, password, f.select)).toBe('login-refused');
    });

    it('surfaces errors as DatabasePluginError without the root password', async () => {
      const f = await open();
      await expect(f.backend.newUser(newUser(f, { statements: [] }))).rejects.toThrow(new DatabasePluginError('empty creation statements'));
      const syntax = await f.backend.newUser(newUser(f, { statements: ['SELEC 1'] })).catch((e: unknown) => e);
      expect(syntax).toBeInstanceOf(DatabasePluginError);
      expect((syntax as Error).message).toMatch(/syntax/);
      await expect(f.backend.updateUser({ username: 'someone' })).rejects.toBeInstanceOf(DatabasePluginError);

      // An unknown login (a wrong password alone would pass where the server trusts local logins).
      await f.backend.close();
      const refused = await f.backend.initialize({ config: { ...f.config, username: `${String(f.config.username)}_nope` }, verifyConnection: true }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DatabasePluginError);
      expect((refused as Error).message).toMatch(/^error verifying/);
      expect((refused as Error).message).not.toContain(f.adminPassword);
    });

    it('fails on use, not on initialise, when unverified and the server is unreachable', async () => {
      const f = await open();
      await f.backend.close();
      await f.backend.initialize({ config: f.unreachableConfig, verifyConnection: false });
      const err = await f.backend.newUser(newUser(f)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DatabasePluginError);
      expect((err as Error).message).toContain('connect: connection refused');
    });
  });
}
