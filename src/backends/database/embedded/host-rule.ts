// Which configured PostgreSQL servers the embedded engine stands in for. The rule, as documented in
// the README: the host `embedded` always does; with an explicit host list only those hosts (exact, or
// `*.suffix`) do, or every host with 'all'; by default every host except the loopback ones, so a
// provisioning script written for production (`@db-primary.corp.local:5432/appdb`) runs unchanged
// while a PostgreSQL on this machine is used for real.

/** The host a connection_url can name to ask for the embedded engine explicitly. */
export const EMBEDDED_HOST = 'embedded';

export type EmbeddedHosts = 'all' | 'non-loopback' | readonly string[];

function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '' || h.startsWith('/');
}

function matches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  return p.startsWith('*.') ? h.endsWith(p.slice(1)) : p === h;
}

export function servesHost(rule: EmbeddedHosts, host: string): boolean {
  if (host.toLowerCase() === EMBEDDED_HOST) return true;
  if (rule === 'all') return true;
  if (rule === 'non-loopback') return !isLoopback(host);
  return rule.some((p) => matches(p, host));
}
