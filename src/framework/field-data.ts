// Typed access to a request's values for one path: get() gives the value or its default,
// getOk() tells whether it was sent (so an update touches only the fields sent).
import { coerceField, CoercionError, goFormat, zeroValue, type FieldSchema } from './field-types.js';

export class FieldData {
  /** Converted values by field name (a prototype-less object: lighter than a Map for a few fields). */
  private readonly converted: Record<string, unknown> = Object.create(null);
  constructor(
    readonly raw: Record<string, unknown>,
    readonly schema: Record<string, FieldSchema>,
  ) {}

  /** Checks every sent field converts; returns Vault's cause text for the first one that does not. */
  validate(): string | undefined {
    for (const name of Object.keys(this.raw)) {
      const value = this.raw[name];
      const field = this.schema[name];
      if (!field) continue;
      try {
        this.converted[name] = value === null ? undefined : coerceField(field, value);
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
    return [this.get<T>(name), this.has(name)];
  }

  get<T = unknown>(name: string): T {
    const field = this.schemaOf(name);
    if (!this.has(name)) return this.defaultOf(field) as T;
    if (!(name in this.converted)) {
      const value = this.raw[name];
      this.converted[name] = value === null ? undefined : coerceField(field, value);
    }
    const v = this.converted[name];
    return (v === undefined ? this.defaultOf(field) : v) as T;
  }

  private schemaOf(name: string): FieldSchema {
    const field = this.schema[name];
    if (!field) throw new Error(`field ${name} not in the schema`);
    return field;
  }

  private defaultOf(field: FieldSchema): unknown {
    const d = field.default;
    // Only an object default needs a copy (a handler may change what it gets).
    if (d !== undefined) return typeof d === 'object' && d !== null ? structuredClone(d) : d;
    return zeroValue(field.type);
  }
}
