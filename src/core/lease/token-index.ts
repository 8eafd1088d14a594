// Lease ids by the token they are revoked with (Vault's sys/expire/token/ index), kept in memory.

export class TokenIndex {
  private readonly byToken = new Map<string, Set<string>>();

  add(token: string, leaseId: string): void {
    let ids = this.byToken.get(token);
    if (!ids) {
      ids = new Set();
      this.byToken.set(token, ids);
    }
    ids.add(leaseId);
  }

  remove(token: string, leaseId: string): void {
    const ids = this.byToken.get(token);
    if (!ids) return;
    ids.delete(leaseId);
    if (ids.size === 0) this.byToken.delete(token);
  }

  /** For a lease whose indexing token is not known any more (a batch token's parent). */
  removeEverywhere(leaseId: string): void {
    for (const [token, ids] of this.byToken) if (ids.delete(leaseId) && ids.size === 0) this.byToken.delete(token);
  }

  /** A copy: revoking while iterating changes the index. */
  leasesOf(token: string): string[] {
    return [...(this.byToken.get(token) ?? [])];
  }
}
