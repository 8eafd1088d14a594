// The initialised PGlite data directory (initdb's output, before anything of ours is in it), kept
// on disk as a tar keyed by the PGlite version: initdb in WASM takes seconds, loading the tar
// well under one. Written to a private temporary name and renamed, so a reader never sees half a file.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Where caches go unless the caller says otherwise. */
export function defaultCacheDir(): string {
  return join(tmpdir(), 'vault-emu-cache');
}

/** The installed @electric-sql/pglite version (the cache key: another version may not read this data dir). */
export function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@electric-sql/pglite');
  // The package's exports hide package.json; it sits one level above dist/.
  const pkg = JSON.parse(readFileSync(join(dirname(dirname(entry)), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export function cacheFilePath(cacheDir: string, version = pgliteVersion()): string {
  return join(cacheDir, `pglite-${version}-datadir.tar`);
}

/** The cached tar, or undefined when there is none (or it cannot be read). */
export function readCachedDataDir(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes the tar atomically; returns false (and leaves no partial file) when the directory is not writable. */
export function writeCachedDataDir(file: string, tar: Uint8Array): boolean {
  let staging: string | undefined;
  try {
    mkdirSync(dirname(file), { recursive: true });
    staging = mkdtempSync(join(dirname(file), '.staging-'));
    const staged = join(staging, 'datadir.tar');
    writeFileSync(staged, tar);
    renameSync(staged, file);
    return true;
  } catch {
    return false;
  } finally {
    if (staging) rmSync(staging, { recursive: true, force: true });
  }
}
