// sys/policies/password: HCL policies stored, read, listed, deleted, tried with /generate; Vault's
// errors for bad policies.
import { describe, expect, it } from 'vitest';
import { call, testEmu } from '../../helpers/emulator.js';

const POLICY = `length = 24
rule "charset" {
  charset = "abcdefghijklmnopqrstuvwxyz"
  min-chars = 2
}
rule "charset" {
  charset = "0123456789"
  min-chars = 3
}
rule "charset" {
  charset = "!@#"
  min-chars = 1
}`;

describe('sys/policies/password', () => {
  it('stores, reads, lists, generates from and deletes a policy', async () => {
    const emu = await testEmu();
    expect((await call(emu, 'PUT', '/v1/sys/policies/password/strong', { policy: POLICY })).status).toBe(204);
    expect((await call(emu, 'GET', '/v1/sys/policies/password/strong')).json.data).toEqual({ policy: POLICY });
    expect((await call(emu, 'LIST', '/v1/sys/policies/password')).json.data.keys).toEqual(['strong']);
    for (let i = 0; i < 20; i++) {
      const { password } = (await call(emu, 'GET', '/v1/sys/policies/password/strong/generate')).json.data;
      expect(password).toMatch(/^[a-z0-9!@#]{24}$/);
      expect(password.replace(/[^a-z]/g, '').length).toBeGreaterThanOrEqual(2);
      expect(password.replace(/[^0-9]/g, '').length).toBeGreaterThanOrEqual(3);
      expect(password).toMatch(/[!@#]/);
    }
    // A base64-encoded policy is stored decoded, as Vault does.
    expect((await call(emu, 'PUT', '/v1/sys/policies/password/b64', { policy: Buffer.from(POLICY).toString('base64') })).status).toBe(204);
    expect((await call(emu, 'GET', '/v1/sys/policies/password/b64')).json.data.policy).toBe(POLICY);
    expect((await call(emu, 'DELETE', '/v1/sys/policies/password/strong')).status).toBe(204);
    expect(await call(emu, 'GET', '/v1/sys/policies/password/strong')).toMatchObject({ status: 404, json: { errors: ['1 error occurred:\n\t* policy does not exist\n\n'] } });
    expect((await call(emu, 'GET', '/v1/sys/policies/password/strong/generate')).status).toBe(404);
  });

  it('generates the same passwords in two emulators with the same seed', async () => {
    const gen = async () => {
      const emu = await testEmu({ seed: 'pw' });
      await call(emu, 'PUT', '/v1/sys/policies/password/p', { policy: POLICY });
      return (await call(emu, 'GET', '/v1/sys/policies/password/p/generate')).json.data.password;
    };
    expect(await gen()).toBe(await gen());
  });

  it("answers Vault's errors for bad policies", async () => {
    const emu = await testEmu();
    const put = async (policy: string) => (await call(emu, 'PUT', '/v1/sys/policies/password/bad', { policy })).json.errors?.[0];
    const wrap = (m: string) => `1 error occurred:\n\t* ${m}\n\n`;
    expect(await put('')).toBe(wrap('missing policy'));
    expect(await put('length = 2\nrule "charset" { charset = "ab" }')).toBe(wrap('passwords must be between 4 and 100 characters'));
    expect(await put('length = 10')).toBe(wrap('invalid password policy: 1 error occurred:\n\t* no charset specified\n\n'));
    expect(await put('length = 3\nrule "charset" { charset = "ab"\n min-chars = 5 }')).toBe(
      wrap('invalid password policy: 1 error occurred:\n\t* specified rules require at least 5 characters but 3 is specified\n\n'),
    );
    expect(await put('length = 10\nrule "nope" { x = 1 }')).toBe(wrap('invalid password policy: unable to parse rules: unable to parse rule nope: unrecognized rule type nope'));
    expect(await put('length = {')).toMatch(/^1 error occurred:\n\t\* invalid password policy: unable to decode: At 1:/);
    expect((await call(emu, 'GET', '/v1/sys/policies/password/bad')).status).toBe(404);
  });
});
