// A clock with more than 512 sleepers moves its timers from a heap to a timer wheel. The model test's
// programs rarely reach that many, so these programs do: hundreds of sleeper loops on the game, ui and real
// clocks, with fractional and long frames, time scale, pause and cancels, checked line by line against the
// reference scheduler (one sorted list).
import { describe, expect, it } from 'vitest';
import { SLOW_TEST_TIMEOUT_MS } from '../fast-check-settings.js';
import { mulberry32 } from '../../demos/shared/seeded-random.js';
import { firstDifference, runProgram, type BodySpec, type ClockChoice, type Op, type Program, type Step } from './program.js';

function crowdedProgram(seed: number): Program {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const msValues = [1, 3, 7.5, 16, 17, 33.3, 50, 100, 250, 999, 2000, 5000];
  const bodies: BodySpec[] = [];
  for (let b = 0; b < 6; b++) {
    const steps: Step[] = [];
    const count = 1 + Math.floor(random() * 4);
    for (let k = 0; k < count; k++) steps.push(random() < 0.2 ? { s: 'realMs', ms: pick(msValues) } : { s: 'ms', ms: pick(msValues) });
    if (random() < 0.3) steps.push({ s: 'frames', n: 1 + Math.floor(random() * 3) });
    bodies.push({ steps, loops: 3 + Math.floor(random() * 6), catches: false, afterCatch: [], finallySteps: [], result: b });
  }
  const ops: Op[] = [];
  const clocks: ClockChoice[] = ['game', 'game', 'ui', 'real'];
  // Enough spawns that the game clock passes the wheel threshold before the first tick.
  for (let i = 0; i < 1200; i++) ops.push({ op: 'spawn', body: Math.floor(random() * bodies.length), detached: false, clock: pick(clocks), entity: null });
  for (let t = 0; t < 160; t++) {
    const roll = random();
    if (roll < 0.05) ops.push({ op: 'timeScale', clock: pick(['game', 'ui'] as const), value: pick([0, 0.5, 1, 2, 10]) });
    else if (roll < 0.08) ops.push({ op: 'pause', clock: pick(['game', 'ui'] as const), value: random() < 0.5 });
    else if (roll < 0.2) ops.push({ op: 'cancel', index: Math.floor(random() * 1200) });
    else if (roll < 0.3) ops.push({ op: 'spawn', body: Math.floor(random() * bodies.length), detached: false, clock: pick(clocks), entity: null });
    ops.push({ op: 'tick', dtMs: pick([1000 / 60, 1000 / 60, 16, 8.25, 33.4, 100, 250, 0]) });
  }
  return { ecs: false, maxDtMs: 100, bodies, ops };
}

describe('timers on a crowded clock (timer wheel) against the reference scheduler', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`logs the same resumes, in the same order, as the reference (seed ${seed})`, () => {
      const program = crowdedProgram(seed);
      const ours = runProgram(program, 'tickflow');
      expect(firstDifference(ours, runProgram(program, 'reference'))).toBeUndefined();
      // The programs are big enough to matter: thousands of timer resumes.
      expect(ours.filter((line) => line.includes('waitMs(')).length).toBeGreaterThan(2000);
      // About 5 s each on a loaded 2-core machine: past vitest's default timeout.
    }, SLOW_TEST_TIMEOUT_MS);
  }
});
