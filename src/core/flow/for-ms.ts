import { currentTask, waitFrames, waitMs } from '../awaitables.js';
import type { Clock } from '../clock.js';
import { race } from '../combinators.js';
import type { SchedulerState } from '../scheduler.js';
import type { TaskState } from '../task.js';
import type { Awaitable, Behaviour } from '../wait.js';
import { checkDurationMs, checkFunction } from './check.js';

/**
 * Calls `fn(progress, elapsedMs)` on every tick of the behaviour's clock for `ms` of its time, with
 * `progress` = elapsed / ms in [0, 1), then once more with exactly 1 in the tick the time is up (the timers
 * phase, where `waitMs(ms)` would resume), and resumes there. Drift-free like `waitMs`: what follows counts
 * from the deadline. Follows the clock (time scale, pause). `forMs(0, fn)` calls `fn(1, 0)` at once.
 * `fn` runs inside a helper behaviour that ends with the span: spawn from it with `{ detached: true }`.
 *
 * @example
 * // fade a light over 500 ms, whatever the frame rate
 * yield* forMs(500, (progress) => { light.intensity = 1 - progress; }); // 250 ms: 0.5; 500 ms: exactly 0
 */
export function forMs(ms: number, fn: (progress: number, elapsedMs: number) => void): Awaitable<void> {
  checkDurationMs('forMs', 'ms', ms);
  checkFunction('forMs', fn, 'forMs(500, (progress) => { ... })');
  return span(ms, fn);
}

function* span(ms: number, fn: (progress: number, elapsedMs: number) => void): Behaviour<void> {
  if (ms > 0) {
    const task = (yield* currentTask()) as TaskState;
    // Start where waitMs counts from: the logical now (the deadline that resumed this behaviour, if a timer
    // did), so progress and the end agree and chains of spans and waits add up exactly.
    const startMs = (task.owner as unknown as SchedulerState).logicalNowMs(task.clock);
    // The timer phase runs before the frame phase: in the tick the time is up the deadline wins and the
    // follower is cancelled before it could report progress past the end.
    yield* race([waitMs(ms), follow(fn, task.clock, startMs, ms)]);
  }
  fn(1, ms);
}

function* follow(fn: (progress: number, elapsedMs: number) => void, clock: Clock, startMs: number, ms: number): Behaviour<void> {
  const next = waitFrames(1);
  for (;;) {
    yield* next;
    const elapsedMs = clock.nowMs - startMs;
    fn(elapsedMs < ms ? elapsedMs / ms : 1, elapsedMs);
  }
}
