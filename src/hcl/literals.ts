// Token text → value, as HCL1's token.Value does (hcl/token/token.go, hcl/strconv/quote.go):
// Go integer syntax (0x…, leading-0 octal), quoted strings with Go escapes and verbatim `${…}`,
// and heredocs with HCL1's exact trimming rules.

import { HclSyntaxError, type HclLiteral } from './ast.js';
import type { Token } from './scanner.js';

export class LiteralError extends Error {}

/** strconv.ParseInt(text, 0, 64). */
export function parseGoInt(text: string): number {
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  let value: bigint;
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) value = BigInt(s);
  else if (/^0[0-7]+$/.test(s)) value = BigInt(`0o${s.slice(1)}`);
  else if (/^[0-9]+$/.test(s)) value = BigInt(s);
  else throw new LiteralError(`strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`);
  value *= BigInt(sign);
  if (value > 9223372036854775807n || value < -9223372036854775808n) {
    throw new LiteralError(`strconv.ParseInt: parsing ${JSON.stringify(text)}: value out of range`);
  }
  return Number(value);
}

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' };

/**
 * Removes the quotes of a double-quoted string and resolves its escapes. With `interpolation`
 * (HCL strings, not JSON ones) a `${ … }` sequence is copied verbatim, escapes and all.
 */
export function unquote(quoted: string, interpolation: boolean): string {
  if (quoted.length < 2 || quoted[0] !== '"' || quoted[quoted.length - 1] !== '"') throw new LiteralError('invalid syntax');
  const s = quoted.slice(1, -1);
  if (!s.includes('\\') && !s.includes('"') && !(interpolation && s.includes('$'))) {
    if (s.includes('\n')) throw new LiteralError('invalid syntax');
    return s;
  }
  let out = '';
  let i = 0;
  while (i < s.length) {
    if (interpolation && s[i] === '$' && s[i + 1] === '{') {
      let depth = 1;
      let j = i + 2;
      while (j < s.length && depth > 0) {
        if (s[j] === '{') depth++;
        else if (s[j] === '}') depth--;
        j++;
      }
      if (depth !== 0) throw new LiteralError('invalid syntax');
      out += s.slice(i, j);
      i = j;
      continue;
    }
    const c = s[i]!;
    if (c === '\n' || c === '"') throw new LiteralError('invalid syntax');
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = s[i + 1];
    if (e === undefined) throw new LiteralError('invalid syntax');
    if (SIMPLE_ESCAPES[e] !== undefined) {
      out += SIMPLE_ESCAPES[e];
      i += 2;
      continue;
    }
    const width = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (width > 0) {
      const hex = s.slice(i + 2, i + 2 + width);
      if (hex.length < width || !/^[0-9a-fA-F]+$/.test(hex)) throw new LiteralError('invalid syntax');
      const code = Number.parseInt(hex, 16);
      if (code > 0x10ffff) throw new LiteralError('invalid syntax');
      out += String.fromCodePoint(code);
      i += 2 + width;
      continue;
    }
    if (e >= '0' && e <= '7') {
      const oct = s.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(oct)) throw new LiteralError('invalid syntax');
      const code = Number.parseInt(oct, 8);
      if (code > 255) throw new LiteralError('invalid syntax');
      out += String.fromCharCode(code);
      i += 4;
      continue;
    }
    throw new LiteralError('invalid syntax');
  }
  return out;
}

/**
 * A heredoc's value from its full token text (`<<EOF\n…\nEOF\n`). `<<-` strips the closing line's
 * indentation from every line, but only when every line starts with it (else only trailing blanks go).
 */
export function heredocValue(text: string): string {
  const nl = text.indexOf('\n');
  if (nl === -1) throw new LiteralError("heredoc doesn't contain newline");
  if (text[2] !== '-') return text.slice(nl + 1, text.length - nl + 1);
  const lines = text.slice(nl + 1, text.length - nl + 2).split('\n');
  const prefix = lines[lines.length - 1]!;
  if (!lines.every((l) => l.startsWith(prefix))) return text.slice(nl + 1, text.length - nl + 1).replace(/[ \t]+$/, '');
  return lines.map((l, k) => (k === lines.length - 1 ? '' : l.slice(prefix.length))).join('\n');
}

/** Go's `%+v` of an HCL1 token, which some HCL1 messages embed. */
export function describeToken(tok: Token, withJsonField: boolean): string {
  const pos = `{Filename: Offset:${tok.offset} Line:${tok.pos.line} Column:${tok.pos.column}}`;
  return `{Type:${tok.type} Pos:${pos} Text:${tok.text}${withJsonField ? ' JSON:false' : ''}}`;
}

export function literalFromToken(tok: Token, json: boolean): HclLiteral {
  const pos = json ? { line: 0, column: 0 } : tok.pos;
  try {
    switch (tok.type) {
      case 'BOOL':
        return { kind: 'literal', type: 'bool', value: tok.text === 'true', pos };
      case 'NUMBER':
        return { kind: 'literal', type: 'number', value: parseGoInt(tok.text), pos };
      case 'FLOAT':
        return { kind: 'literal', type: 'float', value: Number(tok.text), pos };
      case 'HEREDOC':
        return { kind: 'literal', type: 'heredoc', value: heredocValue(tok.text), pos };
      case 'NULL':
        return { kind: 'literal', type: 'string', value: '', pos };
      default:
        return { kind: 'literal', type: 'string', value: tok.text === '' ? '' : unquote(tok.text, !json), pos };
    }
  } catch (err) {
    if (err instanceof LiteralError) throw new HclSyntaxError(`At ${tok.pos.line}:${tok.pos.column}: ${err.message}`, tok.pos);
    throw err;
  }
}

