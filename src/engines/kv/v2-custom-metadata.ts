// custom_metadata parsing and limits (vault-plugin-secrets-kv v0.19.0 path_metadata.go
// parseCustomMetadata, validateCustomMetadata).
import { errorResponse, multierror } from '../../core/errors.js';
import { goFormat } from '../../framework/field-types.js';
import {
  CUSTOM_METADATA_PREFIX,
  MAX_CUSTOM_METADATA_KEY_LENGTH,
  MAX_CUSTOM_METADATA_KEYS,
  MAX_CUSTOM_METADATA_VALUE_LENGTH,
  customMetadataKeyLength,
  customMetadataKeyUnprintable,
  customMetadataTooManyKeys,
  customMetadataValueLength,
  customMetadataValueUnprintable,
} from './messages.js';

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE_RUNE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function isPrintableRune(ch: string): boolean {
  return PRINTABLE_RUNE.test(ch);
}

function isPrintable(s: string): boolean {
  for (const ch of s) if (!isPrintableRune(ch)) return false;
  return true;
}

const GO_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/** Go's %q (strconv.Quote) of a string. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const escaped = GO_ESCAPES[ch];
    if (escaped) out += escaped;
    else if (isPrintableRune(ch)) out += ch;
    else {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x80) out += `\\x${cp.toString(16).padStart(2, '0')}`;
      else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
      else out += `\\U${cp.toString(16).padStart(8, '0')}`;
    }
  }
  return `${out}"`;
}

/** mapstructure.WeakDecode of one JSON value into a Go string. */
function weakDecodeString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  const goType = Array.isArray(value) ? '[]interface {}' : 'map[string]interface {}';
  throw new Error(`'' expected type 'string', got unconvertible type '${goType}', value: '${goFormat(value)}'`);
}

/** Values as strings; `skipNulls` drops null members (PATCH), otherwise null reads as ''. */
export function parseCustomMetadata(raw: Record<string, unknown>, skipNulls: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (skipNulls && v === null) continue;
    try {
      Object.defineProperty(out, k, { value: weakDecodeString(v), enumerable: true, writable: true, configurable: true });
    } catch (e) {
      throw errorResponse(`${CUSTOM_METADATA_PREFIX}: ${(e as Error).message}`);
    }
  }
  return out;
}

/**
 * Throws Vault's error response when the map breaks a limit. Go visits the map in random order; keys are
 * checked here in sorted order so that a request with several problems always gets the same message.
 */
export function validateCustomMetadata(custom: Record<string, string>): void {
  const keys = Object.keys(custom).sort();
  if (keys.length > MAX_CUSTOM_METADATA_KEYS) throw errorResponse(multierror([customMetadataTooManyKeys(keys.length)]));
  const problems: string[] = [];
  for (const key of keys) {
    const value = custom[key]!;
    const quoted = goQuote(key);
    const keyLength = Buffer.byteLength(key, 'utf8');
    if (keyLength === 0 || keyLength > MAX_CUSTOM_METADATA_KEY_LENGTH) problems.push(customMetadataKeyLength(quoted, keyLength));
    const valueLength = Buffer.byteLength(value, 'utf8');
    if (valueLength === 0 || valueLength > MAX_CUSTOM_METADATA_VALUE_LENGTH) problems.push(customMetadataValueLength(quoted, valueLength));
    if (!isPrintable(key)) problems.push(customMetadataKeyUnprintable(quoted, key));
    if (!isPrintable(value)) problems.push(customMetadataValueUnprintable(quoted));
  }
  if (problems.length > 0) throw errorResponse(multierror(problems));
}
