import { TickflowError, describeValue } from '../core/errors.js';
import { forMs } from '../core/flow/for-ms.js';
import { isFiniteFrom, isFiniteNumber } from '../core/numbers.js';
import { whereNow, type Behaviour } from '../core/wait.js';
import { linear, type Easing } from './easing.js';

/** The keys of T whose values are numbers: what {@link tween} can animate. */
export type NumericKeys<T> = { [K in keyof T]-?: T[K] extends number ? K : never }[keyof T];

/** Target values for {@link tween}: any subset of the object's numeric properties. */
export type TweenProps<T> = { [K in NumericKeys<T>]?: number };

/**
 * Animates numeric properties of `target` (a pixi.js display object, its `scale`, a three.js vector, any plain object)
 * from their current values to `to` over `durationMs` of the behaviour's clock, and resumes when done.
 *
 * - Lands exactly on the `to` values in the tick its time is up.
 * - Drift-free: the end is a deadline on the behaviour's clock counted like `waitMs`, so chained tweens
 *   and waits (`tween; waitMs; tween`) add up exactly, however long the frames are.
 * - Follows the clock: time scale slows it, pause freezes it.
 * - Cancelled (the behaviour was cancelled, or lost a `race`): stops where it is, no jump to the end.
 *
 * Values are set once per frame of the behaviour's clock, from the clock's time, so a tween never
 * lags behind after a slow frame.
 *
 * @example
 * function* popIn(sprite: Sprite): Behaviour {
 *   sprite.alpha = 0;
 *   yield* tween(sprite, { alpha: 1, y: 100 }, 300, easeOutQuad); // 150 ms: alpha 0.75; 300 ms: alpha 1, y 100
 *   yield* tween(sprite.scale, { x: 1.2, y: 1.2 }, 100);           // 400 ms: done, exactly
 * }
 */
export function* tween<T extends object>(target: T, to: TweenProps<T>, durationMs: number, easing: Easing = linear): Behaviour<void> {
  if (!isFiniteFrom(durationMs, 0)) {
    throw new TickflowError(
      `tween expects a finite duration in milliseconds >= 0, got ${describeValue(durationMs)}${whereNow()}. ` +
        'Write tween(sprite, { x: 100 }, 500).',
    );
  }
  if (typeof easing !== 'function') {
    throw new TickflowError(`tween expects an easing function such as easeOutQuad, got ${describeValue(easing)}${whereNow()}.`);
  }
  const values = target as Record<string, number>;
  const keys = Object.keys(to);
  const from = new Array<number>(keys.length);
  const end = new Array<number>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const start = values[key];
    const goal = (to as Record<string, unknown>)[key];
    if (!isFiniteNumber(start)) {
      throw new TickflowError(`tween: property "${key}" of the target is ${describeValue(start)}, not a finite number${whereNow()}. Tween numeric properties only (for scale, tween sprite.scale).`);
    }
    if (!isFiniteNumber(goal)) {
      throw new TickflowError(`tween: target value for "${key}" is ${describeValue(goal)}, not a finite number${whereNow()}.`);
    }
    from[i] = start;
    end[i] = goal;
  }
  if (durationMs > 0 && keys.length > 0) {
    // forMs reports progress each frame of the behaviour's clock and ends on the deadline, counted like waitMs
    // from the logical now; its last report (progress 1) is replaced by the exact targets below.
    yield* forMs(durationMs, (progress) => {
      if (progress >= 1) return;
      const eased = easing(progress);
      for (let i = 0; i < keys.length; i++) values[keys[i]] = from[i] + (end[i] - from[i]) * eased;
    });
  }
  for (let i = 0; i < keys.length; i++) values[keys[i]] = end[i];
}
