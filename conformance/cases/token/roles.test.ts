import { describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';
import { uniqueName } from '../../lib/names.js';
import { createToken, revokeAll, statusAndBody } from './token-lib.js';

describe('auth/token/roles (conformance)', () => {
  it('writes, reads with defaults, lists, creates tokens against, and deletes a role', async () => {
    const name = uniqueName('role');
    try {
      expect((await vault('POST', `auth/token/roles/${name}`, { body: { allowed_policies: 'B,a', orphan: true, path_suffix: 'v2x' } })).status).toBe(204);
      const read = await vault('GET', `auth/token/roles/${name}`);
      expect(read.json.data).toEqual({
        allowed_entity_aliases: null,
        allowed_policies: ['a', 'b'],
        allowed_policies_glob: [],
        disallowed_policies: [],
        disallowed_policies_glob: [],
        explicit_max_ttl: 0,
        name,
        orphan: true,
        path_suffix: 'v2x',
        period: 0,
        renewable: true,
        token_explicit_max_ttl: 0,
        token_no_default_policy: false,
        token_period: 0,
        token_type: 'default-service',
      });
      expect((await vault('LIST', 'auth/token/roles')).json.data.keys).toContain(name);
      const res = await createToken({ policies: ['a'] }, { path: `create/${name}` });
      expect(res.json.auth).toMatchObject({ policies: ['a', 'default'], orphan: true });
      const data = (await vault('POST', 'auth/token/lookup', { body: { token: res.json.auth.client_token } })).json.data;
      expect(data).toMatchObject({ role: name, path: `auth/token/create/${name}/v2x` });
      await revokeAll([res.json.auth.client_token]);
      expect(statusAndBody(await createToken({ policies: ['z'] }, { path: `create/${name}` }))).toEqual({
        status: 400,
        body: { errors: ['token policies (["default" "z"]) must be subset of the role\'s allowed policies (["a" "b" "default"]) or glob policies ([])'] },
      });
    } finally {
      expect((await vault('DELETE', `auth/token/roles/${name}`)).status).toBe(204);
    }
    expect((await vault('GET', `auth/token/roles/${name}`)).status).toBe(404);
    expect(statusAndBody(await createToken({}, { path: `create/${name}` }))).toEqual({ status: 400, body: { errors: [`unknown role ${name}`] } });
  });

  it('answers Vault’s role validation errors', async () => {
    const name = uniqueName('role');
    const error = async (body: Record<string, unknown>) => (await vault('POST', `auth/token/roles/${name}`, { body })).json.errors[0];
    expect(await error({ token_type: 'weird' })).toBe('invalid \'token_type\' value "weird"');
    expect(await error({ token_type: 'batch' })).toBe("'token_type' cannot be 'batch' when role is set to generate non-orphan tokens");
    expect(await error({ path_suffix: 'v1' })).toBe('given role path suffix contains invalid characters; must match \\w[\\w-.]+\\w');
    expect((await vault('GET', `auth/token/roles/${name}`)).status).toBe(404);
  });

  it('binds the tokens it creates to token_bound_cidrs (legacy bound_cidrs too) and refuses an unreadable address', async () => {
    const name = uniqueName('role');
    try {
      // TEST-NET-3 (RFC 5737): never the address this suite connects from.
      expect((await vault('POST', `auth/token/roles/${name}`, { body: { token_bound_cidrs: '203.0.113.0/24,203.0.113.7/32' } })).status).toBe(204);
      const read = (await vault('GET', `auth/token/roles/${name}`)).json.data;
      expect(read.token_bound_cidrs).toEqual(['203.0.113.0/24', '203.0.113.7']);
      expect(read).not.toHaveProperty('bound_cidrs');
      const token = (await createToken({ policies: ['default'] }, { path: `create/${name}` })).json.auth.client_token as string;
      expect(statusAndBody(await vault('GET', 'auth/token/lookup-self', { token }))).toEqual({ status: 403, body: { errors: ['1 error occurred:\n\t* permission denied\n\n'] } });
      const looked = (await vault('POST', 'auth/token/lookup', { body: { token } })).json.data;
      expect(looked.bound_cidrs).toEqual(['203.0.113.0/24', '203.0.113.7']);
      await revokeAll([token]);

      const both = await vault('POST', `auth/token/roles/${name}`, { body: { token_bound_cidrs: ['0.0.0.0/0', '::/0'], bound_cidrs: '10.0.0.0/8' } });
      expect(both.json.warnings).toEqual(["Both 'token_bound_cidrs' and deprecated 'bound_cidrs' value supplied, ignoring the deprecated value"]);
      const open = (await createToken({ policies: ['default'] }, { path: `create/${name}` })).json.auth.client_token as string;
      expect((await vault('GET', 'auth/token/lookup-self', { token: open })).status).toBe(200);
      await revokeAll([open]);

      const legacy = uniqueName('role');
      expect((await vault('POST', `auth/token/roles/${legacy}`, { body: { bound_cidrs: ['10.0.0.0/8'] } })).status).toBe(204);
      expect((await vault('GET', `auth/token/roles/${legacy}`)).json.data).toMatchObject({ bound_cidrs: ['10.0.0.0/8'], token_bound_cidrs: ['10.0.0.0/8'] });
      expect((await vault('DELETE', `auth/token/roles/${legacy}`)).status).toBe(204);

      expect(statusAndBody(await vault('POST', `auth/token/roles/${name}`, { body: { token_bound_cidrs: 'nope' } }))).toEqual({
        status: 400,
        body: { errors: ['error parsing role fields: error parsing address "nope": unable to convert "nope" to an IPv4 or IPv6 address, or a UNIX Socket'] },
      });
      expect(statusAndBody(await vault('POST', `auth/token/roles/${name}`, { body: { bound_cidrs: 'nope' } }))).toEqual({
        status: 400,
        body: { errors: ['error parsing bound_cidrs: error parsing address "nope": unable to convert "nope" to an IPv4 or IPv6 address, or a UNIX Socket'] },
      });
    } finally {
      expect((await vault('DELETE', `auth/token/roles/${name}`)).status).toBe(204);
    }
  });
});
