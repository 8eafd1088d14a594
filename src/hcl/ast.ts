// The syntax tree of an HCL1 document, shaped like HashiCorp's hcl v1 `ast` package (the library Vault
// parses server configs and ACL policies with), so Vault's own walks over it (`Filter`, per-item decoding,
// key checks with line numbers) can be reproduced faithfully. JSON input produces the same tree.

/** A source position. Lines and columns start at 1; JSON-sourced keys and values carry line 0, as in HCL1. */
export interface Pos {
  line: number;
  column: number;
}

export const NO_POS: Pos = { line: 0, column: 0 };

export interface HclKey {
  /** The key as written: an identifier or a quoted string (still quoted). */
  text: string;
  /** The decoded key. */
  value: string;
  pos: Pos;
}

/** `keys… = value` or `keys… { … }`. `val` is absent only for a JSON key without a value. */
export interface HclItem {
  keys: HclKey[];
  val: HclNode | undefined;
  /** Position of the first key (HCL1's ObjectItem.Pos). */
  pos: Pos;
  /** Position of the `=` (or JSON `:`); line 0 for a block, which has none (HCL1's ObjectItem.Assign). */
  assign: Pos;
}

export interface HclObjectList {
  kind: 'list-of-items';
  items: HclItem[];
}

export interface HclObject {
  kind: 'object';
  body: HclObjectList;
  pos: Pos;
}

export interface HclList {
  kind: 'list';
  elements: HclNode[];
  pos: Pos;
}

export type LiteralType = 'number' | 'float' | 'bool' | 'string' | 'heredoc';

export interface HclLiteral {
  kind: 'literal';
  type: LiteralType;
  value: string | number | boolean;
  pos: Pos;
}

export type HclNode = HclObject | HclList | HclLiteral | HclObjectList;

/** A parsed document: its top level is a list of items. */
export interface HclFile {
  body: HclObjectList;
  /** 'json' when the input started with `{` (HCL1 then uses its JSON parser). */
  syntax: 'hcl' | 'json';
}

/** "line:column", or "-" for an unknown position (token.Pos.String in hcl v1). */
export function formatPos(pos: Pos, filename = ''): string {
  let s = filename;
  if (pos.line > 0) s += `${s ? ':' : ''}${pos.line}:${pos.column}`;
  return s === '' ? '-' : s;
}

/** A syntax error; `message` is HCL1's text, e.g. `At 3:7: object expected closing RBRACE got: EOF`. */
export class HclSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos?: Pos,
  ) {
    super(message);
    this.name = 'HclSyntaxError';
  }
}

/** Position of any node (an object list has the position of its first item). */
export function nodePos(node: HclNode): Pos {
  if (node.kind === 'list-of-items') return node.items[0]?.pos ?? NO_POS;
  return node.pos;
}

/**
 * The items whose leading keys match `keys` (case-insensitively, like HCL1's ObjectList.Filter),
 * with those keys removed: `filterItems(root, 'listener')` on `listener "tcp" {…}` yields one item
 * keyed `["tcp"]`.
 */
export function filterItems(list: HclObjectList, ...keys: string[]): HclObjectList {
  const items: HclItem[] = [];
  for (const item of list.items) {
    if (item.keys.length < keys.length) continue;
    const match = keys.every((k, i) => {
      const v = item.keys[i]!.value;
      return v === k || v.toLowerCase() === k.toLowerCase();
    });
    if (!match) continue;
    const rest = item.keys.slice(keys.length);
    items.push({ keys: rest, val: item.val, pos: rest[0]?.pos ?? item.pos, assign: item.assign });
  }
  return { kind: 'list-of-items', items };
}

/** The object list inside a block value (`{ … }`), or undefined when the value is not an object. */
export function objectBody(node: HclNode | undefined): HclObjectList | undefined {
  if (!node) return undefined;
  if (node.kind === 'object') return node.body;
  if (node.kind === 'list-of-items') return node;
  return undefined;
}

/**
 * One message per item whose first key is not in `valid`: `invalid key "x" on line N`, where N is the
 * line of its `=` (0 for a block), as Vault's hclutil.CheckHCLKeys reports them (sdk/helper/hclutil/hcl.go).
 */
export function invalidKeys(list: HclObjectList, valid: readonly string[]): string[] {
  const allowed = new Set(valid);
  return list.items
    .filter((item) => item.keys.length > 0 && !allowed.has(item.keys[0]!.value))
    .map((item) => `invalid key ${JSON.stringify(item.keys[0]!.value)} on line ${item.assign.line}`);
}
