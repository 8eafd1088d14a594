// HCL1's tokenizer: the token kinds, positions and scanner error texts of hashicorp/hcl v1
// (hcl/scanner/scanner.go, the v1.0.1-vault-5 build Vault pins), written afresh for JavaScript strings.
import { HclSyntaxError, type Pos } from './ast.js';

export type TokenType =
  | 'ILLEGAL'
  | 'EOF'
  | 'COMMENT'
  | 'IDENT'
  | 'NUMBER'
  | 'FLOAT'
  | 'BOOL'
  | 'STRING'
  | 'HEREDOC'
  | 'LBRACK'
  | 'RBRACK'
  | 'LBRACE'
  | 'RBRACE'
  | 'COMMA'
  | 'PERIOD'
  | 'ASSIGN'
  | 'ADD'
  | 'SUB'
  // JSON only:
  | 'COLON'
  | 'NULL';

export interface Token {
  type: TokenType;
  text: string;
  pos: Pos;
  /** UTF-8 byte offset of the token's start (shown in some HCL1 messages). */
  offset: number;
}

const EOF = '';

/** One-character tokens. */
const HCL_SINGLE: Record<string, TokenType> = { '[': 'LBRACK', ']': 'RBRACK', '{': 'LBRACE', '}': 'RBRACE', ',': 'COMMA', '=': 'ASSIGN', '+': 'ADD' };
const JSON_SINGLE: Record<string, TokenType> = { '[': 'LBRACK', ']': 'RBRACK', '{': 'LBRACE', '}': 'RBRACE', ',': 'COMMA', ':': 'COLON' };

const isLetter = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || (c >= '\u0080' && /\p{L}/u.test(c));
const isDigit = (c: string) => (c >= '0' && c <= '9') || (c >= '\u0080' && /\p{Nd}/u.test(c));
const isDecimal = (c: string) => c >= '0' && c <= '9';
const isHex = (c: string) => /^[0-9a-fA-F]$/.test(c);
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

function digitVal(c: string): number {
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
  if (c >= 'a' && c <= 'f') return c.charCodeAt(0) - 87;
  if (c >= 'A' && c <= 'F') return c.charCodeAt(0) - 55;
  return 16;
}

/**
 * Reads one token at a time. The first scanner error is kept in `error` (HCL1 reports it over parser
 * errors). In JSON mode it follows HCL1's JSON scanner instead (json/scanner/scanner.go): no comments or
 * heredocs, `:` and `null` tokens, and error texts without the "At " prefix.
 */
export class Scanner {
  private readonly chars: string[];
  private i = 0;
  private bytes = 0;
  private line = 1;
  /** Column of the last character read; 0 right after a newline. */
  private col = 0;
  private lastLineLen = 0;
  private prev = { i: 0, bytes: 0, line: 1, col: 0, lastLineLen: 0 };
  error: HclSyntaxError | undefined;

  constructor(
    src: string,
    private readonly json = false,
  ) {
    // Code points, so columns count characters the way Go counts runes.
    this.chars = Array.from(src);
  }

  private next(): string {
    this.prev = { i: this.i, bytes: this.bytes, line: this.line, col: this.col, lastLineLen: this.lastLineLen };
    if (this.i >= this.chars.length) {
      this.col++;
      return EOF;
    }
    const ch = this.chars[this.i++]!;
    this.bytes += Buffer.byteLength(ch);
    this.col++;
    if (ch === '\n') {
      this.line++;
      this.lastLineLen = this.col;
      this.col = 0;
    }
    if (ch === '\u0000' && !this.json) {
      this.fail('unexpected null character (0x00)');
      return EOF;
    }
    return ch;
  }

  private unread(): void {
    ({ i: this.i, bytes: this.bytes, line: this.line, col: this.col, lastLineLen: this.lastLineLen } = this.prev);
  }

  private peek(): string {
    return this.chars[this.i] ?? EOF;
  }

  /** Position of the character read last (HCL1's recentPosition). */
  private recentPos(): Pos {
    if (this.col > 0) return { line: this.line, column: this.col };
    if (this.lastLineLen > 0) return { line: this.line - 1, column: this.lastLineLen };
    return { line: 1, column: 1 };
  }

  private fail(msg: string): void {
    if (this.error) return;
    const pos = this.recentPos();
    const where = `${pos.line}:${pos.column}`;
    this.error = new HclSyntaxError(this.json ? `${where}: ${msg}` : `At ${where}: ${msg}`, pos);
  }

  scan(): Token {
    let ch = this.next();
    while (isSpace(ch)) ch = this.next();
    const start = ch === EOF ? this.i : this.i - 1;
    const offset = ch === EOF ? this.bytes : this.bytes - Buffer.byteLength(ch);
    const pos: Pos = this.col > 0 ? { line: this.line, column: this.col } : { line: this.line - 1, column: this.lastLineLen };
    const type = this.json ? this.scanJsonToken(ch, start) : this.scanHclToken(ch, start);
    return { type, text: this.chars.slice(start, this.i).join(''), pos, offset };
  }

  private scanHclToken(ch: string, start: number): TokenType {
    if (isLetter(ch)) {
      const word = this.scanIdentifier(start);
      return word === 'true' || word === 'false' ? 'BOOL' : 'IDENT';
    }
    if (isDecimal(ch)) return this.scanNumber(ch);
    if (HCL_SINGLE[ch]) return HCL_SINGLE[ch]!;
    switch (ch) {
      case EOF:
        return 'EOF';
      case '"':
        this.scanString();
        return 'STRING';
      case '#':
      case '/':
        this.scanComment(ch);
        return 'COMMENT';
      case '.':
        if (!isDecimal(this.peek())) return 'PERIOD';
        this.scanExponent(this.scanMantissa(this.peek()));
        return 'FLOAT';
      case '<':
        this.scanHeredoc();
        return 'HEREDOC';
      case '-':
        return isDecimal(this.peek()) ? this.scanNumber(this.next()) : 'SUB';
      default:
        this.fail('illegal char');
        return 'ILLEGAL';
    }
  }

  private scanJsonToken(ch: string, start: number): TokenType {
    if (isLetter(ch)) {
      const word = this.scanIdentifier(start);
      if (word === 'true' || word === 'false') return 'BOOL';
      if (word === 'null') return 'NULL';
      this.fail('illegal char');
      return 'ILLEGAL';
    }
    if (isDecimal(ch)) return this.scanJsonNumber(ch);
    if (JSON_SINGLE[ch]) return JSON_SINGLE[ch]!;
    switch (ch) {
      case EOF:
        return 'EOF';
      case '"':
        this.scanString();
        return 'STRING';
      case '.':
        if (!isDecimal(this.peek())) return 'PERIOD';
        this.scanExponent(this.scanMantissa(this.peek()));
        return 'FLOAT';
      case '-':
        if (isDecimal(this.peek())) return this.scanJsonNumber(this.next());
        this.fail('illegal char');
        return 'ILLEGAL';
      default:
        this.fail(`illegal char: ${ch}`);
        return 'ILLEGAL';
    }
  }

  private scanJsonNumber(first: string): TokenType {
    const zero = first === '0';
    const startIndex = this.i;
    this.scanMantissa(first);
    let ch = this.next();
    if (ch === 'e' || ch === 'E') {
      this.scanExponent(ch);
      return 'FLOAT';
    }
    if (ch === '.') {
      ch = this.scanFraction(ch);
      if (ch === 'e' || ch === 'E') this.scanExponent(this.next());
      return 'FLOAT';
    }
    if (ch !== EOF) this.unread();
    if (zero && this.i !== startIndex) this.fail('numbers cannot start with 0');
    return 'NUMBER';
  }

  private scanIdentifier(start: number): string {
    let ch = this.next();
    while (isLetter(ch) || isDigit(ch) || ch === '-' || (ch === '.' && !this.json)) ch = this.next();
    if (ch !== EOF) this.unread();
    return this.chars.slice(start, this.i).join('');
  }

  private scanComment(first: string): void {
    if (first === '#' || (first === '/' && this.peek() !== '*')) {
      if (first === '/' && this.peek() !== '/') {
        this.fail("expected '/' for comment");
        return;
      }
      let ch = this.next();
      while (ch !== '\n' && ch !== EOF) ch = this.next();
      if (ch !== EOF) this.unread();
      return;
    }
    this.next(); // the '*'
    let ch = this.next();
    for (;;) {
      if (ch === EOF) {
        this.fail('comment not terminated');
        return;
      }
      const before = ch;
      ch = this.next();
      if (before === '*' && ch === '/') return;
    }
  }

  private scanNumber(first: string): TokenType {
    let ch = first;
    if (ch === '0') {
      ch = this.next();
      if (ch === 'x' || ch === 'X') {
        ch = this.next();
        let found = false;
        while (isHex(ch)) {
          ch = this.next();
          found = true;
        }
        if (!found) this.fail('illegal hexadecimal number');
        if (ch !== EOF) this.unread();
        return 'NUMBER';
      }
      let illegalOctal = false;
      while (isDecimal(ch)) {
        ch = this.next();
        if (ch === '8' || ch === '9') illegalOctal = true;
      }
      if (ch === 'e' || ch === 'E') {
        this.scanExponent(ch);
        return 'FLOAT';
      }
      if (ch === '.') {
        ch = this.scanFraction(ch);
        if (ch === 'e' || ch === 'E') this.scanExponent(this.next());
        return 'FLOAT';
      }
      if (illegalOctal) this.fail('illegal octal number');
      if (ch !== EOF) this.unread();
      return 'NUMBER';
    }
    this.scanMantissa(ch);
    ch = this.next();
    if (ch === 'e' || ch === 'E') {
      this.scanExponent(ch);
      return 'FLOAT';
    }
    if (ch === '.') {
      ch = this.scanFraction(ch);
      if (ch === 'e' || ch === 'E') this.scanExponent(this.next());
      return 'FLOAT';
    }
    if (ch !== EOF) this.unread();
    return 'NUMBER';
  }

  private scanMantissa(first: string): string {
    let ch = first;
    let scanned = false;
    while (isDecimal(ch)) {
      ch = this.next();
      scanned = true;
    }
    if (scanned && ch !== EOF) this.unread();
    return ch;
  }

  private scanFraction(ch: string): string {
    return ch === '.' ? this.scanMantissa(this.peek()) : ch;
  }

  private scanExponent(first: string): string {
    let ch = first;
    if (ch === 'e' || ch === 'E') {
      ch = this.next();
      if (ch === '-' || ch === '+') ch = this.next();
      ch = this.scanMantissa(ch);
    }
    return ch;
  }

  private scanHeredoc(): void {
    if (this.next() !== '<') {
      this.fail("heredoc expected second '<', didn't see it");
      return;
    }
    const anchorStart = this.i;
    let ch = this.next();
    if (ch === '-') ch = this.next();
    while (isLetter(ch) || isDigit(ch)) ch = this.next();
    if (ch === EOF) {
      this.fail('heredoc not terminated');
      return;
    }
    if (ch === '\r' && this.peek() === '\n') ch = this.next();
    if (ch !== '\n') {
      this.fail('invalid characters in heredoc anchor');
      return;
    }
    let anchor = this.chars.slice(anchorStart, this.i - 1).join('').replace(/\r$/, '');
    if (anchor === '' || anchor === '-') {
      this.fail('zero-length heredoc anchor');
      return;
    }
    const anchorLen = anchor.length;
    if (anchor.startsWith('-')) anchor = anchor.slice(1);
    const closing = new RegExp(`^\\s*${anchor}\\r*$`);
    let lineStart = this.i;
    for (;;) {
      const c = this.next();
      if (c === '\n') {
        const lineText = this.chars.slice(lineStart, this.i - 1).join('');
        if (lineText.length >= anchorLen && closing.test(lineText)) return;
        lineStart = this.i;
      }
      if (c === EOF) {
        this.fail('heredoc not terminated');
        return;
      }
    }
  }

  private scanString(): void {
    let braces = 0;
    for (;;) {
      const ch = this.next();
      if ((ch === '\n' && (braces === 0 || this.json)) || ch === EOF) {
        this.fail('literal not terminated');
        return;
      }
      if (ch === '"' && (braces === 0 || this.json)) return;
      // `${ … }` interpolations may hold quotes; HCL1 keeps them verbatim.
      if (braces === 0 && ch === '$' && this.peek() === '{') {
        braces++;
        this.next();
      } else if (braces > 0 && ch === '{') {
        braces++;
      }
      if (braces > 0 && ch === '}') braces--;
      if (ch === '\\') this.scanEscape();
    }
  }

  private scanEscape(): void {
    const ch = this.next();
    if ('abfnrtv\\"'.includes(ch) && ch !== EOF) return;
    if (ch >= '0' && ch <= '7') this.scanDigits(ch, 8, 3);
    else if (ch === 'x') this.scanDigits(this.next(), 16, 2);
    else if (ch === 'u') this.scanDigits(this.next(), 16, 4);
    else if (ch === 'U') this.scanDigits(this.next(), 16, 8);
    else this.fail('illegal char escape');
  }

  private scanDigits(first: string, base: number, count: number): void {
    let ch = first;
    let n = count;
    while (n > 0 && digitVal(ch) < base) {
      ch = this.next();
      if (ch === EOF) break;
      n--;
    }
    if (n > 0) this.fail('illegal char escape');
    if (n !== count && ch !== EOF) this.unread();
  }
}
