// The front's session-user question appended to a client's simple queries, and the answer cut apart.
import { describe, expect, it } from 'vitest';
import * as wire from '../../../src/backends/database/embedded/wire.js';

function msg(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}
const query = (sql: string) => msg('Q', Buffer.from(`${sql}\0`));
const ready = (status: string) => msg('Z', Buffer.from(status));
const complete = (tag: string) => msg('C', Buffer.from(`${tag}\0`));
function dataRow(value: string): Buffer {
  const head = Buffer.alloc(6);
  head.writeInt16BE(1, 0);
  head.writeInt32BE(Buffer.byteLength(value), 2);
  return msg('D', Buffer.concat([head, Buffer.from(value)]));
}
const rowDescription = msg('T', Buffer.from([0, 1, ...Buffer.from('session_user\0'), 0, 0, 0, 0, 0, 0, 0, 0, 0, 19, 0, 64, 255, 255, 255, 255, 0, 0]));

describe('login front: the session user asked in the same call', () => {
  it('appends the question to simple queries only', () => {
    const batch = Buffer.concat([query('BEGIN'), query('CREATE ROLE "x"')]);
    const asked = wire.appendSessionUserQuery(batch)!;
    expect(asked.subarray(0, batch.length)).toEqual(batch);
    expect(wire.takeMessages(asked.subarray(batch.length)).messages.map((m) => [m.type, m.body.toString()])).toEqual([['Q', 'SELECT session_user\0']]);
    // Extended protocol (Parse/Bind/…/Sync), COPY, and an incomplete batch keep the separate question.
    expect(wire.appendSessionUserQuery(Buffer.concat([msg('P', Buffer.from('\0SELECT 1\0\0\0')), msg('S', Buffer.alloc(0))]))).toBeUndefined();
    expect(wire.appendSessionUserQuery(query("COPY items FROM STDIN"))).toBeUndefined();
    expect(wire.appendSessionUserQuery(query('BEGIN').subarray(0, 7))).toBeUndefined();
  });

  it('gives the client its own answer and reads the session user from the rest', () => {
    const client = Buffer.concat([complete('BEGIN'), ready('T')]);
    const answer = Buffer.concat([client, rowDescription, dataRow('vault_admin'), complete('SELECT 1'), ready('T')]);
    expect(wire.splitSessionUserAnswer(answer)).toEqual({ output: client, status: 'T', sessionUser: 'vault_admin' });
  });

  it('reads no session user in an aborted transaction', () => {
    const error = wire.errorResponse({ severity: 'ERROR', code: '42601', message: 'syntax error' });
    const client = Buffer.concat([error, ready('E')]);
    const aborted = wire.errorResponse({ severity: 'ERROR', code: '25P02', message: 'current transaction is aborted' });
    expect(wire.splitSessionUserAnswer(Buffer.concat([client, aborted, ready('E')]))).toEqual({ output: client, status: 'E', sessionUser: undefined });
  });
});
