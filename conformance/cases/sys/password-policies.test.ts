// sys/policies/password: write, read, list, generate, delete; Vault's errors for bad policies.
import { describe, expect, it } from 'vitest';
import { vault } from '../../lib/client.js';
import { uniqueName } from '../../lib/names.js';

const POLICY = 'length = 16\nrule "charset" {\n  charset = "abc123"\n  min-chars = 1\n}';

describe('sys/policies/password', () => {
  it('stores a policy and generates passwords that follow it', async () => {
    const name = uniqueName('pwpol');
    expect((await vault('PUT', `sys/policies/password/${name}`, { body: { policy: POLICY } })).status).toBe(204);
    expect((await vault('GET', `sys/policies/password/${name}`)).json.data).toEqual({ policy: POLICY });
    expect((await vault('LIST', 'sys/policies/password')).json.data.keys).toContain(name);
    const generated = await vault('GET', `sys/policies/password/${name}/generate`);
    expect(generated.status).toBe(200);
    expect(generated.json.data.password).toMatch(/^[abc123]{16}$/);
    expect((await vault('DELETE', `sys/policies/password/${name}`)).status).toBe(204);
    expect(await vault('GET', `sys/policies/password/${name}`)).toMatchObject({ status: 404, json: { errors: ['1 error occurred:\n\t* policy does not exist\n\n'] } });
  });

  it('refuses policies Vault refuses', async () => {
    const name = uniqueName('pwpol');
    const put = async (policy: string) => (await vault('PUT', `sys/policies/password/${name}`, { body: { policy } })).json;
    expect(await put('')).toEqual({ errors: ['1 error occurred:\n\t* missing policy\n\n'] });
    expect(await put('length = 200\nrule "charset" { charset = "ab" }')).toEqual({ errors: ['1 error occurred:\n\t* passwords must be between 4 and 100 characters\n\n'] });
    expect(await put('length = 10')).toEqual({ errors: ['1 error occurred:\n\t* invalid password policy: 1 error occurred:\n\t* no charset specified\n\n\n\n'] });
  });
});
