import { describe, expect, it } from 'vitest';
import { createScheduler, waitFrames, waitMs, type Behaviour } from '../../src/index.js';

function* metronome(log: string[], label: string, periodMs: number): Behaviour {
  for (;;) {
    yield* waitMs(periodMs);
    log.push(label);
  }
}

describe('scheduler.createClock', () => {
  it('pauses a group while another keeps running (a pause menu)', () => {
    const scheduler = createScheduler();
    const gameplay = scheduler.createClock('gameplay');
    const ui = scheduler.createClock('ui');
    const log: string[] = [];
    scheduler.spawn(metronome(log, 'game', 100), { clock: gameplay });
    scheduler.spawn(metronome(log, 'ui', 100), { clock: ui });
    gameplay.paused = true;
    for (let i = 0; i < 10; i++) scheduler.tick(20);
    expect(log).toEqual(['ui', 'ui']);
  });

  it('multiplies nested time scales and pauses children with their parent', () => {
    const scheduler = createScheduler();
    const gameplay = scheduler.createClock('gameplay', { timeScale: 0.5 });
    const slowEnemy = scheduler.createClock('slowEnemy', { parent: gameplay, timeScale: 0.5 });
    scheduler.tick(100);
    expect([gameplay.nowMs, slowEnemy.nowMs]).toEqual([50, 25]);
    gameplay.paused = true;
    scheduler.tick(100);
    expect([slowEnemy.nowMs, slowEnemy.running, slowEnemy.frame]).toEqual([25, false, 1]);
  });

  it('makes children inherit their parent behaviour clock', () => {
    const scheduler = createScheduler();
    const ui = scheduler.createClock('ui');
    let childClock = '';
    function* child(): Behaviour {
      yield* waitFrames(1);
    }
    function* parent(): Behaviour {
      childClock = scheduler.spawn(child()).clock.name;
      yield* waitFrames(1);
    }
    scheduler.spawn(parent(), { clock: ui });
    expect(childClock).toBe('ui');
  });

  it('refuses to dispose a clock with live behaviours, then disposes it once they end', () => {
    const scheduler = createScheduler();
    const temp = scheduler.createClock('temp');
    const task = scheduler.spawn(metronome([], 'x', 10), { clock: temp });
    expect(() => temp.dispose()).toThrow(/clock "temp" still has 1 live behaviour\(s\); cancel them before disposing it/);
    task.cancel();
    temp.dispose();
    expect(() => scheduler.spawn(metronome([], 'y', 10), { clock: temp })).toThrow(/clock "temp" was disposed/);
  });

  it('rejects pausing or scaling the real clock', () => {
    const scheduler = createScheduler();
    expect(() => {
      scheduler.realClock.paused = true;
    }).toThrow(/the real clock cannot be paused/);
  });
});

describe('clock time', () => {
  it('reaches exactly 1000 ms after 60 ticks of 1000 / 60 ms, so waitMs(1000) resumes on frame 60', () => {
    const scheduler = createScheduler();
    let resumedAt = -1;
    function* second(): Behaviour {
      yield* waitMs(1000);
      resumedAt = scheduler.frame;
    }
    scheduler.spawn(second());
    for (let i = 0; i < 60; i++) scheduler.tick(1000 / 60);
    expect(scheduler.nowMs).toBeGreaterThanOrEqual(1000); // the exact sum of the float 1000 / 60, not 999.9999999999991
    expect(scheduler.nowMs).toBeCloseTo(1000, 9);
    expect(resumedAt).toBe(60);
  });
});
