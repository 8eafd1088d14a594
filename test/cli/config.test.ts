// `vault-emu server -config=FILE` as a real process: HCL and JSON files, HTTPS, client certificates.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, requireBuild, runEmu, runToExit, stopAll } from './spawn.js';

const STARTED = /==> Vault server started! Log data will stream in below:\n\n/;
const dir = mkdtempSync(join(tmpdir(), 'vault-emu-cli-'));

beforeAll(requireBuild);
afterEach(stopAll);

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

/** A CA, a server certificate for 127.0.0.1 signed by it, a client certificate signed by it, and a stray self-signed client certificate. */
beforeAll(() => {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=vault-emu test CA');
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  openssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'server.ext');
  writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  openssl('req', ...ec, '-keyout', 'client.key', '-out', 'client.csr', '-subj', '/CN=client');
  openssl('x509', '-req', '-in', 'client.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'client.pem', '-days', '2', '-extfile', 'client.ext');
  openssl('req', '-x509', ...ec, '-keyout', 'stray.key', '-out', 'stray.pem', '-days', '2', '-subj', '/CN=stray');
});

const file = (name: string) => execFileSync('cat', [join(dir, name)]);

/** GET over HTTPS trusting only the test CA; resolves with the status, or the connection error's code. */
function httpsGet(url: string, client?: 'client' | 'stray'): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request(url, { ca: file('ca.pem'), cert: client ? file(`${client}.pem`) : undefined, key: client ? file(`${client}.key`) : undefined }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    req.end();
  });
}

function writeConfig(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

describe('vault-emu server -config', () => {
  it('serves an HCL configuration: sealed and uninitialised, with Vault-like banner and notes', async () => {
    const port = await freePort();
    const cfg = writeConfig(
      'plain.hcl',
      `storage "inmem" {}
listener "tcp" {
  address     = "127.0.0.1:${port}"
  tls_disable = true
}
api_addr          = "http://127.0.0.1:${port}"
default_lease_ttl = "1h"
telemetry { disable_hostname = true }
seal "awskms" { region = "us-east-1" }
`,
    );
    const emu = runEmu(['server', `-config=${cfg}`], { cwd: dir });
    await emu.waitForOutput(STARTED);
    const out = emu.stdout();
    expect(out.startsWith('\nWARNING: storage configured to use "inmem" which should NOT be used in\nproduction\n\n==> Vault server configuration:\n')).toBe(true);
    expect(out).toContain(`             Api Address: http://127.0.0.1:${port}\n`);
    expect(out).toContain(`tcp (addr: "127.0.0.1:${port}", cluster address: "127.0.0.1:${port + 1}",`);
    expect(out).toContain('tls: "disabled")');
    expect(out).not.toContain('Root Token:');
    expect(emu.stderr()).toBe('vault-emu: not emulated, accepted and ignored: seal "awskms"\n');
    const status = await fetch(`http://127.0.0.1:${port}/v1/sys/seal-status`);
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ sealed: true, initialized: false });
  });

  it('applies default_lease_ttl and max_lease_ttl as the system TTLs, seen once initialised and unsealed', async () => {
    const port = await freePort();
    const cfg = writeConfig(
      'ttl.hcl',
      `storage "inmem" {}\nlistener "tcp" {\n  address = "127.0.0.1:${port}"\n  tls_disable = true\n}\ndefault_lease_ttl = "1h"\nmax_lease_ttl = "2h"\n`,
    );
    const emu = runEmu(['server', `-config=${cfg}`], { cwd: dir });
    await emu.waitForOutput(STARTED);
    const base = `http://127.0.0.1:${port}/v1`;
    const init = await (await fetch(`${base}/sys/init`, { method: 'PUT', body: JSON.stringify({ secret_shares: 1, secret_threshold: 1 }) })).json();
    const unseal = await fetch(`${base}/sys/unseal`, { method: 'PUT', body: JSON.stringify({ key: init.keys[0] }) });
    expect((await unseal.json()).sealed).toBe(false);
    const tune = await (await fetch(`${base}/sys/auth/token/tune`, { headers: { 'X-Vault-Token': init.root_token } })).json();
    expect(tune.data).toMatchObject({ default_lease_ttl: 3600, max_lease_ttl: 7200 });
  });

  it('serves a JSON configuration too', async () => {
    const port = await freePort();
    const cfg = writeConfig('plain.json', JSON.stringify({ storage: { inmem: {} }, listener: [{ tcp: { address: `127.0.0.1:${port}`, tls_disable: 'true' } }] }));
    const emu = runEmu(['server', '-config', cfg], { cwd: dir });
    await emu.waitForOutput(STARTED);
    expect((await fetch(`http://127.0.0.1:${port}/v1/sys/seal-status`)).status).toBe(200);
  });

  it('serves HTTPS from the certificate files (relative to the working directory), accepting a presented client certificate', async () => {
    const port = await freePort();
    const cfg = writeConfig(
      'tls.hcl',
      `storage "inmem" {}\nlistener "tcp" {\n  address = "127.0.0.1:${port}"\n  tls_cert_file = "server.pem"\n  tls_key_file = "server.key"\n}\n`,
    );
    const emu = runEmu(['server', `-config=${cfg}`], { cwd: dir });
    await emu.waitForOutput(STARTED);
    expect(emu.stdout()).toContain('tls: "enabled")');
    expect(await httpsGet(`https://127.0.0.1:${port}/v1/sys/seal-status`)).toBe(200);
    expect(await httpsGet(`https://127.0.0.1:${port}/v1/sys/seal-status`, 'stray')).toBe(200);
    expect(await httpsGet(`https://127.0.0.1:${port}/v1/sys/seal-status`, 'client')).toBe(200);
    const curl = execFileSync('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '--cacert', join(dir, 'ca.pem'), `https://127.0.0.1:${port}/v1/sys/seal-status`]);
    expect(curl.toString()).toBe('200');
  });

  it('verifies client certificates against tls_client_ca_file when asked to', async () => {
    const port = await freePort();
    const cfg = writeConfig(
      'mtls.hcl',
      `storage "inmem" {}
listener "tcp" {
  address                            = "127.0.0.1:${port}"
  tls_cert_file                      = "server.pem"
  tls_key_file                       = "server.key"
  tls_client_ca_file                 = "ca.pem"
  tls_require_and_verify_client_cert = true
}
`,
    );
    const emu = runEmu(['server', `-config=${cfg}`], { cwd: dir });
    await emu.waitForOutput(STARTED);
    expect(await httpsGet(`https://127.0.0.1:${port}/v1/sys/seal-status`, 'client')).toBe(200);
    expect(await httpsGet(`https://127.0.0.1:${port}/v1/sys/seal-status`, 'stray')).not.toBe(200);
    expect(await httpsGet(`https://127.0.0.1:${port}/v1/sys/seal-status`)).not.toBe(200);
  });

  it("reports bad configurations with Vault's messages", async () => {
    const missing = await runToExit(['server', '-config=nope.hcl'], { cwd: dir });
    expect(missing).toMatchObject({ code: 1, stderr: 'error loading configuration from nope.hcl: stat nope.hcl: no such file or directory\n' });

    const broken = writeConfig('broken.hcl', 'listener "tcp" {\n  address = "127.0.0.1:1"\n');
    const unparsable = await runToExit(['server', `-config=${broken}`], { cwd: dir });
    expect(unparsable).toMatchObject({ code: 1, stderr: 'error loading configuration from broken.hcl: At 3:2: object expected closing RBRACE got: EOF\n' });

    const noStorage = writeConfig('nostorage.hcl', 'listener "tcp" { tls_disable = true }\n');
    expect(await runToExit(['server', `-config=${noStorage}`], { cwd: dir })).toMatchObject({ code: 1, stderr: 'A storage backend must be specified\n' });

    const noCert = writeConfig('nocert.hcl', 'storage "inmem" {}\nlistener "tcp" { address = "127.0.0.1:0" }\n');
    expect(await runToExit(['server', `-config=${noCert}`], { cwd: dir })).toMatchObject({
      code: 1,
      stderr: 'Error parsing listener configuration.\nError initializing listener of type tcp: error loading TLS cert: open : no such file or directory\n',
    });

    const ttls = writeConfig('ttls.hcl', 'storage "inmem" {}\nlistener "tcp" { tls_disable = true }\ndefault_lease_ttl = "800h"\n');
    expect(await runToExit(['server', `-config=${ttls}`], { cwd: dir })).toMatchObject({
      code: 1,
      stderr: 'Error initializing core: cannot have DefaultLeaseTTL larger than MaxLeaseTTL\n',
    });
  });
});
