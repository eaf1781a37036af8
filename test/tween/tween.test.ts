import { describe, expect, it } from 'vitest';
import { createScheduler, race, waitMs, waitSignal, createSignal, type Behaviour } from '../../src/index.js';
import { easeOutQuad, linear, tween } from '../../src/tween/index.js';

describe('tween', () => {
  it('moves values along the easing by the clock time and lands exactly on the targets', () => {
    const scheduler = createScheduler();
    const target = { x: 0, alpha: 1 };
    const seen: Array<[number, number]> = [];
    function* slide(): Behaviour {
      yield* tween(target, { x: 100, alpha: 0 }, 100, linear);
      seen.push([target.x, target.alpha]);
    }
    scheduler.spawn(slide());
    scheduler.tick(30);
    seen.push([target.x, target.alpha]);
    scheduler.tick(30);
    seen.push([target.x, target.alpha]);
    scheduler.tick(30);
    seen.push([target.x, target.alpha]);
    scheduler.tick(30); // 120 ms: done
    seen.push([target.x, target.alpha]);
    expect(seen[0][0]).toBeCloseTo(30);
    expect(seen[1][0]).toBeCloseTo(60);
    expect(seen[2][0]).toBeCloseTo(90);
    expect(seen[2][1]).toBeCloseTo(0.1);
    expect(seen[3]).toEqual([100, 0]);
    expect(seen[4]).toEqual([100, 0]);
  });

  it('applies the easing to the progress', () => {
    const scheduler = createScheduler();
    const target = { x: 0 };
    scheduler.spawn(tween(target, { x: 100 }, 200, easeOutQuad));
    scheduler.tick(100);
    expect(target.x).toBeCloseTo(75);
  });

  it('resumes the behaviour in the tick its duration is up, not a frame later', () => {
    const scheduler = createScheduler();
    const order: string[] = [];
    function* fade(): Behaviour {
      yield* tween({ alpha: 1 }, { alpha: 0 }, 48);
      order.push(`done at ${scheduler.nowMs}`);
    }
    scheduler.spawn(fade());
    scheduler.tick(16);
    scheduler.tick(16);
    order.push('tick 2');
    scheduler.tick(16);
    expect(order).toEqual(['tick 2', 'done at 48']);
  });

  it('does not drift: chained tweens and waits add up to the exact total', () => {
    const scheduler = createScheduler();
    const target = { x: 0 };
    const ends: number[] = [];
    function* chain(): Behaviour {
      yield* tween(target, { x: 10 }, 50);
      ends.push(scheduler.nowMs);
      yield* waitMs(50);
      ends.push(scheduler.nowMs);
      yield* tween(target, { x: 20 }, 50);
      ends.push(scheduler.nowMs);
    }
    const task = scheduler.spawn(chain());
    // 50 ms tweens on 16 ms frames: each end overshoots; the next step still counts from the deadline.
    for (let i = 0; i < 12 && task.status === 'running'; i++) scheduler.tick(16);
    expect(task.status).toBe('done');
    // Deadlines at 50, 100, 150 ms are reached in the ticks at 64, 112 and 160 ms.
    expect(ends).toEqual([64, 112, 160]);
    expect(target.x).toBe(20);
  });

  it('counts progress from the late deadline that started it', () => {
    const scheduler = createScheduler();
    const target = { x: 0 };
    function* later(): Behaviour {
      yield* waitMs(10); // resumes at 16 ms, 6 ms late
      yield* tween(target, { x: 100 }, 100);
    }
    scheduler.spawn(later());
    scheduler.tick(16);
    scheduler.tick(16); // 32 ms: 22 ms into the tween that started at 10 ms
    expect(target.x).toBeCloseTo(22);
  });

  it('stops where it is when cancelled', () => {
    const scheduler = createScheduler();
    const target = { x: 0 };
    const task = scheduler.spawn(tween(target, { x: 100 }, 100));
    scheduler.tick(40);
    task.cancel();
    scheduler.tick(100);
    expect(task.status).toBe('cancelled');
    expect(target.x).toBeCloseTo(40);
  });

  it('stops where it is when it loses a race', () => {
    const scheduler = createScheduler();
    const target = { x: 0 };
    const hit = createSignal('hit');
    function* dodge(): Behaviour {
      yield* race([tween(target, { x: 100 }, 100), waitSignal(hit)]);
    }
    scheduler.spawn(dodge());
    scheduler.tick(50);
    hit.emit();
    scheduler.tick(50);
    expect(target.x).toBeCloseTo(50);
  });

  it('follows the clock: slowed by timeScale, frozen while paused', () => {
    const scheduler = createScheduler();
    const target = { x: 0 };
    scheduler.spawn(tween(target, { x: 100 }, 100));
    scheduler.timeScale = 0.5;
    scheduler.tick(40); // 20 ms of game time
    expect(target.x).toBeCloseTo(20);
    scheduler.paused = true;
    scheduler.tick(40);
    expect(target.x).toBeCloseTo(20);
  });

  it('runs on the clock it was spawned on', () => {
    const scheduler = createScheduler();
    const ui = scheduler.createClock('ui');
    const target = { x: 0 };
    scheduler.spawn(tween(target, { x: 100 }, 100), { clock: ui });
    ui.timeScale = 2;
    scheduler.tick(25);
    expect(target.x).toBeCloseTo(50);
  });

  it('sets the targets at once for a zero duration', () => {
    const scheduler = createScheduler();
    const target = { x: 3 };
    const task = scheduler.spawn(tween(target, { x: 7 }, 0));
    expect(task.status).toBe('done');
    expect(target.x).toBe(7);
  });

  it('fails the behaviour with a TickflowError naming a property that is not a number', () => {
    const errors: unknown[] = [];
    const scheduler = createScheduler({ onError: (error) => errors.push(error) });
    const target = { label: 'hi' } as unknown as { x: number };
    scheduler.spawn(tween(target, { x: 1 }, 10), { name: 'fade' });
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).name).toBe('TickflowError');
    expect((errors[0] as Error).message).toMatch(/property "x".*undefined.*fade#1/);
  });

  it('rejects a duration that is not a finite number', () => {
    const errors: unknown[] = [];
    const scheduler = createScheduler({ onError: (error) => errors.push(error) });
    scheduler.spawn(tween({ x: 0 }, { x: 1 }, Number.NaN));
    expect((errors[0] as Error).message).toMatch(/finite duration.*NaN/);
  });
});
