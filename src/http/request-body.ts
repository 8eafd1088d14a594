// Reads a request body the way Vault's wrapMaxRequestSizeHandler (http.MaxBytesReader) lets it be read:
// at most max_request_size bytes. Past the limit reading stops, the request is marked truncated and
// the connection will be closed after the answer (Go cannot drain such a body either).
import type { Readable } from 'node:stream';
import { DirectRequest } from './direct-lane.js';
import type { ReadBody } from './translate-request.js';

const NO_BYTES = Buffer.alloc(0);

/**
 * Node's parser hands the request over at the end of its head, before the body: one turn of the
 * microtask queue later a request that arrived in one piece (nearly all do) has its whole body
 * buffered and is taken in one read, without the stream's events. Anything else is read as it comes.
 */
export function readBody(stream: (Readable & { complete?: boolean }) | DirectRequest, limit: number): ReadBody | Promise<ReadBody> {
  // The direct lane took the request only when its whole body had arrived: no waiting.
  if (stream instanceof DirectRequest) return stream.body.length <= limit ? { bytes: stream.body, truncated: false } : { bytes: stream.body.subarray(0, limit), truncated: true };
  return readNodeBody(stream, limit);
}

async function readNodeBody(stream: Readable & { complete?: boolean }, limit: number): Promise<ReadBody> {
  await undefined;
  if (stream.complete === true && stream.readableFlowing === null && stream.readableLength <= limit) {
    const bytes = stream.read() as Buffer | null;
    return { bytes: bytes ?? NO_BYTES, truncated: false };
  }
  return readStreaming(stream, limit);
}

function readStreaming(stream: Readable, limit: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (truncated: boolean) => {
      if (done) return;
      done = true;
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('close', onClose);
      resolve({ bytes: Buffer.concat(chunks, Math.min(size, limit)), truncated });
    };
    const onData = (chunk: Buffer | string) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      const room = limit - size;
      if (buf.length > room) {
        if (room > 0) chunks.push(buf.subarray(0, room));
        size = limit;
        stream.pause();
        finish(true);
        return;
      }
      chunks.push(buf);
      size += buf.length;
    };
    const onEnd = () => finish(false);
    const onError = (err: Error) => {
      if (done) return;
      done = true;
      reject(err);
    };
    // A client that goes away mid-body: like Go's failing read, nothing is handled.
    const onClose = () => onError(new Error('request body aborted'));
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}
