// auth/token/create, create-orphan: token formats, policy normalisation, parameters and their errors.
import { describe, expect, it } from 'vitest';
import { call, testEmu } from '../../helpers/emulator.js';
import { BASE62_24, create, lookup, ROOT_FORM, SSC_FORM, tokenOf } from './helpers.js';

const CUSTOM_ID_WARNING =
  'Supplying a custom ID for the token uses the weaker SHA1 hashing instead of the more secure SHA2-256 HMAC for token obfuscation. SHA1 hashed tokens on the wire leads to less secure lookups.';

describe('auth/token/create', () => {
  it('gives a child of root without policies the root policy: a 28-character hvs. token that never expires', async () => {
    const emu = await testEmu();
    const res = await create(emu);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ lease_id: '', renewable: false, lease_duration: 0, data: null, wrap_info: null, warnings: null, mount_type: 'token' });
    const auth = res.json.auth;
    expect(auth.client_token).toMatch(ROOT_FORM);
    expect(auth.accessor).toMatch(BASE62_24);
    expect(auth).toEqual({
      client_token: auth.client_token,
      accessor: auth.accessor,
      policies: ['root'],
      token_policies: ['root'],
      metadata: null,
      lease_duration: 0,
      renewable: false,
      entity_id: '',
      token_type: 'service',
      orphan: false,
      mfa_requirement: null,
      num_uses: 0,
    });
  });

  it('lower-cases, trims, de-duplicates and sorts policies, adds default, and warns about unknown ones', async () => {
    const emu = await testEmu();
    const res = await create(emu, { policies: ['Zeta', ' alpha', 'zeta', 'ALPHA'], ttl: '1h', meta: { team: 'a' } });
    expect(res.status).toBe(200);
    expect(res.json.warnings).toEqual(['Policy "alpha" does not exist', 'Policy "zeta" does not exist']);
    const auth = res.json.auth;
    expect(auth.client_token).toMatch(SSC_FORM);
    expect(auth.client_token).toHaveLength(95);
    expect(auth).toMatchObject({
      policies: ['alpha', 'default', 'zeta'],
      token_policies: ['alpha', 'default', 'zeta'],
      metadata: { team: 'a' },
      lease_duration: 3600,
      renewable: true,
      orphan: false,
      token_type: 'service',
    });
  });

  it('collapses any list holding root to ["root"], and honours no_default_policy', async () => {
    const emu = await testEmu();
    expect((await create(emu, { policies: ['a', 'Root', 'b'] })).json.auth.policies).toEqual(['root']);
    const noDefault = await create(emu, { policies: ['a'], no_default_policy: true });
    expect(noDefault.json.auth.policies).toEqual(['a']);
    expect(noDefault.json.warnings).toEqual(['Policy "a" does not exist']);
    expect((await create(emu, { policies: ['default'], no_default_policy: true })).json.auth.policies).toEqual([]);
  });

  it('refuses the internal response-wrapping policy', async () => {
    const emu = await testEmu();
    const res = await create(emu, { policies: ['response-wrapping'] });
    expect(res).toMatchObject({ status: 400, json: { errors: ['cannot assign policy "response-wrapping"'] } });
  });

  it('names tokens token-<display_name> with anything outside [a-zA-Z0-9-] replaced and one trailing dash cut', async () => {
    const emu = await testEmu();
    const named = async (display_name: string) => (await lookup(emu, await tokenOf(emu, { display_name }))).json.data.display_name;
    expect(await named('my ci!')).toBe('token-my-ci');
    expect(await named('a.b/c!!')).toBe('token-a-b-c-');
    // Go replaces each character (rune), not each UTF-16 unit.
    expect(await named('a😀b')).toBe('token-a-b');
    expect((await lookup(emu, await tokenOf(emu))).json.data.display_name).toBe('token');
  });

  it('creates orphans through no_parent and create-orphan, with the path they were created on', async () => {
    const emu = await testEmu();
    const orphan = await create(emu, { no_parent: true, policies: ['p'] });
    expect(orphan.json.auth.orphan).toBe(true);
    const viaPath = await create(emu, { policies: ['p'] }, undefined, 'create-orphan');
    expect(viaPath.json.auth.orphan).toBe(true);
    const data = (await lookup(emu, viaPath.json.auth.client_token)).json.data;
    expect(data).toMatchObject({ orphan: true, path: 'auth/token/create-orphan' });
  });

  it('takes a custom id from root, with Vault’s warning, and refuses reserved forms and duplicates', async () => {
    const emu = await testEmu();
    const res = await create(emu, { id: 'my-own-token', policies: ['p'] });
    expect(res.status).toBe(200);
    expect(res.json.auth.client_token).toBe('my-own-token');
    expect(res.json.warnings).toEqual([CUSTOM_ID_WARNING, 'Policy "p" does not exist']);
    expect((await lookup(emu, 'my-own-token')).json.data.id).toBe('my-own-token');
    const refused = async (id: string) => (await create(emu, { id })).json;
    expect(await refused('my-own-token')).toEqual({ errors: ['cannot create a token with a duplicate ID'] });
    expect(await refused('hvs.abc')).toEqual({ errors: ["custom token ID cannot have the 'hvs.' prefix"] });
    expect(await refused('s.abc')).toEqual({ errors: ["custom token ID cannot have the 's.' prefix"] });
    expect(await refused('a.b')).toEqual({ errors: ["custom token ID cannot have a '.' in the value"] });
  });

  it('answers Vault’s errors for bad num_uses, type and durations', async () => {
    const emu = await testEmu();
    const error = async (body: Record<string, unknown>) => {
      const res = await create(emu, body);
      return [res.status, res.json.errors[0]];
    };
    expect(await error({ num_uses: -1 })).toEqual([400, 'number of uses cannot be negative']);
    expect(await error({ type: 'weird' })).toEqual([400, "invalid 'token_type' value"]);
    expect(await error({ ttl: '-5', policies: ['p'] })).toEqual([400, 'ttl must be positive']);
    expect(await error({ ttl: 'abc' })).toEqual([400, 'time: invalid duration "abc"']);
    expect(await error({ lease: '-1s', policies: ['p'] })).toEqual([400, 'lease must be positive']);
    expect(await error({ explicit_max_ttl: '-1h' })).toEqual([400, 'explicit_max_ttl must be positive']);
    expect(await error({ period: '-1h' })).toEqual([400, 'period must be positive']);
    expect(await error({ num_uses: 'x' })).toEqual([
      400,
      'Field validation failed: error converting input x for field "num_uses": cannot parse \'\' as int: strconv.ParseInt: parsing "x": invalid syntax',
    ]);
  });

  it('applies TTLs: seconds or durations, the deprecated lease alias, and the 768h cap with its warning', async () => {
    const emu = await testEmu();
    const ttlOf = async (body: Record<string, unknown>) => {
      const res = await create(emu, { policies: ['p'], ...body });
      return [res.json.auth.lease_duration, res.json.warnings.filter((w: string) => !w.startsWith('Policy'))];
    };
    expect(await ttlOf({})).toEqual([2764800, []]);
    expect(await ttlOf({ ttl: 90 })).toEqual([90, []]);
    expect(await ttlOf({ ttl: '1h30m' })).toEqual([5400, []]);
    expect(await ttlOf({ lease: '2h' })).toEqual([7200, []]);
    expect(await ttlOf({ ttl: '1000h' })).toEqual([2764800, ['TTL of "1000h" exceeded the effective max_ttl of "768h"; TTL value is capped accordingly']]);
    expect(await ttlOf({ ttl: '2h', explicit_max_ttl: '30m' })).toEqual([1800, ['TTL of "2h" exceeded the effective max_ttl of "30m"; TTL value is capped accordingly']]);
    expect(await ttlOf({ period: '2h' })).toEqual([7200, []]);
    expect(await ttlOf({ period: '1000h' })).toEqual([2764800, ['period of "1000h" exceeded the effective max_ttl of "768h"; period value is capped accordingly']]);
  });

  it('follows the token mount’s tuned default and max lease TTLs', async () => {
    const emu = await testEmu();
    expect((await call(emu, 'POST', '/v1/sys/auth/token/tune', { default_lease_ttl: '1h', max_lease_ttl: '2h' })).status).toBe(204);
    expect((await create(emu, { policies: ['p'] })).json.auth.lease_duration).toBe(3600);
    const capped = await create(emu, { policies: ['p'], ttl: '3h' });
    expect(capped.json.auth.lease_duration).toBe(7200);
    expect(capped.json.warnings).toContain('TTL of "3h" exceeded the effective max_ttl of "2h"; TTL value is capped accordingly');
  });

  it('lets a root child carry an explicit max TTL, and refuses non-expiring root children of an expiring root token', async () => {
    const emu = await testEmu();
    const bounded = await create(emu, { explicit_max_ttl: '1h' });
    expect(bounded.json.auth).toMatchObject({ policies: ['root'], lease_duration: 3600, renewable: true });
    const res = await create(emu, {}, bounded.json.auth.client_token);
    expect(res).toMatchObject({ status: 400, json: { errors: ['expiring root tokens cannot create non-expiring root tokens'] } });
  });

  it('creates batch tokens: hvb. strings without accessor, never renewable, and refuses what batch tokens cannot have', async () => {
    // A whole-second clock: a batch token's expiry counts from its creation second.
    const emu = await testEmu({ clock: 'virtual', clockStart: Date.UTC(2024, 5, 3, 16) });
    const res = await create(emu, { type: 'batch', policies: ['p'], ttl: '1h', meta: { k: 'v' } });
    expect(res.status).toBe(200);
    const auth = res.json.auth;
    expect(auth.client_token).toMatch(/^hvb\.[A-Za-z0-9_-]{100,}$/);
    expect(auth).toMatchObject({ accessor: '', renewable: false, lease_duration: 3600, token_type: 'batch', orphan: false, num_uses: 0 });
    const data = (await lookup(emu, auth.client_token)).json.data;
    expect(data).toMatchObject({ id: auth.client_token, accessor: '', type: 'batch', ttl: 3600, renewable: false, meta: { k: 'v' }, policies: ['default', 'p'] });
    const error = async (body: Record<string, unknown>) => (await create(emu, { type: 'batch', ...body })).json.errors[0];
    expect(await error({ num_uses: 3 })).toBe('batch tokens cannot have "num_uses" set');
    expect(await error({ period: '1h' })).toBe('batch tokens cannot have "period" set');
    expect(await error({ explicit_max_ttl: '1h' })).toBe('batch tokens cannot have "explicit_max_ttl" set');
    expect(await error({ explicit_max_ttl: 'x' })).toBe('"explicit_max_ttl" value could not be parsed');
    expect(await error({})).toBe('batch tokens cannot be root tokens');
  });

  it('refuses children of limited-use tokens', async () => {
    const emu = await testEmu();
    const limited = await tokenOf(emu, { num_uses: 5 });
    const res = await create(emu, {}, limited);
    expect(res).toMatchObject({ status: 400, json: { errors: ['restricted use token cannot generate child tokens'] } });
  });

  it('warns about parameters it does not know, as every Vault endpoint does', async () => {
    const emu = await testEmu();
    const res = await create(emu, { policies: ['default'], colour: 'red' });
    expect(res.json.warnings).toEqual(['Endpoint ignored these unrecognized parameters: [colour]']);
  });
});
