// Root token generation from unseal key shares (vault/generate_root.go with the standard root token
// strategy; http/sys_generate_root.go for the status shape). The new token travels XORed with an OTP.
import type { VaultCore } from '../vault-core.js';
import type { KeyOpenError } from './barrier-keys.js';
import { PGP_UNSUPPORTED, sealMessages } from './messages.js';
import { checkPgpKey } from './seal-config.js';
import type { SealState } from './seal-state.js';
import { SealError } from './seal-error.js';
import { combine, type ShamirError } from './shamir.js';

/** vault/token_store.go TokenLength (24) + TokenPrefixLength (4): the length of an `hvs.` root token. */
export const OTP_LENGTH = 28;

/** http/sys_generate_root.go GenerateRootStatusResponse, in its field order. */
export interface GenerateRootStatus {
  nonce: string;
  started: boolean;
  progress: number;
  required: number;
  complete: boolean;
  encoded_token: string;
  encoded_root_token: string;
  pgp_fingerprint: string;
  otp: string;
  otp_length: number;
}

export interface GenerateRootUpdate {
  progress: number;
  required: number;
  /** Empty until the threshold is reached. */
  encodedToken: string;
}

/** sdk/helper/roottoken EncodeToken: unpadded standard base64 of token XOR otp. */
export function encodeRootToken(token: string, otp: string): string {
  const t = Buffer.from(token);
  const o = Buffer.from(otp);
  if (t.length !== o.length) throw new SealError(400, `xor of root token failed: length of byte slices is not equivalent: ${o.length} != ${t.length}`);
  return Buffer.from(t.map((b, i) => b ^ o[i]!)).toString('base64').replace(/=+$/, '');
}

export class GenerateRootProcess {
  private attempt: { nonce: string; otp: string } | undefined;
  private parts: Buffer[] = [];

  constructor(
    private readonly core: VaultCore,
    private readonly state: SealState,
  ) {}

  /** GET sys/generate-root/attempt (and the answer to PUT, with a generated OTP). */
  status(otp = ''): GenerateRootStatus {
    if (!this.state.initialized) throw new SealError(400, sealMessages.notYetInitialized);
    if (this.state.sealed) throw new SealError(500, sealMessages.sealed);
    return {
      nonce: this.attempt?.nonce ?? '',
      started: this.attempt !== undefined,
      progress: this.parts.length,
      required: this.state.threshold,
      complete: false,
      encoded_token: '',
      encoded_root_token: '',
      pgp_fingerprint: '',
      otp,
      otp_length: OTP_LENGTH,
    };
  }

  /** Core.GenerateRootInit. */
  start(otp: string, pgpKey: string): void {
    let pgpUnsupported = false;
    if (otp.length > 0) {
      if (Buffer.byteLength(otp) !== OTP_LENGTH) throw new SealError(400, sealMessages.otpWrongLength);
    } else if (pgpKey.length > 0) {
      const check = checkPgpKey(pgpKey);
      if ('error' in check) throw new SealError(400, sealMessages.pgpKeyParse(check.error));
      pgpUnsupported = true;
    } else {
      throw new SealError(400, sealMessages.otpOrPgpRequired);
    }
    if (this.state.sealed) throw new SealError(400, sealMessages.sealed);
    if (this.attempt) throw new SealError(400, sealMessages.rootGenerationInProgress);
    if (pgpUnsupported) throw new SealError(400, PGP_UNSUPPORTED);
    this.attempt = { nonce: this.state.newNonce(), otp };
  }

  /** Core.GenerateRootCancel. */
  cancel(): void {
    if (this.state.sealed) throw new SealError(500, sealMessages.sealed);
    this.attempt = undefined;
    this.parts = [];
  }

  /** Core.GenerateRootUpdate: one more share; at the threshold, a new root token. */
  update(key: Buffer, nonce: string, now: number): GenerateRootUpdate {
    this.state.checkKeyLength(key, (reason) => new SealError(400, sealMessages.invalidKey(reason)));
    if (!this.state.initialized) throw new SealError(400, sealMessages.notInitialized);
    if (this.state.sealed) throw new SealError(400, sealMessages.sealed);
    const attempt = this.attempt;
    if (!attempt) throw new SealError(400, sealMessages.noRootGeneration);
    if (nonce !== attempt.nonce) throw new SealError(400, sealMessages.rootGenerationNonce(attempt.nonce));
    if (this.parts.some((p) => p.equals(key))) throw new SealError(400, sealMessages.rootGenerationDuplicateKey);

    this.parts.push(key);
    const progress = this.parts.length;
    const required = this.state.threshold;
    if (progress < required) return { progress, required, encodedToken: '' };

    const parts = this.parts;
    this.parts = [];
    let unsealKey: Buffer;
    try {
      unsealKey = required === 1 ? parts[0]! : combine(parts);
    } catch (e) {
      throw new SealError(400, sealMessages.rootKeyComputeFailed((e as ShamirError).message));
    }
    try {
      this.state.openRootKey(unsealKey);
    } catch (e) {
      const err = e as KeyOpenError;
      const cause = err.stage === 'setup' ? sealMessages.invalidKey(sealMessages.setupUnsealKey(err.message)) : sealMessages.retrieveStoredKeys(err.message);
      throw new SealError(400, sealMessages.rootGenerationAborted(cause));
    }
    const token = this.core.tokens.createRoot({ now });
    let encodedToken: string;
    try {
      encodedToken = encodeRootToken(token.id, attempt.otp);
    } catch (e) {
      this.core.tokens.revoke(token.id);
      throw e;
    }
    this.attempt = undefined;
    return { progress, required, encodedToken };
  }
}
