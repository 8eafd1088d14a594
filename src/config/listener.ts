// A configured `listener "tcp"` → where and how the emulator listens: address (default 127.0.0.1:8200),
// and HTTPS from the certificate and key files unless tls_disable is set (Vault's default is TLS on).
// Client certificates are requested and accepted as presented, unless tls_require_and_verify_client_cert
// asks for verification (against tls_client_ca_file, or the system roots without one), as in
// internalshared/listenerutil/listener.go TLSConfig.
import { readFileSync } from 'node:fs';
import { createSecureContext, rootCertificates } from 'node:tls';
import { goPathError } from './load.js';
import * as msg from './messages.js';
import type { ListenerConfig, ServerConfig } from './server-config.js';

/** Vault's default listen address (command/server/listener_tcp.go). */
export const DEFAULT_LISTEN_ADDRESS = '127.0.0.1:8200';

export interface ResolvedListener {
  host: string;
  port: number;
  /** The address as Vault shows it (`addr` in the banner). */
  address: string;
  tls?: { cert: Buffer; key: Buffer; clientCa?: Buffer };
}

/** A listener that cannot start; the CLI prints it under "Error parsing listener configuration.". */
export class ListenerError extends Error {}

/** Splits `host:port` as Go's net.SplitHostPort does (IPv6 hosts in brackets). */
export function splitHostPort(address: string): { host: string; port: number } {
  const fail = (why: string) => new ListenerError(`listen tcp: address ${address}: ${why}`);
  let host: string;
  let portText: string;
  if (address.startsWith('[')) {
    const end = address.indexOf(']');
    if (end === -1) throw fail('missing \']\' in address');
    if (address[end + 1] !== ':') throw fail('missing port in address');
    host = address.slice(1, end);
    portText = address.slice(end + 2);
  } else {
    const colon = address.lastIndexOf(':');
    if (colon === -1) throw fail('missing port in address');
    host = address.slice(0, colon);
    if (host.includes(':')) throw fail('too many colons in address');
    portText = address.slice(colon + 1);
  }
  if (!/^\d+$/.test(portText) || Number(portText) > 65535) throw new ListenerError(`listen tcp: lookup tcp/${portText}: unknown port`);
  // An empty host means every interface, as with Go's net.Listen.
  return { host: host === '' ? '::' : host, port: Number(portText) };
}

function readPem(path: string, wrap: (err: string) => string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new ListenerError(wrap(goPathError('open', path, err)));
  }
}

function loadTls(l: ListenerConfig): NonNullable<ResolvedListener['tls']> {
  const certErr = (e: string) => msg.errorLoadingTlsCert(e);
  const cert = readPem(l.tlsCertFile, certErr);
  const key = readPem(l.tlsKeyFile, certErr);
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key.toString('latin1'))) throw new ListenerError(certErr(msg.DECODED_PEM_BLANK));
  if (!cert.toString('latin1').includes('-----BEGIN')) throw new ListenerError(certErr(msg.NO_CERT_PEM));
  try {
    createSecureContext({ cert, key });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    throw new ListenerError(certErr(code.includes('KEY_VALUES_MISMATCH') ? msg.KEY_MISMATCH : `tls: ${(err as Error).message}`));
  }
  if (l.tlsDisableClientCerts && l.tlsRequireAndVerifyClientCert) throw new ListenerError(msg.CLIENT_CERTS_MUTUALLY_EXCLUSIVE);
  if (!l.tlsRequireAndVerifyClientCert) return { cert, key };
  if (l.tlsClientCaFile === '') return { cert, key, clientCa: Buffer.from(rootCertificates.join('\n')) };
  const clientCa = readPem(l.tlsClientCaFile, msg.failedReadClientCa);
  if (!clientCa.toString('latin1').includes('-----BEGIN CERTIFICATE-----')) throw new ListenerError(msg.FAILED_PARSE_CLIENT_CA);
  return { cert, key, clientCa };
}

export function resolveListener(l: ListenerConfig): ResolvedListener {
  const address = l.address || DEFAULT_LISTEN_ADDRESS;
  const { host, port } = splitHostPort(address);
  return { host, port, address, tls: l.tlsDisable ? undefined : loadTls(l) };
}

/** The listener this emulator serves (the first tcp one), and the others it does not. */
export function servedListener(config: ServerConfig): { listener?: ListenerConfig; ignored: string[] } {
  const listener = config.listeners.find((l) => l.type === 'tcp');
  const ignored = config.listeners.filter((l) => l !== listener).map((l) => `listener "${l.type}"${l.address ? ` (${l.address})` : ''}`);
  return { listener, ignored };
}
