// Command-line flags parsed the way Vault's CLI parses them: Go's `flag` package (one or two dashes,
// `-name=value` or `-name value`, bool flags never take the next argument, parsing stops at the first
// non-flag argument or `--`), with Vault's extras: an environment variable may supply a flag's default,
// and string-slice flags collect every occurrence (command/base_flags.go).
import { parseGoBool } from '../framework/field-types.js';

export type FlagKind = 'bool' | 'string' | 'int' | 'duration' | 'stringSlice';

export interface FlagDef {
  name: string;
  kind: FlagKind;
  /** Environment variable that supplies the default (a flag on the command line wins). */
  env?: string;
}

export type FlagValue = boolean | string | number | string[];

export interface ParsedFlags {
  /** Values of flags set on the command line or through their environment variable. */
  values: Map<string, FlagValue>;
  /** Flags given on the command line (not through the environment). */
  given: Set<string>;
  /** Arguments left after the flags. */
  rest: string[];
}

/** A flag error, with Go's `flag` package wording (e.g. `flag provided but not defined: -foo`). */
export class FlagError extends Error {}


function convert(def: FlagDef, raw: string, previous: FlagValue | undefined): FlagValue {
  switch (def.kind) {
    case 'bool': {
      const b = parseGoBool(raw);
      if (b === undefined) throw new FlagError(`invalid boolean value ${JSON.stringify(raw)} for -${def.name}: parse error`);
      return b;
    }
    case 'int':
      if (!/^[-+]?\d+$/.test(raw)) throw new FlagError(`invalid value ${JSON.stringify(raw)} for flag -${def.name}: parse error`);
      return Number.parseInt(raw, 10);
    case 'stringSlice':
      return [...(Array.isArray(previous) ? previous : []), raw.trim()];
    default:
      return raw;
  }
}

export function parseFlags(defs: FlagDef[], args: string[], env: Record<string, string | undefined>): ParsedFlags {
  const byName = new Map(defs.map((d) => [d.name, d]));
  const values = new Map<string, FlagValue>();
  const given = new Set<string>();
  for (const def of defs) {
    const fromEnv = def.env ? env[def.env] : undefined;
    if (fromEnv !== undefined && fromEnv !== '') {
      try {
        values.set(def.name, convert(def, fromEnv, undefined));
      } catch {
        // Vault ignores an unparsable environment default.
      }
    }
  }
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.length < 2 || arg[0] !== '-') break;
    let body = arg.slice(1);
    if (body[0] === '-') {
      body = body.slice(1);
      if (body === '') {
        i++;
        break; // "--" ends the flags
      }
    }
    if (body === '' || body[0] === '-' || body[0] === '=') throw new FlagError(`bad flag syntax: ${arg}`);
    const eq = body.indexOf('=');
    const name = eq === -1 ? body : body.slice(0, eq);
    const def = byName.get(name);
    if (!def) throw new FlagError(`flag provided but not defined: -${name}`);
    let raw: string;
    if (eq !== -1) raw = body.slice(eq + 1);
    else if (def.kind === 'bool') raw = 'true';
    else {
      if (i + 1 >= args.length) throw new FlagError(`flag needs an argument: -${name}`);
      raw = args[++i]!;
    }
    // A slice flag given on the command line replaces an environment default rather than extending it.
    const previous = given.has(name) ? values.get(name) : undefined;
    values.set(name, convert(def, raw, previous));
    given.add(name);
  }
  return { values, given, rest: args.slice(i) };
}
