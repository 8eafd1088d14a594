// The expiration manager's texts, verbatim from vault/expiration.go and vault/logical_system.go, and its errors.
import { calculateTtl as calculateTtlOrThrow, type TtlInputs } from '../token/ttl.js';

export const leaseMessages = {
  leaseIdRequired: 'lease_id must be specified',
  invalidLease: 'invalid lease',
  tokensNotHere: 'tokens cannot be renewed through this endpoint',
  notASecret: 'lease does not correspond to a secret',
  batchNotRevocable: 'batch tokens cannot be revoked',
  outOfRetries: 'out of retries',
  noValidToken: 'cannot renew lease, no valid associated token',
  /** No mount owns the lease's path any more (router.MatchingSystemView returned nil). */
  noMount: 'unable to retrieve system view from router',
  tidyStarted: "Tidy operation successfully started. Any information from the operation will be printed to Vault's server logs.",
  tooManyIrrevocable:
    'Command halted because many irrevocable leases were found. To emit the entire list, re-run the command with force set true.',
} as const;

/** An error of the expiration manager; sys/leases handlers answer it as an error response (400). */
export class LeaseError extends Error {
  constructor(
    message: string,
    readonly status = 400,
    /** errIsUnrecoverable: retrying cannot help (the engine has no such path or operation). */
    readonly unrecoverable = false,
  ) {
    super(message);
  }
}

/** revokeEntry / renewEntry's wrapping of an engine failure ("failed to revoke entry: resp: … err: …").
 *  Engines fail by returning an error, so the response part is Go's rendering of a nil response. */
export function revokeFailure(what: 'revoke' | 'renew', err: unknown): string {
  const text = err instanceof Error ? ((err as { errors?: string[] }).errors?.[0] ?? err.message) : String(err);
  return `failed to ${what} entry: resp: (*logical.Response)(nil) err: ${text}`;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** errIsUnrecoverable: the engine has no revoke for this path or operation. */
export function isUnrecoverable(err: unknown): boolean {
  const status = (err as { status?: number } | null)?.status;
  return status === 404 || status === 405;
}

/** CalculateTTL with its plain errors ("past the max TTL, cannot renew") as lease errors (400). */
export function calculateTtl(inputs: TtlInputs): { ttl: number; warnings: string[] } {
  try {
    return calculateTtlOrThrow(inputs);
  } catch (err) {
    const raw = (err as { errors?: string[] }).errors?.[0] ?? errorText(err);
    throw new LeaseError(raw.replace(/^1 error occurred:\n\t\* /, '').replace(/\n\n$/, ''));
  }
}
