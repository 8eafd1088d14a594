// Vault's own texts for the `server` command, its config loading and its dev banner. Each is reproduced
// verbatim from Vault 1.17's source (checkout 31d58145fd), named after the file it comes from.

// command/server.go (ServerCommand.parseConfig)
export const errorLoadingConfig = (path: string, err: string) => `error loading configuration from ${path}: ${err}`;
// command/server.go (ServerCommand.Run)
export const MUST_SPECIFY_CONFIG = 'Must specify at least one config path using -config';
// (These long texts are printed through wrapAtLength, as Vault prints them.)
export const ROOT_TOKEN_OUTSIDE_DEV = 'You cannot specify a custom root token ID outside of "dev" mode. Your request has been ignored.';
export const NO_CONFIG_FILES =
  'No configuration files found. Please provide configurations with the -config flag. If you are supplying the path to a directory, please ensure the directory contains files with the .hcl or .json extension.';
// command/server.go (ServerCommand.setupStorage)
export const STORAGE_REQUIRED = 'A storage backend must be specified';
// command/server.go (ServerCommand.Run, InitListeners)
export const ERROR_PARSING_LISTENER = 'Error parsing listener configuration.';
export const errorInitializingListener = (type: string, err: string) => `Error initializing listener of type ${type}: ${err}`;
export const errorInitializingCore = (err: string) => `Error initializing core: ${err}`;
export const inmemNotForProduction = (type: string) => `WARNING: storage configured to use "${type}" which should NOT be used in production`;
export const SERVER_CONFIGURATION = '==> Vault server configuration:';
export const SERVER_STARTED = '==> Vault server started! Log data will stream in below:';
export const SHUTDOWN_TRIGGERED = '==> Vault shutdown triggered';
export const RELOAD_TRIGGERED = '==> Vault reload triggered';
// vault/core.go (NewCore)
export const DEFAULT_LARGER_THAN_MAX = 'cannot have DefaultLeaseTTL larger than MaxLeaseTTL';
// helper/logging/logger.go (ParseLogLevel, ParseLogFormat)
export const unknownLogLevel = (level: string) => `unknown log level: ${level}`;
export const unknownLogFormat = (format: string) => `unknown log format: ${format}`;

// command/server.go (initDevCore): the dev-mode block (printed through wrapAtLength).
export const DEV_WARNING =
  'WARNING! dev mode is enabled! In this mode, Vault runs entirely in-memory and starts unsealed with a single unseal key. The root token is already authenticated to the CLI, so you can immediately begin using Vault.';
export const DEV_ENV_VARS = 'You may need to set the following environment variables:';
export const DEV_KEYS_BELOW = 'The unseal key and root token are displayed below in case you want to seal/unseal the Vault or re-authenticate.';
export const DEV_NOT_FOR_PRODUCTION = 'Development mode should NOT be used in production installations!';

// command/server/config.go (ParseConfig, ParseStorage, LoadConfigDir)
export const errorParsingSection = (section: string, err: string) => `error parsing '${section}': ${err}`;
export const onlyOneBlock = (name: string) => `only one "${name}" block is permitted`;
export const errorLoadingFile = (path: string, err: string) => `error loading ${JSON.stringify(path)}: ${err}`;
// internalshared/configutil/listener.go (parseType, parse*Settings)
export const LISTENER_TYPE_REQUIRED = 'listener type must be specified';
export const unsupportedListenerType = (type: string) => `unsupported listener type ${JSON.stringify(type)}`;
export const invalidListenerValue = (key: string, err: string) => `invalid value for ${key}: ${err}`;
// internalshared/listenerutil/listener.go (TLSConfig)
export const errorLoadingTlsCert = (err: string) => `error loading TLS cert: ${err}`;
export const failedReadClientCa = (err: string) => `failed to read tls_client_ca_file: ${err}`;
export const FAILED_PARSE_CLIENT_CA = 'failed to parse CA certificate in tls_client_ca_file';
export const CLIENT_CERTS_MUTUALLY_EXCLUSIVE = "'tls_disable_client_certs' and 'tls_require_and_verify_client_cert' are mutually exclusive";
// go-secure-stdlib reloadutil (CertificateGetter.Reload) and Go's crypto/tls (X509KeyPair)
export const DECODED_PEM_BLANK = 'decoded PEM is blank';
export const NO_CERT_PEM = 'tls: failed to find any PEM data in certificate input';
export const KEY_MISMATCH = 'tls: private key does not match public key';
