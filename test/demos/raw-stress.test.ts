import { createScheduler } from 'tickflow';
import { describe, expect, it } from 'vitest';
import { createRawStressSim } from '../../demos/stress/sim/raw-stress.js';
import { createStressSim } from '../../demos/stress/sim/stress.js';

describe('createRawStressSim', () => {
  it('resumes every mover each frame and each sleeper only when its sleep ends, as the tickflow sim does', () => {
    const raw = createRawStressSim({ widthPx: 800, heightPx: 600, moverShare: 0.25 });
    const scheduler = createScheduler();
    const tickflow = createStressSim(scheduler, { widthPx: 800, heightPx: 600, moverShare: 0.25 });
    raw.setCount(1_000);
    tickflow.setCount(1_000);
    const rawResumes: number[] = [];
    const tickflowResumes: number[] = [];
    for (let frame = 0; frame < 240; frame++) {
      rawResumes.push(raw.step(16));
      tickflowResumes.push(tickflow.step(16));
    }
    // Sleepers sleep at least 400 ms, so the first frames resume the 250 movers only.
    expect(rawResumes.slice(0, 20)).toEqual(new Array(20).fill(250));
    // The same sleeps (same seed, same draws per slot): the same resumes in every frame.
    expect(rawResumes).toEqual(tickflowResumes);
  });

  it('moves its dots as the tickflow sim does', () => {
    const raw = createRawStressSim({ widthPx: 200, heightPx: 100 });
    const tickflow = createStressSim(createScheduler(), { widthPx: 200, heightPx: 100 });
    raw.setCount(100);
    tickflow.setCount(100);
    for (let frame = 0; frame < 10; frame++) {
      raw.step(16);
      tickflow.step(16);
    }
    expect(Array.from(raw.field.x)).toEqual(Array.from(tickflow.field.x));
    expect(Array.from(raw.field.y)).toEqual(Array.from(tickflow.field.y));
  });

  it('shrinks from the newest behaviour, grows again, and clamps to its capacity', () => {
    const sim = createRawStressSim({ widthPx: 800, heightPx: 600, capacity: 20_000 });
    sim.setCount(10_000);
    sim.setCount(1_000);
    expect([sim.count, sim.movers]).toEqual([1_000, 500]);
    expect(sim.step(16)).toBe(500);
    sim.setCount(50_000);
    expect([sim.count, sim.movers]).toEqual([20_000, 10_000]);
    sim.dispose();
    expect([sim.count, sim.movers, sim.step(16)]).toEqual([0, 0, 0]);
  });
});
