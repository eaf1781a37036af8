import { TickflowError, describeValue } from '../core/errors.js';
import { isFinitePositive } from '../core/numbers.js';
import { whereNow, type Behaviour } from '../core/wait.js';
import { tween, type TweenProps } from './tween.js';

// ωt at which a critically damped spring released from rest has 0.01 % of its distance left:
// (1 + x)·e^(-x) = 1e-4 gives x = 11.756 (solved by Newton's method). The spring snaps there.
const SETTLED_OMEGA_T = 11.75637122249542;

/**
 * A critically damped spring from rest: moves numeric properties of `target` to `to` as fast as possible
 * without overshoot, the motion UI "juice" reaches for. `smoothTimeMs` sets how quick it is (as Unity's
 * SmoothDamp: about the time to cover most of the way; ω = 2 / smoothTimeMs). It lands exactly on `to` after
 * about 5.9 × smoothTimeMs, when 0.01 % of the distance is left. Like {@link tween} (which it drives with
 * the exact solution x(t) = to + (x0 - to)(1 + ωt)e^(-ωt)): drift-free, follows the clock, and stops where it
 * is when cancelled.
 *
 * @example
 * yield* spring(panel, { y: 0 }, 120); // slides in, no bounce; 120 ms: 59 % of the way; ~706 ms: exactly 0
 */
export function spring<T extends object>(target: T, to: TweenProps<T>, smoothTimeMs = 150): Behaviour<void> {
  if (!isFinitePositive(smoothTimeMs)) {
    throw new TickflowError(
      `spring expects smoothTimeMs to be a finite number of milliseconds > 0, got ${describeValue(smoothTimeMs)}${whereNow()}. ` +
        'Write spring(panel, { y: 0 }, 150).',
    );
  }
  return tween(target, to, (SETTLED_OMEGA_T * smoothTimeMs) / 2, springProgress);
}

/** Progress of the spring over its settling time: 1 - (1 + x)·e^(-x), x = ωt. */
function springProgress(t: number): number {
  const x = t * SETTLED_OMEGA_T;
  return 1 - (1 + x) * Math.exp(-x);
}
