// HCL1 for vault-emu: server configuration files and ACL policies (Vault parses both with hashicorp/hcl v1).
//   parseHcl(text)        → syntax tree (HCL or, when the text starts with `{`, HCL1's JSON dialect)
//   filterItems(list, k)  → the `k …` items, as Vault walks a file (`path "…" {…}`, `listener "tcp" {…}`)
//   decodeBody(node)      → one block's body as plain values; decodeHcl(file) → the whole file
// Syntax errors are HclSyntaxError with HCL1's text, e.g. `At 3:7: object expected closing RBRACE got: EOF`.
export { filterItems, formatPos, HclSyntaxError, invalidKeys, nodePos, objectBody } from './ast.js';
export type { HclFile, HclItem, HclKey, HclList, HclLiteral, HclNode, HclObject, HclObjectList, Pos } from './ast.js';
export { decodeBody, decodeHcl, type HclMap, type HclValue } from './decode.js';
export { parseHcl } from './parse.js';
