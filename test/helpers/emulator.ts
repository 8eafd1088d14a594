// startTestEmu(): a seeded dev-mode emulator with root token `root`, closed after each test file's use.
import { afterEach } from 'vitest';
import { createVaultEmu, startVaultEmu, type RunningVaultEmu, type VaultEmu } from '../../src/emulator.js';
import type { VaultEmuOptions } from '../../src/options.js';

const open: VaultEmu[] = [];

afterEach(async () => {
  while (open.length > 0) await open.pop()!.close();
});

export const ROOT = 'root';

/** An emulator without a socket; use `emu.inject`. */
export async function testEmu(options: VaultEmuOptions = {}): Promise<VaultEmu> {
  const emu = await createVaultEmu({ seed: 1, rootToken: ROOT, ...options });
  open.push(emu);
  return emu;
}

/** An emulator listening on a free port. */
export async function liveEmu(options: VaultEmuOptions = {}): Promise<RunningVaultEmu> {
  const emu = await startVaultEmu({ seed: 1, rootToken: ROOT, ...options });
  open.push(emu);
  return emu;
}

/** Root-token request through inject, with the JSON body parsed. */
export async function call(
  emu: VaultEmu,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: any; text: string; headers: Record<string, unknown> }> {
  const res = await emu.inject({
    method: method as 'GET',
    url: path,
    headers: { 'x-vault-token': ROOT, ...headers },
    payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  let json: unknown;
  try {
    json = res.body ? JSON.parse(res.body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, json, text: res.body, headers: res.headers };
}
