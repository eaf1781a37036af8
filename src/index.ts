/**
 * The core: the scheduler, typed awaitables (`waitFrames`, `waitMs`, ...), `all` / `race`, signals and clocks. No DOM, no dependencies.
 *
 * @module tickflow
 */
// The public API of 'tickflow'. Adapters live in subpaths: tickflow/ecs, tickflow/browser,
// tickflow/tween, tickflow/pixi, tickflow/howler, tickflow/debug.
export { createScheduler } from './core/scheduler.js';
export type { Scheduler, SchedulerOptions, ClockOptions, TraceEvent } from './core/scheduler.js';
export { waitFrames, nextFrame, waitMs, waitRealMs, waitUntil, waitWhile, currentTask, lateness } from './core/awaitables.js';
export { deltaMs, timeNowMs } from './core/clock-reads.js';
export { all, race } from './core/combinators.js';
export type { AllResults, RaceResult } from './core/combinators.js';
export { createSignal, waitSignal } from './core/signal.js';
export type { Signal } from './core/signal.js';
export { TickflowError, CancelledError } from './core/errors.js';
export type { Task, TaskStatus, SpawnOptions } from './core/task.js';
export type { Clock } from './core/clock.js';
export type { Behaviour, Awaitable, Instruction, ResultOf } from './core/wait.js';
export { waitPromise } from './core/promise.js';
export type { AbortSignalLike, MinimalAbortSignal, PromiseSource } from './core/promise.js';
export { settle } from './core/settle.js';
export type { Settled } from './core/settle.js';
export { createQueue } from './core/queue.js';
export type { Queue, QueueOptions, OverflowPolicy } from './core/queue.js';
export { sequence } from './core/flow/sequence.js';
export { every } from './core/flow/every.js';
export { timeout } from './core/flow/timeout.js';
export type { TimeoutResult } from './core/flow/timeout.js';
export { forFrames } from './core/flow/for-frames.js';
export { forMs } from './core/flow/for-ms.js';
