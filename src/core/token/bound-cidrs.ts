// Token bound CIDRs: sdk parseutil.ParseAddrs over go-sockaddr's NewSockAddr (what Vault stores and
// prints), and the check fetchACLTokenEntryAndEntity makes of the client address. go-sockaddr tries an
// IPv4 address (CIDR, host:port, bare), then IPv6, then takes any other string with a '/' (or starting
// with '.') as a UNIX socket path, which no client address is ever inside.
// Not emulated: host names and service names in host:port forms (Go resolves them), Go's %q escaping of
// non-ASCII in error texts.
import { errorResponse } from '../errors.js';

export class AddrParseError extends Error {}

type SockAddr =
  | { kind: 'ipv4'; address: number; bits: number; port: number }
  | { kind: 'ipv6'; address: bigint; bits: number; port: number }
  | { kind: 'unix'; path: string };

const IPV4_PART = /^(0|[1-9][0-9]{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
const V4_MAPPED_PREFIX = 0xffffn << 32n;
const ALL_ONES_128 = (1n << 128n) - 1n;

/** net.ParseIP for IPv4 text (no leading zeros, as Go 1.17+). */
function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!IPV4_PART.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

/** net.ParseIP for IPv6 text (with '::' and an IPv4 tail; no zone). */
function parseIPv6(text: string): bigint | undefined {
  if (text.includes('%')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIPv4(piece);
        if (v4 === undefined) return undefined;
        out.push(v4 >>> 16, v4 & 0xffff);
      } else if (HEX_GROUP.test(piece)) out.push(parseInt(piece, 16));
      else return undefined;
    }
    return out;
  };
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !tail) return undefined;
  // An IPv4 tail belongs only at the very end.
  if (halves.length === 2 && halves[0]!.includes('.')) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    if (head.length + tail.length > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    if (head.length !== 8) return undefined;
    groups = head;
  }
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return value;
}

/** Go's decimal mask (dtoi): digits only, within the address length. */
function maskBits(text: string, max: number): number | undefined {
  if (!/^[0-9]+$/.test(text) || text.length > 3) return undefined;
  const n = Number(text);
  return n <= max ? n : undefined;
}

/** net.ParseCIDR: the address and its prefix length, or undefined. */
function parseCidr(text: string): { v4?: number; v6?: bigint; bits: number } | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const addr = text.slice(0, slash);
  const mask = text.slice(slash + 1);
  const v4 = parseIPv4(addr);
  if (v4 !== undefined) {
    const bits = maskBits(mask, 32);
    return bits === undefined ? undefined : { v4, bits };
  }
  const v6 = parseIPv6(addr);
  if (v6 === undefined) return undefined;
  const bits = maskBits(mask, 128);
  return bits === undefined ? undefined : { v6, bits };
}

/** host:port with a numeric (or empty) port, as net.SplitHostPort splits it. */
function splitHostPort(text: string): { host: string; port: number } | undefined {
  let host: string;
  let rest: string;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0 || text[close + 1] !== ':') return undefined;
    host = text.slice(1, close);
    rest = text.slice(close + 2);
  } else {
    const colon = text.lastIndexOf(':');
    if (colon < 0 || text.indexOf(':') !== colon) return undefined;
    host = text.slice(0, colon);
    rest = text.slice(colon + 1);
  }
  // An empty port is port 0 to Go's LookupPort.
  if (!/^[0-9]{0,5}$/.test(rest) || Number(rest) > 65535) return undefined;
  return { host, port: Number(rest) };
}

const isV4Mapped = (v6: bigint) => v6 >> 32n === 0xffffn;

function newIPv4Addr(input: string): SockAddr | undefined {
  const text = input.replace(/\/[0f]{8}$/, '');
  const cidr = parseCidr(text);
  if (cidr) {
    if (cidr.v4 !== undefined) return { kind: 'ipv4', address: cidr.v4, bits: cidr.bits, port: 0 };
    if (!isV4Mapped(cidr.v6!)) return undefined;
    // An IPv6 mask on a mapped address: ≥ 96 bits are converted; below that Go reads the mask's first 32 bits.
    const bits = cidr.bits >= 96 ? cidr.bits - 96 : Math.min(cidr.bits, 32);
    return { kind: 'ipv4', address: Number(cidr.v6! & 0xffffffffn), bits, port: 0 };
  }
  const hostPort = splitHostPort(text);
  if (hostPort) {
    const v4 = parseIPv4(hostPort.host) ?? mappedV4(hostPort.host);
    return v4 === undefined ? undefined : { kind: 'ipv4', address: v4, bits: 32, port: hostPort.port };
  }
  const v4 = parseIPv4(text) ?? mappedV4(text);
  return v4 === undefined ? undefined : { kind: 'ipv4', address: v4, bits: 32, port: 0 };
}

function mappedV4(text: string): number | undefined {
  const v6 = parseIPv6(text);
  return v6 !== undefined && isV4Mapped(v6) ? Number(v6 & 0xffffffffn) : undefined;
}

function newIPv6Addr(input: string): SockAddr | undefined {
  const firstMark = input.search(/[.:]/);
  if (firstMark < 0 || input[firstMark] !== ':') return undefined;
  const hostPort = input.startsWith('[') ? splitHostPort(input) : undefined;
  if (hostPort) {
    const v6 = parseIPv6(hostPort.host) ?? v4AsV6(hostPort.host);
    if (v6 !== undefined) return { kind: 'ipv6', address: v6, bits: 128, port: hostPort.port };
  }
  const bare = input.length > 2 && input.startsWith('[') && input.endsWith(']') ? input.slice(1, -1) : input;
  const v6 = parseIPv6(bare);
  if (v6 !== undefined) return { kind: 'ipv6', address: v6, bits: 128, port: 0 };
  const cidr = parseCidr(bare);
  if (cidr?.v6 !== undefined) return { kind: 'ipv6', address: cidr.v6, bits: cidr.bits, port: 0 };
  return undefined;
}

function v4AsV6(text: string): bigint | undefined {
  const v4 = parseIPv4(text);
  return v4 === undefined ? undefined : V4_MAPPED_PREFIX | BigInt(v4);
}

/** sockaddr.NewSockAddr. */
function newSockAddr(text: string): SockAddr {
  const sa = newIPv4Addr(text) ?? newIPv6Addr(text);
  if (sa) return sa;
  if (text.length > 1 && (text[0] === '.' || text[0] === '/' || text.includes('/'))) return { kind: 'unix', path: text };
  throw new AddrParseError(`unable to convert ${JSON.stringify(text)} to an IPv4 or IPv6 address, or a UNIX Socket`);
}

const ipv4Text = (a: number) => `${a >>> 24}.${(a >>> 16) & 0xff}.${(a >>> 8) & 0xff}.${a & 0xff}`;

/** net.IP.String for 16 bytes: a mapped IPv4 address in dotted form, else RFC 5952 ('::' for the longest zero run). */
function ipv6Text(address: bigint): string {
  if (isV4Mapped(address)) return ipv4Text(Number(address & 0xffffffffn));
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((address >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number) => groups.slice(from, to).map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLength, 8)}`;
}

/** SockAddr.String: what Vault stores and prints for a bound CIDR. */
function sockAddrText(sa: SockAddr): string {
  switch (sa.kind) {
    case 'unix':
      return sa.path;
    case 'ipv4':
      if (sa.port !== 0) return `${ipv4Text(sa.address)}:${sa.port}`;
      return sa.bits === 32 ? ipv4Text(sa.address) : `${ipv4Text(sa.address)}/${sa.bits}`;
    case 'ipv6':
      if (sa.port !== 0) return `[${ipv6Text(sa.address)}]:${sa.port}`;
      return sa.bits === 128 ? ipv6Text(sa.address) : `${ipv6Text(sa.address)}/${sa.bits}`;
  }
}

/** parseutil.ParseAddrs: every value as go-sockaddr prints it; a value it cannot read is Vault's error. */
export function parseAddrs(values: readonly string[]): string[] {
  return values.map((value) => {
    try {
      return sockAddrText(newSockAddr(value));
    } catch (err) {
      if (err instanceof AddrParseError) throw new AddrParseError(`error parsing address ${JSON.stringify(value)}: ${err.message}`);
      throw err;
    }
  });
}

/** parseAddrs for a request's field: Vault's parse error as a 400 after `prefix` (its field's wording). */
export function parseAddrsOr400(values: readonly string[], prefix: string): string[] {
  try {
    return parseAddrs(values);
  } catch (err) {
    if (err instanceof AddrParseError) throw errorResponse(`${prefix}${err.message}`);
    throw err;
  }
}

/** Whether the network of `inner` lies within that of `outer` (IPv4Addr/IPv6Addr.Contains). */
function contains(outer: SockAddr, inner: SockAddr): boolean {
  if (outer.kind === 'ipv4' && inner.kind === 'ipv4') {
    const mask = (bits: number) => (bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0);
    const net = (a: SockAddr & { kind: 'ipv4' }) => (a.address & mask(a.bits)) >>> 0;
    const last = (a: SockAddr & { kind: 'ipv4' }) => (net(a) | (~mask(a.bits) >>> 0)) >>> 0;
    return net(outer) <= net(inner) && last(outer) >= last(inner);
  }
  if (outer.kind === 'ipv6' && inner.kind === 'ipv6') {
    const mask = (bits: number) => (ALL_ONES_128 << BigInt(128 - bits)) & ALL_ONES_128;
    const net = (a: SockAddr & { kind: 'ipv6' }) => a.address & mask(a.bits);
    const last = (a: SockAddr & { kind: 'ipv6' }) => net(a) | (ALL_ONES_128 ^ mask(a.bits));
    return net(outer) <= net(inner) && last(outer) >= last(inner);
  }
  return false;
}

/**
 * The check of a token's bound CIDRs against the client address (fetchACLTokenEntryAndEntity): false
 * when the address cannot be read or lies in none of them. Node reports IPv4 clients of a dual-stack
 * listener as `::ffff:a.b.c.d`; Go reports them as `a.b.c.d`.
 */
export function addressAllowed(remoteAddress: string | undefined, boundCidrs: readonly string[]): boolean {
  if (!remoteAddress) return false;
  const plain = remoteAddress.startsWith('::ffff:') && remoteAddress.includes('.') ? remoteAddress.slice(7) : remoteAddress;
  let remote: SockAddr;
  try {
    remote = newSockAddr(plain);
  } catch {
    return false;
  }
  return boundCidrs.some((cidr) => {
    try {
      return contains(newSockAddr(cidr), remote);
    } catch {
      return false;
    }
  });
}
