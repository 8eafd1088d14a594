// rotation_schedule: robfig/cron v3's five-field syntax, its error texts and its day matching.
import { describe, expect, it } from 'vitest';
import { nextRun, parseCron } from '../../../src/engines/database/cron-schedule.js';

const at = (iso: string) => Date.parse(iso);
const next = (spec: string, from: string) => new Date(nextRun(parseCron(spec), at(from))).toISOString();

describe('rotation_schedule', () => {
  it('finds the next whole minute that matches, strictly after the given time', () => {
    expect(next('0 0 * * *', '2024-06-03T16:00:00Z')).toBe('2024-06-04T00:00:00.000Z');
    expect(next('0 0 * * *', '2024-06-04T00:00:00Z')).toBe('2024-06-05T00:00:00.000Z');
    expect(next('*/15 * * * *', '2024-06-03T16:07:30Z')).toBe('2024-06-03T16:15:00.000Z');
    expect(next('30 2 1 jan *', '2024-06-03T00:00:00Z')).toBe('2025-01-01T02:30:00.000Z');
    expect(next('0 9 * * mon-fri', '2024-06-07T10:00:00Z')).toBe('2024-06-10T09:00:00.000Z');
  });

  it('matches either day field when neither is *, both when one is', () => {
    // The 13th or any Friday.
    expect(next('0 0 13 * 5', '2024-06-08T00:00:00Z')).toBe('2024-06-13T00:00:00.000Z');
    expect(next('0 0 13 * 5', '2024-06-13T00:00:00Z')).toBe('2024-06-14T00:00:00.000Z');
    // Fridays only.
    expect(next('0 0 * * 5', '2024-06-08T00:00:00Z')).toBe('2024-06-14T00:00:00.000Z');
  });

  it('refuses what robfig/cron refuses, with its texts', () => {
    const err = (spec: string) => {
      try {
        parseCron(spec);
        return 'parsed';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(err('')).toBe('empty spec string');
    expect(err('@daily')).toBe('parser does not accept descriptors: @daily');
    expect(err('* * * *')).toBe('expected exactly 5 fields, found 4: [* * * *]');
    expect(err('61 * * * *')).toBe('end of range (61) above maximum (59): 61');
    expect(err('* * 0 * *')).toBe('beginning of range (0) below minimum (1): 0');
    expect(err('5-2 * * * *')).toBe('beginning of range (5) beyond end of range (2): 5-2');
    expect(err('x * * * *')).toBe('failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
    expect(err('*/0 * * * *')).toBe('step of range should be a positive number: */0');
    expect(err('1-2-3 * * * *')).toBe('too many hyphens: 1-2-3');
  });
});
