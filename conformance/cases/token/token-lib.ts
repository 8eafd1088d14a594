// Helpers for the token cases: create through the API, and revoke what a case made.
import { vault, type VaultResponse } from '../../lib/client.js';

export const SSC_FORM = /^hvs\.CAESI[A-Za-z0-9_-]{86}$/;
export const ROOT_FORM = /^hvs\.[A-Za-z0-9]{24}$/;
export const INVALID_TOKEN = { errors: ['2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n'] };

/** POST auth/token/<path> with the root token unless another is given. */
export async function createToken(body: Record<string, unknown> = {}, opts: { token?: string; path?: string } = {}): Promise<VaultResponse> {
  return vault('POST', `auth/token/${opts.path ?? 'create'}`, { body, token: opts.token });
}

export async function newToken(body: Record<string, unknown> = {}, token?: string): Promise<string> {
  const res = await createToken(body, { token });
  if (res.status !== 200) throw new Error(`token create failed: ${res.status} ${res.text}`);
  return res.json.auth.client_token as string;
}

export async function revokeAll(tokens: string[]): Promise<void> {
  for (const token of tokens) await vault('POST', 'auth/token/revoke', { body: { token } });
}

export function statusAndBody(res: VaultResponse): { status: number; body: unknown } {
  return { status: res.status, body: res.json };
}
