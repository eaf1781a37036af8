import { createScheduler } from 'tickflow';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../demos/shared/seeded-random.js';
import { createStressSim, frameTimer, sleeper } from '../../demos/stress/sim/stress.js';

describe('createStressSim', () => {
  it('spawns the requested count as an even mix of movers and sleepers', () => {
    const scheduler = createScheduler();
    const sim = createStressSim(scheduler, { widthPx: 800, heightPx: 600 });
    sim.setCount(100_000);
    expect([sim.count, sim.movers]).toEqual([100_000, 50_000]);
    // The sim's behaviours plus its frame timer.
    expect(scheduler.liveCount).toBe(100_001);
  });

  it('resumes every mover each frame and each sleeper only when its sleep ends', () => {
    const scheduler = createScheduler();
    const sim = createStressSim(scheduler, { widthPx: 800, heightPx: 600, moverShare: 0.25 });
    sim.setCount(1_000);
    // Sleepers sleep at least 400 ms, so the first frames resume movers only.
    expect(sim.step(16)).toBe(250);
    expect(sim.step(16)).toBe(250);
    let sleeperResumes = 0;
    for (let frame = 0; frame < 200; frame++) sleeperResumes += sim.step(16) - 250;
    // 200 frames of 16 ms = 3.2 s > the longest sleep (3 s): every sleeper woke at least once.
    expect(sleeperResumes).toBeGreaterThanOrEqual(750);
    expect(sleeperResumes).toBeLessThan(750 * 8);
  });

  it('shrinks by cancelling the newest behaviours and grows again', () => {
    const scheduler = createScheduler();
    const sim = createStressSim(scheduler, { widthPx: 800, heightPx: 600 });
    sim.setCount(10_000);
    sim.setCount(1_000);
    expect([sim.count, sim.movers, scheduler.liveCount]).toEqual([1_000, 500, 1_001]);
    expect(sim.step(16)).toBe(500);
    sim.setCount(5_000);
    expect([sim.count, sim.movers]).toEqual([5_000, 2_500]);
  });

  it('clamps the count to its capacity and stops everything on dispose', () => {
    const scheduler = createScheduler();
    const sim = createStressSim(scheduler, { widthPx: 800, heightPx: 600, capacity: 2_000 });
    sim.setCount(5_000);
    expect(sim.count).toBe(2_000);
    sim.dispose();
    expect([sim.count, scheduler.liveCount]).toEqual([0, 0]);
  });
});

describe('mover', () => {
  it('turns its dot around the centre by its angular speed times the frame time', () => {
    const scheduler = createScheduler();
    const sim = createStressSim(scheduler, { widthPx: 200, heightPx: 100, capacity: 1, moverShare: 1 });
    sim.setCount(1);
    const { field } = sim;
    field.angle[0] = 0;
    field.radiusPx[0] = 50;
    field.radPerMs[0] = Math.PI / 2 / 160; // a quarter turn in 160 ms
    for (let frame = 0; frame < 10; frame++) sim.step(16);
    // A quarter turn from angle 0: straight below the centre, the orbit flattened by the tilt.
    expect(field.x[0]).toBeCloseTo(100, 3);
    expect(field.y[0]).toBeCloseTo(50 + 50 * 0.55, 3);
  });

  it('stands still while the game clock is paused', () => {
    const scheduler = createScheduler();
    const sim = createStressSim(scheduler, { widthPx: 100, heightPx: 100, capacity: 1, moverShare: 1 });
    sim.setCount(1);
    sim.step(16);
    const before = [sim.field.x[0], sim.field.y[0]];
    scheduler.paused = true;
    sim.step(16);
    sim.step(16);
    expect([sim.field.x[0], sim.field.y[0]]).toEqual(before);
  });
});

describe('sleeper', () => {
  it('changes its colour only when its sleep ends', () => {
    const scheduler = createScheduler();
    const field = createStressSim(scheduler, { widthPx: 100, heightPx: 100, capacity: 1 }).field;
    field.colour[0] = 0x123456;
    scheduler.spawn(sleeper(field, 0, 100, mulberry32(7)));
    const colours: number[] = [];
    for (let frame = 0; frame < 7; frame++) {
      scheduler.tick(16);
      colours.push(field.colour[0]);
    }
    // 16 ms frames: the wake at 100 ms happens in the tick reaching 112 ms (frame 7).
    expect(new Set(colours.slice(0, 6))).toEqual(new Set([0x123456]));
    expect(colours[6]).not.toBe(0x123456);
    expect(field.resumes).toBe(1);
  });
});

describe('frameTimer', () => {
  it('records the game clock step of each tick, scaled', () => {
    const scheduler = createScheduler();
    const field = createStressSim(scheduler, { widthPx: 10, heightPx: 10, capacity: 1 }).field;
    scheduler.spawn(frameTimer(field, scheduler.clock));
    scheduler.timeScale = 0.5;
    scheduler.tick(20);
    expect(field.dtMs).toBe(10);
  });
});

describe('mulberry32', () => {
  it('repeats its sequence for the same seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});

