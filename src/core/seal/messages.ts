// Vault's verbatim strings for init, unseal, seal, generate-root and rekey, each with its source
// file (hashicorp/vault @ 31d58145fd, between 1.17.6 and 1.18).
import { messages } from '../errors.js';

/** The combined AES-GCM failure when a wrong unseal key opens the stored root key:
 *  vault/seal_util.go decodeBarrierKeys wraps vault/seal/seal.go JoinSealWrapErrors (errors.Join, so
 *  "\n"-separated) around the aead wrapper's `cipher: message authentication failed`, under the seal
 *  wrapper name `shamir` (command/server.go). */
const DECRYPT_FAILURE =
  'invalid key: failed to decrypt keys from storage: error decrypting seal wrapped value\n' +
  'error decrypting using seal shamir: cipher: message authentication failed';

export const sealMessages = {
  // vault/core.go (kept with the core's other messages in ../errors.ts)
  alreadyInitialized: messages.alreadyInitialized,
  notInitialized: messages.notInitialized,
  sealed: messages.sealed,
  /** vault/core.go ErrInvalidKey.Error(). */
  invalidKey: (reason: string) => `invalid key: ${reason}`,
  keyTooShort: (min: number) => `key is shorter than minimum ${min} bytes`,
  keyTooLong: (max: number) => `key is longer than maximum ${max} bytes`,
  combineFailed: (err: string) => `failed to compute combined key: ${err}`,
  setupUnsealKey: (err: string) => `failed to setup unseal key: ${err}`,
  /** vault/core.go unsealKeyToRootKey. */
  retrieveStoredKeys: (err: string) => `unable to retrieve stored keys: ${err}`,
  noMigrationSeal: "can't perform a seal migration, no migration seal found",
  decryptFailure: DECRYPT_FAILURE,
  /** Go's crypto/aes KeySizeError. */
  aesKeySize: (n: number) => `crypto/aes: invalid key size ${n}`,

  // http/sys_seal.go handleSysUnseal
  unsealKeyMissing: "'key' must be specified in request body as JSON, or 'reset' set to true",
  keyEncoding: "'key' must be a valid hex or base64 string",
  vaultIsUnsealed: 'vault is unsealed',
  // http/sys_generate_root.go, http/sys_rekey.go
  keyMissing: "'key' must be specified in request body as JSON",
  notYetInitialized: 'server is not yet initialized',
  // http/sys_rekey.go respondStandby (http/handler.go) on a node without HA
  nodeNotActive: 'node is not active',
  /** http/handler.go parseJSONRequest. */
  parseJson: (err: string) => `failed to parse JSON input: ${err}`,
  /** Go's io.EOF, which parseJSONRequest passes through for an empty body. */
  eof: 'EOF',
  /** encoding/json for a body that is JSON but not an object (e.g. `http.InitRequest`). */
  notAnObject: (kind: string, goType: string) => `json: cannot unmarshal ${kind} into Go value of type ${goType}`,

  // http/sys_init.go validateInitParameters; vault/init.go Initialize
  notApplicable: (flags: string[]) => `parameters ${flags.join(',')} not applicable to seal type shamir`,
  incorrectPgpKeyCount: 'incorrect number of PGP keys',
  invalidSealConfig: (err: string) => `invalid seal configuration: ${err}`,

  // vault/seal_config.go SealConfig.Validate
  sharesAtLeastOne: 'shares must be at least one',
  thresholdAtLeastOne: 'threshold must be at least one',
  thresholdAboveOne: 'threshold must be greater than one for multiple shares',
  sharesBelow256: 'shares must be less than 256',
  thresholdBelow256: 'threshold must be less than 256',
  thresholdNotAboveShares: 'threshold cannot be larger than shares',
  pgpKeyCountMismatch: 'count mismatch between number of provided PGP keys and number of shares',
  /** helper/pgpkeys GetEntities and vault/seal_config.go Validate; the cause is Go's base64 error
   *  (../system/go-base64.ts). */
  pgpDecode: (err: string) => `error decoding given PGP key: ${err}`,
  pgpParse: (err: string) => `error parsing given PGP key: ${err}`,
  /** ProtonMail go-crypto packet header check: the first byte of a packet must have its MSB set. */
  pgpTagByte: 'openpgp: invalid data: tag byte does not have MSB set',

  // vault/generate_root.go
  otpWrongLength: 'OTP string is wrong length',
  otpOrPgpRequired: 'otp or pgp_key parameter must be provided',
  pgpKeyParse: (err: string) => `error parsing PGP key: ${err}`,
  rootGenerationInProgress: 'root generation already in progress',
  noRootGeneration: 'no root generation in progress',
  rootGenerationNonce: (nonce: string) => `incorrect nonce supplied; nonce for this root generation operation is "${nonce}"`,
  rootGenerationDuplicateKey: 'given key has already been provided during this generation operation',
  rootKeyComputeFailed: (err: string) => `failed to compute root key: ${err}`,
  /** generateStandardRootToken.authenticate wrapped by GenerateRootUpdate. */
  rootGenerationAborted: (err: string) => `root generation aborted: unable to authenticate: ${err}`,

  // vault/rekey.go and http/sys_rekey.go
  backupNeedsPgp: 'cannot request a backup of the new keys without providing PGP keys for encryption',
  incorrectRekeyPgpKeyCount: 'incorrect number of PGP keys for rekey',
  rekeyThresholdAboveShares: 'provided threshold greater than the total shares',
  invalidRekeyConfig: (err: string) => `invalid rekey seal configuration: ${err}`,
  rekeyInProgress: 'rekey already in progress',
  rekeyNotInProgress: 'rekey operation not in progress',
  noBarrierRekey: 'no barrier rekey in progress',
  rekeyVerificationPending: (nonce: string) =>
    `rekey operation already finished; verification must be performed; nonce for the verification operation is "${nonce}"`,
  rekeyNonce: (nonce: string) => `incorrect nonce supplied; nonce for this rekey operation is "${nonce}"`,
  rekeyDuplicateKey: 'given key has already been provided during this generation operation',
  readRootKey: (err: string) => `failed to read root key: ${err}`,
  noRekeyConfig: 'no rekey configuration found',
  noRekey: 'no rekey in progress',
  noRekeyVerification: 'no rekey verification in progress',
  verifyNonce: (nonce: string) => `incorrect nonce supplied; nonce for this verify operation is "${nonce}"`,
  verifyDuplicateKey: 'given key has already been provided during this verify operation',
  verifyComputeFailed: (err: string) => `failed to compute key for verification: ${err}`,
  verifyMismatch: 'rekey verification failed; incorrect key shares supplied',
  recoveryRekeyUnsupported: 'recovery rekeying not supported',
  /** vault/rekey.go RecoveryRekeyUpdate over vault/seal.go defaultSeal.RecoveryConfig. */
  recoveryConfigUnsupported: 'failed to fetch existing recovery config: recovery not supported',
} as const;

/** Honest answer for what the emulator cannot do: encrypting to a real OpenPGP key (no Vault string exists). */
export const PGP_UNSUPPORTED = 'vault-emu does not support PGP-encrypted keys or tokens';
