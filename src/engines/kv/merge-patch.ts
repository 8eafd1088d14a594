// JSON merge patch (RFC 7386) as Vault applies it through evanphx/json-patch v5 MergePatch: null removes
// a member; an object merges into an object; anything else replaces. Like that library, nulls inside a
// newly added value are pruned from objects (and from objects nested in arrays) but kept as array elements.

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Sets an own property, so that a member named `__proto__` stays data. */
function setOwn(obj: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function pruneNulls(v: Json): Json {
  if (isObject(v)) {
    const out: Record<string, Json> = {};
    for (const [k, child] of Object.entries(v)) if (child !== null) setOwn(out, k, pruneNulls(child));
    return out;
  }
  if (Array.isArray(v)) return v.map((child) => (child === null ? null : pruneNulls(child)));
  return v;
}

function mergeValue(current: Json, patch: Json): Json {
  if (!isObject(current)) return pruneNulls(patch);
  if (!isObject(patch)) return patch;
  return mergeObjects(current, patch);
}

/** Applies `patch` to `target` without modifying either. */
export function mergeObjects(target: Record<string, Json>, patch: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = structuredClone(target);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete out[k];
      continue;
    }
    const current = Object.prototype.hasOwnProperty.call(out, k) ? out[k] : undefined;
    setOwn(out, k, current === undefined || current === null ? pruneNulls(v) : mergeValue(current, v));
  }
  return out;
}
