import { waitMs } from '../awaitables.js';
import { all, type AllResults } from '../combinators.js';
import { TickflowError, describeValue } from '../errors.js';
import { whereNow, type Awaitable, type Behaviour } from '../wait.js';
import { checkDurationMs } from './check.js';

/**
 * Starts behaviours (or awaitables) one after another, `staggerMs` apart, then waits for all of them and
 * returns their results as a typed tuple, like {@link all}. Item i starts `i * staggerMs` after the call,
 * counted like `waitMs` (drift-free); a behaviour's body does not run before its start. If one fails, the
 * others are cancelled (in item order, with their finally blocks) and the error is thrown at the `yield*`.
 *
 * @example
 * // Motion Canvas's sequence(0.1, ...): three cards fly in 100 ms apart
 * const [a, b, c] = yield* sequence(100, flyIn(card1), flyIn(card2), flyIn(card3));
 * // starts at 0, 100 and 200 ms; resumes when the last one lands
 */
export function sequence<const A extends readonly Awaitable<unknown>[]>(staggerMs: number, ...items: A): Awaitable<AllResults<A>> {
  checkDurationMs('sequence', 'staggerMs', staggerMs);
  const delayed: Awaitable<unknown>[] = [];
  for (let i = 0; i < items.length; i++) {
    const item: unknown = items[i];
    if (item === null || typeof item !== 'object' || typeof (item as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') {
      const hint = typeof item === 'function' ? ` Call it: sequence(${staggerMs}, ${(item as { name: string }).name || 'behaviour'}(...)).` : '';
      throw new TickflowError(`sequence item ${i} is not a behaviour or awaitable: got ${describeValue(item)}${whereNow()}.${hint}`);
    }
    delayed.push(i === 0 ? (item as Awaitable<unknown>) : startLater(i * staggerMs, item as Awaitable<unknown>));
  }
  return all(delayed) as Awaitable<unknown> as Awaitable<AllResults<A>>;
}

function* startLater<T>(delayMs: number, item: Awaitable<T>): Behaviour<T> {
  yield* waitMs(delayMs);
  return yield* item;
}
