// How Vault's plugins cut and fill statements (strutil.ParseArbitraryStringSlice, dbutil.QueryHelper,
// the PostgreSQL plugin's END rule) and the `{{expiration}}` time format.
import { describe, expect, it } from 'vitest';
import { EXPIRATION_LAYOUT, formatGoTime } from '../../../src/backends/database/go-time.js';
import { containsMultilineStatement, fillTemplate, quoteIdentifier, splitStatements } from '../../../src/backends/database/statements.js';

describe('splitStatements (ParseArbitraryStringSlice with ";")', () => {
  it('splits on every semicolon, trimming and dropping empty pieces', () => {
    expect(splitStatements(`CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}';\n  GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{{name}}";  `)).toEqual([
      `CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}'`,
      'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{{name}}"',
    ]);
    expect(splitStatements('  ;; ')).toEqual([]);
    expect(splitStatements('')).toEqual([]);
  });

  it('does not respect quotes: a semicolon in a literal splits too, as in Vault', () => {
    expect(splitStatements(`COMMENT ON ROLE "{{name}}" IS 'a;b'`)).toEqual([`COMMENT ON ROLE "{{name}}" IS 'a`, `b'`]);
  });

  it('accepts a JSON array of statements, or base64 of either form', () => {
    expect(splitStatements('["SELECT 1; SELECT 2", "SELECT 3"]')).toEqual(['SELECT 1; SELECT 2', 'SELECT 3']);
    expect(splitStatements(' \n\t["a;b"]\n')).toEqual(['a;b']);
    // JSON that is not an array of strings is a separated string.
    expect(splitStatements('"SELECT 1; SELECT 2"')).toEqual(['"SELECT 1', 'SELECT 2"']);
    expect(splitStatements('[1; 2]')).toEqual(['[1', '2]']);
    expect(splitStatements(Buffer.from('SELECT 1; SELECT 2').toString('base64'))).toEqual(['SELECT 1', 'SELECT 2']);
    expect(splitStatements(Buffer.from('["a;b"]').toString('base64'))).toEqual(['a;b']);
  });
});

describe('containsMultilineStatement (the PostgreSQL plugin runs such a statement whole)', () => {
  const doBlock = `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{{name}}') THEN CREATE ROLE "{{name}}"; END IF; END $$;`;

  it('sees the word END outside quotes', () => {
    expect(containsMultilineStatement(doBlock)).toBe(true);
    expect(containsMultilineStatement('CREATE ROLE "{{name}}"; GRANT x TO "{{name}}";')).toBe(false);
    // A word containing END is not END.
    expect(containsMultilineStatement('SELECT * FROM legend; SELECT ENDS')).toBe(false);
  });

  it('ignores END inside a quoted literal, but only the last literal found is stripped, as in Vault', () => {
    expect(containsMultilineStatement(`COMMENT ON ROLE "{{name}}" IS 'END'`)).toBe(false);
    // Two literals: Vault's loop keeps only the last replacement, so the first 'END' still counts.
    expect(containsMultilineStatement(`SELECT 'END', 'x'`)).toBe(true);
  });
});

describe('fillTemplate (dbutil.QueryHelper)', () => {
  it('replaces every occurrence of each key, with no quoting', () => {
    expect(fillTemplate(`CREATE USER '{{name}}'@'%' IDENTIFIED BY '{{password}}'; -- {{name}}`, { name: 'v-x', password: "p'w" })).toBe(
      `CREATE USER 'v-x'@'%' IDENTIFIED BY 'p'w'; -- v-x`,
    );
    expect(fillTemplate('{{unknown}} {{ name }}', { name: 'n' })).toBe('{{unknown}} {{ name }}');
    // Values go in verbatim, replacement patterns included.
    expect(fillTemplate("PASSWORD '{{password}}'", { password: "$&$'$1" })).toBe("PASSWORD '$&$'$1'");
  });

  it('quoteIdentifier doubles embedded quotes', () => {
    expect(quoteIdentifier('a"b')).toBe('"a""b"');
  });
});

describe('{{expiration}}: Go layout "2006-01-02 15:04:05-0700", in UTC', () => {
  it('formats the lease end plus the 5 s grace the engine adds', () => {
    expect(EXPIRATION_LAYOUT).toBe('2006-01-02 15:04:05-0700');
    const issued = Date.UTC(2030, 0, 2, 3, 4, 5, 999);
    expect(formatGoTime(issued + 3600_000 + 5000, EXPIRATION_LAYOUT)).toBe('2030-01-02 04:04:10+0000');
    expect(formatGoTime(Date.UTC(1999, 11, 31, 23, 59, 59), EXPIRATION_LAYOUT)).toBe('1999-12-31 23:59:59+0000');
  });

  it('renders the other layout tokens a timestamp template may use', () => {
    const t = Date.UTC(2030, 6, 4, 15, 6, 7, 89);
    expect(formatGoTime(t, 'Mon Jan 2 03:04:05 PM MST 2006')).toBe('Thu Jul 4 03:06:07 PM UTC 2030');
    expect(formatGoTime(t, '2006-01-02T15:04:05.000Z07:00')).toBe('2030-07-04T15:06:07.089Z');
    expect(formatGoTime(t, 'Monday, January 02 06')).toBe('Thursday, July 04 30');
  });
});
