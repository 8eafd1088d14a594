// HCL1's reflection decoder (hashicorp/hcl v1 decoder.go), reduced to the Go field kinds a policy
// path block decodes into: string, []string, int, interface{}, map[string][]interface{}, and nested
// structs. Written afresh so a malformed policy fails with the same text as Vault, e.g.
// `At 3:18: unknown slice type: *ast.LiteralType` or `At 2:12: root.Policy: unknown type for string *ast.ListType`.
import { filterItems, formatPos, nodePos, type HclItem, type HclNode, type HclObjectList, type Pos } from '../../hcl/index.js';
import { parseGoInt } from '../../hcl/literals.js';
import { HclNumber, type ParameterValue } from './model.js';

/** A decoding failure; the message is already Vault's text. */
export class HclDecodeError extends Error {}

type Node = HclNode | HclItem;

function isItem(node: Node): node is HclItem {
  return 'keys' in node;
}

/** Go's %T of the HCL1 AST node type. */
function goType(node: Node): string {
  if (isItem(node)) return '*ast.ObjectItem';
  switch (node.kind) {
    case 'literal':
      return '*ast.LiteralType';
    case 'list':
      return '*ast.ListType';
    case 'object':
      return '*ast.ObjectType';
    default:
      return '*ast.ObjectList';
  }
}

function posOf(node: Node): Pos {
  if (isItem(node)) return node.keys.length > 0 ? node.pos : node.val ? nodePos(node.val) : node.pos;
  return nodePos(node);
}

/** parser.PosError: `At <line:col>: <message>`. */
function posError(node: Node, message: string): HclDecodeError {
  return new HclDecodeError(`At ${formatPos(posOf(node))}: ${message}`);
}

export function decodeString(name: string, node: Node): string {
  if (!isItem(node) && node.kind === 'literal') return String(node.value);
  throw posError(node, `${name}: unknown type for string ${goType(node)}`);
}

export function decodeInt(name: string, node: Node): number {
  if (!isItem(node) && node.kind === 'literal') {
    if (node.type === 'number') return node.value as number;
    if (node.type === 'string') {
      try {
        return parseGoInt(node.value as string);
      } catch (err) {
        throw new HclDecodeError((err as Error).message);
      }
    }
  }
  throw posError(node, `${name}: unknown type ${goType(node)}`);
}

/** The elements decodeSlice walks: an object list's items, an object itself, or a list's elements. */
function sliceItems(node: Node): Node[] {
  if (isItem(node)) throw posError(node, `unknown slice type: ${goType(node)}`);
  switch (node.kind) {
    case 'list-of-items':
      return node.items;
    case 'object':
      return [node];
    case 'list':
      return node.elements;
    default:
      throw posError(node, `unknown slice type: ${goType(node)}`);
  }
}

export function decodeSlice<T>(name: string, node: Node, element: (name: string, node: Node) => T, existing: T[] = []): T[] {
  return [...existing, ...sliceItems(node).map((item, i) => element(`${name}[${i}]`, item))];
}

/** decodeInterface: literals keep their type; objects become maps directly inside a slice, else lists of maps. */
export function decodeInterface(name: string, node: Node, insideSlice: boolean): ParameterValue {
  const target = !isItem(node) && node.kind === 'object' ? node.body : node;
  if (isItem(target)) throw new HclDecodeError(`${name}: cannot decode into interface: ${goType(target)}`);
  switch (target.kind) {
    case 'literal':
      if (target.type === 'number' || target.type === 'float') return new HclNumber(target.value as number);
      return target.value as string | boolean;
    case 'list':
      return decodeSlice(name, target, (n, el) => decodeInterface(n, el, true));
    default:
      if (insideSlice) return decodeMap(name, node, (n, v) => decodeInterface(n, v, false));
      return [decodeMap(name, node, (n, v) => decodeInterface(n, v, false))];
  }
}

/** decodeMap over string keys; a repeated key decodes into (and, for slices, appends to) the earlier value. */
export function decodeMap<T>(
  name: string,
  node: Node,
  value: (name: string, node: Node, existing: T | undefined) => T,
  out: Record<string, T> = Object.create(null) as Record<string, T>,
): Record<string, T> {
  const list = asObjectList(node);
  if (!list) throw posError(node, `${name}: not an object type for map (${goType(node)})`);
  const done = new Set<string>();
  for (const item of list.items) {
    if (!item.val) continue;
    if (item.keys.length === 0) throw posError(list, `${name}: map must have string keys`);
    const key = item.keys[0]!.value;
    if (done.has(key)) continue;
    let val: Node = item.val;
    if (item.keys.length > 1) {
      val = filterItems(list, key);
      done.add(key);
    }
    out[key] = value(`${name}.${key}`, val, out[key]);
  }
  return out;
}

function asObjectList(node: Node): HclObjectList | undefined {
  if (isItem(node)) return { kind: 'list-of-items', items: [node] };
  if (node.kind === 'object') return node.body;
  if (node.kind === 'list-of-items') return node;
  return undefined;
}

/** The struct body decodeStruct walks: an item's value, an object's list, or a literal item as a list of itself. */
export function structBody(name: string, node: Node): HclObjectList {
  let target: Node = node;
  if (isItem(node)) {
    if (node.val?.kind === 'literal') return { kind: 'list-of-items', items: [node] };
    target = node.val ?? node;
  }
  const list = isItem(target) ? undefined : target.kind === 'object' ? target.body : target.kind === 'list-of-items' ? target : undefined;
  if (!list) throw posError(target, `${name}: not an object type for struct (${goType(target)})`);
  return list;
}

/**
 * The nodes decodeStruct decodes one field from, in its order: the labelled items (`key "x" {…}`) as
 * one object list, then each `key = …` / `key {…}` value (an object's body as a list).
 */
export function fieldNodes(list: HclObjectList, fieldName: string): Node[] {
  const filtered = filterItems(list, fieldName);
  const children = filtered.items.filter((i) => i.keys.length > 0);
  const exact = filtered.items.filter((i) => i.keys.length === 0);
  const nodes: Node[] = [];
  if (children.length > 0) nodes.push({ kind: 'list-of-items', items: children });
  for (const match of exact) {
    if (!match.val) continue;
    nodes.push(match.val.kind === 'object' ? match.val.body : match.val);
  }
  return nodes;
}
