// Shared by every property test: a fixed seed and run count, so CI is deterministic and bounded, with
// environment variables to explore or replay (see test/reliability/model.property.test.ts):
//   TICKFLOW_FC_SEED=<n>   another seed
//   TICKFLOW_FC_RUNS=<n>   programs per property instead of the test's default
//   TICKFLOW_FC_PATH=<p>   replay the shrunk counterexample a failure printed
import type fc from 'fast-check';

/** Property tests are bounded by their number of runs, not by time; a loaded 2-core CI machine may need far more than 5 s. */
export const SLOW_TEST_TIMEOUT_MS = 120_000;

/** fast-check parameters: `defaultRuns` runs from seed 20261125, unless the environment says otherwise. */
export function fcSettings<T extends unknown[]>(defaultRuns: number): fc.Parameters<T> {
  const runs = process.env.TICKFLOW_FC_RUNS;
  return {
    seed: Number(process.env.TICKFLOW_FC_SEED ?? 20261125),
    numRuns: runs === undefined ? defaultRuns : Number(runs),
    ...(process.env.TICKFLOW_FC_PATH ? { path: process.env.TICKFLOW_FC_PATH } : {}),
  };
}
