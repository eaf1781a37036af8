// The public contract of the scheduler: its options, its interface and createScheduler. The engine that
// implements it is engine.ts (its header maps the runtime's files).
import type { Clock } from './clock.js';
import { SchedulerState } from './engine.js';
import type { SpawnOptions, Task } from './task.js';
import type { Behaviour } from './wait.js';

// The engine's type, for tickflow's own scripts and adapters; they reach its internals through internal.ts.
export type { SchedulerState };

/** Options for {@link createScheduler}. */
export interface SchedulerOptions {
  /** The most milliseconds one tick may advance the clocks (a long frame or a hidden tab). Default 100. */
  maxDtMs?: number | undefined;
  /**
   * Called once for each behaviour that fails with nobody joining it. Default: console.error with the
   * behaviour's name path and the error (its stack shows the `yield*` chain).
   */
  onError?: ((error: unknown, task: Task<unknown>) => void) | undefined;
  /**
   * Measures each resume's CPU time when given (e.g. `() => performance.now()`), for the inspector.
   * Off by default: the hot path then reads no clock.
   */
  cpuClockMs?: (() => number) | undefined;
  /** Called after each measured resume (needs `cpuClockMs`). */
  onResumeMeasured?: ((task: Task<unknown>, elapsedMs: number) => void) | undefined;
  /**
   * Called for every spawn, resume, suspend and end, in order, when given: a recorder for traces and
   * determinism checks. Off by default.
   */
  onTrace?: ((event: TraceEvent, task: Task<unknown>, frame: number) => void) | undefined;
}

/** What {@link SchedulerOptions.onTrace} reports. `suspend` comes with the task's `waiting` description. */
export type TraceEvent = 'spawn' | 'resume' | 'suspend' | 'done' | 'cancelled' | 'failed';

/** Options for {@link Scheduler.createClock}. */
export interface ClockOptions {
  /** Default: the game clock. */
  parent?: Clock | undefined;
  /** Speed relative to the parent clock. Default 1. */
  timeScale?: number | undefined;
}

/**
 * Resumes behaviours, one tick per frame. See the README for the phases of a tick.
 *
 * @example
 * const scheduler = createScheduler();
 * scheduler.spawn(patrol(npc, route), { name: 'patrol' }); // runs up to its first wait now
 * scheduler.tick(16);                                       // frame 1, 16 ms
 */
export interface Scheduler {
  /** Starts a behaviour and runs it synchronously up to its first wait. */
  spawn<T>(behaviour: Behaviour<T>, options?: SpawnOptions): Task<T>;
  /** One frame: frame += 1, clocks advance by min(dtMs, maxDtMs) (scaled), due behaviours resume. */
  tick(dtMs: number): void;
  /** Ticks so far, paused or not. */
  readonly frame: number;
  /** The game clock, ms: scaled by timeScale, frozen while paused. */
  readonly nowMs: number;
  /** The real clock, ms: unscaled, runs while paused (still clamped by maxDtMs). */
  readonly realNowMs: number;
  /** The game clock's speed (1 normal, 0.5 slow motion). */
  timeScale: number;
  /** Freezes the game clock and every clock under it. Real-clock waits go on. */
  paused: boolean;
  /** The game clock: the default clock of behaviours, parent of clocks you create. */
  readonly clock: Clock;
  /** The real clock, for waitRealMs (or spawn a behaviour on it to make its waitFrames ignore pause). */
  readonly realClock: Clock;
  /** Makes a named clock (a group such as "gameplay" or "ui") under `parent` (default: the game clock). */
  createClock(name: string, options?: ClockOptions): Clock;
  /** Behaviours that have not ended (including ones waiting for their children). */
  readonly liveCount: number;
  /** The behaviour whose body runs now, or null between resumes. */
  readonly current: Task<unknown> | null;
  /** Live top-level behaviours (no parent), oldest first. */
  roots(): Task<unknown>[];
  /** Cancels every live behaviour, newest first. */
  cancelAll(): void;
}

/**
 * Makes a scheduler. No globals: pass it where behaviours are spawned.
 *
 * @example
 * const scheduler = createScheduler({ maxDtMs: 100, onError: (error, task) => log(task.path, error) });
 */
export function createScheduler(options: SchedulerOptions = {}): Scheduler {
  return new SchedulerState(options);
}
