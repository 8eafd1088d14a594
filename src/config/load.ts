// `-config PATH`: a file, or a directory whose *.hcl and *.json files are loaded in name order and
// merged (command/server/config.go LoadConfig, LoadConfigDir). Error texts are Go's and Vault's.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HclSyntaxError } from '../hcl/ast.js';
import * as msg from './messages.js';
import { ConfigError, emptyConfig, mergeConfigs, parseServerConfig, type ServerConfig } from './server-config.js';

const GO_ERRNO: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
};

/** A Node file-system error worded like Go's *PathError (`open x.hcl: no such file or directory`). */
export function goPathError(op: string, path: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  return `${op} ${path}: ${GO_ERRNO[code] ?? (err as Error).message}`;
}

/** Vault's editors' temporary files are skipped (isTemporaryFile). */
const isTemporary = (name: string) => name.endsWith('~') || name.startsWith('.#') || (name.startsWith('#') && name.endsWith('#'));

function loadFile(path: string): ServerConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(goPathError('open', path, err));
  }
  try {
    return parseServerConfig(text);
  } catch (err) {
    if (err instanceof HclSyntaxError) throw new ConfigError(err.message);
    throw err;
  }
}

function loadDir(dir: string): ServerConfig {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => !e.isDirectory() && (e.name.endsWith('.hcl') || e.name.endsWith('.json')) && !isTemporary(e.name))
    .map((e) => e.name)
    .sort();
  let result = emptyConfig();
  for (const name of names) {
    const file = join(dir, name);
    try {
      result = mergeConfigs(result, loadFile(file));
    } catch (err) {
      if (err instanceof ConfigError) throw new ConfigError(msg.errorLoadingFile(file, err.message));
      throw err;
    }
  }
  return result;
}

/** Loads one -config argument. Throws ConfigError with the text Vault prints after "error loading configuration from PATH: ". */
export function loadConfigPath(path: string): ServerConfig {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (err) {
    throw new ConfigError(goPathError('stat', path, err));
  }
  return isDir ? loadDir(path) : loadFile(path);
}

/** Loads and merges every -config argument, in order (ServerCommand.parseConfig). */
export function loadConfigPaths(paths: string[]): ServerConfig | undefined {
  let config: ServerConfig | undefined;
  for (const path of paths) {
    let current: ServerConfig;
    try {
      current = loadConfigPath(path);
    } catch (err) {
      if (err instanceof ConfigError) throw new ConfigError(msg.errorLoadingConfig(path, err.message));
      throw err;
    }
    config = config ? mergeConfigs(config, current) : current;
  }
  return config;
}
