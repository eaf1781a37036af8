// Timing, statistics and heap measurement.
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { counter, type Driver } from './common.js';
import { drainMicrotasks } from './fake-host.js';

/** The value below which `fraction` of the sorted samples lie (nearest rank). */
export function quantile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank];
}

export function median(values: readonly number[]): number {
  return quantile([...values].sort((a, b) => a - b), 0.5);
}

/** A forced full garbage collection (needs node --expose-gc). */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc (npm run bench does)');
  gc();
  gc();
}

export interface FrameRun {
  /** Wall time of each measured frame, ms. */
  samplesMs: number[];
  /** Counter increments during the measured frames. */
  resumes: number;
  frames: number;
}

export interface RunOptions {
  warmupFrames: number;
  frames: number;
  /** Stop measuring after this much wall time, once `minFrames` are in. */
  budgetMs: number;
  minFrames: number;
}

/**
 * Warms up, then times each frame. Only awaits frames that return a promise. A warm-up frame that takes
 * over a second ends the warm-up (one such frame has run every code path many thousand times).
 */
export async function runFrames(driver: Driver, options: RunOptions): Promise<FrameRun> {
  for (let f = 0; f < options.warmupFrames; f++) {
    const t0 = performance.now();
    const pending = driver.frame();
    if (pending !== undefined) await pending;
    if (performance.now() - t0 > 1000) break;
  }
  const samplesMs: number[] = [];
  const start = counter.count;
  const startedMs = performance.now();
  for (let f = 0; f < options.frames; f++) {
    const t0 = performance.now();
    const pending = driver.frame();
    if (pending !== undefined) await pending;
    const t1 = performance.now();
    samplesMs.push(t1 - t0);
    if (f + 1 >= options.minFrames && t1 - startedMs > options.budgetMs) break;
  }
  return { samplesMs, resumes: counter.count - start, frames: samplesMs.length };
}

// ---- heap ----

let gcWindows: Array<{ startMs: number; endMs: number }> = [];
let observer: PerformanceObserver | null = null;

function watchGc(): void {
  if (observer !== null) return;
  observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcWindows.push({ startMs: entry.startTime, endMs: entry.startTime + entry.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
}

function heapUsed(): number {
  return process.memoryUsage().heapUsed;
}

export interface AllocationRun {
  /** Bytes allocated per counted resume, from frames no garbage collection ran in. */
  bytesPerResume: number;
  /** Frames used (the others overlapped a garbage collection). */
  cleanFrames: number;
  frames: number;
  resumes: number;
}

interface FrameRecord {
  startMs: number;
  endMs: number;
  bytes: number;
  resumes: number;
}

/** Heap growth and resumes across each of `frames` frames. */
async function recordFrames(driver: Driver, frames: number): Promise<FrameRecord[]> {
  const records: FrameRecord[] = [];
  for (let f = 0; f < frames; f++) {
    const before = heapUsed();
    const c0 = counter.count;
    const startMs = performance.now();
    const pending = driver.frame();
    if (pending !== undefined) await pending;
    const endMs = performance.now();
    const after = heapUsed();
    records.push({ startMs, endMs, bytes: after - before, resumes: counter.count - c0 });
  }
  return records;
}

const emptySync: Driver = { frame() {}, dispose() {} };
const emptyAsync: Driver = { frame: () => drainMicrotasks(), dispose() {} };

/**
 * Bytes allocated per resume: the heap's growth across each frame, summed over frames in which no
 * garbage collection ran (a collection shrinks the heap and hides what was allocated), minus what
 * the same measurement of an empty frame shows, divided by the resumes in those frames.
 */
export async function measureAllocation(driver: Driver, warmupFrames: number, frames: number): Promise<AllocationRun> {
  watchGc();
  let asynchronous = false;
  for (let f = 0; f < Math.max(1, warmupFrames); f++) {
    const pending = driver.frame();
    asynchronous = pending !== undefined;
    if (pending !== undefined) await pending;
  }
  // The measuring loop allocates a little itself (timestamps, the record, the frame's promise).
  const empty = asynchronous ? emptyAsync : emptySync;
  await recordFrames(empty, 200);
  const overheadBytes = median((await recordFrames(empty, 200)).map((record) => record.bytes));
  collectGarbage();
  await settleObserver();
  gcWindows = [];
  const records = await recordFrames(driver, frames);
  await settleObserver();
  let bytes = 0;
  let resumes = 0;
  let cleanFrames = 0;
  for (const record of records) {
    const collected = gcWindows.some((w) => w.endMs >= record.startMs && w.startMs <= record.endMs);
    if (collected || record.bytes < 0) continue;
    bytes += record.bytes - overheadBytes;
    resumes += record.resumes;
    cleanFrames++;
  }
  return { bytesPerResume: resumes === 0 ? NaN : Math.max(0, bytes) / resumes, cleanFrames, frames, resumes };
}

function settleObserver(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Heap bytes per behaviour: the retained heap after `create(n)`, both sides after a full collection. */
export async function measureRetained<T>(n: number, create: () => Promise<T>): Promise<{ value: T; bytesPerBehaviour: number }> {
  collectGarbage();
  const before = heapUsed();
  const value = await create();
  collectGarbage();
  const after = heapUsed();
  return { value, bytesPerBehaviour: (after - before) / n };
}
