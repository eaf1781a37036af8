import { describe, expect, it } from 'vitest';
import { createScheduler, waitMs, type Behaviour } from '../../src/index.js';
import { spring } from '../../src/tween/index.js';

describe('spring', () => {
  it('follows the critically damped curve from rest and lands exactly on the target', () => {
    const scheduler = createScheduler();
    const panel = { y: 100 };
    const seen: number[] = [];
    function* slideIn(): Behaviour {
      yield* spring(panel, { y: 0 }, 100);
      seen.push(scheduler.nowMs);
    }
    scheduler.spawn(slideIn());
    scheduler.tick(50);
    // x(t) = to + (x0 - to)(1 + ωt)e^(-ωt), ω = 2 / 100 ms: at 50 ms, 100 · 2 · e^-1
    expect(panel.y).toBeCloseTo(100 * 2 * Math.exp(-1), 9);
    scheduler.tick(50);
    expect(panel.y).toBeCloseTo(100 * 3 * Math.exp(-2), 9);
    let previous = panel.y;
    while (seen.length === 0) {
      scheduler.tick(20);
      // No overshoot: it only ever moves toward the target.
      expect(panel.y).toBeLessThanOrEqual(previous);
      expect(panel.y).toBeGreaterThanOrEqual(0);
      previous = panel.y;
    }
    expect(panel.y).toBe(0);
    // Settles after 11.756 / ω = 587.8 ms: the first tick at or past it.
    expect(seen).toEqual([600]);
  });

  it('stops where it is when cancelled, and is drift-free like waitMs', () => {
    const scheduler = createScheduler();
    const dot = { x: 0 };
    const task = scheduler.spawn(spring(dot, { x: 10 }, 50));
    scheduler.tick(16);
    const at = dot.x;
    task.cancel();
    scheduler.tick(16);
    expect(dot.x).toBe(at);
    const marks: number[] = [];
    function* chain(): Behaviour {
      yield* spring({ x: 0 }, { x: 1 }, 10); // from 32 ms, settles at 90.78 ms: seen by the tick at 96
      yield* waitMs(35); // from the deadline: 125.78, seen at 128 (counted from 96 it would be 144)
      marks.push(scheduler.nowMs);
    }
    scheduler.spawn(chain());
    for (let i = 0; i < 8; i++) scheduler.tick(16);
    expect(marks).toEqual([128]);
  });

  it('rejects a smooth time that is not a finite number > 0, naming spring', () => {
    expect(() => spring({ x: 0 }, { x: 1 }, 0)).toThrow(/spring expects smoothTimeMs to be a finite number of milliseconds > 0, got 0/);
    expect(() => spring({ x: 0 }, { x: 1 }, Number.NaN)).toThrow(/got NaN/);
  });
});
