// A Vault error from a seal operation: the status the raw HTTP handler answers, and the message.
export class SealError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
