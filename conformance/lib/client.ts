// A minimal fetch-based Vault client for black-box cases: HTTP only, nothing from src/.
import { inject } from 'vitest';

export interface VaultResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body, or undefined for an empty body. */
  json: any;
}

export function vaultAddr(): string {
  return inject('vaultAddr');
}

export function rootToken(): string {
  return inject('vaultToken');
}

export interface RequestOptions {
  token?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Sends METHOD /v1/<path>; `token: null` sends none; the root token by default. */
export async function vault(method: string, path: string, opts: RequestOptions = {}): Promise<VaultResponse> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  const token = opts.token === undefined ? rootToken() : opts.token;
  if (token !== null) headers['X-Vault-Token'] = token;
  let body: string | undefined;
  if (opts.body !== undefined) body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  if (method === 'LIST') {
    // fetch cannot send a custom verb portably; Vault treats GET ?list=true identically.
    const sep = path.includes('?') ? '&' : '?';
    return send('GET', `${path}${sep}list=true`, headers, body);
  }
  return send(method, path, headers, body);
}

async function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<VaultResponse> {
  const res = await fetch(`${vaultAddr()}/v1/${path}`, { method, headers, body });
  const text = await res.text();
  let json: any;
  if (text !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: res.status, headers: res.headers, text, json };
}
