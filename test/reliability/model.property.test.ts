// Model-based fuzzing: random programs of behaviours (spawn, cancel, waits on three clocks, signals, join,
// all, race, predicates, time scale and pause, entity removal (bitECS removeEntity, or a group cancel), errors, finally blocks with
// waits in them), run under random frame-time patterns on tickflow and on the reference scheduler
// (reference-scheduler.ts), compared line by line: resume order and results, finally blocks, caught errors,
// onError reports, and after every operation each task's status, result, error and children, the roots,
// liveCount and signal.waiting.
//
// Defaults: a fixed seed and a fixed number of programs, so CI is deterministic and bounded.
//   TICKFLOW_FC_SEED=<n>   another seed (explore: a new seed finds new programs)
//   TICKFLOW_FC_RUNS=<n>   programs per property (default 3000 general, 1500 with bitECS entities, 1500 timing)
// A failure prints the seed, the shrunk counterexample path and the first differing log line; replay exactly
// that case with
//   TICKFLOW_FC_SEED=<seed> TICKFLOW_FC_PATH=<path> npx vitest run --project unit test/reliability/model.property.test.ts -t '<it name>'
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { SLOW_TEST_TIMEOUT_MS, fcSettings } from '../fast-check-settings.js';
import { ecsProgramArb, firstDifference, programArb, runProgram, timingProgramArb, type Program } from './program.js';

function sameAsReference(program: Program): void {
  const difference = firstDifference(runProgram(program, 'tickflow'), runProgram(program, 'reference'));
  if (difference !== undefined) throw new Error(difference);
}

describe('createScheduler (model-based, against the reference scheduler)', () => {
  it('behaves as the reference for random programs of spawns, cancels, waits, signals, joins, all/race and errors', () => {
    fc.assert(fc.property(programArb, sameAsReference), fcSettings(3000));
  }, SLOW_TEST_TIMEOUT_MS);

  it('behaves as the reference for random programs whose entities live in a bitECS world (spawnOn, removeEntity)', () => {
    fc.assert(fc.property(ecsProgramArb, sameAsReference), fcSettings(1500));
  }, SLOW_TEST_TIMEOUT_MS);

  it('behaves as the reference for random timing programs (loops of waits, clocks, time scale, pause, long frames)', () => {
    fc.assert(fc.property(timingProgramArb, sameAsReference), fcSettings(1500));
  }, SLOW_TEST_TIMEOUT_MS);
});
