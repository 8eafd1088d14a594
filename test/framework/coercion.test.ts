import { describe, expect, it } from 'vitest';
import { formatGoDuration, parseDurationSeconds, parseGoDuration } from '../../src/framework/duration.js';
import { FieldData } from '../../src/framework/field-data.js';
import { defineEngine } from '../../src/framework/engine.js';

describe('durations (parseutil.ParseDurationSecond, time.ParseDuration)', () => {
  it.each([
    [3600, 3600],
    ['3600', 3600],
    ['1h', 3600],
    ['1.5h', 5400],
    ['7d', 604800],
    ['90m', 5400],
    ['1h30m10s', 5410],
    ['', 0],
  ])('%j is %i seconds', (input, seconds) => {
    expect(parseDurationSeconds(input)).toBe(seconds);
  });

  it('reports Go’s error texts', () => {
    expect(() => parseGoDuration('abc')).toThrow('time: invalid duration "abc"');
    expect(() => parseGoDuration('1x')).toThrow('time: unknown unit "x" in duration "1x"');
    expect(() => parseGoDuration('1h5')).toThrow('time: missing unit in duration "1h5"');
  });

  it('formats like time.Duration.String()', () => {
    expect(formatGoDuration(0)).toBe('0s');
    expect(formatGoDuration(3600)).toBe('1h0m0s');
    expect(formatGoDuration(90)).toBe('1m30s');
    expect(formatGoDuration(45)).toBe('45s');
  });
});

describe('FieldData', () => {
  const schema = {
    ttl: { type: 'durationSecond' as const },
    uses: { type: 'int' as const, default: 5 },
    flag: { type: 'bool' as const },
    names: { type: 'commaStringSlice' as const },
    meta: { type: 'kvPairs' as const },
  };

  it('coerces the way Vault’s weak decoding does and tells sent from default', () => {
    const d = new FieldData({ ttl: '1h', flag: 'true', names: 'a, b,,c', meta: ['k=v', 'x=y=z'] }, schema);
    expect(d.validate()).toBeUndefined();
    expect(d.get('ttl')).toBe(3600);
    expect(d.getOk('uses')).toEqual([5, false]);
    expect(d.get('flag')).toBe(true);
    expect(d.get('names')).toEqual(['a', 'b', 'c']);
    expect(d.get('meta')).toEqual({ k: 'v', x: 'y=z' });
  });

  it('produces Vault’s conversion error text', () => {
    expect(new FieldData({ ttl: 'abc' }, schema).validate()).toBe('error converting input abc for field "ttl": time: invalid duration "abc"');
    expect(new FieldData({ ttl: -5 }, schema).validate()).toBe('error converting input -5 for field "ttl": cannot provide negative value \'-5\'');
    expect(new FieldData({ uses: 'many' }, schema).validate()).toBe(
      'error converting input many for field "uses": cannot parse \'\' as int: strconv.ParseInt: parsing "many": invalid syntax',
    );
  });
});

describe('defineEngine', () => {
  it('refuses a create operation without an existence check when the engine is defined', () => {
    expect(() => defineEngine({ paths: [{ pattern: 'x', operations: { create: () => undefined } }] })).toThrow(/existence check/);
  });
});
