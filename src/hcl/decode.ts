// Syntax tree → plain values, in the shape HCL1's decoder gives when decoding into Go's
// `map[string]interface{}` (decoder.go decodeInterface/decodeMap/decodeSlice in hashicorp/hcl v1):
//   * the top level is an object;
//   * every block or object value below it becomes an ARRAY of objects, and repeating a block appends
//     to that array: `listener "tcp" {…}` twice → `{ listener: [{ tcp: [{…}] }, { tcp: [{…}] }] }`;
//   * objects directly inside a list stay objects: `x = [{a = 1}]` → `{ x: [{ a: 1 }] }`;
//   * a repeated plain attribute keeps its last value.
// Callers that want Vault's exact semantics (key checks, per-block decoding) walk the tree with
// `filterItems` instead; this shape is for reading simple values.
import { filterItems, type HclFile, type HclItem, type HclNode, type HclObjectList } from './ast.js';

export type HclValue = string | number | boolean | HclValue[] | { [key: string]: HclValue };
export type HclMap = { [key: string]: HclValue };

type Context = 'map' | 'slice';

function bodyOf(node: HclNode | HclItem): HclObjectList {
  if ('keys' in node) return { kind: 'list-of-items', items: [node] };
  if (node.kind === 'object') return node.body;
  if (node.kind === 'list-of-items') return node;
  return { kind: 'list-of-items', items: [] };
}

function decodeMap(list: HclObjectList, into: HclMap = {}): HclMap {
  const done = new Set<string>();
  for (const item of list.items) {
    if (!item.val || item.keys.length === 0) continue;
    const key = item.keys[0]!.value;
    if (done.has(key)) continue;
    let node: HclNode = item.val;
    if (item.keys.length > 1) {
      // All `key …` items at once, each keeping its remaining keys.
      node = filterItems(list, key);
      done.add(key);
    }
    into[key] = decodeInto(into[key], node);
  }
  return into;
}

/** A value for a map entry, appending to an existing array as HCL1 does for repeated blocks. */
function decodeInto(existing: HclValue | undefined, node: HclNode): HclValue {
  if (Array.isArray(existing) && node.kind !== 'literal') return [...existing, ...decodeSlice(node)];
  return decodeValue(node, 'map');
}

function decodeSlice(node: HclNode): HclValue[] {
  if (node.kind === 'list') return node.elements.map((el) => decodeValue(el, 'slice'));
  if (node.kind === 'list-of-items') {
    return node.items.map((item) => (item.keys.length > 0 ? decodeMap(bodyOf(item)) : decodeMap(bodyOf(item.val ?? node))));
  }
  return [decodeMap(bodyOf(node))];
}

function decodeValue(node: HclNode, context: Context): HclValue {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'list':
      return decodeSlice(node);
    default:
      // Objects become maps at the top and inside lists, and one-element arrays of maps elsewhere.
      return context === 'slice' ? decodeMap(bodyOf(node)) : decodeSlice(node);
  }
}

/** The whole document as plain values (see the file comment for the shape). */
export function decodeHcl(file: HclFile): HclMap {
  return decodeMap(file.body);
}

/** One block's body (`{ … }`) as a plain object, the way Vault decodes a single stanza into a map. */
export function decodeBody(node: HclNode | undefined): HclMap {
  return node ? decodeMap(bodyOf(node)) : {};
}
