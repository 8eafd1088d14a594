// Initialisation and seal state of the server (Vault's shamir seal on a single node).
// The operator flows (init with a Shamir split, unseal, generate-root, rekey) build on this.
import type { VaultCore } from '../vault-core.js';

export class SealState {
  initialized = false;
  sealed = true;
  /** Shares and threshold of the current unseal key. */
  shares = 0;
  threshold = 0;

  constructor(private readonly core: VaultCore) {}

  /** Marks the server initialised and unsealed without keys (dev mode sets its key through the seal flows). */
  markDevUnsealed(shares: number, threshold: number): void {
    this.initialized = true;
    this.sealed = false;
    this.shares = shares;
    this.threshold = threshold;
    void this.core;
  }
}
