// How Vault's plugins cut and fill statements: strutil.ParseArbitraryStringSlice (go-secure-stdlib),
// dbutil.QueryHelper / dbtxn.parseQuery, and the PostgreSQL plugin's `END` rule (containsMultilineStatement).

/** ParseArbitraryStringSlice(input, ";"): base64 first, then a JSON array, else split on every `;`. */
export function splitStatements(input: string): string[] {
  let text = input;
  const decoded = decodeStdBase64(text);
  if (decoded !== undefined) text = decoded;
  // Only an array counts, so text that cannot start one skips the (throwing, costly) parse.
  if (text.trimStart().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed) && parsed.every((s) => typeof s === 'string')) return parsed as string[];
    } catch {
      // not JSON: a separated string
    }
  }
  const trimmed = text.trim();
  if (trimmed === '') return [];
  return trimmed.split(';').map((s) => s.trim()).filter((s) => s !== '');
}

/** Go's base64.StdEncoding.DecodeString: padded standard alphabet only (an empty string decodes to ""). */
function decodeStdBase64(s: string): string | undefined {
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return undefined;
  return Buffer.from(s, 'base64').toString('utf8');
}

/** Plain `{{key}}` replacement of every key, no quoting (dbutil.QueryHelper). */
export function fillTemplate(query: string, values: Record<string, string>): string {
  let out = query;
  for (const k in values) {
    const token = `{{${k}}}`;
    // A function replacement: the value is inserted as it is (no `$&` patterns).
    if (out.includes(token)) out = out.replaceAll(token, () => values[k]!);
  }
  return out;
}

/**
 * The PostgreSQL plugin runs an element containing the word END whole (DO $$ … END $$ blocks).
 * Quoted literals are meant to be ignored, but Vault's loop only strips the last one found; kept as is.
 */
export function containsMultilineStatement(stmt: string): boolean {
  const literals = [...(stmt.match(/(".*?")/g) ?? []), ...(stmt.match(/('.*?')/g) ?? [])];
  let without = stmt;
  for (const literal of literals) without = stmt.split(literal).join('');
  return /\bEND\b/.test(without);
}

/** dbutil.QuoteIdentifier: double quotes, embedded ones doubled. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
