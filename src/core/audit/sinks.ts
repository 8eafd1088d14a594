// Where a device writes its lines: a file (or stdout, or nowhere) and a socket
// (internal/observability/event/sink_file.go, sink_socket.go, sink_stdout.go, sink_noop.go).
// File writes are synchronous, so a line is on disk before the response it describes is sent.
import { createSocket } from 'node:dgram';
import { chmodSync, closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { dirname } from 'node:path';
import { multierror } from '../errors.js';
import { AuditConfigError } from './options.js';

export interface AuditSink {
  write(line: string): void | Promise<void>;
  close(): void;
}

/** Go's text for a failed syscall on a path, e.g. `open /x/y: permission denied`. */
function goPathError(op: string, path: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const texts: Record<string, string> = {
    EACCES: 'permission denied',
    ENOENT: 'no such file or directory',
    EISDIR: 'is a directory',
    ENOTDIR: 'not a directory',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on device',
  };
  return `${op} ${path}: ${(code && texts[code]) ?? (err as Error).message}`;
}

export const discardSink: AuditSink = { write() {}, close() {} };

export const stdoutSink: AuditSink = {
  write(line) {
    process.stdout.write(line);
  },
  close() {},
};

/** NewFileSink: the file is opened (created 0600 unless `mode` says otherwise) when the device is made. */
export function fileSink(path: string, mode: number | undefined): AuditSink {
  const fileMode = mode ?? 0o600;
  let fd: number | undefined;
  const open = (): number => {
    try {
      mkdirSync(dirname(path), { recursive: true, mode: fileMode || 0o700 });
    } catch (err) {
      throw new Error(`unable to create file ${JSON.stringify(path)}: ${goPathError('mkdir', dirname(path), err)}`);
    }
    try {
      fd = openSync(path, 'a', fileMode || 0o600);
    } catch (err) {
      throw new Error(`unable to open file for sink ${JSON.stringify(path)}: ${goPathError('open', path, err)}`);
    }
    if (fileMode !== 0) chmodSync(path, fileMode);
    return fd;
  };
  try {
    open();
  } catch (err) {
    throw new AuditConfigError(`file sink creation failed for path ${JSON.stringify(path)}: sanity check failed; unable to open ${JSON.stringify(path)} for writing: ${(err as Error).message}`);
  }
  return {
    write(line) {
      try {
        writeSync(fd ?? open(), line);
      } catch (err) {
        throw new Error(`error writing file for sink ${JSON.stringify(path)}: ${(err as Error).message}`);
      }
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

/** host:port split as net.SplitHostPort does for the common forms (`[::1]:9090`, `127.0.0.1:9090`). */
function splitHostPort(address: string): { host: string; port: number } {
  const m = /^\[?([^\]]*?)\]?:(\d+)$/.exec(address);
  if (!m) throw new Error(`address ${address}: missing port in address`);
  return { host: m[1]!, port: Number(m[2]) };
}

/** NewSocketSink: connects on first write, reconnects once on a failed write; each write has a deadline. */
export function socketSink(address: string, socketType: string, timeoutMs: number): AuditSink {
  let socket: Socket | undefined;
  const connectTo = (): Promise<Socket> =>
    new Promise((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) => {
        s.destroy();
        const cause = err.code === 'ECONNREFUSED' ? `dial ${socketType} ${address}: connect: connection refused` : err.message;
        reject(new Error(`error connecting to ${JSON.stringify(socketType)} address ${JSON.stringify(address)}: ${cause}`));
      };
      let s: Socket;
      try {
        s = socketType === 'unix' ? connect(address) : connect(splitHostPort(address));
      } catch (err) {
        reject(new Error(`error connecting to ${JSON.stringify(socketType)} address ${JSON.stringify(address)}: ${(err as Error).message}`));
        return;
      }
      // The socket's own inactivity timer bounds the dial (write_timeout), as Vault's dial context does.
      s.setTimeout(timeoutMs, () => onError(new Error('i/o timeout')));
      s.once('error', onError);
      s.once('connect', () => {
        s.setTimeout(0);
        s.removeAllListeners('error');
        s.removeAllListeners('timeout');
        s.on('error', () => s.destroy());
        s.on('close', () => {
          if (socket === s) socket = undefined;
        });
        resolve(s);
      });
    });
  const writeTo = (s: Socket, line: string): Promise<void> =>
    new Promise((resolve, reject) => {
      s.setTimeout(timeoutMs, () => reject(new Error('i/o timeout')));
      s.write(line, (err) => {
        s.setTimeout(0);
        s.removeAllListeners('timeout');
        if (err) reject(err);
        else resolve();
      });
    });
  const once = async (line: string) => {
    socket ??= await connectTo();
    await writeTo(socket, line);
  };
  if (socketType === 'udp') return udpSink(address);
  if (socketType !== 'tcp' && socketType !== 'unix') {
    return { write: () => Promise.reject(new Error(`error writing to socket ${JSON.stringify(address)}: dial ${socketType}: unknown network ${socketType}`)), close() {} };
  }
  return {
    async write(line) {
      try {
        await once(line);
      } catch (first) {
        socket?.destroy();
        socket = undefined;
        try {
          await once(line);
        } catch (second) {
          // The failed write and the failed reconnect, joined by go-multierror.
          throw new Error(`error writing to socket ${JSON.stringify(address)}: ${multierror([(first as Error).message, (second as Error).message])}`);
        }
      }
    },
    close() {
      socket?.destroy();
      socket = undefined;
    },
  };
}

/** Datagrams are sent without waiting for a peer, so the write timeout has nothing to bound. */
function udpSink(address: string): AuditSink {
  const udp = createSocket(address.startsWith('[') ? 'udp6' : 'udp4');
  udp.unref();
  return {
    write: (line) =>
      new Promise((resolve, reject) => {
        const { host, port } = splitHostPort(address);
        udp.send(line, port, host, (err) => {
          if (err) reject(new Error(`error writing to socket ${JSON.stringify(address)}: ${err.message}`));
          else resolve();
        });
      }),
    close: () => udp.close(),
  };
}
