import { describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';
import { uniqueName } from '../../lib/names.js';

const POLICY = 'path "secret/data/conformance/*" {\n  capabilities = ["read", "list"]\n}\n';
const outcome = (res: { status: number; json: any }) => ({ status: res.status, body: res.json });

describe('sys/policies/acl and sys/policy (conformance)', () => {
  it('writes, reads, lists and deletes a policy on both routes', async () => {
    const name = uniqueName('pol');
    const write = await vault('PUT', `sys/policies/acl/${name}`, { body: { policy: POLICY } });
    expect({ status: write.status, text: write.text }).toEqual({ status: 204, text: '' });

    const acl = await vault('GET', `sys/policies/acl/${name}`);
    expect(acl.status).toBe(200);
    expect(acl.json.data).toEqual({ name, policy: POLICY });
    expect(acl.json.policy).toBeUndefined();

    const legacy = await vault('GET', `sys/policy/${name}`);
    expect(legacy.json.data).toEqual({ name, rules: POLICY });
    expect(legacy.json.rules).toBe(POLICY);

    const list = await vault('LIST', 'sys/policies/acl');
    expect(list.json.data.keys).toContain(name);
    expect(list.json.data.keys.at(-1)).toBe('root');
    expect(list.json.data.keys).not.toContain('response-wrapping');
    const legacyList = await vault('GET', 'sys/policy');
    expect(legacyList.json.data.policies).toEqual(legacyList.json.data.keys);
    expect(legacyList.json.keys).toEqual(legacyList.json.data.keys);

    expect((await vault('DELETE', `sys/policies/acl/${name}`)).status).toBe(204);
    expect(outcome(await vault('GET', `sys/policies/acl/${name}`))).toEqual({ status: 404, body: { errors: [] } });
    expect((await vault('DELETE', `sys/policies/acl/${name}`)).status).toBe(204);
  });

  it('lower-cases a name with a warning, decodes base64, and deprecates rules', async () => {
    const name = uniqueName('pol');
    const upper = await vault('PUT', `sys/policies/acl/${name.toUpperCase()}`, { body: { policy: Buffer.from(POLICY).toString('base64') } });
    expect(upper.status).toBe(200);
    expect(upper.json.data).toBeNull();
    expect(upper.json.warnings).toEqual([`policy name was converted to ${name}`]);
    expect((await vault('GET', `sys/policies/acl/${name}`)).json.data.policy).toBe(POLICY);
    const rules = await vault('PUT', `sys/policy/${name}`, { body: { rules: POLICY } });
    expect(rules.status).toBe(200);
    expect(rules.json.warnings).toEqual(["'rules' is deprecated, please use 'policy' instead"]);
    await vault('DELETE', `sys/policy/${name}`);
  });

  it('answers root with empty rules and keeps the default policy', async () => {
    expect((await vault('GET', 'sys/policy/root')).json.data).toEqual({ name: 'root', rules: '' });
    const def = await vault('GET', 'sys/policies/acl/default');
    expect(def.json.data.name).toBe('default');
    expect(def.json.data.policy).toContain('path "sys/capabilities-self" {\n    capabilities = ["update"]\n}');
    expect(def.json.data.policy).toContain('path "identity/oidc/provider/+/authorize" {');
  });

  it('refuses what Vault refuses, with its messages', async () => {
    const name = uniqueName('pol');
    const cases: [string, string, unknown, string][] = [
      ['PUT', 'sys/policy/root', { policy: POLICY }, 'cannot update "root" policy'],
      ['PUT', 'sys/policies/acl/response-wrapping', { policy: POLICY }, 'cannot update "response-wrapping" policy'],
      ['DELETE', 'sys/policies/acl/root', undefined, 'cannot delete "root" policy'],
      ['DELETE', 'sys/policy/default', undefined, 'cannot delete default policy'],
      ['PUT', `sys/policies/acl/${name}`, {}, "'policy' parameter not supplied or empty"],
      ['PUT', `sys/policies/acl/${name}`, { policy: 'path "a" { capabilities = ["reed"] }' }, 'failed to parse policy: path "a": invalid capability "reed"'],
      ['PUT', `sys/policies/acl/${name}`, { policy: 'path "a/+*" { capabilities = ["read"] }' }, `failed to parse policy: path "a/+*": invalid use of wildcards ('+*' is forbidden)`],
      [
        'PUT',
        `sys/policies/acl/${name}`,
        { policy: 'path "a" {\n  capabilities = ["read"]\n  colour = "blue"\n}' },
        'failed to parse policy: 1 error occurred:\n\t* path "a": invalid key "colour" on line 3\n\n',
      ],
      ['PUT', `sys/policies/acl/${name}`, { policy: 'path "a" {\n  capabilities = "read"\n}' }, 'failed to parse policy: path "a": At 2:18: unknown slice type: *ast.LiteralType'],
    ];
    for (const [method, path, body, message] of cases) {
      expect({ path, ...outcome(await vault(method, path, { body })) }).toEqual({ path, status: 400, body: { errors: [message] } });
    }
    expect(outcome(await vault('GET', 'sys/policies/acl'))).toEqual({ status: 405, body: { errors: ['1 error occurred:\n\t* unsupported operation\n\n'] } });
  });
});
