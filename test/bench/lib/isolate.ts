// Each measurement gets a fresh V8 isolate: a worker thread of this one process, started for the job
// and ended after it. Without this, what one workload leaves behind in V8 (hidden classes rebuilt after
// their objects died, optimized code made for another workload's objects) changes the next one's
// figures: in one shared isolate, tickflow's churn ran 2.3x slower after three 100,000-behaviour frame
// runs than alone (npm run bench -- --same-isolate shows it). Every implementation is measured the same way.
import { Worker } from 'node:worker_threads';
import { runJob, type Job, type JobResult } from './job.js';

const bootUrl = new URL('./worker-boot.mjs', import.meta.url);
const entry = new URL('./worker.ts', import.meta.url).href;

export async function runIsolated<J extends Job>(job: J, sameIsolate: boolean): Promise<JobResult<J>> {
  if (sameIsolate) return runJob(job);
  const worker = new Worker(bootUrl, { workerData: { entry, job } });
  try {
    return await new Promise<JobResult<J>>((resolve, reject) => {
      worker.once('message', (message: { ok: true; value: JobResult<J> } | { ok: false; error: string }) => {
        if (message.ok) resolve(message.value);
        else reject(new Error(message.error));
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the measuring worker exited (code ${code}) before reporting`)));
    });
  } finally {
    await worker.terminate();
  }
}
