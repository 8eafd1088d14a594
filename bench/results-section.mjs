// Each benchmark owns one section of bench/RESULTS.md: from its `## ` heading to the next one.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const RESULTS = join(import.meta.dirname, 'RESULTS.md');

/** Replaces the section that starts with `heading` (or appends it) with `text`, which starts with it. */
export function writeResultsSection(heading, text) {
  let doc = '# Benchmark results\n';
  try {
    doc = readFileSync(RESULTS, 'utf8');
  } catch {
    // first benchmark to write
  }
  const start = doc.indexOf(heading);
  if (start === -1) {
    writeFileSync(RESULTS, `${doc.trimEnd()}\n\n${text}`);
    return;
  }
  const next = doc.indexOf('\n## ', start + heading.length);
  const rest = next === -1 ? '' : doc.slice(next + 1);
  writeFileSync(RESULTS, `${doc.slice(0, start)}${text}${rest ? `\n${rest}` : ''}`);
}
