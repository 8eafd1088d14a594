// House rules that a linter would otherwise enforce (STYLE §6): time only from the Clock, randomness
// only from the Random, dependencies pointing inward, and a conformance suite that imports nothing from src/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full));
    else if (full.endsWith('.ts')) out.push(full);
  }
  return out;
}

const src = filesUnder(join(ROOT, 'src')).map((f) => ({ path: relative(ROOT, f), text: readFileSync(f, 'utf8') }));

function offenders(pattern: RegExp, allowed: (path: string) => boolean): string[] {
  return src.filter((f) => !allowed(f.path) && pattern.test(f.text)).map((f) => f.path);
}

describe('architecture rules', () => {
  it('reads time and sets timers only through src/core/clock.ts', () => {
    expect(offenders(/Date\.now\(|new Date\(\)|(^|[^.\w])setTimeout\(|(^|[^.\w])setInterval\(|(^|[^.\w])setImmediate\(|performance\.now\(/m, (p) => p === 'src/core/clock.ts' || p === 'src/cli.ts' || p === 'src/http/held-writes.ts')).toEqual([]);
  });

  it('draws randomness only through src/core/random.ts', () => {
    expect(offenders(/Math\.random\(|randomUUID\(|randomBytes\(|getRandomValues\(/, (p) => p === 'src/core/random.ts')).toEqual([]);
  });

  it('keeps the core and the framework free of engine imports', () => {
    expect(offenders(/from '\.\.\/(\.\.\/)?engines\//, (p) => !p.startsWith('src/core/') && !p.startsWith('src/framework/'))).toEqual([]);
  });

  it('keeps engines from importing each other or the HTTP layer', () => {
    const bad = src.filter((f) => {
      const m = /^src\/engines\/([^/]+)\//.exec(f.path);
      if (!m) return false;
      const imports = [...f.text.matchAll(/from '([^']+)'/g)].map((x) => x[1]!);
      return imports.some((i) => i.includes('/http/') || (/^\.\.\/[^.]/.test(i) && !i.startsWith(`../${m[1]}/`)));
    });
    expect(bad.map((f) => f.path)).toEqual([]);
  });

  it('keeps Fastify inside src/http (and the composition root)', () => {
    expect(offenders(/from 'fastify'/, (p) => p.startsWith('src/http/') || p === 'src/emulator.ts')).toEqual([]);
  });

  it('keeps the conformance suite black-box', () => {
    const bad = filesUnder(join(ROOT, 'conformance')).filter((f) => /from '(\.\.\/)+src\//.test(readFileSync(f, 'utf8')));
    expect(bad).toEqual([]);
  });
});
