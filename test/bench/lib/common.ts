// Shared pieces of the benchmark: the work counter, the seeded sleep durations, the frame length,
// and the driver interface every implementation provides.

/** One simulated frame at 60 Hz, in ms. Every implementation advances its own clock by this much. */
export const FRAME_MS = 1000 / 60;

/**
 * The work every behaviour does on each resume: one increment of this shared counter. Comparing the
 * totals across implementations shows the work done was the same.
 */
export const counter = { count: 0 };

/**
 * The k-th sleep of behaviour `index`, in whole ms from 1 to 2000. A stateless hash of (index, k), so
 * each behaviour draws the same durations in every implementation whatever order they resume in.
 * 0 is left out on purpose: implementations disagree on what a 0 ms sleep means (tickflow and
 * Motion Canvas do not suspend, Excalibur waits a frame, a timer waits for the next turn).
 */
export function sleepMsFor(index: number, k: number): number {
  // mulberry32 finaliser over a mix of the two inputs (and a fixed seed).
  let t = (Math.imul(index, 0x9e3779b1) ^ Math.imul(k + 0x632be5ab, 0x85ebca77) ^ 0x5eed) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  t = (t ^ (t >>> 14)) >>> 0;
  return 1 + (t % 2000);
}

/** A running workload of one implementation: one call per simulated frame. */
export interface Driver {
  /** Runs one frame. Promise-based peers return a promise that settles when the frame's work is done. */
  frame(): void | Promise<void>;
  /** Stops every behaviour and drops references, so the heap can be measured and reused. */
  dispose(): void | Promise<void>;
}

/** What an implementation offers. A missing workload is shown as "n/a" with the reason. */
export interface Implementation {
  name: string;
  /** floor: the cost no scheduler beats; tickflow; peer: a library a user would pick instead. */
  kind: 'floor' | 'tickflow' | 'peer';
  /** (a) n behaviours, each: count, wait one frame, forever. */
  frame?(n: number): Driver | Promise<Driver>;
  /** (b) n behaviours, each: count, sleep sleepMsFor(index, k) ms, forever. */
  timers?(n: number): Driver | Promise<Driver>;
  /** (b') n behaviours, each: count once, then sleep for 1e9 ms. */
  idle?(n: number): Driver | Promise<Driver>;
  /** (c) every frame, `perFrame` new behaviours each: count, wait one frame, finish. */
  churn?(perFrame: number): Driver | Promise<Driver>;
  /** Loads what the implementation needs before anything is measured (a module imported on demand). */
  prepare?(): Promise<void>;
  /** Why a workload is missing or scaled down, by workload name. */
  notes?: Partial<Record<WorkloadName, string>>;
  /** The most behaviours this implementation runs per workload in reasonable time (scaled-down rows are marked). */
  limits?: Partial<Record<WorkloadName, number>>;
}

export type WorkloadName = 'frame' | 'timers' | 'idle' | 'churn';

/**
 * The environment variable through which run.ts hands `--baseline <dir>` to impls/tickflow.ts, in its own
 * thread and in the measuring workers (which inherit the environment).
 */
export const BASELINE_ENV = 'TICKFLOW_BENCH_BASELINE';
