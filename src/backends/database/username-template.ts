// Vault's sdk/helper/template: Go text/template with a fixed function set, for username templates.
// This is the subset those templates use: text, {{ pipelines }}, .Field, string/number literals,
// parentheses, `|`, printf and the sdk's functions. Anything else is a parse error, as Go would give.
import { createHash } from 'node:crypto';
import { formatGoTime } from './go-time.js';

export interface TemplateEnv {
  /** n base62 characters (base62.Random), from the emulator's random source. */
  base62(n: number): string;
  uuid(): string;
  /** The time the template is rendered at (ms since the epoch). */
  now: number;
}

export interface UsernameMetadata {
  DisplayName: string;
  RoleName: string;
}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pipeline: Command[] };
/** A command and its operands keep their byte offset and source text: Go's execution errors name both. */
interface Command {
  pos: number;
  args: Operand[];
}
type Operand = { pos: number } & (
  | { kind: 'field'; name: string }
  | { kind: 'dot' }
  | { kind: 'string'; value: string; text: string }
  | { kind: 'number'; value: number; text: string }
  | { kind: 'ident'; name: string }
  | { kind: 'sub'; pipeline: Command[] }
);

export class TemplateError extends Error {}

/** go-uuid's GenerateUUID (the template's `uuid`): 16 random bytes as 8-4-4-4-12 hex, no version bits set. */
export function goUuid(random: { bytes(n: number): Buffer }): string {
  const h = random.bytes(16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** An argument of the wrong type (reported without Go's `error calling` prefix). */
class ArgumentTypeError extends Error {}

/** An execution error at a node: rendered as text/template's `template:LINE:COL: executing "template" at <NODE>: …`. */
class ExecError extends Error {
  constructor(
    readonly pos: number,
    readonly node: string,
    message: string,
  ) {
    super(message);
  }
}

const FUNCTIONS = new Set(['random', 'truncate', 'truncate_sha256', 'uppercase', 'lowercase', 'replace', 'sha256', 'base64', 'unix_time', 'unix_time_millis', 'timestamp', 'uuid', 'printf']);

export class UsernameTemplate {
  private constructor(
    private readonly raw: string,
    private readonly nodes: Node[],
  ) {}

  /** template.NewTemplate: errors are `unable to parse template: …` (or `missing template`). */
  static parse(raw: string): UsernameTemplate {
    if (raw === '') throw new TemplateError('missing template');
    if (raw.length >= 100000) throw new TemplateError('template too large, length of template must be less than 100,000');
    try {
      return new UsernameTemplate(raw, parseTemplate(raw));
    } catch (e) {
      throw new TemplateError(`unable to parse template: template: template:1: ${(e as Error).message}`);
    }
  }

  /** StringTemplate.Generate: errors are `unable to apply template: …`. */
  generate(data: UsernameMetadata, env: TemplateEnv): string {
    try {
      return this.nodes.map((n) => (n.kind === 'text' ? n.text : String(runPipeline(n.pipeline, data, env)))).join('');
    } catch (e) {
      if (!(e instanceof ExecError)) throw e;
      // parse.Tree.ErrorContext: 1-based line, 0-based byte column within it.
      const before = this.raw.slice(0, e.pos);
      const line = 1 + (before.match(/\n/g)?.length ?? 0);
      const col = e.pos - (before.lastIndexOf('\n') + 1);
      throw new TemplateError(`unable to apply template: template: template:${line}:${col}: executing "template" at <${e.node}>: ${e.message}`);
    }
  }
}

function parseTemplate(raw: string): Node[] {
  const nodes: Node[] = [];
  let i = 0;
  while (i < raw.length) {
    const open = raw.indexOf('{{', i);
    if (open < 0) {
      nodes.push({ kind: 'text', text: raw.slice(i) });
      break;
    }
    let text = raw.slice(i, open);
    let start = open + 2;
    if (raw.startsWith('- ', start)) {
      text = text.trimEnd();
      start += 1;
    }
    if (text) nodes.push({ kind: 'text', text });
    const close = findClose(raw, start);
    if (close < 0) throw new Error('unclosed action');
    let body = raw.slice(start, close);
    let next = close + 2;
    if (body.endsWith(' -')) {
      body = body.slice(0, -1);
      while (next < raw.length && /\s/.test(raw[next]!)) next++;
    }
    const tokens = tokenize(body, start);
    const parser = { tokens, pos: 0 };
    const pipeline = parsePipeline(parser);
    if (parser.pos < tokens.length) throw new Error(`unexpected ${JSON.stringify(tokens[parser.pos]!.text)} in command`);
    if (pipeline.length === 0) throw new Error('missing value for command');
    nodes.push({ kind: 'action', pipeline });
    i = next;
  }
  return nodes;
}

/** The `}}` closing an action, skipping string literals. */
function findClose(raw: string, from: number): number {
  let quote: string | undefined;
  for (let j = from; j < raw.length; j++) {
    const c = raw[j]!;
    if (quote) {
      if (c === '\\' && quote === '"') j++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === '`') quote = c;
    else if (raw.startsWith('}}', j)) return j;
  }
  return -1;
}

interface Token {
  text: string;
  /** Byte offset in the whole template. */
  pos: number;
}

function tokenize(body: string, offset: number): Token[] {
  const out: Token[] = [];
  let j = 0;
  while (j < body.length) {
    const c = body[j]!;
    if (/\s/.test(c)) j++;
    else if (c === '(' || c === ')' || c === '|') out.push({ text: body[j]!, pos: offset + j++ });
    else if (c === '"' || c === '`') {
      let k = j + 1;
      while (k < body.length && body[k] !== c) k += c === '"' && body[k] === '\\' ? 2 : 1;
      if (k >= body.length) throw new Error('unterminated quoted string');
      out.push({ text: body.slice(j, k + 1), pos: offset + j });
      j = k + 1;
    } else {
      let k = j;
      while (k < body.length && !/[\s()|]/.test(body[k]!)) k++;
      out.push({ text: body.slice(j, k), pos: offset + j });
      j = k;
    }
  }
  return out;
}

function parsePipeline(p: { tokens: Token[]; pos: number }): Command[] {
  const commands: Command[] = [];
  let current: Operand[] = [];
  let start = 0;
  while (p.pos < p.tokens.length) {
    const t = p.tokens[p.pos]!;
    if (t.text === ')') break;
    p.pos++;
    if (current.length === 0) start = t.pos;
    if (t.text === '|') {
      if (current.length === 0) throw new Error('missing command');
      commands.push({ pos: start, args: current });
      current = [];
    } else if (t.text === '(') {
      const sub = parsePipeline(p);
      if (p.tokens[p.pos]?.text !== ')') throw new Error('unclosed left paren');
      p.pos++;
      current.push({ kind: 'sub', pipeline: sub, pos: t.pos });
    } else current.push(operand(t));
  }
  if (current.length > 0) commands.push({ pos: start, args: current });
  else if (commands.length > 0) throw new Error('missing command');
  return commands;
}

function operand({ text: t, pos }: Token): Operand {
  if (t === '.') return { kind: 'dot', pos };
  if (t.startsWith('.')) return { kind: 'field', name: t.slice(1), pos };
  if (t.startsWith('"')) return { kind: 'string', value: JSON.parse(t) as string, text: t, pos };
  if (t.startsWith('`')) return { kind: 'string', value: t.slice(1, -1), text: t, pos };
  if (/^[-+]?\d+$/.test(t)) return { kind: 'number', value: Number(t), text: t, pos };
  if (!FUNCTIONS.has(t)) throw new Error(`function ${JSON.stringify(t)} not defined`);
  return { kind: 'ident', name: t, pos };
}

/** The node's String() as text/template prints it in errors. */
function show(o: Operand | Command | Command[]): string {
  if (Array.isArray(o)) return o.map(show).join(' | ');
  if ('args' in o) return o.args.map(show).join(' ');
  switch (o.kind) {
    case 'dot':
      return '.';
    case 'field':
      return `.${o.name}`;
    case 'string':
    case 'number':
      return o.text;
    case 'ident':
      return o.name;
    case 'sub':
      return `(${show(o.pipeline)})`;
  }
}

function runPipeline(pipeline: Command[], data: UsernameMetadata, env: TemplateEnv): unknown {
  let piped: unknown = undefined;
  let hasPiped = false;
  for (const command of pipeline) {
    piped = runCommand(command, data, env, hasPiped ? [piped] : []);
    hasPiped = true;
  }
  return piped;
}

function runCommand(command: Command, data: UsernameMetadata, env: TemplateEnv, piped: unknown[]): unknown {
  const [head, ...rest] = command.args;
  const value = (o: Operand): unknown => {
    switch (o.kind) {
      case 'dot':
        return data;
      case 'field': {
        if (!Object.prototype.hasOwnProperty.call(data, o.name)) throw new ExecError(o.pos, show(o), `can't evaluate field ${o.name} in type dbplugin.UsernameMetadata`);
        return data[o.name as keyof UsernameMetadata];
      }
      case 'string':
      case 'number':
        return o.value;
      case 'sub':
        return runPipeline(o.pipeline, data, env);
      case 'ident':
        return call(o, { pos: o.pos, args: [o] }, []);
    }
  };
  const call = (ident: Operand & { kind: 'ident' }, cmd: Command, args: unknown[]) => {
    const arity = FUNCTION_ARITY[ident.name];
    if (arity !== undefined && args.length !== arity) throw new ExecError(ident.pos, ident.name, `wrong number of args for ${ident.name}: want ${arity} got ${args.length}`);
    try {
      return callFunction(ident.name, args, env);
    } catch (e) {
      if (e instanceof ExecError) throw e;
      if (e instanceof ArgumentTypeError) throw new ExecError(cmd.pos, show(cmd), e.message);
      throw new ExecError(cmd.pos, show(cmd), `error calling ${ident.name}: ${(e as Error).message}`);
    }
  };
  if (head!.kind !== 'ident') {
    if (rest.length > 0 || piped.length > 0) throw new ExecError(head!.pos, show(head!), `can't give argument to non-function ${show(head!)}`);
    return value(head!);
  }
  return call(head!, command, [...rest.map(value), ...piped]);
}

/** Parameter counts of the sdk's functions (printf is variadic). */
const FUNCTION_ARITY: Record<string, number> = {
  random: 1,
  truncate: 2,
  truncate_sha256: 2,
  uppercase: 1,
  lowercase: 1,
  replace: 3,
  sha256: 1,
  base64: 1,
  unix_time: 0,
  unix_time_millis: 0,
  timestamp: 1,
  uuid: 0,
};

function callFunction(name: string, args: unknown[], env: TemplateEnv): unknown {
  const int = (v: unknown) => {
    if (typeof v !== 'number') throw new ArgumentTypeError(`wrong type for value; expected int; got ${typeof v === 'number' ? 'int' : typeof v}`);
    return v;
  };
  const str = (v: unknown) => String(v);
  const arity = (n: number) => {
    if (args.length !== n) throw new Error(`wrong number of args for ${name}: want ${n} got ${args.length}`);
  };
  switch (name) {
    case 'random':
      arity(1);
      return env.base62(int(args[0]));
    case 'truncate': {
      arity(2);
      const max = int(args[0]);
      if (max <= 0) throw new Error(`max length must be > 0 but was ${max}`);
      return truncateBytes(str(args[1]), max);
    }
    case 'truncate_sha256': {
      arity(2);
      const max = int(args[0]);
      const s = str(args[1]);
      if (max <= 8) throw new Error(`max length must be > 8 but was ${max}`);
      if (Buffer.byteLength(s) <= max) return s;
      const bytes = Buffer.from(s);
      const cut = max - 8;
      return bytes.subarray(0, cut).toString() + sha256(bytes.subarray(cut)).slice(0, 8);
    }
    case 'uppercase':
      arity(1);
      return str(args[0]).toUpperCase();
    case 'lowercase':
      arity(1);
      return str(args[0]).toLowerCase();
    case 'replace':
      arity(3);
      return str(args[2]).split(str(args[0])).join(str(args[1]));
    case 'sha256':
      arity(1);
      return sha256(Buffer.from(str(args[0])));
    case 'base64':
      arity(1);
      return Buffer.from(str(args[0])).toString('base64');
    case 'unix_time':
      arity(0);
      return String(Math.floor(env.now / 1000));
    case 'unix_time_millis':
      arity(0);
      return String(Math.floor(env.now));
    case 'timestamp':
      arity(1);
      return formatGoTime(env.now, str(args[0]));
    case 'uuid':
      arity(0);
      return env.uuid();
    case 'printf':
      if (args.length === 0) throw new Error('wrong number of args for printf: want at least 1 got 0');
      return goSprintf(str(args[0]), args.slice(1));
    default:
      throw new Error(`function ${JSON.stringify(name)} not defined`);
  }
}

/** Go's string slicing is by bytes. */
function truncateBytes(s: string, max: number): string {
  // A UTF-16 unit is at most 3 UTF-8 bytes; ASCII is one byte a unit: no encoding needed for either.
  if (s.length * 3 <= max) return s;
  if (/^[\x00-\x7f]*$/.test(s)) return s.length > max ? s.slice(0, max) : s;
  const bytes = Buffer.from(s);
  return bytes.length > max ? bytes.subarray(0, max).toString() : s;
}

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

/** fmt.Sprintf for %s, %d, %v and %% (what username templates use). */
function goSprintf(format: string, args: unknown[]): string {
  let n = 0;
  const out = format.replace(/%([sdvq%])/g, (_m, verb: string) => {
    if (verb === '%') return '%';
    if (n >= args.length) return `%!${verb}(MISSING)`;
    const a = args[n++];
    if (verb === 'q') return JSON.stringify(String(a));
    return String(a);
  });
  return n < args.length ? `${out}%!(EXTRA ${args.slice(n).map((a) => `${typeof a === 'number' ? 'int' : 'string'}=${String(a)}`).join(', ')})` : out;
}
