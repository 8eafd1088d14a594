// Errors from the embedded engine, shaped like `pg`'s DatabaseError (same field names) so code
// that formats a driver error (as pgx would print it) handles both backends alike.

/** A PostgreSQL error: message, SQLSTATE and the other fields of an ErrorResponse. */
export class EmbeddedPostgresError extends Error {
  severity?: string;
  code?: string;
  detail?: string;
  hint?: string;
  position?: string;
  where?: string;
  schema?: string;
  table?: string;
  column?: string;
  dataType?: string;
  constraint?: string;
  routine?: string;

  constructor(message: string, fields: Partial<Omit<EmbeddedPostgresError, 'message' | 'name' | 'stack'>> = {}) {
    super(message);
    this.name = 'EmbeddedPostgresError';
    Object.assign(this, fields);
  }
}

const COPIED_FIELDS = ['severity', 'code', 'detail', 'hint', 'position', 'where', 'schema', 'table', 'column', 'dataType', 'constraint', 'routine'] as const;

/** PGlite's DatabaseError (or anything carrying a SQLSTATE) as an EmbeddedPostgresError; other errors pass through. */
export function toEmbeddedPostgresError(err: unknown): unknown {
  if (err instanceof EmbeddedPostgresError || !(err instanceof Error)) return err;
  const source = err as Error & Record<string, unknown>;
  if (typeof source.code !== 'string') return err;
  const fields: Record<string, string> = {};
  for (const key of COPIED_FIELDS) if (typeof source[key] === 'string') fields[key] = source[key] as string;
  return new EmbeddedPostgresError(err.message, fields);
}
