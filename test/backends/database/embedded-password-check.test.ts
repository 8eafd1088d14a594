// The password check the login front makes in place of PostgreSQL's (libpq/crypt.c), on stored verifiers.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkLogin, verifyPassword, type StoredRole } from '../../../src/backends/database/embedded/password-check.js';

// Stored by PGlite (PostgreSQL 18) for `CREATE ROLE a LOGIN PASSWORD 'x'`.
const VERIFIER_FOR_X = 'SCRAM-SHA-256$4096:NbjMoFMnA8PwAFJIqbnLHg==$qv57+pAC6mNDJFM5rCo6rLBCBpcCjfXVfmGFpurX6F8=:LAB4TkbP9M7OkRsR+CyrHIWyFM0RnNaNFC3dGvxNmO4=';
const NOW = Date.parse('2030-01-01T00:00:00Z');
const role = (over: Partial<StoredRole> = {}): StoredRole => ({ rolname: 'a', rolcanlogin: true, rolsuper: false, rolpassword: VERIFIER_FOR_X, rolvaliduntil: null, ...over });

describe('embedded PostgreSQL password check', () => {
  it("matches PostgreSQL's SCRAM-SHA-256 verifier", () => {
    expect(verifyPassword(VERIFIER_FOR_X, 'a', 'x')).toBe(true);
    expect(verifyPassword(VERIFIER_FOR_X, 'a', 'y')).toBe(false);
    expect(verifyPassword(VERIFIER_FOR_X, 'a', '')).toBe(false);
  });

  it('matches an md5 verifier (md5 of password + user name)', () => {
    const md5 = `md5${createHash('md5').update('secretbob').digest('hex')}`;
    expect(verifyPassword(md5, 'bob', 'secret')).toBe(true);
    expect(verifyPassword(md5, 'alice', 'secret')).toBe(false);
  });

  it('refuses what PostgreSQL refuses, all as a failed password except NOLOGIN', () => {
    expect(checkLogin(role(), 'x', NOW)).toEqual({ ok: true, role: role() });
    expect(checkLogin(undefined, 'x', NOW)).toEqual({ ok: false, reason: 'password' });
    expect(checkLogin(role({ rolpassword: null }), '', NOW)).toEqual({ ok: false, reason: 'password' });
    expect(checkLogin(role(), 'wrong', NOW)).toEqual({ ok: false, reason: 'password' });
    // NOLOGIN is only revealed to a client that knows the password.
    expect(checkLogin(role({ rolcanlogin: false }), 'wrong', NOW)).toEqual({ ok: false, reason: 'password' });
    expect(checkLogin(role({ rolcanlogin: false }), 'x', NOW)).toEqual({ ok: false, reason: 'nologin' });
  });

  it('treats VALID UNTIL as the last valid instant, on the given clock', () => {
    const validUntil = new Date(NOW);
    expect(checkLogin(role({ rolvaliduntil: validUntil }), 'x', NOW).ok).toBe(true);
    expect(checkLogin(role({ rolvaliduntil: validUntil }), 'x', NOW + 1)).toEqual({ ok: false, reason: 'password' });
    expect(checkLogin(role({ rolvaliduntil: validUntil }), 'wrong', NOW - 1)).toEqual({ ok: false, reason: 'password' });
  });
});
