// What `vault server` prints on stdout: the "Vault server configuration" table (sorted, Title-cased keys
// right-aligned to 24 columns), the start line, and in dev mode the block with VAULT_ADDR, the unseal key
// and the root token (command/server.go Run and initDevCore). Go-only rows (Go Version) are left out.
import * as msg from './messages.js';

/** Vault's maxLineLength (command/base.go). */
const MAX_LINE = 78;

/**
 * Wraps text into lines of at most `width` columns with the least raggedness, the algorithm of
 * github.com/kr/text Wrap that Vault's wrapAtLength uses (the last line costs nothing).
 */
export function wrapAtLength(text: string, width = MAX_LINE): string {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const n = words.length;
  if (n === 0) return '';
  const span = (i: number, j: number) => words.slice(i, j + 1).reduce((sum, w) => sum + w.length, 0) + (j - i);
  const cost = new Array<number>(n + 1).fill(0);
  const breakAt = new Array<number>(n).fill(n);
  for (let i = n - 1; i >= 0; i--) {
    if (span(i, n - 1) <= width || i === n - 1) {
      cost[i] = 0;
      breakAt[i] = n;
      continue;
    }
    cost[i] = Number.MAX_SAFE_INTEGER;
    for (let j = i + 1; j < n; j++) {
      const len = span(i, j - 1);
      const gap = width - len;
      const c = gap * gap + cost[j]! + (len > width ? 100000 : 0);
      if (c < cost[i]!) {
        cost[i] = c;
        breakAt[i] = j;
      }
    }
  }
  const lines: string[] = [];
  for (let i = 0; i < n; i = breakAt[i]!) lines.push(words.slice(i, breakAt[i]).join(' '));
  return lines.join('\n');
}

/** Go's strings.Title: the first letter of every word upper-cased. */
const title = (s: string) => s.replace(/(^|\s)(\S)/g, (_m, sp: string, c: string) => sp + c.toUpperCase());

export interface BannerInfo {
  apiAddress?: string;
  clusterAddress?: string;
  /** Names (never values) of the environment variables, as Vault lists them. */
  envNames: string[];
  listener: { address: string; clusterAddress: string; tls: boolean };
  logLevel: string;
  storage: string;
  /** e.g. `Vault v1.17.6, built 2024-09-24T19:48:40Z` */
  version: string;
  versionSha: string;
}

export function configurationTable(info: BannerInfo): string {
  const rows: Record<string, string> = {
    'administrative namespace': '',
    cgo: 'disabled',
    'environment variables': [...info.envNames].sort().join(', '),
    'log level': info.logLevel,
    mlock: 'supported: false, enabled: false',
    'recovery mode': 'false',
    storage: info.storage,
    version: info.version,
    'version sha': info.versionSha,
  };
  if (info.apiAddress) rows['api address'] = info.apiAddress;
  if (info.clusterAddress) rows['cluster address'] = info.clusterAddress;
  const props = [
    `addr: ${JSON.stringify(info.listener.address)}`,
    `cluster address: ${JSON.stringify(info.listener.clusterAddress)}`,
    'disable_request_limiter: "false"',
    'max_request_duration: "1m30s"',
    'max_request_size: "33554432"',
    `tls: "${info.listener.tls ? 'enabled' : 'disabled'}"`,
  ].sort();
  rows['listener 1'] = `tcp (${props.join(', ')})`;
  const keys = Object.keys(rows).sort();
  const lines = keys.map((k) => `${title(k).padStart(24)}: ${rows[k]}`);
  return [`${msg.SERVER_CONFIGURATION}`, '', ...lines, '', msg.SERVER_STARTED, '', ''].join('\n');
}

/** The dev-mode block printed once the server is up. */
export function devBlock(vaultAddr: string, rootToken: string, unsealKey: string | undefined): string {
  const lines = [wrapAtLength(msg.DEV_WARNING), '', msg.DEV_ENV_VARS, '', `    $ export VAULT_ADDR='${vaultAddr}'`];
  if (unsealKey !== undefined) lines.push('', wrapAtLength(msg.DEV_KEYS_BELOW), '', `Unseal Key: ${unsealKey}`);
  lines.push(`Root Token: ${rootToken}`, '', wrapAtLength(msg.DEV_NOT_FOR_PRODUCTION), '', '');
  return lines.join('\n');
}

/** The cluster address Vault derives from an API address: same host, port + 1, always https. */
export function clusterAddressFor(apiAddress: string): string | undefined {
  try {
    const u = new URL(apiAddress);
    const port = u.port === '' ? 443 : Number(u.port);
    return `https://${u.hostname}:${port + 1}`;
  } catch {
    return undefined;
  }
}
