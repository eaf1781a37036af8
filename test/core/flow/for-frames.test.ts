import { describe, expect, it } from 'vitest';
import { createScheduler, forFrames, type Behaviour } from '../../../src/index.js';

describe('forFrames', () => {
  it('calls fn on each of the next n frames with progress ending exactly at 1, then resumes', () => {
    const scheduler = createScheduler();
    const seen: string[] = [];
    function* shake(): Behaviour {
      yield* forFrames(4, (progress, frame) => seen.push(`${scheduler.frame}: ${frame} ${progress}`));
      seen.push(`after ${scheduler.frame}`);
    }
    scheduler.spawn(shake());
    for (let i = 0; i < 6; i++) scheduler.tick(16);
    expect(seen).toEqual(['1: 1 0.25', '2: 2 0.5', '3: 3 0.75', '4: 4 1', 'after 4']);
  });

  it('calls nothing for 0 frames and does not count paused frames', () => {
    const scheduler = createScheduler();
    const seen: number[] = [];
    function* run(): Behaviour {
      yield* forFrames(0, () => seen.push(-1));
      yield* forFrames(2, (progress) => seen.push(progress));
    }
    scheduler.spawn(run());
    scheduler.paused = true;
    scheduler.tick(16);
    scheduler.paused = false;
    scheduler.tick(16);
    scheduler.tick(16);
    expect(seen).toEqual([0.5, 1]);
  });

  it('stops calling when its behaviour is cancelled', () => {
    const scheduler = createScheduler();
    const seen: number[] = [];
    const task = scheduler.spawn(forFrames(10, (progress) => seen.push(progress)));
    scheduler.tick(16);
    task.cancel();
    scheduler.tick(16);
    expect(seen).toEqual([0.1]);
  });

  it('rejects a frame count that is not a whole number >= 0, naming forFrames', () => {
    expect(() => forFrames(2.5, () => {})).toThrow(/forFrames expects a whole number of frames >= 0, got 2.5/);
    expect(() => forFrames(3, 'fade' as never)).toThrow(/forFrames expects a function, got "fade"/);
  });
});
