// The check PostgreSQL's password authentication makes (libpq/crypt.c), done in JS because PGlite
// has no login path: the role must exist, have a password, not be past VALID UNTIL (on the
// emulator's clock), and the password must match the stored SCRAM-SHA-256 (or md5) verifier.
import { createHash, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';

/** What pg_authid holds for a role (superuser-only catalog). */
export interface StoredRole {
  rolname: string;
  rolcanlogin: boolean;
  rolsuper: boolean;
  rolpassword: string | null;
  rolvaliduntil: Date | null;
}

export type LoginCheck =
  | { ok: true; role: StoredRole }
  /** password: 28P01 `password authentication failed for user "…"`; nologin: 28000 `role "…" is not permitted to log in`. */
  | { ok: false; reason: 'password' | 'nologin' };

export function checkLogin(role: StoredRole | undefined, password: string, now: number): LoginCheck {
  // PostgreSQL answers an unknown role, a missing password and an expired one exactly like a wrong
  // password (the reason only goes to the server log).
  if (!role || !role.rolpassword) return { ok: false, reason: 'password' };
  if (role.rolvaliduntil && role.rolvaliduntil.getTime() < now) return { ok: false, reason: 'password' };
  if (!verifyPassword(role.rolpassword, role.rolname, password)) return { ok: false, reason: 'password' };
  // The login privilege is checked after authentication succeeded (postinit.c).
  if (!role.rolcanlogin) return { ok: false, reason: 'nologin' };
  return { ok: true, role };
}

/** Matches a cleartext password against a stored verifier (`SCRAM-SHA-256$…` or `md5…`). */
export function verifyPassword(stored: string, username: string, password: string): boolean {
  const scram = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):(.+)$/.exec(stored);
  if (scram) {
    const [, iterations, salt, storedKey] = scram;
    // SASLprep is the identity for ASCII; NFKC covers the common non-ASCII cases.
    const salted = pbkdf2Sync(Buffer.from(password.normalize('NFKC')), Buffer.from(salt!, 'base64'), Number(iterations), 32, 'sha256');
    const clientKey = createHmac('sha256', salted).update('Client Key').digest();
    return safeEqual(createHash('sha256').update(clientKey).digest(), Buffer.from(storedKey!, 'base64'));
  }
  if (/^md5[0-9a-f]{32}$/.test(stored)) {
    return safeEqual(Buffer.from(`md5${createHash('md5').update(password + username).digest('hex')}`), Buffer.from(stored));
  }
  return false;
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
