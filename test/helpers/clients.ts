// Shared by the client-library tests: node-vault loaded from CommonJS, its rejections as data, and the
// hvac scenarios (Debian's python3-hvac under /usr/bin/python3) that print one JSON document.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ROOT } from './emulator.js';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const nodeVault = require('node-vault') as (config: Record<string, unknown>) => any;

/** The rejection of a node-vault call: its message and the HTTP status it saw. */
export async function failure(p: Promise<unknown>): Promise<{ message: string; status: number }> {
  try {
    await p;
  } catch (e) {
    const err = e as Error & { response?: { statusCode: number } };
    return { message: err.message, status: err.response?.statusCode ?? -1 };
  }
  throw new Error('expected the call to fail');
}

const HVAC_DIR = fileURLToPath(new URL('../clients/hvac/', import.meta.url));

/** Runs test/clients/hvac/<file> against `url` with the root token and extra environment; its JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function hvacScenario(file: string, url: string, env: Record<string, string> = {}): Promise<Record<string, any>> {
  const { stdout } = await promisify(execFile)('/usr/bin/python3', [`${HVAC_DIR}${file}`], {
    cwd: HVAC_DIR,
    env: { PATH: process.env.PATH ?? '', VAULT_ADDR: url, VAULT_TOKEN: ROOT, ...env },
    encoding: 'utf8',
  });
  return JSON.parse(stdout);
}
