// HCL1 parser: the grammar and error texts of hashicorp/hcl v1 (hcl/parser/parser.go, v1.0.1-vault-5),
// written afresh. Input whose first non-blank character is `{` goes to the JSON parser, as in HCL1's
// lexMode. Errors read like HCL1's: `At 4:1: object expected closing RBRACE got: EOF`.
import { HclSyntaxError, NO_POS, type HclFile, type HclItem, type HclKey, type HclList, type HclNode, type HclObject, type HclObjectList, type Pos } from './ast.js';
import { parseJson } from './json.js';
import { describeToken, literalFromToken } from './literals.js';
import { Scanner, type Token, type TokenType } from './scanner.js';

/** HCL1's internal "end of input" signal: it ends an object list quietly wherever it surfaces. */
class EndOfInput extends Error {}

function at(pos: Pos, message: string): HclSyntaxError {
  return new HclSyntaxError(`At ${pos.line}:${pos.column}: ${message}`, pos);
}


class HclParser {
  private readonly scanner: Scanner;
  private tok: Token = { type: 'EOF', text: '', pos: { line: 0, column: 0 }, offset: 0 };
  private buffered = false;

  constructor(src: string) {
    this.scanner = new Scanner(src);
  }

  parse(): HclObjectList {
    let body: HclObjectList | undefined;
    let failure: unknown;
    try {
      body = this.objectList(false);
    } catch (err) {
      failure = err;
    }
    // A scanner error wins over whatever the parser made of the bad token.
    if (this.scanner.error) throw this.scanner.error;
    if (failure) throw failure;
    return body!;
  }

  /** The next token, skipping comments; or the pushed-back one. */
  private scan(): Token {
    if (this.buffered) {
      this.buffered = false;
      return this.tok;
    }
    do this.tok = this.scanner.scan();
    while (this.tok.type === 'COMMENT');
    return this.tok;
  }

  private unscan(): void {
    this.buffered = true;
  }

  private objectList(inObject: boolean): HclObjectList {
    const list: HclObjectList = { kind: 'list-of-items', items: [] };
    for (;;) {
      if (inObject) {
        const t = this.scan();
        this.unscan();
        if (t.type === 'RBRACE') break;
      }
      let item: HclItem;
      try {
        item = this.objectItem();
      } catch (err) {
        if (err instanceof EndOfInput) break;
        throw err;
      }
      list.items.push(item);
      if (this.scan().type !== 'COMMA') this.unscan();
    }
    return list;
  }

  private objectItem(): HclItem {
    let keys: HclKey[];
    try {
      keys = this.objectKey();
    } catch (err) {
      const partial = (err as { keys?: HclKey[] }).keys ?? [];
      if (partial.length === 0) throw err instanceof KeyError ? err.cause : err;
      keys = partial;
      // Keys followed by `}` or the end: reported below as a key without `{` or `=`.
      if (!(err instanceof KeyError && err.cause instanceof EndOfInput) && this.tok.type !== 'RBRACE') throw (err as KeyError).cause;
      if (this.tok.type === 'RBRACE') this.tok = { ...this.tok, type: 'EOF' };
    }
    let val: HclNode;
    let assign: Pos = NO_POS;
    switch (this.tok.type) {
      case 'ASSIGN':
        assign = this.tok.pos;
        val = this.value();
        break;
      case 'LBRACE':
        val = this.objectType();
        break;
      default:
        throw at(this.tok.pos, `key '${keys.map((k) => k.text).join(' ')}' expected start of object ('{') or assignment ('=')`);
    }
    return { keys, val, pos: keys[0]!.pos, assign };
  }

  /** Keys up to `=` or `{`. Errors carry the keys read so far (HCL1 returns both). */
  private objectKey(): HclKey[] {
    const keys: HclKey[] = [];
    for (;;) {
      const tok = this.scan();
      switch (tok.type) {
        case 'EOF':
          throw new KeyError(new EndOfInput(), keys);
        case 'ASSIGN':
          if (keys.length > 1) throw new KeyError(at(tok.pos, `nested object expected: LBRACE got: ${tok.type}`), []);
          if (keys.length === 0) throw new KeyError(at(tok.pos, 'no object keys found!'), []);
          return keys;
        case 'LBRACE':
          if (keys.length === 0) throw new KeyError(at(tok.pos, `expected: IDENT | STRING got: ${tok.type}`), []);
          return keys;
        case 'IDENT':
          keys.push({ text: tok.text, value: tok.text, pos: tok.pos });
          break;
        case 'STRING':
          keys.push({ text: tok.text, value: literalFromToken(tok, false).value as string, pos: tok.pos });
          break;
        case 'ILLEGAL':
          throw new KeyError(at(tok.pos, 'illegal character'), keys);
        default:
          throw new KeyError(at(tok.pos, `expected: IDENT | STRING | ASSIGN | LBRACE got: ${tok.type}`), keys);
      }
    }
  }

  /** The value after `=`. */
  private value(): HclNode {
    const tok = this.scan();
    switch (tok.type) {
      case 'NUMBER':
      case 'FLOAT':
      case 'BOOL':
      case 'STRING':
      case 'HEREDOC':
        return literalFromToken(tok, false);
      case 'LBRACE':
        return this.objectType();
      case 'LBRACK':
        return this.listType();
      case 'EOF':
        throw new EndOfInput();
      default:
        throw at(tok.pos, `Unknown token: ${describeToken(tok, true)}`);
    }
  }

  private objectType(): HclObject {
    const pos = this.tok.pos;
    let body: HclObjectList = { kind: 'list-of-items', items: [] };
    try {
      body = this.objectList(true);
    } catch (err) {
      // HCL1 lets an error through only when it did not stop on a closing brace.
      if (this.tok.type !== 'RBRACE') throw err;
    }
    const close = this.scan();
    if (close.type !== 'RBRACE') throw at(close.pos, `object expected closing RBRACE got: ${close.type}`);
    return { kind: 'object', body, pos };
  }

  private listType(): HclList {
    const list: HclList = { kind: 'list', elements: [], pos: this.tok.pos };
    let needComma = false;
    for (;;) {
      const tok = this.scan();
      if (needComma && tok.type !== 'COMMA' && tok.type !== 'RBRACK') {
        throw at(tok.pos, `error parsing list, expected comma or list end, got: ${tok.type}`);
      }
      switch (tok.type as TokenType) {
        case 'BOOL':
        case 'NUMBER':
        case 'FLOAT':
        case 'STRING':
        case 'HEREDOC':
          list.elements.push(literalFromToken(tok, false));
          needComma = true;
          break;
        case 'COMMA':
          needComma = false;
          break;
        case 'LBRACE':
          list.elements.push(this.nested(tok, 'object', () => this.objectType()));
          needComma = true;
          break;
        case 'LBRACK':
          list.elements.push(this.nested(tok, 'list', () => this.listType()));
          break;
        case 'RBRACK':
          return list;
        default:
          throw at(tok.pos, `unexpected token while parsing list: ${tok.type}`);
      }
    }
  }

  private nested<T>(open: Token, what: 'object' | 'list', parse: () => T): T {
    try {
      return parse();
    } catch (err) {
      const inner = err instanceof EndOfInput ? 'EOF token found' : (err as Error).message;
      throw at(open.pos, `error while trying to parse ${what} within list: ${inner}`);
    }
  }
}

/** An objectKey failure together with the keys it had read (HCL1 returns both). */
class KeyError extends Error {
  constructor(
    override readonly cause: Error,
    readonly keys: HclKey[],
  ) {
    super(cause.message);
  }
}

/**
 * Parses HCL1 (or, when it starts with `{`, HCL1's JSON dialect) into a syntax tree.
 * Throws HclSyntaxError with HCL1's message on bad input.
 */
export function parseHcl(src: string): HclFile {
  const text = src.replace(/\r\n/g, '\n');
  if (/^\s*\{/u.test(src)) return { body: parseJson(src), syntax: 'json' };
  return { body: new HclParser(text).parse(), syntax: 'hcl' };
}
