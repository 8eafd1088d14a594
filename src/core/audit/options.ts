// Device options checked as Vault's audit factories check them (audit/entry_formatter_config.go,
// audit/backend_file.go, audit/backend_socket.go, internal/observability/event/options.go).
import { parseDurationSeconds } from '../../framework/duration.js';
import { parseGoBool } from '../../framework/field-types.js';
import type { FormatterConfig } from './entry.js';

export const INVALID_CONFIGURATION = 'invalid configuration';
const INVALID_PARAMETER = 'invalid internal parameter';

/** An audit error whose text is the whole Go error chain, as the API reports it. */
export class AuditConfigError extends Error {}


function boolOption(options: Record<string, string>, name: string, fallback: boolean): boolean {
  const raw = options[name];
  if (raw === undefined) return fallback;
  const v = parseGoBool(raw);
  if (v === undefined) throw new AuditConfigError(`unable to parse "${name}": ${INVALID_CONFIGURATION}`);
  return v;
}

/**
 * newFormatterConfig. `jsonx` is a valid format in Vault; the emulator does not write XML, so it
 * refuses it with the error Vault gives an unknown format.
 */
export function formatterConfig(options: Record<string, string>): FormatterConfig {
  const format = options.format;
  if (format !== undefined && format !== 'json') throw new AuditConfigError(`unsupported "format": ${INVALID_CONFIGURATION}`);
  return {
    hmacAccessor: boolOption(options, 'hmac_accessor', true),
    raw: boolOption(options, 'log_raw', false),
    elideListResponses: boolOption(options, 'elide_list_responses', false),
    prefix: options.prefix ?? '',
  };
}

/** event.WithFileMode: octal text; undefined when absent or blank (the 0600 default applies). */
export function fileMode(options: Record<string, string>): number | undefined {
  const raw = (options.mode ?? '').trim();
  if (raw === '') return undefined;
  if (!/^[0-7]+$/.test(raw) || parseInt(raw, 8) > 0xffffffff) {
    throw new AuditConfigError(`unable to parse file mode: ${INVALID_PARAMETER}: strconv.ParseUint: parsing ${JSON.stringify(raw)}: invalid syntax`);
  }
  return parseInt(raw, 8);
}

/** event.WithMaxDuration (parseutil.ParseDurationSecond); the socket default is 2s. */
export function writeTimeoutMs(options: Record<string, string>): number {
  const raw = (options.write_timeout ?? '2s').trim();
  if (raw === '') return 2000;
  try {
    return parseDurationSeconds(raw) * 1000;
  } catch (err) {
    throw new AuditConfigError(`unable to parse max duration: ${INVALID_PARAMETER}: ${(err as Error).message}`);
  }
}
