// A login token's display name (vault/request_handling.go handleLoginRequest): the mount path without
// `auth/`, its slashes as dashes, then the method's own part, one trailing dash cut.
import { describe, expect, it } from 'vitest';
import { loginDisplayName } from '../../src/core/login.js';

describe('loginDisplayName', () => {
  it('is the mount alone when the method names nothing', () => {
    expect(loginDisplayName('auth/approle/', undefined)).toBe('approle');
    expect(loginDisplayName('auth/approle/', '')).toBe('approle');
    expect(loginDisplayName('auth/team/apps/', '')).toBe('team-apps');
    // The same string for every login on the mount.
    expect(loginDisplayName('auth/team/apps/', undefined)).toBe(loginDisplayName('auth/team/apps/', ''));
  });

  it('appends the method’s part and cuts one trailing dash', () => {
    expect(loginDisplayName('auth/userpass/', 'alice')).toBe('userpass-alice');
    expect(loginDisplayName('auth/userpass/', 'alice-')).toBe('userpass-alice');
    expect(loginDisplayName('auth/userpass/', 'alice--')).toBe('userpass-alice-');
    expect(loginDisplayName('auth/a/b/', 'x')).toBe('a-b-x');
  });
});
