// Which server the cases talk to: vault-emu answers /_emu/info, Vault does not.
import { rootToken, vaultAddr } from './client.js';

let cached: Promise<boolean> | undefined;

export function isEmulator(): Promise<boolean> {
  cached ??= fetch(`${vaultAddr()}/_emu/info`, { headers: { 'X-Vault-Token': rootToken() } })
    .then(async (res) => res.status === 200 && (await res.json()).name === 'vault-emu')
    .catch(() => false);
  return cached;
}

/** Why an emulator-only case skips against real Vault; use with `it.skipIf(!(await isEmulator()))`. */
export const EMULATOR_ONLY = 'depends on a vault-emu control-plane feature (/_emu/); skipped against real Vault';
