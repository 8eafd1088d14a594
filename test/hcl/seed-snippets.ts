// HCL snippets taken from the seed documents in shared/seeds/. Those texts lost their line breaks, so a
// `# comment` would swallow the rest of the snippet; a line break is put back after each comment, before
// the next HCL block (`path "…"`, `storage "…"`).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SEEDS = join(import.meta.dirname, '..', '..', '..', 'shared', 'seeds');

function seedContaining(marker: string): string {
  for (const name of readdirSync(SEEDS)) {
    const text = readFileSync(join(SEEDS, name), 'utf8');
    if (text.includes(marker)) return text;
  }
  throw new Error(`no seed contains ${marker}`);
}

function between(text: string, start: string, end: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from);
  if (from === -1 || to === -1) throw new Error(`snippet ${start}…${end} not found`);
  return text.slice(from, to);
}

const restoreLineBreaks = (hcl: string) => hcl.replace(/#[^#]*?(?=(path|storage) ")/g, (comment) => `${comment}\n`);

/** The payments service's ACL policy (four `path` blocks with comments between them). */
export function seedPaymentsPolicy(): string {
  const text = seedContaining('# policy: svc-payments-policy.hcl');
  return restoreLineBreaks(between(text, '# policy: svc-payments-policy.hcl', '# Write and bind the policy'));
}

/** The production server configuration: raft storage with retry_join, a TLS listener, awskms seal, telemetry. */
export function seedServerConfig(): string {
  const text = seedContaining('# vault-config.hcl');
  return restoreLineBreaks(between(text, '# vault-config.hcl', '```'));
}
