// Password policies (vault/helper/random: parser.go, rules.go, string_generator.go): an HCL document
// with `length` and `rule "charset" { charset = "…" min-chars = N }` blocks, and the generator that
// draws characters from the union of the charsets until every rule passes. Bytes come from the core's
// Random, so a seeded emulator generates the same passwords.
import { multierror } from './errors.js';
import type { Random } from './random.js';
import { decodeHcl, HclSyntaxError, parseHcl, type HclValue } from '../hcl/index.js';

export interface CharsetRule {
  charset: string[];
  minChars: number;
}

export interface PasswordPolicy {
  length: number;
  rules: CharsetRule[];
  /** The union of the rules' charsets, deduplicated and sorted by code point. */
  charset: string[];
}

export class PasswordPolicyError extends Error {}

const MAX_CHARSET = 256;

/** ParsePolicy: HCL decoded, fields mapped, rules parsed, then validateConfig. */
export function parsePasswordPolicy(raw: string): PasswordPolicy {
  let data: Record<string, HclValue>;
  try {
    data = decodeHcl(parseHcl(raw));
  } catch (e) {
    if (e instanceof HclSyntaxError) throw new PasswordPolicyError(`unable to decode: ${e.message}`);
    throw e;
  }
  let length = 0;
  if (data.length !== undefined) {
    if (typeof data.length !== 'number' || !Number.isInteger(data.length)) {
      throw new PasswordPolicyError(
        `failed to decode configuration: 1 error(s) decoding:\n\n* 'length' expected type 'int', got unconvertible type '${goKind(data.length)}', value: '${String(data.length)}'`,
      );
    }
    length = data.length;
  }
  const rules: CharsetRule[] = [];
  const rawRules = data.rule === undefined ? [] : Array.isArray(data.rule) ? data.rule : [data.rule];
  for (const rawRule of rawRules) {
    if (typeof rawRule !== 'object' || rawRule === null || Array.isArray(rawRule)) throw new PasswordPolicyError('unable to parse rules: unable to get rule info: rule is empty');
    const [type] = Object.keys(rawRule);
    if (type === undefined) throw new PasswordPolicyError('unable to parse rules: unable to get rule info: rule is empty');
    if (type !== 'charset') throw new PasswordPolicyError(`unable to parse rules: unable to parse rule ${type}: unrecognized rule type ${type}`);
    const body = (rawRule as Record<string, HclValue>)[type];
    const fields = (Array.isArray(body) ? body[0] : body) as Record<string, HclValue> | undefined;
    if (!fields) throw new PasswordPolicyError('unable to parse rules: unable to get rule info: rule info cannot be empty');
    const charset = fields.charset;
    const minChars = fields['min-chars'] ?? 0;
    if (charset !== undefined && typeof charset !== 'string') {
      throw new PasswordPolicyError(`unable to parse rules: unable to parse rule charset: failed to parse charset restriction: 1 error(s) decoding:\n\n* 'charset': source data must be an array or slice, got ${goKind(charset)}`);
    }
    if (typeof minChars !== 'number' || !Number.isInteger(minChars)) {
      throw new PasswordPolicyError(
        `unable to parse rules: unable to parse rule charset: failed to parse charset restriction: 1 error(s) decoding:\n\n* 'min-chars' expected type 'int', got unconvertible type '${goKind(minChars)}', value: '${String(minChars)}'`,
      );
    }
    rules.push({ charset: [...(charset ?? '')], minChars });
  }
  const policy: PasswordPolicy = { length, rules, charset: [...new Set(rules.flatMap((r) => r.charset))].sort(byCodePoint) };
  const problems = validate(policy);
  if (problems.length > 0) throw new PasswordPolicyError(multierror(problems));
  return policy;
}

/** validateConfig. */
function validate(p: PasswordPolicy): string[] {
  const problems: string[] = [];
  const minLength = p.rules.reduce((sum, r) => sum + r.minChars, 0);
  if (p.length <= 0) problems.push('length must be > 0');
  else if (p.length < minLength) problems.push(`specified rules require at least ${minLength} characters but ${p.length} is specified`);
  if (p.charset.length === 0) problems.push('no charset specified');
  else if (p.charset.some((c) => !isPrintable(c))) problems.push('non-printable character in charset');
  return problems;
}

/** CharsetRule.Pass. */
function passes(rule: CharsetRule, candidate: string[]): boolean {
  if (rule.minChars <= 0) return true;
  let count = 0;
  for (const c of candidate) if (rule.charset.includes(c) && ++count >= rule.minChars) return true;
  return false;
}

/** StringGenerator.Generate: candidates of `length` characters until every rule passes. */
export function generatePassword(p: PasswordPolicy, random: Random): string {
  if (p.charset.length > MAX_CHARSET) throw new PasswordPolicyError('charset is too long: limited to 255 characters');
  // randomRunes: bytes above the largest multiple of the charset size are skipped (no modulo bias).
  const maxAllowed = Math.floor(MAX_CHARSET / p.charset.length) * p.charset.length - 1;
  for (let attempt = 0; attempt < 100_000; attempt++) {
    const candidate: string[] = [];
    while (candidate.length < p.length) {
      for (const byte of random.bytes(p.length)) {
        if (byte > maxAllowed) continue;
        candidate.push(p.charset[p.charset.length === MAX_CHARSET ? byte : byte % p.charset.length]!);
        if (candidate.length === p.length) break;
      }
    }
    if (p.rules.every((r) => passes(r, candidate))) return candidate.join('');
  }
  throw new PasswordPolicyError('timed out generating string');
}

function byCodePoint(a: string, b: string): number {
  return a.codePointAt(0)! - b.codePointAt(0)!;
}

/** unicode.IsPrint, for the characters a charset can hold. */
function isPrintable(c: string): boolean {
  return !/[\p{C}\p{Zl}\p{Zp}]/u.test(c) && (c === ' ' || !/\s/u.test(c));
}

function goKind(v: HclValue): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  return Array.isArray(v) ? '[]map[string]interface {}' : 'map[string]interface {}';
}
