// Targets VAULT_ADDR/VAULT_TOKEN when set (real Vault or any server); otherwise spawns
// `bin/vault-emu server -dev` on a free port and points the cases at it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    vaultAddr: string;
    vaultToken: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitHealthy(addr: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vault-emu exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${addr}/v1/sys/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('vault-emu did not become healthy');
}

let child: ChildProcess | undefined;

export async function setup(project: TestProject): Promise<void> {
  const addr = process.env.VAULT_ADDR;
  if (addr) {
    project.provide('vaultAddr', addr.replace(/\/$/, ''));
    project.provide('vaultToken', process.env.VAULT_TOKEN ?? '');
    return;
  }
  const port = await freePort();
  const bin = fileURLToPath(new URL('../../bin/vault-emu.js', import.meta.url));
  const token = `conformance-${process.pid}`;
  child = spawn(process.execPath, [bin, 'server', '-dev', `-dev-listen-address=127.0.0.1:${port}`, `-dev-root-token-id=${token}`], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, child);
  project.provide('vaultAddr', url);
  project.provide('vaultToken', token);
}

export async function teardown(): Promise<void> {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  }
}
