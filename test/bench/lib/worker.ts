// Runs one job in this worker thread and posts back its result (or its error as text).
import { parentPort, workerData } from 'node:worker_threads';
import { runJob, type Job } from './job.js';

const port = parentPort;
if (port === null) throw new Error('worker.ts runs inside a worker thread started by isolate.ts');
try {
  port.postMessage({ ok: true, value: await runJob(workerData.job as Job) });
} catch (error) {
  port.postMessage({ ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
}
