// One measurement: one implementation, one workload, one size. The harness runs each job in a fresh
// V8 isolate (a worker thread, see isolate.ts), or in its own thread with --same-isolate.
import { implementationNamed } from '../impls/index.js';
import type { Driver, WorkloadName } from './common.js';
import { collectGarbage, measureAllocation, measureRetained, runFrames, type AllocationRun, type FrameRun, type RunOptions } from './measure.js';

/** Time each frame; with `retained`, first measure the heap per behaviour of creating them. */
export interface FramesJob {
  kind: 'frames';
  impl: string;
  workload: WorkloadName;
  n: number;
  run: RunOptions;
  retained: boolean;
}

/** Bytes allocated per resume (see measureAllocation). */
export interface AllocationJob {
  kind: 'allocation';
  impl: string;
  workload: WorkloadName;
  n: number;
  warmupFrames: number;
  frames: number;
}

export type Job = FramesJob | AllocationJob;

export interface FramesResult extends FrameRun {
  retainedBytes?: number;
}

export type JobResult<J extends Job> = J extends FramesJob ? FramesResult : AllocationRun;

export async function runJob<J extends Job>(job: J): Promise<JobResult<J>> {
  const impl = implementationNamed(job.impl);
  const start = impl[job.workload];
  if (start === undefined) throw new Error(`${impl.name} has no ${job.workload} workload`);
  // Before the heap is measured: a module loaded now would count as heap of the behaviours.
  await impl.prepare?.();
  collectGarbage();
  let retainedBytes: number | undefined;
  let driver: Driver;
  if (job.kind === 'frames' && job.retained) {
    const measured = await measureRetained(job.n, async () => start.call(impl, job.n));
    driver = measured.value;
    retainedBytes = measured.bytesPerBehaviour;
  } else {
    driver = await start.call(impl, job.n);
  }
  try {
    if (job.kind === 'allocation') return (await measureAllocation(driver, job.warmupFrames, job.frames)) as JobResult<J>;
    const run = await runFrames(driver, job.run);
    return { ...run, retainedBytes } as JobResult<J>;
  } finally {
    await driver.dispose();
  }
}
