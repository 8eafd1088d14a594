// HCL1's JSON dialect (json/parser/parser.go and flatten.go in hashicorp/hcl v1), written afresh.
// It yields the same tree as HCL: `{"listener": {"tcp": {…}}}` and `{"listener": [{"tcp": {…}}]}` both
// become an item keyed `listener "tcp"`, because nested objects of objects are flattened into multi-key
// items. Like HCL1 it is lenient: booleans inside lists are dropped, a missing closing brace is not an
// error, and keys and values carry no position (line 0). Parser errors have no position either.
import { HclSyntaxError, NO_POS, type HclItem, type HclKey, type HclList, type HclNode, type HclObject, type HclObjectList } from './ast.js';
import { describeToken, literalFromToken } from './literals.js';
import { Scanner, type Token } from './scanner.js';

class EndOfInput extends Error {}

class JsonParser {
  private readonly scanner: Scanner;
  private tok!: Token;

  constructor(src: string) {
    this.scanner = new Scanner(src, true);
  }

  parse(): HclObjectList {
    let body: HclObjectList | undefined;
    let failure: unknown;
    try {
      const first = this.scan();
      if (first.type === 'EOF') throw new HclSyntaxError('EOF token found');
      if (first.type !== 'LBRACE') throw new HclSyntaxError(`Expected object, got unknown token: ${describeToken(first, false)}`);
      body = this.objectType().body;
    } catch (err) {
      failure = err;
    }
    if (this.scanner.error) throw this.scanner.error;
    if (failure) throw failure;
    flatten(body!);
    return body!;
  }

  private scan(): Token {
    this.tok = this.scanner.scan();
    return this.tok;
  }

  private objectList(): HclObjectList {
    const list: HclObjectList = { kind: 'list-of-items', items: [] };
    for (;;) {
      try {
        list.items.push(this.objectItem());
      } catch (err) {
        if (err instanceof EndOfInput) break;
        throw err;
      }
      if (this.scan().type !== 'COMMA') break;
    }
    return list;
  }

  private objectItem(): HclItem {
    const keys: HclKey[] = [];
    for (;;) {
      const tok = this.scan();
      if (tok.type === 'EOF') throw new EndOfInput();
      if (tok.type === 'STRING') {
        keys.push({ text: tok.text, value: literalFromToken(tok, true).value as string, pos: NO_POS });
        continue;
      }
      if (tok.type === 'COLON' && keys.length > 0) return { keys, val: this.objectValue(), pos: NO_POS, assign: tok.pos };
      if (tok.type === 'ILLEGAL') throw new HclSyntaxError('illegal');
      throw new HclSyntaxError(`expected: STRING got: ${tok.type}`);
    }
  }

  private objectValue(): HclNode {
    const tok = this.scan();
    switch (tok.type) {
      case 'NUMBER':
      case 'FLOAT':
      case 'BOOL':
      case 'NULL':
      case 'STRING':
        return literalFromToken(tok, true);
      case 'LBRACE':
        return this.objectType();
      case 'LBRACK':
        return this.listType();
      case 'EOF':
        throw new EndOfInput();
      default:
        throw new HclSyntaxError(`Expected object value, got unknown token: ${describeToken(tok, false)}`);
    }
  }

  private objectType(): HclObject {
    let body: HclObjectList = { kind: 'list-of-items', items: [] };
    try {
      body = this.objectList();
    } catch (err) {
      // `{}` fails on its first key, then counts as an empty object because it stopped on `}`.
      if (this.tok.type !== 'RBRACE') throw err;
    }
    return { kind: 'object', body, pos: NO_POS };
  }

  private listType(): HclList {
    const list: HclList = { kind: 'list', elements: [], pos: NO_POS };
    for (;;) {
      const tok = this.scan();
      switch (tok.type) {
        case 'NUMBER':
        case 'FLOAT':
        case 'STRING':
          list.elements.push(literalFromToken(tok, true));
          break;
        case 'LBRACE':
          list.elements.push(this.objectType());
          break;
        case 'COMMA':
        case 'BOOL': // HCL1 drops booleans inside JSON lists
        case 'LBRACK': // and reads a nested list's elements as its own
          break;
        case 'RBRACK':
          return list;
        default:
          throw new HclSyntaxError(`unexpected token while parsing list: ${tok.type}`);
      }
    }
  }
}

/** Splits an item whose value is an object of objects (or a list of objects) into multi-key items. */
function expand(item: HclItem, out: HclItem[]): void {
  const val = item.val;
  if (val?.kind === 'object' && val.body.items.length > 0 && val.body.items.every((s) => s.val?.kind === 'object')) {
    for (const sub of val.body.items) expand({ keys: [...item.keys, ...sub.keys], val: sub.val, pos: item.pos, assign: item.assign }, out);
    return;
  }
  if (val?.kind === 'list' && val.elements.length > 0 && val.elements.every((e) => e.kind === 'object')) {
    for (const el of val.elements) expand({ keys: item.keys, val: el, pos: item.pos, assign: item.assign }, out);
    return;
  }
  out.push(item);
}

function flatten(list: HclObjectList): void {
  const items: HclItem[] = [];
  for (const item of list.items) expand(item, items);
  list.items = items;
  for (const item of items) flattenValue(item.val);
}

function flattenValue(node: HclNode | undefined): void {
  if (node?.kind === 'object') flatten(node.body);
  else if (node?.kind === 'list') for (const el of node.elements) flattenValue(el);
}

export function parseJson(src: string): HclObjectList {
  return new JsonParser(src).parse();
}
