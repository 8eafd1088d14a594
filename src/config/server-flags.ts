// The flags `vault server` accepts (command/server.go Flags, command/log_flags.go, and the HTTP flag set
// of command/base.go), so any command line written for Vault parses here too. Only some have an effect;
// the rest are accepted and ignored.
import type { FlagDef } from './flags.js';

const bool = (name: string, env?: string): FlagDef => ({ name, kind: 'bool', env });
const str = (name: string, env?: string): FlagDef => ({ name, kind: 'string', env });
const int = (name: string): FlagDef => ({ name, kind: 'int' });
const slice = (name: string): FlagDef => ({ name, kind: 'stringSlice' });

export const SERVER_FLAGS: FlagDef[] = [
  // HTTP options
  str('address', 'VAULT_ADDR'),
  str('agent-address', 'VAULT_AGENT_ADDR'),
  str('ca-cert', 'VAULT_CACERT'),
  str('ca-path', 'VAULT_CAPATH'),
  str('client-cert', 'VAULT_CLIENT_CERT'),
  str('client-key', 'VAULT_CLIENT_KEY'),
  str('namespace', 'VAULT_NAMESPACE'),
  str('ns'),
  str('tls-server-name', 'VAULT_TLS_SERVER_NAME'),
  bool('tls-skip-verify', 'VAULT_SKIP_VERIFY'),
  bool('disable-redirects', 'VAULT_DISABLE_REDIRECTS'),
  bool('policy-override'),
  { name: 'wrap-ttl', kind: 'duration', env: 'VAULT_WRAP_TTL' },
  slice('mfa'),
  bool('output-curl-string'),
  bool('output-policy'),
  str('unlock-key'),
  slice('header'),
  bool('non-interactive'),
  // Command options
  str('log-level', 'VAULT_LOG_LEVEL'),
  str('log-format', 'VAULT_LOG_FORMAT'),
  str('log-file'),
  int('log-rotate-bytes'),
  str('log-rotate-duration'),
  int('log-rotate-max-files'),
  bool('combine-logs'),
  bool('disable-gated-logs'),
  slice('config'),
  bool('exit-on-core-shutdown'),
  bool('recovery'),
  slice('experiment'),
  str('pprof-dump-dir'),
  // Dev options
  bool('dev'),
  bool('dev-tls'),
  str('dev-tls-cert-dir'),
  slice('dev-tls-san'),
  str('dev-root-token-id', 'VAULT_DEV_ROOT_TOKEN_ID'),
  str('dev-listen-address', 'VAULT_DEV_LISTEN_ADDRESS'),
  bool('dev-no-store-token'),
  str('dev-plugin-dir'),
  bool('dev-plugin-init'),
  bool('dev-ha'),
  bool('dev-transactional'),
  int('dev-latency'),
  int('dev-latency-jitter'),
  bool('dev-leased-kv'),
  bool('dev-no-kv'),
  bool('dev-kv-v1'),
  bool('dev-auto-seal'),
  bool('dev-skip-init'),
  bool('dev-consul'),
  str('dev-cluster-json'),
  bool('test-verify-only'),
  bool('test-server-config'),
];

/** Dev flags that switch dev mode on by themselves (ServerCommand.Run). */
export const FLAGS_IMPLYING_DEV = ['dev-consul', 'dev-ha', 'dev-transactional', 'dev-leased-kv', 'dev-auto-seal', 'dev-kv-v1', 'dev-no-kv', 'dev-tls'];

/** Flags whose effect this emulator does not reproduce; using them prints a note on stderr. */
export const FLAGS_NOT_EMULATED = [
  'dev-ha',
  'dev-transactional',
  'dev-leased-kv',
  'dev-no-kv',
  'dev-kv-v1',
  'dev-auto-seal',
  'dev-skip-init',
  'dev-consul',
  'dev-plugin-dir',
  'dev-latency',
  'dev-latency-jitter',
  'dev-cluster-json',
  'recovery',
  'experiment',
  'log-file',
  'pprof-dump-dir',
];

export const SERVER_HELP = `Usage: vault-emu server [options]

  Starts a server that answers Vault's HTTP API, as "vault server" does. By
  default it starts sealed and uninitialized; "-dev" starts it initialized and
  unsealed, in memory, with a root token.

  Start a server with a configuration file (HCL or JSON):

      $ vault-emu server -config=/etc/vault/config.hcl

  Run in "dev" mode:

      $ vault-emu server -dev -dev-root-token-id="root"

Command Options:

  -config=<string>             Path to a configuration file or directory; may
                               be given more than once.
  -log-level=<string>          trace, debug, info, warn or error.

Dev Options:

  -dev                         Enable development mode.
  -dev-listen-address=<string> Address to bind to in "dev" mode. The default
                               is 127.0.0.1:8200 (VAULT_DEV_LISTEN_ADDRESS).
  -dev-root-token-id=<string>  Initial root token (VAULT_DEV_ROOT_TOKEN_ID).
  -dev-no-store-token          Accepted; vault-emu never writes a token helper
                               file.

  Vault's other server flags are accepted; those without an effect here are
  reported on stderr.`;
