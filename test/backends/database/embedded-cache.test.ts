// The data-dir cache: a missing cache means initdb and a new cache file; the next boot loads it;
// a corrupt file is rejected (fresh initdb) and replaced.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheFilePath, pgliteVersion } from '../../../src/backends/database/embedded/data-dir-cache.js';
import { EmbeddedPostgres } from '../../../src/backends/database/embedded/embedded-postgres.js';

const BOOT_TIMEOUT = 60_000;
const cacheDir = mkdtempSync(join(tmpdir(), 'vault-emu-cache-test-'));
const cacheFile = cacheFilePath(cacheDir);
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

async function bootOnce(scramIterations?: number): Promise<EmbeddedPostgres> {
  const db = new EmbeddedPostgres({ now: () => 0, cacheDir, scramIterations });
  await db.start();
  return db;
}

describe('embedded PostgreSQL data-dir cache', () => {
  it('is keyed by the installed PGlite version', () => {
    expect(cacheFile).toBe(join(cacheDir, `pglite-${pgliteVersion()}-datadir.tar`));
    expect(pgliteVersion()).toMatch(/^0\.5\.\d+$/);
  });

  it('boots lazily: nothing runs until first use', () => {
    const db = new EmbeddedPostgres({ now: () => 0, cacheDir });
    expect(db.started).toBe(false);
    expect(db.bootInfo).toBeUndefined();
  });

  it('runs initdb when there is no cache, and writes one', { timeout: BOOT_TIMEOUT }, async () => {
    const db = await bootOnce();
    try {
      expect(db.bootInfo).toEqual({ source: 'fresh', cacheFile, cacheRejected: false, cacheWritten: true });
      expect(statSync(cacheFile).size).toBeGreaterThan(1_000_000);
      expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('starts the next instance from the cache, with its own admin role', { timeout: BOOT_TIMEOUT }, async () => {
    const before = readFileSync(cacheFile);
    const db = await bootOnce();
    try {
      expect(db.bootInfo).toEqual({ source: 'cache', cacheFile, cacheRejected: false, cacheWritten: false });
      expect(await db.query('SELECT rolname, rolsuper, rolcreaterole FROM pg_roles WHERE rolname = $1', ['vault_admin'])).toEqual([{ rolname: 'vault_admin', rolsuper: false, rolcreaterole: true }]);
      // The cache holds initdb's output only, never what an instance did afterwards.
      expect(readFileSync(cacheFile).equals(before)).toBe(true);
    } finally {
      await db.close();
    }
  });

  it('rejects a corrupt cache, runs initdb and replaces it', { timeout: BOOT_TIMEOUT }, async () => {
    writeFileSync(cacheFile, 'not a tar');
    const db = await bootOnce();
    try {
      expect(db.bootInfo).toEqual({ source: 'fresh', cacheFile, cacheRejected: true, cacheWritten: true });
      expect(statSync(cacheFile).size).toBeGreaterThan(1_000_000);
      expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('keeps instances apart: a role created in one is not in the other; scram_iterations is per instance', { timeout: BOOT_TIMEOUT }, async () => {
    const [a, b] = [await bootOnce(), await bootOnce(64)];
    try {
      await a.exec(['CREATE ROLE "only-in-a" LOGIN']);
      expect(await a.query("SELECT rolname FROM pg_roles WHERE rolname = 'only-in-a'")).toHaveLength(1);
      expect(await b.query("SELECT rolname FROM pg_roles WHERE rolname = 'only-in-a'")).toEqual([]);
      await Promise.all([a.exec(["CREATE ROLE \"pw\" LOGIN PASSWORD 'x'"]), b.exec(["CREATE ROLE \"pw\" LOGIN PASSWORD 'x'"])]);
      const verifier = async (db: EmbeddedPostgres) => (await db.query<{ rolpassword: string }>("SELECT rolpassword FROM pg_authid WHERE rolname = 'pw'"))[0]!.rolpassword;
      expect(await verifier(a)).toMatch(/^SCRAM-SHA-256\$4096:/);
      expect(await verifier(b)).toMatch(/^SCRAM-SHA-256\$64:/);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
