// The few PostgreSQL v3 protocol messages the login front reads and writes itself; everything after
// login is passed to PGlite as it comes.

export const PROTOCOL_3_0 = 196608;
export const SSL_REQUEST = 80877103;
export const GSSENC_REQUEST = 80877104;
export const CANCEL_REQUEST = 80877102;

/** A typed backend message: type byte, int32 length (itself included), body. */
function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

const cstring = (s: string) => Buffer.from(`${s}\0`, 'utf8');

export const authenticationCleartextPassword = () => message('R', int32(3));
export const authenticationOk = () => message('R', int32(0));
export const parameterStatus = (name: string, value: string) => message('S', Buffer.concat([cstring(name), cstring(value)]));
export const backendKeyData = (pid: number, key: number) => message('K', Buffer.concat([int32(pid), int32(key)]));
export const readyForQuery = (status: 'I' | 'T' | 'E') => message('Z', Buffer.from(status, 'latin1'));

export interface ErrorFields {
  severity: 'ERROR' | 'FATAL';
  code: string;
  message: string;
  detail?: string;
}

/** ErrorResponse with the fields PostgreSQL always sends (S, V, C, M) and optional detail. */
export function errorResponse(e: ErrorFields): Buffer {
  const parts = [Buffer.from('S'), cstring(e.severity), Buffer.from('V'), cstring(e.severity), Buffer.from('C'), cstring(e.code), Buffer.from('M'), cstring(e.message)];
  if (e.detail) parts.push(Buffer.from('D'), cstring(e.detail));
  parts.push(Buffer.from([0]));
  return message('E', Buffer.concat(parts));
}

/** The untyped startup-phase packet (int32 length first), once complete. */
export function takeStartupPacket(buffer: Buffer): { packet: Buffer; rest: Buffer } | undefined {
  if (buffer.length < 4) return undefined;
  const length = buffer.readInt32BE(0);
  // PostgreSQL's limits (postmaster.c): shorter than a version number, or over 10000 bytes, is invalid.
  if (length < 8 || length > 10000) return { packet: Buffer.alloc(0), rest: Buffer.alloc(0) };
  if (buffer.length < length) return undefined;
  return { packet: buffer.subarray(0, length), rest: buffer.subarray(length) };
}

/** The startup message's parameters (user, database, application_name, …). */
export function startupParameters(packet: Buffer): Record<string, string> {
  const params: Record<string, string> = {};
  const fields = packet.subarray(8).toString('utf8').split('\0');
  for (let i = 0; i + 1 < fields.length && fields[i] !== ''; i += 2) params[fields[i]!] = fields[i + 1]!;
  return params;
}

/** Complete typed messages at the front of the buffer, and what is left. */
export function takeMessages(buffer: Buffer): { messages: { type: string; body: Buffer; raw: Buffer }[]; rest: Buffer; invalid?: boolean } {
  const messages: { type: string; body: Buffer; raw: Buffer }[] = [];
  let offset = 0;
  while (buffer.length - offset >= 5) {
    const length = buffer.readInt32BE(offset + 1);
    if (length < 4) return { messages, rest: buffer.subarray(offset), invalid: true };
    if (buffer.length - offset < length + 1) break;
    const raw = buffer.subarray(offset, offset + length + 1);
    messages.push({ type: String.fromCharCode(raw[0]!), body: raw.subarray(5), raw });
    offset += length + 1;
  }
  return { messages, rest: buffer.subarray(offset) };
}

/** The status of the last ReadyForQuery in PGlite's answer (undefined: the exchange is not over). */
export function scanBackendOutput(output: Uint8Array): { readyStatus?: string } {
  const buffer = Buffer.from(output.buffer, output.byteOffset, output.byteLength);
  let readyStatus: string | undefined;
  for (const m of takeMessages(buffer).messages) if (m.type === 'Z') readyStatus = String.fromCharCode(m.body[0]!);
  return { readyStatus };
}

/** The question the front asks after each exchange, as a simple Query message. */
const SESSION_USER_QUERY = message('Q', cstring('SELECT session_user'));

/**
 * A batch of simple Query messages only, with SESSION_USER_QUERY appended; undefined for anything
 * else (extended protocol, or possibly COPY, whose data would have to come before another Query).
 */
export function appendSessionUserQuery(batch: Buffer): Buffer | undefined {
  const { messages, rest } = takeMessages(batch);
  if (rest.length > 0 || messages.length === 0 || messages.some((m) => m.type !== 'Q')) return undefined;
  if (/copy/i.test(batch.toString('latin1'))) return undefined;
  return Buffer.concat([batch, SESSION_USER_QUERY]);
}

/**
 * PGlite's answer to appendSessionUserQuery's batch cut in two: the client's part (up to the
 * ReadyForQuery of its last Query) with its status, and the session user from the appended query's
 * row (undefined when it gave none, e.g. in an aborted transaction).
 */
export function splitSessionUserAnswer(answer: Uint8Array): { output: Buffer; status?: string; sessionUser?: string } {
  const buffer = Buffer.from(answer.buffer, answer.byteOffset, answer.byteLength);
  const messages = takeMessages(buffer).messages;
  // The appended query's ReadyForQuery is the last one; the client's is the one before it.
  const ready = messages.flatMap((m, i) => (m.type === 'Z' ? [i] : []));
  if (ready.length < 2) return { output: buffer, status: ready.length ? String.fromCharCode(messages[ready[0]!]!.body[0]!) : undefined };
  const clientEnd = ready[ready.length - 2]!;
  const end = messages[clientEnd]!;
  const output = buffer.subarray(0, end.raw.byteOffset - buffer.byteOffset + end.raw.length);
  let sessionUser: string | undefined;
  for (const m of messages.slice(clientEnd + 1)) {
    // DataRow: int16 column count, then int32 length and the value (text format).
    if (m.type === 'D' && m.body.readInt16BE(0) === 1 && m.body.readInt32BE(2) >= 0) sessionUser = m.body.subarray(6, 6 + m.body.readInt32BE(2)).toString('utf8');
  }
  return { output, status: String.fromCharCode(end.body[0]!), sessionUser };
}
