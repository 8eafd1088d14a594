// The clock's timers: due order, each run with the clock at its own due time, cancellation, timers
// scheduled by timers, forward-only moves, and real-time firing on the system clock.
import { describe, expect, it } from 'vitest';
import { SystemClock, VirtualClock, durationMs } from '../../src/core/clock.js';

describe('VirtualClock', () => {
  it('runs due timers in due order (ties in scheduling order), each at its due time', async () => {
    const clock = new VirtualClock(1000);
    const seen: [string, number][] = [];
    const at = (name: string) => () => seen.push([name, clock.now()]);
    clock.schedule(1300, at('c'));
    clock.schedule(1100, at('a'));
    clock.schedule(1300, at('d'));
    clock.schedule(1200, at('b'));
    clock.schedule(5000, at('late'));
    await clock.advance(300);
    expect(seen).toEqual([['a', 1100], ['b', 1200], ['c', 1300], ['d', 1300]]);
    expect(clock.now()).toBe(1300);
  });

  it('runs a timer scheduled by a timer when it falls inside the same advance', async () => {
    const clock = new VirtualClock(0);
    const seen: number[] = [];
    clock.schedule(10, () => {
      seen.push(clock.now());
      clock.schedule(clock.now() + 15, () => seen.push(clock.now()));
    });
    await clock.advance(20);
    expect(seen).toEqual([10]);
    await clock.advance(5);
    expect(seen).toEqual([10, 25]);
  });

  it('skips cancelled timers, runs already-due ones without an advance, and only moves forward', async () => {
    const clock = new VirtualClock(0);
    const seen: string[] = [];
    clock.schedule(10, () => seen.push('cancelled')).cancel();
    await clock.advance('1s');
    expect(seen).toEqual([]);
    await new Promise<void>((resolve) => clock.schedule(clock.now(), () => resolve()));
    await expect(clock.set(0)).rejects.toThrow('the clock can only move forward');
    await expect(clock.advance(-1)).rejects.toThrow('the clock can only move forward');
    await expect(clock.advance('soon')).rejects.toThrow('time: invalid duration "soon"');
    expect(clock.now()).toBe(1000);
  });

  it('keeps going when a timer throws', async () => {
    const clock = new VirtualClock(0);
    const seen: number[] = [];
    clock.schedule(1, () => {
      throw new Error('boom');
    });
    clock.schedule(2, () => seen.push(2));
    await clock.advance(5);
    expect(seen).toEqual([2]);
  });

  it('reads Go durations', () => {
    expect(durationMs('1h30m')).toBe(5_400_000);
    expect(durationMs(250)).toBe(250);
  });
});

describe('SystemClock', () => {
  it('fires timers on its own in real time, and advance() adds to real time', async () => {
    const clock = new SystemClock();
    // The due time itself, read once: a second now() after scheduling would lie later than it.
    const due = clock.now() + 5;
    const fired = new Promise<number>((resolve) => clock.schedule(due, () => resolve(clock.now())));
    expect(await fired).toBeGreaterThanOrEqual(due);
    let late = false;
    clock.schedule(clock.now() + 3600_000, () => {
      late = true;
    });
    await clock.advance('1h');
    expect(late).toBe(true);
    expect(clock.now() - due).toBeGreaterThanOrEqual(3600_000);
    clock.stop();
  });
});
