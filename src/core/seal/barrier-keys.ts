// The shamir seal's key hierarchy (vault/init.go, vault/seal_util.go): the unseal key that operators
// hold in shares encrypts the barrier root key with AES-GCM, exactly one stored key. Opening it with a
// candidate unseal key either returns the root key or fails the way Go's crypto does.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { Random } from '../random.js';
import { sealMessages } from './messages.js';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** The stored (encrypted) root key. */
export interface WrappedRootKey {
  nonce: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** Why a candidate unseal key failed: the AES key could not be built, or it does not decrypt. */
export class KeyOpenError extends Error {
  constructor(
    readonly stage: 'setup' | 'decrypt',
    message: string,
  ) {
    super(message);
  }
}

function algorithmFor(key: Buffer): 'aes-128-gcm' | 'aes-192-gcm' | 'aes-256-gcm' | undefined {
  switch (key.length) {
    case 16:
      return 'aes-128-gcm';
    case 24:
      return 'aes-192-gcm';
    case 32:
      return 'aes-256-gcm';
    default:
      return undefined;
  }
}

/** Encrypts the root key under a (32-byte) unseal key. */
export function wrapRootKey(unsealKey: Buffer, rootKey: Buffer, random: Random): WrappedRootKey {
  const algorithm = algorithmFor(unsealKey);
  if (!algorithm) throw new Error(sealMessages.aesKeySize(unsealKey.length));
  const nonce = random.bytes(NONCE_BYTES);
  const cipher = createCipheriv(algorithm, unsealKey, nonce, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(rootKey), cipher.final()]);
  return { nonce, ciphertext, tag: cipher.getAuthTag() };
}

/** Decrypts the stored root key with a candidate unseal key, or throws a KeyOpenError. */
export function openRootKey(candidate: Buffer, wrapped: WrappedRootKey): Buffer {
  const algorithm = algorithmFor(candidate);
  if (!algorithm) throw new KeyOpenError('setup', sealMessages.aesKeySize(candidate.length));
  try {
    const decipher = createDecipheriv(algorithm, candidate, wrapped.nonce, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(wrapped.tag);
    return Buffer.concat([decipher.update(wrapped.ciphertext), decipher.final()]);
  } catch {
    throw new KeyOpenError('decrypt', sealMessages.decryptFailure);
  }
}
