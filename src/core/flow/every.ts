import { waitMs } from '../awaitables.js';
import type { Awaitable, Behaviour } from '../wait.js';
import { checkDurationMs, checkFunction } from './check.js';

/**
 * Calls `fn(count)` every `ms` of the behaviour's clock (count 1, 2, 3, ...), first `ms` after the start, until
 * `fn` returns `false` or the behaviour is cancelled; returns how many calls were made. Drift-free: each
 * deadline is counted from the previous one, so over T ms it calls exactly floor(T / ms) times, whatever the
 * frame lengths. A long frame that passes several deadlines calls once per deadline, in that tick.
 *
 * @example
 * // setInterval(spawnEnemy, 2000) that pauses with the game
 * scheduler.spawn(every(2000, () => spawnEnemy()));                   // calls at 2000, 4000, 6000 ms, ...
 * const beeps = yield* every(1000, (n) => { beep(); return n < 3; }); // 1000, 2000, 3000 ms; then beeps === 3
 */
export function every(ms: number, fn: (count: number) => unknown): Behaviour<number> {
  checkDurationMs('every', 'ms', ms, true);
  checkFunction('every', fn, 'every(1000, () => spawnEnemy())');
  return repeat(ms, fn);
}

function* repeat(ms: number, fn: (count: number) => unknown): Behaviour<number> {
  // One cached awaitable for the whole loop: no allocation per call.
  const interval: Awaitable<void> = waitMs(ms);
  for (let count = 1; ; count++) {
    yield* interval;
    if (fn(count) === false) return count;
  }
}
