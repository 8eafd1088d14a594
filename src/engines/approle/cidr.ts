// The CIDR checks of sdk/helper/cidrutil (ValidateCIDRListSlice, IPBelongsToCIDRBlocksSlice,
// SubsetBlocks), on Go's net.ParseCIDR rules, with node:net doing the address arithmetic.
import { BlockList, isIPv4, isIPv6 } from 'node:net';

interface Cidr {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

export class CidrError extends Error {}

/** net.ParseCIDR: `addr/prefix`; its error text is Go's. */
export function parseCidr(text: string): Cidr {
  const slash = text.indexOf('/');
  const bad = () => new CidrError(`invalid CIDR address: ${text}`);
  if (slash < 0) throw bad();
  const address = text.slice(0, slash);
  const bits = text.slice(slash + 1);
  const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : undefined;
  if (!family || !/^[0-9]{1,3}$/.test(bits)) throw bad();
  const prefix = Number(bits);
  if (prefix > (family === 'ipv4' ? 32 : 128)) throw bad();
  return { address, prefix, family };
}

/** ValidateCIDRListSlice: throws Go's parse error for the first bad block. */
export function validateCidrs(blocks: string[]): void {
  for (const block of blocks) parseCidr(block.trim());
}

/** IPBelongsToCIDRBlocksSlice: whether `ip` is inside one of the blocks; throws on a bad block or address. */
export function ipInCidrs(ip: string, blocks: string[]): boolean {
  if (ip === '') throw new CidrError('missing IP address');
  if (blocks.length === 0) throw new CidrError('missing CIDR blocks to be checked against');
  const family = isIPv4(ip) ? 'ipv4' : isIPv6(ip) ? 'ipv6' : undefined;
  if (!family) throw new CidrError('invalid IP address');
  for (const block of blocks) {
    const c = parseCidr(block);
    const list = new BlockList();
    list.addSubnet(c.address, c.prefix, c.family);
    if (list.check(ip, family)) return true;
  }
  return false;
}

/** SubsetBlocks(role, secret): every secret block lies inside some role block. */
export function cidrsSubset(roleBlocks: string[], secretBlocks: string[]): boolean {
  const roles = roleBlocks.map(parseCidr);
  return secretBlocks.map(parseCidr).every((s) =>
    roles.some((r) => {
      if (r.family !== s.family || r.prefix > s.prefix) return false;
      const list = new BlockList();
      list.addSubnet(r.address, r.prefix, r.family);
      return list.check(s.address, s.family);
    }),
  );
}

/** The address of a client as Go's RemoteAddr host: IPv4-mapped IPv6 addresses shown as IPv4. */
export function clientAddress(remote: string | undefined): string {
  if (!remote) return '';
  return remote.startsWith('::ffff:') && isIPv4(remote.slice(7)) ? remote.slice(7) : remote;
}
