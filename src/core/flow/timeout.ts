import { waitMs } from '../awaitables.js';
import { race } from '../combinators.js';
import { TickflowError, describeValue } from '../errors.js';
import { TaskState } from '../task.js';
import { whereNow, type Awaitable, type Behaviour, type ResultOf } from '../wait.js';
import { checkDurationMs } from './check.js';

/**
 * What {@link timeout} returns: the item's result, or that the time ran out first.
 *
 * @example
 * const reply: TimeoutResult<string> = yield* timeout(3000, askPlayer());
 * const name = reply.timedOut ? 'Stranger' : reply.value;
 */
export type TimeoutResult<T> =
  | {
      /** The item finished in time. */
      timedOut: false;
      /** Its result. */
      value: T;
    }
  | {
      /** The time ran out first; the item was cancelled. */
      timedOut: true;
    };

/**
 * Runs a behaviour (or waits for an awaitable or task) for at most `ms` of the behaviour's clock. Returns
 * `{ timedOut: false, value }` when it finished in time, or `{ timedOut: true }` when the time ran out: the
 * behaviour is then cancelled (its finally blocks run) before the waiter resumes; a task passed in is
 * cancelled too. Its errors are thrown at the `yield*`. The deadline counts like `waitMs`; when the item's
 * own timer falls due at the same deadline, whichever was scheduled first wins.
 *
 * @example
 * const reply = yield* timeout(5000, waitPromise(fetchReply())); // at most 5 s
 * if (reply.timedOut) say('No answer.');
 * else say(reply.value);
 */
export function timeout<const A extends Awaitable<unknown>>(ms: number, item: A): Behaviour<TimeoutResult<ResultOf<A>>> {
  checkDurationMs('timeout', 'ms', ms);
  if (item === null || typeof item !== 'object' || typeof (item as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') {
    const hint = typeof item === 'function' ? ` Call it: timeout(${ms}, ${(item as { name: string }).name || 'behaviour'}(...)).` : '';
    throw new TickflowError(`timeout expects a behaviour, task or awaitable, got ${describeValue(item)}${whereNow()}.${hint}`);
  }
  return withTimeout(ms, item as Awaitable<ResultOf<A>>);
}

function* withTimeout<T>(ms: number, item: Awaitable<T>): Behaviour<TimeoutResult<T>> {
  const outcome = yield* race([item, waitMs(ms)]);
  if (outcome.index === 0) return { timedOut: false, value: outcome.value as T };
  // race cancels what it spawned; a task it only joined is cancelled here.
  if (item instanceof TaskState) item.cancel();
  return { timedOut: true };
}
