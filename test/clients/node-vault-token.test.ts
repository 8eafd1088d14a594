// node-vault 0.12.0 against a live emulator: the token commands (create, lookup, lookup-self,
// renew, revoke, LIST accessors). node-vault switches its own token to the one a create or renew returns.
import { describe, expect, it } from 'vitest';
import type { VirtualClock } from '../../src/core/clock.js';
import { ROOT, liveEmu } from '../helpers/emulator.js';
import { failure, nodeVault } from '../helpers/clients.js';

const START = Date.UTC(2024, 5, 3, 16, 0, 0);


describe('node-vault token commands', () => {
  it('creates, looks up, renews, lists and revokes tokens', async () => {
    const emu = await liveEmu({ clock: 'virtual', clockStart: START });
    const vault = nodeVault({ endpoint: emu.url, token: ROOT });

    const created = await vault.tokenCreate({ policies: ['app'], ttl: '1h', meta: { owner: 'ci' }, display_name: 'nv' });
    const token: string = created.auth.client_token;
    expect(token).toMatch(/^hvs\.CAESI[A-Za-z0-9_-]{86}$/);
    expect(created.auth).toMatchObject({ policies: ['app', 'default'], metadata: { owner: 'ci' }, lease_duration: 3600, renewable: true });
    expect(created.warnings).toEqual(['Policy "app" does not exist']);
    // tokenSource: node-vault now authenticates with the token it just created.
    expect(vault.token).toBe(token);
    vault.token = ROOT;

    const looked = await vault.tokenLookup({ token });
    expect(looked.data).toMatchObject({ id: token, display_name: 'token-nv', policies: ['app', 'default'], ttl: 3600, meta: { owner: 'ci' } });

    await (emu.clock as VirtualClock).advance(600_000);
    const renewed = await vault.tokenRenew({ token, increment: '2h' });
    expect(renewed.auth).toMatchObject({ client_token: token, lease_duration: 7200 });
    vault.token = ROOT;
    expect((await vault.tokenLookup({ token })).data.ttl).toBe(7200);

    const accessors = await vault.tokenAccessors();
    expect(accessors.data.keys).toContain(created.auth.accessor);

    await vault.tokenRevoke({ token });
    expect(await failure(vault.tokenLookup({ token }))).toEqual({ message: 'bad token', status: 403 });
  });

  it('looks up itself with lookup-self, and fails with Vault’s body once its token expired', async () => {
    const emu = await liveEmu({ clock: 'virtual', clockStart: START });
    const vault = nodeVault({ endpoint: emu.url, token: ROOT });
    const self = await vault.tokenLookupSelf();
    expect(self.data).toMatchObject({ id: ROOT, display_name: 'token', path: 'auth/token/create', policies: ['root'] });

    const child = await vault.tokenCreate({ ttl: '10m', display_name: 'short' });
    const asChild = nodeVault({ endpoint: emu.url, token: child.auth.client_token });
    expect((await asChild.tokenLookupSelf()).data).toMatchObject({ display_name: 'token-short', ttl: 600 });
    await (emu.clock as VirtualClock).advance(601_000);
    expect(await failure(asChild.tokenLookupSelf())).toEqual({ message: '2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n', status: 403 });
  });
});
