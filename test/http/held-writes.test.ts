// Held writes (src/http/held-writes.ts): what is written while the event loop reads sockets stays in
// the socket until that I/O phase is over, then leaves in order, and ending a held socket still sends
// everything before the FIN.
import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { holdUntilIoPhaseEnds } from '../../src/http/held-writes.js';

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A TCP server that runs `onData` for every chunk it reads, and a connected client collecting what comes back. */
async function pair(onData: (socket: Socket, chunk: Buffer) => void) {
  const server = createServer((socket) => socket.on('data', (chunk) => onData(socket, chunk)));
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
  await once(client, 'connect');
  let received = '';
  client.setEncoding('latin1');
  client.on('data', (d: string) => (received += d));
  const ended = once(client, 'end');
  return { client, received: () => received, ended };
}

const until = async (done: () => boolean) => {
  while (!done()) await new Promise((r) => setTimeout(r, 1));
};

describe('held writes', () => {
  it('a write made while reading stays in the socket until the I/O phase is over, then reaches the client', async () => {
    const pending: number[] = [];
    const p = await pair((socket) => {
      holdUntilIoPhaseEnds(socket);
      socket.write('answer');
      pending.push(socket.writableLength);
      // Still held after the microtasks of this read…
      process.nextTick(() => pending.push(socket.writableLength));
    });
    p.client.write('x');
    await until(() => p.received() === 'answer');
    // …and gone once released (without the hold, the first write would have gone straight to the kernel).
    expect(pending).toEqual([6, 6]);
  });

  it('keeps each connection in order, a pipelined pair held twice and an unheld write after it included', async () => {
    const clients = await Promise.all(
      [0, 1, 2].map(() =>
        pair((socket, chunk) => {
          holdUntilIoPhaseEnds(socket);
          socket.write(`1:${chunk}|`);
          holdUntilIoPhaseEnds(socket);
          socket.write(`2:${chunk}|`);
          socket.write(`3:${chunk}|`);
        }),
      ),
    );
    clients.forEach((c, i) => c.client.write(`c${i}`));
    for (const [i, c] of clients.entries()) {
      await until(() => c.received().length >= 15);
      expect(c.received()).toBe(`1:c${i}|2:c${i}|3:c${i}|`);
    }
    for (const c of clients) c.client.destroy();
  });

  it('ending a held socket sends what was written before the FIN', async () => {
    const p = await pair((socket) => {
      holdUntilIoPhaseEnds(socket);
      socket.write('last words');
      socket.end();
    });
    p.client.write('x');
    await p.ended;
    expect(p.received()).toBe('last words');
  });
});
