// The short soak in CI: spawn/cancel cycles, then half a minute of game time at 5,000 behaviours (signals,
// races, joins, predicates, real-clock UI, generations that replace themselves, pauses, slow motion, a hidden-tab
// tick). The live count must come back to its baseline exactly and every wait structure must be empty after
// teardown. The heap is checked too when the test runs with --expose-gc (globalThis.gc); the full run with its
// curves is `node --expose-gc --import tsx scripts/soak.ts`.
import { describe, expect, it } from 'vitest';
import { runSoak } from '../../scripts/soak.js';

// Bounded by the number of runs, not by time; a loaded 2-core CI machine may need far more than 5 s.
const SLOW_TEST_TIMEOUT_MS = 120_000;

describe('runSoak (short)', () => {
  it('returns the live count to baseline exactly and holds no wait entries after teardown', () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    const result = runSoak({ cycles: 20_000, behaviours: 5_000, gameMs: 30_000, samples: 3, gc });
    expect(result.problems).toEqual([]);
    const cycles = result.samples.filter((sample) => sample.phase === 'cycles');
    const game = result.samples.filter((sample) => sample.phase === 'game');
    expect(new Set(cycles.map((sample) => sample.liveCount))).toEqual(new Set([200]));
    expect(new Set(game.map((sample) => sample.liveCount))).toEqual(new Set([5_000]));
    expect(result.figures.cycles).toBe(20_000);
    expect(result.figures.resumes).toBeGreaterThan(100_000);
    // A hidden-tab tick is clamped to maxDtMs: no single tick resumes more than a few per behaviour.
    expect(result.figures.worstTickResumes).toBeLessThan(5_000 * 3);
    if (gc !== undefined) expect(result.figures.heapAfterMB! - result.figures.heapBeforeMB!).toBeLessThan(16);
  }, SLOW_TEST_TIMEOUT_MS);
});
