// Rekeying the unseal key (vault/rekey.go barrier rekey and verification; http/sys_rekey.go for the
// status shapes): threshold shares of the current key authorise a new key split into new shares.
import type { VaultCore } from '../vault-core.js';
import type { KeyOpenError } from './barrier-keys.js';
import { PGP_UNSUPPORTED, sealMessages } from './messages.js';
import { validateSealConfig, type SealConfig } from './seal-config.js';
import { SealError } from './seal-error.js';
import type { SealState } from './seal-state.js';
import { combine, type ShamirError } from './shamir.js';

const KEY_BYTES = 32;

export interface RekeyRequest {
  shares: number;
  threshold: number;
  pgpKeys: string[];
  backup: boolean;
  requireVerification: boolean;
}

/** http/sys_rekey.go RekeyStatusResponse, in its field order (verification_nonce is omitempty). */
export interface RekeyStatus {
  nonce: string;
  started: boolean;
  t: number;
  n: number;
  progress: number;
  required: number;
  pgp_fingerprints: string[] | null;
  backup: boolean;
  verification_required: boolean;
  verification_nonce?: string;
}

export interface RekeyResult {
  keys: Buffer[];
  verificationRequired: boolean;
  verificationNonce: string;
}

/** http/sys_rekey.go RekeyVerificationStatusResponse. */
export interface RekeyVerificationStatus {
  nonce: string;
  started: boolean;
  t: number;
  n: number;
  progress: number;
}

interface RekeyOperation extends SealConfig {
  nonce: string;
  verificationRequired: boolean;
  progress: Buffer[];
  /** Set once the new key exists but waits for verification. */
  pending?: { key: Buffer; shares: Buffer[] };
  verificationNonce: string;
  verificationProgress: Buffer[];
}

export class RekeyProcess {
  private op: RekeyOperation | undefined;

  constructor(
    private readonly core: VaultCore,
    private readonly state: SealState,
  ) {}

  /** Sealing forgets a rekey in progress (vault/core.go preSeal). */
  clear(): void {
    this.op = undefined;
  }

  /** GET sys/rekey/init. */
  status(): RekeyStatus {
    const op = this.op;
    const status: RekeyStatus = {
      nonce: op?.nonce ?? '',
      started: op !== undefined,
      t: op?.threshold ?? 0,
      n: op?.shares ?? 0,
      progress: op?.progress.length ?? 0,
      required: this.state.threshold,
      pgp_fingerprints: null,
      backup: false,
      verification_required: op?.verificationRequired ?? false,
    };
    if (op?.verificationNonce) status.verification_nonce = op.verificationNonce;
    return status;
  }

  /** PUT sys/rekey/init: the handler's checks, then Core.RekeyInit/BarrierRekeyInit. */
  start(req: RekeyRequest): void {
    if (req.backup && req.pgpKeys.length === 0) throw new SealError(400, sealMessages.backupNeedsPgp);
    if (req.pgpKeys.length > 0 && req.pgpKeys.length !== req.shares) throw new SealError(400, sealMessages.incorrectRekeyPgpKeyCount);
    if (req.threshold > req.shares) throw new SealError(400, sealMessages.rekeyThresholdAboveShares);
    const invalid = validateSealConfig({ shares: req.shares, threshold: req.threshold }, req.pgpKeys);
    if (invalid && 'error' in invalid) throw new SealError(500, sealMessages.invalidRekeyConfig(invalid.error));
    if (this.op) throw new SealError(400, sealMessages.rekeyInProgress);
    if (invalid) throw new SealError(400, PGP_UNSUPPORTED);
    this.op = {
      shares: req.shares,
      threshold: req.threshold,
      nonce: this.state.newNonce(),
      verificationRequired: req.requireVerification,
      progress: [],
      verificationNonce: '',
      verificationProgress: [],
    };
  }

  /** DELETE sys/rekey/init. */
  cancel(): void {
    this.op = undefined;
  }

  /** Core.BarrierRekeyUpdate: undefined while more shares are needed. */
  update(key: Buffer, nonce: string): RekeyResult | undefined {
    this.state.checkKeyLength(key, (reason) => new SealError(400, reason));
    const op = this.op;
    if (!op) throw new SealError(400, sealMessages.noBarrierRekey);
    if (op.pending) throw new SealError(400, sealMessages.rekeyVerificationPending(op.verificationNonce));
    if (nonce !== op.nonce) throw new SealError(400, sealMessages.rekeyNonce(op.nonce));
    if (op.progress.some((p) => p.equals(key))) throw new SealError(400, sealMessages.rekeyDuplicateKey);
    op.progress.push(key);
    const required = this.state.threshold;
    if (op.progress.length < required) return undefined;

    const parts = op.progress;
    op.progress = [];
    let unsealKey: Buffer;
    try {
      unsealKey = required === 1 ? parts[0]! : combine(parts);
    } catch (e) {
      throw new SealError(500, sealMessages.rootKeyComputeFailed((e as ShamirError).message));
    }
    try {
      this.state.openRootKey(unsealKey);
    } catch (e) {
      const err = e as KeyOpenError;
      throw new SealError(500, err.stage === 'setup' ? sealMessages.setupUnsealKey(err.message) : sealMessages.readRootKey(err.message));
    }

    const newKey = this.core.random.bytes(KEY_BYTES);
    const shares = this.state.splitKey(newKey, op);
    if (op.verificationRequired) {
      op.verificationNonce = this.state.newNonce();
      op.pending = { key: newKey, shares };
      return { keys: shares, verificationRequired: true, verificationNonce: op.verificationNonce };
    }
    this.state.installUnsealKey(newKey, op, shares);
    this.op = undefined;
    return { keys: shares, verificationRequired: false, verificationNonce: '' };
  }

  /** GET sys/rekey/verify. */
  verificationStatus(): RekeyVerificationStatus {
    const op = this.op;
    if (!op) throw new SealError(400, sealMessages.noRekeyConfig);
    return { nonce: op.verificationNonce, started: op.pending !== undefined, t: op.threshold, n: op.shares, progress: op.verificationProgress.length };
  }

  /** DELETE sys/rekey/verify: Core.RekeyVerifyRestart. */
  restartVerification(): void {
    if (!this.op) return;
    this.op.verificationProgress = [];
    this.op.verificationNonce = this.state.newNonce();
  }

  /** Core.RekeyVerify: shares of the new key prove it was received; then it is installed. */
  verify(key: Buffer, nonce: string): { nonce: string; complete: true } | undefined {
    this.state.checkKeyLength(key, (reason) => new SealError(400, reason));
    const op = this.op;
    if (!op) throw new SealError(400, sealMessages.noRekey);
    const pending = op.pending;
    if (!pending) throw new SealError(400, sealMessages.noRekeyVerification);
    if (nonce !== op.verificationNonce) throw new SealError(400, sealMessages.verifyNonce(op.verificationNonce));
    if (op.verificationProgress.some((p) => p.equals(key))) throw new SealError(400, sealMessages.verifyDuplicateKey);
    op.verificationProgress.push(key);
    if (op.verificationProgress.length < op.threshold) return undefined;

    const parts = op.verificationProgress;
    op.verificationProgress = [];
    let recovered: Buffer;
    try {
      recovered = op.threshold === 1 ? parts[0]! : combine(parts);
    } catch (e) {
      op.verificationNonce = this.state.newNonce();
      throw new SealError(500, sealMessages.verifyComputeFailed((e as ShamirError).message));
    }
    if (!recovered.equals(pending.key)) {
      op.verificationNonce = this.state.newNonce();
      throw new SealError(400, sealMessages.verifyMismatch);
    }
    this.state.installUnsealKey(pending.key, op, pending.shares);
    this.op = undefined;
    return { nonce: op.verificationNonce, complete: true };
  }
}
