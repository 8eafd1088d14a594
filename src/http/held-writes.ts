// Answers are held (their sockets corked) until the event loop's next check phase, which follows the
// I/O phase in which most of them are written, then released together. With many connections busy, a
// client then wakes once for several answers instead of once per answer: on a 2-CPU VM waking an idle
// client cost the server more kernel time per AppRole login than the login's own JavaScript
// (bench/README.md). Corking keeps each connection's bytes in order whoever writes them (the lane or
// Node's ServerResponse), and `socket.end()` releases a cork itself, so a closing answer still goes out
// before the FIN. setImmediate here is no clock: it marks the end of the I/O phase, not a time.
import type { Socket } from 'node:net';

const held: Socket[] = [];
let releaseQueued = false;

function releaseAll(): void {
  releaseQueued = false;
  // Released in the order they were held; a socket held twice (a pipelined pair) is uncorked twice.
  for (let i = 0; i < held.length; i++) held[i]!.uncork();
  held.length = 0;
}

/** Corks `socket` until the current I/O phase of the event loop is over. */
export function holdUntilIoPhaseEnds(socket: Socket): void {
  socket.cork();
  held.push(socket);
  if (!releaseQueued) {
    releaseQueued = true;
    setImmediate(releaseAll);
  }
}
