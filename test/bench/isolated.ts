// One tickflow workload alone in a fresh process: a quick check of one figure while working on the scheduler,
// without the full harness (npm run bench, which also gives each measurement a fresh V8 isolate).
//
//   node --expose-gc --import tsx test/bench/isolated.ts frame 100000
//   node --expose-gc --import tsx test/bench/isolated.ts churn 10000
import type { Driver, WorkloadName } from './lib/common.js';
import { median, runFrames } from './lib/measure.js';
import { tickflow } from './impls/tickflow.js';

const workload = (process.argv[2] ?? 'frame') as WorkloadName;
const n = Number(process.argv[3] ?? 100_000);
const start = tickflow[workload];
if (start === undefined) throw new Error(`unknown workload "${workload}": use frame, timers, idle or churn`);

for (let round = 0; round < 3; round++) {
  const driver = (await start.call(tickflow, n)) as Driver;
  const { samplesMs, resumes } = await runFrames(driver, { warmupFrames: 50, frames: 200, budgetMs: Infinity, minFrames: 200 });
  const medianMs = median(samplesMs);
  const nsPerResume = (medianMs * 1e6 * samplesMs.length) / resumes;
  console.log(`${workload} n=${n} round ${round + 1}: median ${medianMs.toFixed(3)} ms/frame, ${nsPerResume.toFixed(0)} ns/resume`);
  driver.dispose();
}
