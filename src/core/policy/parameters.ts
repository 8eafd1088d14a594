// allowed_parameters / denied_parameters / required_parameters against a request's top-level data
// (vault/acl.go AllowOperation, valueInParameterList, valueInSlice; go-secure-stdlib strutil.GlobbedStringsMatch).
import { HclNumber, type ParameterValue, type Permissions } from './model.js';

const has = (data: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(data, key);

/** Whether the request data satisfies the rule's parameter constraints. */
export function parametersAllowed(perms: Permissions, data: Record<string, unknown>): boolean {
  for (const required of perms.requiredParameters) {
    if (!has(data, required.toLowerCase())) return false;
  }
  const keys = Object.keys(data);
  if (keys.length === 0) return true;

  const denied = perms.deniedParameters;
  if (denied && denied.size > 0) {
    if (denied.has('*')) return false;
    for (const key of keys) {
      const values = denied.get(key.toLowerCase());
      if (values && valueInParameterList(data[key], values)) return false;
    }
  }

  const allowed = perms.allowedParameters;
  if (!allowed || allowed.size === 0) return true;
  const allowedAll = allowed.has('*');
  if (allowed.size === 1 && allowedAll) return true;
  for (const key of keys) {
    const values = allowed.get(key.toLowerCase());
    if (!values && !allowedAll) return false;
    if (values && !valueInParameterList(data[key], values)) return false;
  }
  return true;
}

/** An empty list allows any value. */
function valueInParameterList(value: unknown, list: ParameterValue[]): boolean {
  if (list.length === 0) return true;
  return list.some((el) => {
    if (value === null || value === undefined) return false;
    if (typeof el === 'string' && typeof value === 'string') return globbedStringsMatch(el, value);
    return deepEqual(el, value);
  });
}

/** A leading and/or trailing `*` in the allowed value is a wildcard. */
export function globbedStringsMatch(item: string, value: string): boolean {
  if (item.length < 2) return value === item;
  const prefix = item.startsWith('*');
  const suffix = item.endsWith('*');
  if (prefix && suffix) return value.includes(item.slice(1, -1));
  if (prefix) return value.endsWith(item.slice(1));
  if (suffix) return value.startsWith(item.slice(0, -1));
  return value === item;
}

/** reflect.DeepEqual between an HCL-decoded value and a request value (whose numbers are json.Number). */
function deepEqual(el: ParameterValue, value: unknown): boolean {
  if (el instanceof HclNumber) return false;
  if (typeof el === 'string' || typeof el === 'boolean') return el === value;
  if (Array.isArray(el)) {
    return Array.isArray(value) && value.length === el.length && el.every((e, i) => deepEqual(e, value[i]));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const a = Object.keys(el);
  const b = Object.keys(value);
  return a.length === b.length && a.every((k) => has(value as Record<string, unknown>, k) && deepEqual(el[k]!, (value as Record<string, unknown>)[k]));
}
