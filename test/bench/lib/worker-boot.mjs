// A worker thread's first module: plain JavaScript, because TypeScript loads only after tsx is
// registered in this thread (hooks registered by `node --import tsx` do not reach workers on Node 20).
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
