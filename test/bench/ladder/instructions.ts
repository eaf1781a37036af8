// Instructions per resume, counted by valgrind (instructions.sh), for A/B comparisons of engines that the CPU
// ladder cannot resolve on a noisy machine: the count is the same from run to run within about 0.5 %, where CPU
// time wanders 10-40 %. It counts work, not cache misses, so confirm a finding with the CPU ladder (ab.sh).
// One workload for a given number of frames; instructions.sh runs it twice (few and many frames) and divides the
// difference by the difference in resumes, so start-up, warm-up and compilation cancel out.
//   node instructions.mjs <churn | frame | timers> <n> <frames>     # prints the resumes counted
// Workloads (each with yield* waitFrames(1) / yield* waitMs):
//   churn   n behaviours spawned per frame, each ending the next frame (a resume = a behaviour)
//   frame   n behaviours resumed every frame
//   timers  n sleepers of 1-2000 ms (a resume = a wake)
//   idle    n sleepers of 1e9 ms, none waking (counted per frame instead: it prints the frames)
import { createScheduler, waitFrames, waitMs } from '../../../src/index.js';
import type { Behaviour } from '../../../src/index.js';
import { FRAME_MS, counter, sleepMsFor } from '../lib/common.js';

const [workload, nText, framesText] = process.argv.slice(2);
const n = Number(nText);
const frames = Number(framesText);

function* short(): Behaviour {
  counter.count++;
  yield* waitFrames(1);
}
function* everyFrame(): Behaviour {
  for (;;) {
    counter.count++;
    yield* waitFrames(1);
  }
}
function* idle(): Behaviour {
  counter.count++;
  yield* waitMs(1e9);
}
function* sleeper(index: number): Behaviour {
  for (let k = 0; ; k++) {
    counter.count++;
    yield* waitMs(sleepMsFor(index, k));
  }
}

const scheduler = createScheduler();
if (workload === 'churn') {
  for (let f = 0; f < frames; f++) {
    scheduler.tick(FRAME_MS);
    for (let i = 0; i < n; i++) scheduler.spawn(short());
  }
} else if (workload === 'frame' || workload === 'timers' || workload === 'idle') {
  for (let i = 0; i < n; i++) scheduler.spawn(workload === 'frame' ? everyFrame() : workload === 'timers' ? sleeper(i) : idle());
  for (let f = 0; f < frames; f++) scheduler.tick(FRAME_MS);
} else {
  throw new Error(`unknown workload ${workload}: churn, frame, timers or idle`);
}
console.log(workload === 'idle' ? frames : counter.count);
