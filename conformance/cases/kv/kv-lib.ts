// Helpers for the KV cases: a throw-away mount per suite, PATCH with the merge-patch media type, and the
// shapes every KV v2 answer shares. HTTP only; true of Vault 1.17 and of vault-emu.
import { afterAll, beforeAll, expect } from 'vitest';
import { vault, type RequestOptions, type VaultResponse } from '../../lib/client.js';
import { uniqueName } from '../../lib/names.js';

/** RFC 3339 in UTC with up to nine fractional digits, as Vault prints protobuf timestamps. */
export const RFC3339_NANO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/;

export const UPGRADING = 'Upgrading from non-versioned to versioned data. This backend will be unavailable for a brief period and will resume service shortly.';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends a request, retrying while a KV v2 mount still migrates data (Vault answers 400 UPGRADING for a
 * short while after a mount is created or upgraded; vault-emu never does).
 */
export async function kv(method: string, path: string, opts: RequestOptions = {}): Promise<VaultResponse> {
  for (let attempt = 0; ; attempt++) {
    const res = await vault(method, path, opts);
    if (!(res.status === 400 && res.json?.errors?.[0] === UPGRADING) || attempt >= 100) return res;
    await sleep(50);
  }
}

export function patch(path: string, body: unknown): Promise<VaultResponse> {
  return kv('PATCH', path, { body, headers: { 'Content-Type': 'application/merge-patch+json' } });
}

/** Enables a fresh mount of `type` for the enclosing describe block and disables it afterwards. */
export function useMount(type: 'kv' | 'kv-v2', prefix = 'kv'): () => string {
  let name = '';
  beforeAll(async () => {
    name = uniqueName(prefix);
    const res = await vault('POST', `sys/mounts/${name}`, { body: { type } });
    expect(res.status).toBe(204);
  });
  afterAll(async () => {
    if (name) await vault('DELETE', `sys/mounts/${name}`);
  });
  return () => name;
}

/** The metadata block of a live version. */
export function expectLiveVersion(metadata: any, version: number): void {
  expect(metadata).toEqual({
    created_time: expect.stringMatching(RFC3339_NANO),
    custom_metadata: null,
    deletion_time: '',
    destroyed: false,
    version,
  });
}
