// Typed access to a request's values for one path: get() gives the value or its default,
// getOk() tells whether it was sent (so an update touches only the fields sent).
import { coerceField, CoercionError, goFormat, zeroValue, type FieldSchema } from './field-types.js';

export class FieldData {
  private readonly cache = new Map<string, unknown>();
  constructor(
    readonly raw: Record<string, unknown>,
    readonly schema: Record<string, FieldSchema>,
  ) {}

  /** Checks every sent field converts; returns Vault's cause text for the first one that does not. */
  validate(): string | undefined {
    for (const [name, value] of Object.entries(this.raw)) {
      const field = this.schema[name];
      if (!field) continue;
      try {
        this.cache.set(name, value === null ? undefined : coerceField(field, value));
      } catch (e) {
        const cause = e instanceof CoercionError ? e.message : String(e);
        return `error converting input ${goFormat(value)} for field ${JSON.stringify(name)}: ${cause}`;
      }
    }
    return undefined;
  }

  has(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.raw, name) && this.schema[name] !== undefined;
  }

  /** The converted value and whether it was sent; a sent null reads as the default. */
  getOk<T = unknown>(name: string): [T, boolean] {
    const field = this.schemaOf(name);
    if (!this.has(name)) return [this.defaultOf(field) as T, false];
    if (!this.cache.has(name)) {
      const value = this.raw[name];
      this.cache.set(name, value === null ? undefined : coerceField(field, value));
    }
    const v = this.cache.get(name);
    return [(v === undefined ? this.defaultOf(field) : v) as T, true];
  }

  get<T = unknown>(name: string): T {
    return this.getOk<T>(name)[0];
  }

  private schemaOf(name: string): FieldSchema {
    const field = this.schema[name];
    if (!field) throw new Error(`field ${name} not in the schema`);
    return field;
  }

  private defaultOf(field: FieldSchema): unknown {
    if (field.default !== undefined) return structuredClone(field.default);
    return zeroValue(field.type);
  }
}
