// Seal configuration checks shared by sys/init and sys/rekey (vault/seal_config.go SealConfig.Validate),
// and the part of OpenPGP key parsing the emulator can reproduce.
import { decodeGoBase64 } from '../system/go-base64.js';
import { sealMessages } from './messages.js';

export interface SealConfig {
  shares: number;
  threshold: number;
}

export type PgpKeyCheck = { error: string } | { unsupported: true };

/** What Vault's key parsing says about a base64 PGP key: Go's base64 error, the OpenPGP packet tag
 *  check, or (for anything that could be a real key) that the emulator cannot encrypt to it. */
export function checkPgpKey(key: string): PgpKeyCheck {
  const decoded = decodeGoBase64(key);
  if ('error' in decoded) return { error: sealMessages.pgpDecode(decoded.error) };
  const first = decoded.bytes[0];
  if (first !== undefined && (first & 0x80) === 0) return { error: sealMessages.pgpParse(sealMessages.pgpTagByte) };
  return { unsupported: true };
}

/** SealConfig.Validate; `undefined` when valid. PGP keys that might be real come back as unsupported. */
export function validateSealConfig(config: SealConfig, pgpKeys: readonly string[]): PgpKeyCheck | undefined {
  const { shares, threshold } = config;
  const fail = (error: string): PgpKeyCheck => ({ error });
  if (shares < 1) return fail(sealMessages.sharesAtLeastOne);
  if (threshold < 1) return fail(sealMessages.thresholdAtLeastOne);
  if (shares > 1 && threshold === 1) return fail(sealMessages.thresholdAboveOne);
  if (shares > 255) return fail(sealMessages.sharesBelow256);
  if (threshold > 255) return fail(sealMessages.thresholdBelow256);
  if (threshold > shares) return fail(sealMessages.thresholdNotAboveShares);
  if (pgpKeys.length > 0 && pgpKeys.length !== shares) return fail(sealMessages.pgpKeyCountMismatch);
  for (const key of pgpKeys) {
    const check = checkPgpKey(key);
    if ('error' in check) return check;
  }
  return pgpKeys.length > 0 ? { unsupported: true } : undefined;
}
