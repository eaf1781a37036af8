import { describe, expect, it } from 'vitest';
import { createScheduler, forMs, waitMs, type Behaviour } from '../../../src/index.js';

describe('forMs', () => {
  it('reports progress each frame by the clock and exactly 1 at the deadline', () => {
    const scheduler = createScheduler();
    const seen: Array<[number, number]> = [];
    function* fade(): Behaviour {
      yield* forMs(100, (progress) => seen.push([scheduler.nowMs, progress]));
      seen.push([scheduler.nowMs, -1]);
    }
    scheduler.spawn(fade());
    for (let i = 0; i < 5; i++) scheduler.tick(30);
    expect(seen).toEqual([
      [30, 0.3],
      [60, 0.6],
      [90, 0.9],
      [120, 1],
      [120, -1],
    ]);
  });

  it('ends on the deadline, so what follows counts from it (no drift)', () => {
    const scheduler = createScheduler();
    const marks: number[] = [];
    function* chain(): Behaviour {
      yield* forMs(50, () => {});
      yield* waitMs(50);
      marks.push(scheduler.nowMs);
      yield* forMs(50, () => {});
      marks.push(scheduler.nowMs);
    }
    scheduler.spawn(chain());
    for (let i = 0; i < 12; i++) scheduler.tick(16);
    // Deadlines at 100 and 150 ms, seen by the ticks at 112 and 160 ms.
    expect(marks).toEqual([112, 160]);
  });

  it('follows time scale and pause, and calls fn(1) at once for 0 ms', () => {
    const scheduler = createScheduler();
    const seen: number[] = [];
    scheduler.spawn(forMs(0, (progress) => seen.push(progress)));
    scheduler.timeScale = 0.5;
    scheduler.spawn(forMs(40, (progress) => seen.push(progress)));
    scheduler.tick(40); // 20 ms of game time
    scheduler.paused = true;
    scheduler.tick(40);
    scheduler.paused = false;
    scheduler.tick(40); // 40 ms
    expect(seen).toEqual([1, 0.5, 1]);
  });

  it('stops where it is when cancelled, finally included', () => {
    const scheduler = createScheduler();
    const seen: string[] = [];
    function* span(): Behaviour {
      try {
        yield* forMs(100, (progress) => seen.push(String(progress)));
      } finally {
        seen.push('finally');
      }
    }
    const task = scheduler.spawn(span());
    scheduler.tick(25);
    task.cancel();
    scheduler.tick(100);
    expect(seen).toEqual(['0.25', 'finally']);
  });

  it('rejects a bad duration or function, naming forMs', () => {
    expect(() => forMs(-5, () => {})).toThrow(/forMs expects ms to be a finite number of milliseconds >= 0, got -5/);
    expect(() => forMs(100, null as never)).toThrow(/forMs expects a function, got null/);
  });
});
