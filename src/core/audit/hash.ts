// HMAC of audited values (audit/hashstructure.go, sdk/helper/salt): every string value of a structure
// (not object keys) becomes `hmac-sha256:<hex>` keyed with the device's salt, except under listed keys.
import { createHmac } from 'node:crypto';

export type HashFn = (value: string) => string;

/** salt.GetIdentifiedHMAC with Vault's audit salt config (HMAC-SHA256 keyed with the salt string). */
export function saltedHmac(salt: string): HashFn {
  return (value) => `hmac-sha256:${createHmac('sha256', salt).update(value).digest('hex')}`;
}

/**
 * A copy of `value` with its strings hashed, as reflectwalk visits them: the most recently entered
 * object key decides whether a string is skipped (`ignoredKeys`), so lists inherit their key.
 * `numbersAsText` hashes numbers too: request bodies are decoded with json.Number, a string kind in Go.
 */
export function hashValues(value: unknown, hash: HashFn, ignoredKeys: readonly string[] = [], numbersAsText = false): unknown {
  const walk = (v: unknown, key: string | undefined): unknown => {
    if (typeof v === 'string') return key !== undefined && ignoredKeys.includes(key) ? v : hash(v);
    if (typeof v === 'number' && numbersAsText) return key !== undefined && ignoredKeys.includes(key) ? v : hash(String(v));
    if (Array.isArray(v)) return v.map((item) => walk(item, key));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, inner] of Object.entries(v)) out[k] = walk(inner, k);
      return out;
    }
    return v;
  };
  return walk(value, undefined);
}
