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
});
