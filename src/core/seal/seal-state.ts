// Initialisation and seal state of a single node with Vault's shamir seal (vault/init.go Initialize,
// vault/core.go unsealFragment/getUnsealKey, sealInternal): the unseal key is split into shares, it
// encrypts the barrier root key, and threshold distinct shares reopen it. Generate-root and rekey
// build on this in ./generate-root.ts and ./rekey.ts.
import type { VaultCore } from '../vault-core.js';
import { KeyOpenError, openRootKey, wrapRootKey, type WrappedRootKey } from './barrier-keys.js';
import { KEY_MAX_BYTES, KEY_MIN_BYTES } from './go-input.js';
import { GenerateRootProcess } from './generate-root.js';
import { PGP_UNSUPPORTED, sealMessages } from './messages.js';
import { RekeyProcess } from './rekey.js';
import { validateSealConfig, type SealConfig } from './seal-config.js';
import { SealError } from './seal-error.js';
import { combine, ShamirError, split } from './shamir.js';

const KEY_BYTES = 32;
/** vault/core.go coreKeyringCanaryPath: written after a rotation, so the new term counts one encryption. */
const KEYRING_CANARY_PATH = 'core/canary-keyring';

export interface InitResult {
  /** The unseal key shares (raw bytes; hex and base64 are the handler's business). */
  keys: Buffer[];
  rootToken: string;
}

interface UnlockProgress {
  nonce: string;
  parts: Buffer[];
}

interface Keyring {
  term: number;
  installTime: number;
  /** Storage writes counted before this term began. */
  writesBefore: number;
}

export class SealState {
  initialized = false;
  sealed = true;
  config: SealConfig | undefined;
  /** The root token created by sys/init (the emulator handle exposes it); '' before init. */
  initRootToken = '';
  /** Base64 of the current unseal key shares, for the emulator handle (dev banner, tests). */
  currentUnsealKeys: string[] = [];
  readonly generateRoot: GenerateRootProcess;
  readonly rekey: RekeyProcess;
  private unlock: UnlockProgress | undefined;
  private wrapped: WrappedRootKey | undefined;
  private keyring: Keyring | undefined;

  constructor(private readonly core: VaultCore) {
    this.generateRoot = new GenerateRootProcess(core, this);
    this.rekey = new RekeyProcess(core, this);
  }

  /** Seal-status fields: shares, threshold, progress and nonce of an unseal in progress. */
  get shares(): number {
    return this.config?.shares ?? 0;
  }
  get threshold(): number {
    return this.config?.threshold ?? 0;
  }
  get progress(): number {
    return this.unlock?.parts.length ?? 0;
  }
  get nonce(): string {
    return this.unlock?.nonce ?? '';
  }

  /** A go-uuid GenerateUUID value: 16 random bytes in 8-4-4-4-12 form, no version bits. */
  newNonce(): string {
    const h = this.core.random.hex(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /** Core.Initialize for a shamir seal: validates, splits a new unseal key, creates the required
   *  mounts and the root token, and leaves the node sealed. */
  initialize(config: SealConfig, pgpKeys: readonly string[], rootTokenPgpKey: string, now: number): InitResult {
    if (pgpKeys.length > 0 && pgpKeys.length !== config.shares) throw new SealError(400, sealMessages.incorrectPgpKeyCount);
    const invalid = validateSealConfig(config, pgpKeys);
    if (invalid && 'error' in invalid) throw new SealError(400, sealMessages.invalidSealConfig(invalid.error));
    if (this.initialized) throw new SealError(400, sealMessages.alreadyInitialized);
    // PGP-encrypted shares or root token would need real OpenPGP encryption.
    if (invalid || rootTokenPgpKey !== '') throw new SealError(400, PGP_UNSUPPORTED);

    const unsealKey = this.core.random.bytes(KEY_BYTES);
    const keys = this.splitKey(unsealKey, config);
    this.wrapped = wrapRootKey(unsealKey, this.core.random.bytes(KEY_BYTES), this.core.random);
    this.config = { ...config };
    this.initialized = true;
    this.sealed = true;
    this.unlock = undefined;
    this.keyring = { term: 1, installTime: now, writesBefore: this.core.storage.writes };
    this.core.setupRequiredMounts();
    this.initRootToken = this.core.tokens.createRoot({ now }).id;
    this.currentUnsealKeys = keys.map((k) => k.toString('base64'));
    return { keys, rootToken: this.initRootToken };
  }

  /** One unseal key share (Core.Unseal). Returns quietly while more shares are needed. */
  submitUnsealKey(key: Buffer): void {
    if (!this.initialized || !this.config) throw new SealError(400, sealMessages.notInitialized);
    this.checkKeyLength(key, (reason) => new SealError(400, sealMessages.invalidKey(reason)));
    if (!this.sealed) return;

    if (!this.unlock) this.unlock = { nonce: this.newNonce(), parts: [] };
    if (this.unlock.parts.some((p) => p.equals(key))) return;
    this.unlock.parts.push(key);
    if (this.unlock.parts.length < this.config.threshold) return;

    // Threshold reached: the progress is forgotten whatever the outcome.
    const parts = this.unlock.parts;
    this.unlock = undefined;
    let unsealKey: Buffer;
    try {
      unsealKey = this.config.threshold === 1 ? Buffer.from(parts[0]!) : combine(parts);
    } catch (e) {
      throw new SealError(400, sealMessages.invalidKey(sealMessages.combineFailed((e as ShamirError).message)));
    }
    try {
      this.openRootKey(unsealKey);
    } catch (e) {
      const err = e as KeyOpenError;
      throw new SealError(
        400,
        err.stage === 'setup' ? sealMessages.invalidKey(sealMessages.setupUnsealKey(err.message)) : sealMessages.retrieveStoredKeys(err.message),
      );
    }
    this.sealed = false;
    // Restore: what fell due while sealed is revoked now.
    this.core.leases.resume();
  }

  resetUnseal(): void {
    this.unlock = undefined;
  }

  /** Seals the node (preSeal clears a rekey in progress, but not a root generation). */
  seal(): void {
    this.sealed = true;
    this.unlock = undefined;
    this.rekey.clear();
  }

  /** Decrypts the stored root key with a candidate unseal key; throws a KeyOpenError on failure. */
  openRootKey(unsealKey: Buffer): Buffer {
    if (!this.wrapped) throw new SealError(400, sealMessages.notInitialized);
    return openRootKey(unsealKey, this.wrapped);
  }

  /** Vault's key length check, with the caller's error shape. */
  checkKeyLength(key: Buffer, error: (reason: string) => SealError): void {
    if (key.length < KEY_MIN_BYTES) throw error(sealMessages.keyTooShort(KEY_MIN_BYTES));
    if (key.length > KEY_MAX_BYTES) throw error(sealMessages.keyTooLong(KEY_MAX_BYTES));
  }

  /** The unseal key itself for one share, otherwise a Shamir split. */
  splitKey(unsealKey: Buffer, config: SealConfig): Buffer[] {
    return config.shares === 1 ? [Buffer.from(unsealKey)] : split(unsealKey, config.shares, config.threshold, this.core.random);
  }

  /** performBarrierRekey: a new unseal key and a new root key, under the new share configuration. */
  installUnsealKey(unsealKey: Buffer, config: SealConfig, shares: Buffer[]): void {
    this.wrapped = wrapRootKey(unsealKey, this.core.random.bytes(KEY_BYTES), this.core.random);
    this.config = { ...config };
    this.currentUnsealKeys = shares.map((k) => k.toString('base64'));
  }

  /** sys/rotate: a new encryption key term. */
  rotate(now: number): void {
    if (!this.keyring) throw new SealError(503, sealMessages.sealed);
    this.keyring = { term: this.keyring.term + 1, installTime: now, writesBefore: this.core.storage.writes };
    this.core.storage.put(KEYRING_CANARY_PATH, `new-rotation-term-${this.keyring.term}`);
  }

  /** sys/key-status: the active term, when it was installed, and writes encrypted under it. */
  keyStatus(): { term: number; installTime: number; encryptions: number } {
    if (!this.keyring) throw new SealError(503, sealMessages.sealed);
    return { term: this.keyring.term, installTime: this.keyring.installTime, encryptions: this.core.storage.writes - this.keyring.writesBefore };
  }
}
