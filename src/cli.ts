// Command-line entry: `vault-emu server …` and `vault-emu version`, parsed like Vault's CLI.
// The only place that installs signal handlers; this process is the server itself (no fork).
import { runServerCommand, type Env, type Io } from './config/server-command.js';
import { RELOAD_TRIGGERED, SHUTDOWN_TRIGGERED } from './config/messages.js';
import pkg from '../package.json' with { type: 'json' };

const USAGE = `Usage: vault-emu <command> [args]

Common commands:
    server     Start a Vault server
    version    Prints the Vault CLI version
`;

const stdio: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** `vault version`'s line (version/version.go FullVersionNumber), naming vault-emu where Vault puts its commit. */
async function versionLine(): Promise<string> {
  const { createVaultEmu } = await import('./emulator.js');
  const emu = await createVaultEmu({ dev: false });
  const line = `Vault v${emu.options.vaultVersion} (vault-emu ${pkg.version}), built ${emu.core.buildDate}`;
  await emu.close();
  return line;
}

export async function main(argv: string[], env: Env, io: Io = stdio): Promise<number | void> {
  const [command, ...args] = argv;
  if (command === undefined) {
    io.err(USAGE);
    return 127;
  }
  if (command === '-h' || command === '-help' || command === '--help') {
    io.out(USAGE);
    return 0;
  }
  if (command === 'version' || command === '-v' || command === '-version' || command === '--version') {
    io.out(`${await versionLine()}\n`);
    return 0;
  }
  if (command !== 'server') {
    io.err(USAGE);
    return 127;
  }
  // Signal handlers go in before the server starts, so a signal that follows the banner at once is
  // never missed; one that arrives during start-up simply ends the process.
  let emu: { close(): Promise<void> } | undefined;
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    io.out(`${SHUTDOWN_TRIGGERED}\n`);
    void (emu ? emu.close() : Promise.resolve()).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Vault reloads its configuration on SIGHUP; there is nothing to reload here, but it must not exit.
  process.on('SIGHUP', () => io.out(`${RELOAD_TRIGGERED}\n`));
  const started = await runServerCommand(args, env, io);
  if (typeof started === 'number') {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    return started;
  }
  emu = started.emu;
}
