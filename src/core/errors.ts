// Errors the way Vault renders them, and the core's verbatim messages.
// Sources: sdk/logical/response_util.go (RespondErrorCommon), sdk/logical/error.go,
// vault/request_handling.go, vault/router.go, http/handler.go (openbao fork-point = Vault 1.14.9).

/** go-multierror's rendering of a list of errors. */
export function multierror(messages: string[]): string {
  const noun = messages.length === 1 ? '1 error occurred' : `${messages.length} errors occurred`;
  return `${noun}:\n${messages.map((m) => `\t* ${m}`).join('\n')}\n\n`;
}

export class VaultError extends Error {
  /** The strings of the `errors` array, already formatted; empty for Vault's bare `{"errors":[]}`. */
  readonly errors: string[];
  constructor(
    readonly status: number,
    errors: string[],
    /** Extra top-level body keys (Vault adds `data` for some error responses). */
    readonly extra?: Record<string, unknown>,
  ) {
    // An answer to the client, never a fault to trace: capturing a stack cost more than the rest of a
    // failed login (V8 walks and symbolizes the frames of every error it constructs).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(errors[0] ?? `HTTP ${status}`);
    Error.stackTraceLimit = limit;
    this.errors = errors;
  }
}

/** A backend's logical.ErrorResponse: 400 with the message verbatim. */
export function errorResponse(message: string, status = 400): VaultError {
  return new VaultError(status, [message]);
}

/** An error returned (not an error response): multierror-wrapped, as the request handler does. */
export function codedError(status: number, ...messages: string[]): VaultError {
  return new VaultError(status, [multierror(messages)]);
}

/**
 * A backend's error response returned together with logical.ErrInvalidCredentials: the client sees
 * the 400 error response, and the core counts a failed login towards the user lockout.
 */
export class InvalidCredentialsError extends VaultError {
  constructor(message: string) {
    super(400, [message]);
  }
}

/** A status with `{"errors":[]}`. */
export function bareError(status: number): VaultError {
  return new VaultError(status, []);
}

export const messages = {
  permissionDenied: 'permission denied',
  invalidToken: 'invalid token',
  unsupportedPath: 'unsupported path',
  unsupportedOperation: 'unsupported operation',
  sealed: 'Vault is sealed',
  parseJson: 'error parsing JSON',
  writeTrailingSlash: "cannot write to a path ending in '/'",
  internalError: 'internal error',
  noHandler: (path: string) => `no handler for route "${path}". route entry not found.`,
  alreadyInitialized: 'Vault is already initialized',
  notInitialized: 'Vault is not initialized',
} as const;

export const errors = {
  /** 403 for a policy denial or missing sudo. */
  permissionDenied: () => codedError(403, messages.permissionDenied),
  /** 403 when no token was sent at all. */
  missingToken: () => new VaultError(403, [messages.permissionDenied]),
  /** 403 for an unknown, expired or revoked token (Vault 1.17, PR #25953). */
  invalidToken: () => codedError(403, messages.permissionDenied, messages.invalidToken),
  unsupportedPath: () => codedError(404, messages.unsupportedPath),
  unsupportedOperation: () => codedError(405, messages.unsupportedOperation),
  sealed: () => new VaultError(503, [messages.sealed]),
  // An error response (plain text) paired with ErrUnsupportedPath, so 404 unwrapped (vault/router.go).
  noHandler: (path: string) => new VaultError(404, [messages.noHandler(path)]),
  internal: () => codedError(500, messages.internalError),
};
