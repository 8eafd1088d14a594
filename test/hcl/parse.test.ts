// The HCL1 parser: syntax, values, the decoded shape and HCL1's error texts with line:column.
import { describe, expect, it } from 'vitest';
import { filterItems, invalidKeys, objectBody, type HclLiteral } from '../../src/hcl/ast.js';
import { decodeBody, decodeHcl } from '../../src/hcl/decode.js';
import { parseHcl } from '../../src/hcl/parse.js';

const decode = (src: string) => decodeHcl(parseHcl(src));
const errorOf = (src: string): string => {
  try {
    parseHcl(src);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('parsed without error');
};

describe('HCL1 blocks and attributes', () => {
  it('decodes labelled blocks into arrays of objects, appending repeated blocks', () => {
    const src = `
listener "tcp" {
  address     = "127.0.0.1:8200"
  tls_disable = true
}
listener "tcp" {
  address = "0.0.0.0:8300"
}
storage "inmem" {}
ui = true
`;
    expect(decode(src)).toEqual({
      listener: [{ tcp: [{ address: '127.0.0.1:8200', tls_disable: true }] }, { tcp: [{ address: '0.0.0.0:8300' }] }],
      storage: [{ inmem: [{}] }],
      ui: true,
    });
  });

  it('accepts blocks with zero, one and two labels, and several items on one line', () => {
    expect(decode('telemetry { a = 1 } seal "awskms" { region = "us-east-1" } a "b" "c" { d = "e" }')).toEqual({
      telemetry: [{ a: 1 }],
      seal: [{ awskms: [{ region: 'us-east-1' }] }],
      a: [{ b: [{ c: [{ d: 'e' }] }] }],
    });
  });

  it('keeps the last value of a repeated attribute', () => {
    expect(decode('a = 1\na = 2')).toEqual({ a: 2 });
  });

  it('decodes nested maps in attribute and block form the same way', () => {
    const attr = decode('path "a" { allowed_parameters = { "ttl" = [] "*" = ["x", "y"] } }');
    const block = decode('path "a" { allowed_parameters { "ttl" = [] "*" = ["x", "y"] } }');
    expect(attr).toEqual({ path: [{ a: [{ allowed_parameters: [{ ttl: [], '*': ['x', 'y'] }] }] }] });
    expect(block).toEqual(attr);
  });

  it('keeps objects inside lists as plain objects', () => {
    expect(decode('x = [{ a = 1 }, { b = "c" }]')).toEqual({ x: [{ a: 1 }, { b: 'c' }] });
  });

  it('decodes one block body as Vault decodes a stanza into a map', () => {
    const root = parseHcl('storage "raft" {\n  path = "/data"\n  retry_join { leader_api_addr = "https://a" }\n  retry_join { leader_api_addr = "https://b" }\n}').body;
    const [storage] = filterItems(root, 'storage').items;
    expect(storage!.keys.map((k) => k.value)).toEqual(['raft']);
    expect(decodeBody(storage!.val)).toEqual({ path: '/data', retry_join: [{ leader_api_addr: 'https://a' }, { leader_api_addr: 'https://b' }] });
  });

  it('filters items by key case-insensitively and keeps positions', () => {
    const root = parseHcl('# c\nListener "tcp" {\n  address = "x"\n}\nlistener "unix" {}\n').body;
    const items = filterItems(root, 'listener').items;
    expect(items.map((i) => i.keys[0]!.value)).toEqual(['tcp', 'unix']);
    expect(root.items[0]!.pos).toEqual({ line: 2, column: 1 });
    expect(root.items[1]!.pos).toEqual({ line: 5, column: 1 });
  });
});

describe('HCL1 values', () => {
  it('reads numbers as Go does: decimal, hex, leading-zero octal, negative, floats', () => {
    expect(decode('a = 10\nb = 0x1F\nc = 010\nd = -5\ne = 1.5\nf = 2e3\ng = 0')).toEqual({ a: 10, b: 31, c: 8, d: -5, e: 1.5, f: 2000, g: 0 });
    const lit = parseHcl('e = 1.5').body.items[0]!.val as HclLiteral;
    expect(lit.type).toBe('float');
  });

  it('reads booleans and lists with a trailing comma and nested lists', () => {
    expect(decode('a = true\nb = false\nc = ["x", "y",]\nd = [[1, 2], ["z"]]\ne = []')).toEqual({
      a: true,
      b: false,
      c: ['x', 'y'],
      d: [[1, 2], ['z']],
      e: [],
    });
  });

  it('resolves string escapes and keeps ${…} interpolations verbatim', () => {
    expect(decode('a = "tab\\there \\"q\\" back\\\\slash \\u00e9 \\x41 \\101"\nb = "${foo("x\\n")} {{identity.entity.id}}"')).toEqual({
      a: 'tab\there "q" back\\slash é A A',
      b: '${foo("x\\n")} {{identity.entity.id}}',
    });
  });

  it('reads heredocs, keeping the text up to the closing marker', () => {
    expect(decode('a = <<EOF\nline one\n  line two\nEOF\n')).toEqual({ a: 'line one\n  line two\n' });
  });

  it('strips the common indentation of <<- heredocs', () => {
    expect(decode('a = <<-EOT\n    {\n      "x": 1\n    }\n    EOT\n')).toEqual({ a: '{\n  "x": 1\n}\n' });
  });

  it('only trims trailing blanks of a <<- heredoc whose lines are not all indented', () => {
    expect(decode('a = <<-EOT\n  one\ntwo\n  EOT\n')).toEqual({ a: '  one\ntwo\n' });
  });

  it('ignores #, // and /* */ comments anywhere', () => {
    const src = `# leading
// another
a = 1 # trailing
/* block
   comment */ b = [ /* inside */ "x", // after
  "y" ]
c { /* empty */ }
`;
    expect(decode(src)).toEqual({ a: 1, b: ['x', 'y'], c: [{}] });
  });

  it('treats CRLF line endings like LF', () => {
    expect(decode('a = 1\r\nb = <<EOF\r\nx\r\nEOF\r\n')).toEqual({ a: 1, b: 'x\n' });
  });
});

describe('HCL1 syntax errors, with HCL1 texts and line:column', () => {
  it.each([
    // Each look at the end of input moves HCL1's column one further, hence 3:2 here and 1:5 below.
    ['path "x" {\n  capabilities = ["read"]\n', 'At 3:2: object expected closing RBRACE got: EOF'],
    ['path "x" {\n  capabilities = ["read"\n}', 'At 3:2: object expected closing RBRACE got: EOF'],
    ['foo', "At 1:5: key 'foo' expected start of object ('{') or assignment ('=')"],
    ['path "x"\n', `At 2:1: key 'path "x"' expected start of object ('{') or assignment ('=')`],
    ['a = "unterminated\n', 'At 1:18: literal not terminated'],
    ['a b c = 1', 'At 1:7: nested object expected: LBRACE got: ASSIGN'],
    ['a = [1 2]', 'At 1:8: error parsing list, expected comma or list end, got: NUMBER'],
    ['= 1', 'At 1:1: no object keys found!'],
    ['not a valid hcl', "At 1:17: key 'not a valid hcl' expected start of object ('{') or assignment ('=')"],
    ['a = b', 'At 1:5: Unknown token: {Type:IDENT Pos:{Filename: Offset:4 Line:1 Column:5} Text:b JSON:false}'],
    ['a = "\\q"', 'At 1:7: illegal char escape'],
    ['a = 1\n/* open', 'At 2:8: comment not terminated'],
    ['a = <<EOF\nno end\n', 'At 3:1: heredoc not terminated'],
    ['a = 1 }', 'At 1:7: expected: IDENT | STRING | ASSIGN | LBRACE got: RBRACE'],
    ['a = [ { b = } ]', 'At 1:7: error while trying to parse object within list: At 1:15: object expected closing RBRACE got: RBRACK'],
    ['a = 1\nb = @', 'At 2:5: illegal char'],
  ])('%j → %s', (src, expected) => {
    expect(errorOf(src)).toBe(expected);
  });
});

describe('JSON input (HCL1 reads JSON too)', () => {
  it('flattens objects of objects into labelled items, so JSON and HCL decode alike', () => {
    const json = '{"path": {"secret/*": {"capabilities": ["read", "list"]}, "sys/health": {"capabilities": ["read"]}}}';
    const hcl = 'path "secret/*" { capabilities = ["read", "list"] }\npath "sys/health" { capabilities = ["read"] }';
    expect(decode(json)).toEqual(decode(hcl));
    const items = filterItems(parseHcl(json).body, 'path').items;
    expect(items.map((i) => i.keys[0]!.value)).toEqual(['secret/*', 'sys/health']);
    expect(parseHcl(json).syntax).toBe('json');
  });

  it('reads a list of objects as repeated blocks', () => {
    const json = '{"listener": [{"tcp": {"address": "a:1"}}, {"tcp": {"address": "b:2", "tls_disable": true}}], "ui": true}';
    expect(decode(json)).toEqual({ listener: [{ tcp: [{ address: 'a:1' }] }, { tcp: [{ address: 'b:2', tls_disable: true }] }], ui: true });
  });

  it('keeps HCL1 JSON quirks: null is "", booleans in lists are dropped, {} is an empty block', () => {
    expect(decode('  {"a": null, "b": [true, 1, "x"], "c": {}, "d": 1.5, "e": "\\u00e9\\n"}')).toEqual({ a: '', b: [1, 'x'], c: [{}], d: 1.5, e: 'é\n' });
  });

  it('reports JSON errors as HCL1 does', () => {
    expect(errorOf('{"a": tru}')).toBe('1:9: illegal char');
    expect(errorOf('{"a": "x\n"}')).toBe('1:9: literal not terminated');
    expect(errorOf('{"a" 1}')).toBe('expected: STRING got: NUMBER');
    expect(errorOf('{"a": [null]}')).toBe('unexpected token while parsing list: NULL');
    expect(errorOf('{"a": :}')).toBe('Expected object value, got unknown token: {Type:COLON Pos:{Filename: Offset:6 Line:1 Column:7} Text::}');
  });
});

describe('key checks, as Vault reports unknown keys', () => {
  it('names each unknown key with the line of its = (0 for a block), in HCL and JSON', () => {
    const hcl = parseHcl('path "a" {\n  capabilities = ["read"]\n  policy = "read"\n  bogus = 1\n  nested { x = 1 }\n}\n').body;
    const block = objectBody(filterItems(hcl, 'path').items[0]!.val)!;
    expect(invalidKeys(block, ['capabilities', 'policy'])).toEqual(['invalid key "bogus" on line 4', 'invalid key "nested" on line 0']);
    expect(invalidKeys(hcl, ['path'])).toEqual([]);

    const json = parseHcl('{\n  "path": {\n    "a": {\n      "capabilities": ["read"],\n      "bogus": 1\n    }\n  },\n  "name": "x"\n}').body;
    const jsonBlock = objectBody(filterItems(json, 'path').items[0]!.val)!;
    expect(invalidKeys(jsonBlock, ['capabilities'])).toEqual(['invalid key "bogus" on line 5']);
    expect(invalidKeys(json, ['path'])).toEqual(['invalid key "name" on line 8']);
  });
});
