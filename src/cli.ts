// Command-line entry: parses argv and env, starts the server, prints Vault's dev banner.
// The only place that reads process.env or installs signal handlers.
import { startVaultEmu } from './emulator.js';
import { DEFAULT_VAULT_VERSION } from './options.js';

type Env = Record<string, string | undefined>;

function flagValue(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    for (const prefix of [`-${name}=`, `--${name}=`]) if (a.startsWith(prefix)) return a.slice(prefix.length);
    if (a === `-${name}` || a === `--${name}`) {
      const next = args[i + 1];
      if (next !== undefined && !next.startsWith('-')) return next;
    }
  }
  return undefined;
}

function hasFlag(args: string[], name: string): boolean {
  return args.some((a) => a === `-${name}` || a === `--${name}` || a === `-${name}=true` || a === `--${name}=true`);
}

export async function main(argv: string[], env: Env): Promise<number | void> {
  const [command, ...args] = argv;
  if (command === 'version' || command === '-version' || command === '--version') {
    process.stdout.write(`Vault v${DEFAULT_VAULT_VERSION} (vault-emu)\n`);
    return 0;
  }
  if (command !== 'server') {
    process.stderr.write('Usage: vault-emu server -dev [-dev-root-token-id=ID] [-dev-listen-address=ADDR]\n       vault-emu version\n');
    return 1;
  }
  if (!hasFlag(args, 'dev')) {
    process.stderr.write('vault-emu: only -dev is supported by this build\n');
    return 1;
  }
  const rootToken = flagValue(args, 'dev-root-token-id') ?? env.VAULT_DEV_ROOT_TOKEN_ID;
  const listen = flagValue(args, 'dev-listen-address') ?? env.VAULT_DEV_LISTEN_ADDRESS ?? '127.0.0.1:8200';
  const colon = listen.lastIndexOf(':');
  const host = listen.slice(0, colon).replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = Number.parseInt(listen.slice(colon + 1), 10);
  const emu = await startVaultEmu({ dev: true, rootToken, host, port });
  process.stdout.write(
    [
      '==> Vault server configuration:',
      '',
      `             Api Address: ${emu.url}`,
      `                 Storage: inmem`,
      `                 Version: Vault v${emu.options.vaultVersion} (vault-emu)`,
      '',
      '==> Vault server started! Log data will stream in below:',
      '',
      'WARNING! dev mode is enabled! In this mode, Vault runs entirely in-memory',
      'and starts unsealed with a single unseal key. The root token is already',
      'authenticated to the CLI, so you can immediately begin using Vault.',
      '',
      'You may need to set the following environment variables:',
      '',
      `    $ export VAULT_ADDR='${emu.url}'`,
      '',
      `Root Token: ${emu.rootToken}`,
      '',
      'Development mode should NOT be used in production installations!',
      '',
    ].join('\n'),
  );
  const stop = () => {
    void emu.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
