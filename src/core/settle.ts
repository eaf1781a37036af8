import { TickflowError, describeValue } from './errors.js';
import { TaskState, type Task } from './task.js';
import { whereNow, type Awaitable, type Behaviour } from './wait.js';

/**
 * How a task ended, as {@link settle} reports it: its value, its error, or that it was cancelled.
 *
 * @example
 * const outcome: Settled<string> = yield* settle(dialogue);
 * const line = outcome.status === 'done' ? outcome.value : '...';
 */
export type Settled<T> =
  | {
      /** The task returned. */
      status: 'done';
      /** What it returned. */
      value: T;
    }
  | {
      /** The task threw. */
      status: 'failed';
      /** What it threw. */
      error: unknown;
    }
  | {
      /** The task was cancelled before it ended. */
      status: 'cancelled';
    };

/**
 * Waits for a task like `yield* task`, but never throws: returns how it ended. A failure it reports is
 * handled (not passed to `onError`), like any failure a behaviour joins. Resumes when `yield* task` would:
 * in the tick, and inside the call, in which the task ends; at once if it has already ended.
 *
 * @example
 * const outcome = yield* settle(leader); // frame the leader ends
 * if (outcome.status === 'done') follow(outcome.value);
 * else if (outcome.status === 'cancelled') lookAround(); // the NPC we followed died: no error, no console noise
 */
export function settle<T>(task: Task<T>): Awaitable<Settled<T>> {
  if (!(task instanceof TaskState)) {
    const hint = typeof task === 'object' && task !== null && typeof (task as { next?: unknown }).next === 'function'
      ? ' Spawn it first: settle(scheduler.spawn(behaviour())).'
      : '';
    throw new TickflowError(`settle expects a task returned by spawn(), got ${describeValue(task)}${whereNow()}.${hint}`);
  }
  return settleTask(task as TaskState<T>);
}

function* settleTask<T>(task: TaskState<T>): Behaviour<Settled<T>> {
  try {
    const value = yield* task;
    return { status: 'done', value };
  } catch (error) {
    // The task's own end decides; anything else (joining itself or an ancestor) is a bug in the caller.
    if (task.status === 'cancelled') return { status: 'cancelled' };
    if (task.status === 'failed') return { status: 'failed', error };
    throw error;
  }
}
