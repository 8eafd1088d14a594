// The jq monitoring filters of seed 000_691a82a9837208ed (copied verbatim) run against a log the
// emulator wrote. As written, `A and .request.path | startswith(...)` parses as `(A and B) | startswith`
// and jq stops at the first line with "startswith() requires string inputs": on any Vault log, as a
// hand-written line in Vault's documented format shows. With the comparison parenthesised they work.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { liveEmu, ROOT } from '../helpers/emulator.js';

const SEED_FILTERS = {
  credResponses: 'select(.type == "response" and .request.path | startswith("database/creds/")) | "\\(.time) \\(.request.path) \\(.auth.display_name)"',
  credConsumers: 'select(.type == "request" and .request.path | startswith("database/creds/")) | .auth.display_name',
  failedAuth: 'select(.type == "response" and .error != null and .request.path | startswith("auth/")) | "\\(.time) \\(.request.path) \\(.error)"',
};
const PARENTHESISED = {
  credResponses: 'select(.type == "response" and (.request.path | startswith("database/creds/"))) | "\\(.time) \\(.request.path) \\(.auth.display_name)"',
  credConsumers: 'select(.type == "request" and (.request.path | startswith("database/creds/"))) | .auth.display_name',
  failedAuth: 'select(.type == "response" and .error != null and (.request.path | startswith("auth/"))) | "\\(.time) \\(.request.path) \\(.error)"',
};

/** A response entry shaped as Vault's audit documentation shows one. */
const VAULT_DOC_LINE = JSON.stringify({
  auth: { client_token: 'hmac-sha256:aa', accessor: 'hmac-sha256:bb', display_name: 'approle', policies: ['default', 'db-consumer'], token_type: 'service' },
  request: { id: 'f1c1a4b5-0000-4000-8000-000000000000', operation: 'read', path: 'database/creds/readonly', namespace: { id: 'root' }, remote_address: '10.0.0.5' },
  response: { secret: { lease_id: 'database/creds/readonly/abc' }, data: { username: 'hmac-sha256:cc', password: 'hmac-sha256:dd' } },
  time: '2024-09-01T10:00:00.123456Z',
  type: 'response',
});

const hasJq = spawnSync('jq', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'vault-emu-jq-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function jq(filter: string, file: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('jq', ['-r', filter, file], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!hasJq)('seed jq monitoring script', () => {
  it('fails the same way on our log and on a Vault-format line; the parenthesised filters find the entries', async () => {
    const emu = await liveEmu();
    const log = join(dir, 'audit.log');
    const call = (method: string, path: string, token: string, body?: unknown) =>
      fetch(`${emu.url}/v1/${path}`, { method, headers: { 'x-vault-token': token }, body: body === undefined ? undefined : JSON.stringify(body) });
    expect((await call('PUT', 'sys/audit/file', ROOT, { type: 'file', options: { file_path: log } })).status).toBe(204);
    await call('PUT', 'sys/policies/acl/db-consumer', ROOT, { policy: 'path "database/creds/*" { capabilities = ["read"] }' });
    const created = await (await call('PUT', 'auth/token/create', ROOT, { policies: ['db-consumer'], display_name: 'app' })).json();
    const appToken = created.auth.client_token as string;
    expect((await call('GET', 'database/creds/readonly', appToken)).status).toBe(404);
    expect((await call('GET', 'database/creds/readwrite', ROOT)).status).toBe(404);
    expect((await call('GET', 'auth/token/lookup-self', 'bad-token')).status).toBe(403);
    expect((await call('PUT', 'auth/userpass/login/bob', '', { password: 'x' })).status).toBe(403);

    const docLog = join(dir, 'vault-doc.log');
    writeFileSync(docLog, `${VAULT_DOC_LINE}\n`);
    for (const filter of Object.values(SEED_FILTERS)) {
      for (const file of [log, docLog]) {
        const r = jq(filter, file);
        expect(r.status).toBe(5);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(/startswith\(\) requires string inputs/);
      }
    }

    const time = (path: string, type: string) => readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((e) => e.type === type && e.request.path === path).time;
    expect(jq(PARENTHESISED.credResponses, log).stdout.split('\n').filter(Boolean)).toEqual([
      `${time('database/creds/readonly', 'response')} database/creds/readonly token-app`,
      `${time('database/creds/readwrite', 'response')} database/creds/readwrite token`,
    ]);
    expect(jq(PARENTHESISED.credConsumers, log).stdout).toBe('token-app\ntoken\n');
    expect(jq(PARENTHESISED.failedAuth, log).stdout.split('\n').filter(Boolean)).toEqual([
      `${time('auth/token/lookup-self', 'response')} auth/token/lookup-self 2 errors occurred:`,
      '\t* permission denied',
      '\t* invalid token',
      '',
      `${time('auth/userpass/login/bob', 'response')} auth/userpass/login/bob 1 error occurred:`,
      '\t* permission denied',
    ].filter(Boolean));
    expect(jq(PARENTHESISED.credResponses, docLog).stdout).toBe('2024-09-01T10:00:00.123456Z database/creds/readonly approle\n');
  });
});
