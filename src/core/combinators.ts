import { TickflowError, describeValue } from './errors.js';
import { asyncGeneratorRefused, isAsyncGenerator } from './messages.js';
import { Wait, WaitKind, whereNow, type Awaitable, type ResultOf } from './wait.js';

/** The results of {@link all}: a tuple matching the items. */
export type AllResults<A extends readonly Awaitable<unknown>[]> = { -readonly [K in keyof A]: ResultOf<A[K]> };

/** The result of {@link race}: which item won (`index`) and its result, typed per index. */
export type RaceResult<A extends readonly Awaitable<unknown>[]> = {
  [K in keyof A]: {
    /** The position of the winning item in the array passed to `race`. */
    index: K extends `${infer N extends number}` ? N : number;
    /** The winner's result, typed as that item's result. */
    value: ResultOf<A[K]>;
  };
}[number];

/**
 * Runs behaviours and awaitables side by side and waits for all of them; returns their results as a
 * typed tuple. Behaviours and awaitables are spawned as children of the waiting behaviour, in order;
 * tasks are joined as they are. If one fails (or is cancelled), the others that `all` spawned are
 * cancelled and the error is thrown into the waiter. `all([])` returns `[]` without suspending.
 *
 * @example
 * const [arrived, said] = yield* all([walkTo(eid, door), say(eid, 'Open up!')]);
 * // resumes in the tick the slower of the two finishes
 */
export function all<const A extends readonly Awaitable<unknown>[]>(items: A): Awaitable<AllResults<A>> {
  return new Wait(WaitKind.all, 0, checkItems('all', items)) as Awaitable<AllResults<A>>;
}

/**
 * Runs behaviours and awaitables side by side until the first one finishes; returns `{ index, value }`
 * of the winner. The others that `race` spawned are cancelled (their finally blocks run) before the
 * waiter resumes. If the first to end failed or was cancelled, that error is thrown into the waiter.
 *
 * @example
 * const outcome = yield* race([waitMs(3000), waitSignal(sawPlayer)]);
 * if (outcome.index === 0) giveUp(); // 3 s passed first
 */
export function race<const A extends readonly Awaitable<unknown>[]>(items: A): Awaitable<RaceResult<A>> {
  return new Wait(WaitKind.race, 0, checkItems('race', items)) as Awaitable<RaceResult<A>>;
}

function checkItems(name: string, items: unknown): readonly unknown[] {
  if (!Array.isArray(items)) {
    throw new TickflowError(`${name} expects an array of behaviours, tasks or awaitables, got ${describeValue(items)}${whereNow()}.`);
  }
  for (let i = 0; i < items.length; i++) {
    const item: unknown = items[i];
    if (isAsyncGenerator(item)) throw asyncGeneratorRefused(`${name} item ${i}${whereNow()}`, 'is');
    if (item === null || typeof item !== 'object' || typeof (item as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') {
      const hint = typeof item === 'function' ? ` Call it: ${name}([${(item as { name: string }).name || 'behaviour'}(...)]).` : '';
      throw new TickflowError(`${name} item ${i} is not a behaviour, task or awaitable: got ${describeValue(item)}${whereNow()}.${hint}`);
    }
  }
  if (items.length === 0 && name === 'race') {
    throw new TickflowError(`race([]) has nothing to race and would wait forever${whereNow()}. Pass at least one behaviour or awaitable.`);
  }
  return items.slice();
}
