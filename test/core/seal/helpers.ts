// Helpers for the seal-flow tests: raw requests with an optional token, and init + unseal in one go.
import { expect } from 'vitest';
import type { VaultEmu } from '../../../src/emulator.js';

export interface RawResponse {
  status: number;
  json: any;
  text: string;
}

/** A request with no token unless one is given. */
export async function req(emu: VaultEmu, method: string, path: string, body?: unknown, token?: string): Promise<RawResponse> {
  const res = await emu.inject({
    method: method as 'GET',
    url: path,
    headers: token ? { 'x-vault-token': token } : {},
    payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  let json: unknown;
  try {
    json = res.body ? JSON.parse(res.body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, json, text: res.body };
}

/** Asserts a `{"errors":[message]}` answer. */
export function expectError(res: RawResponse, status: number, message: string): void {
  expect({ status: res.status, body: res.json }).toEqual({ status, body: { errors: [message] } });
}

export interface Initialised {
  keys: string[];
  keysBase64: string[];
  rootToken: string;
}

/** sys/init with the given split; the node stays sealed. */
export async function init(emu: VaultEmu, shares: number, threshold: number): Promise<Initialised> {
  const res = await req(emu, 'PUT', '/v1/sys/init', { secret_shares: shares, secret_threshold: threshold });
  expect(res.status).toBe(200);
  return { keys: res.json.keys, keysBase64: res.json.keys_base64, rootToken: res.json.root_token };
}

/** Submits shares until the answer says unsealed. */
export async function unseal(emu: VaultEmu, keys: string[]): Promise<RawResponse> {
  let last: RawResponse | undefined;
  for (const key of keys) {
    last = await req(emu, 'PUT', '/v1/sys/unseal', { key });
    expect(last.status).toBe(200);
  }
  expect(last!.json.sealed).toBe(false);
  return last!;
}

/** A Vault-format share (33 bytes, x-coordinate last) with this x-coordinate, belonging to no key. */
export function shareWithX(x: number, fill = 0x5a): string {
  const share = Buffer.alloc(33, fill);
  share[32] = x;
  return share.toString('hex');
}

/** A share of no key whose x-coordinate differs from those of `taken` (hex or base64 shares). */
export function foreignShare(taken: string[] = []): string {
  const used = new Set(taken.map((k) => (/^[0-9a-f]+$/.test(k) ? Buffer.from(k, 'hex') : Buffer.from(k, 'base64')).at(-1)));
  let x = 1;
  while (used.has(x)) x++;
  return shareWithX(x);
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const DECRYPT_FAILURE =
  'invalid key: failed to decrypt keys from storage: error decrypting seal wrapped value\n' +
  'error decrypting using seal shamir: cipher: message authentication failed';
