import { currentTask, waitFrames, waitMs } from '../core/awaitables.js';
import type { Clock } from '../core/clock.js';
import { race } from '../core/combinators.js';
import { TickflowError, describeValue } from '../core/errors.js';
import { logicalNowMs } from '../core/internal.js';
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
  if (!(typeof durationMs === 'number' && durationMs >= 0 && durationMs < Infinity)) {
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
    if (typeof start !== 'number' || !Number.isFinite(start)) {
      throw new TickflowError(`tween: property "${key}" of the target is ${describeValue(start)}, not a finite number${whereNow()}. Tween numeric properties only (for scale, tween sprite.scale).`);
    }
    if (typeof goal !== 'number' || !Number.isFinite(goal)) {
      throw new TickflowError(`tween: target value for "${key}" is ${describeValue(goal)}, not a finite number${whereNow()}.`);
    }
    from[i] = start;
    end[i] = goal;
  }
  if (durationMs > 0 && keys.length > 0) {
    const task = yield* currentTask();
    const clock = task.clock;
    // Start where waitMs counts from: the logical now (the deadline that resumed this behaviour, if a
    // timer did). The race's waitMs counts from the same instant, so progress and the end agree.
    const startMs = logicalNowMs(task);
    const frames = followFrames(values, keys, from, end, clock, startMs, durationMs, easing);
    // The timer phase runs before the frame phase, so in the tick the time is up the deadline wins and
    // the frame follower is cancelled before it could set a value past the end.
    yield* race([waitMs(durationMs), frames]);
  }
  for (let i = 0; i < keys.length; i++) values[keys[i]] = end[i];
}

/** Sets eased values each frame until cancelled by the tween's deadline. */
function* followFrames(
  values: Record<string, number>,
  keys: string[],
  from: number[],
  end: number[],
  clock: Clock,
  startMs: number,
  durationMs: number,
  easing: Easing,
): Behaviour<void> {
  for (;;) {
    yield* waitFrames(1);
    const progress = (clock.nowMs - startMs) / durationMs;
    const eased = easing(progress < 0 ? 0 : progress > 1 ? 1 : progress);
    for (let i = 0; i < keys.length; i++) values[keys[i]] = from[i] + (end[i] - from[i]) * eased;
  }
}
