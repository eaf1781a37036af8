// The one finite-number check of tickflow, and the one owner of the maxDtMs clamp. Every option and argument in
// src/ that must be a finite number (waits, timeScale, dtMs, maxDtMs, durations in tween, howler and colyseus)
// goes through isFiniteFrom, so NaN, Infinity and non-numbers are refused alike everywhere; every frame time is
// clamped here (clampFrameMs for a caller's dtMs, clampMeasuredMs for one measured from timestamps).
// test/architecture/number-checks.test.ts fails on a hand-written copy elsewhere.
import { TickflowError, describeValue } from './errors.js';

/** True for a number that is finite and >= min (NaN, Infinity and non-numbers are false). */
export function isFiniteFrom(value: unknown, min: number): value is number {
  return typeof value === 'number' && value >= min && value < Infinity;
}

/** True for any finite number (NaN, ±Infinity and non-numbers are false). */
export function isFiniteNumber(value: unknown): value is number {
  return isFiniteFrom(value, -Number.MAX_VALUE);
}

/** True for a finite number > 0. */
export function isFinitePositive(value: unknown): value is number {
  return typeof value === 'number' && value > 0 && value < Infinity;
}

/** The default most milliseconds one tick may advance the clocks. */
export const DEFAULT_MAX_DT_MS = 100;

/** Checks a `maxDtMs` option (default 100), naming the caller in the error. */
export function maxDtMsOption(value: number | undefined, where: string): number {
  const maxDtMs = value ?? DEFAULT_MAX_DT_MS;
  if (!isFinitePositive(maxDtMs)) {
    throw new TickflowError(`${where}: maxDtMs must be a finite number of milliseconds > 0, got ${describeValue(maxDtMs)}. The default is ${DEFAULT_MAX_DT_MS}.`);
  }
  return maxDtMs;
}

/** Checks a frame's elapsed time (dtMs >= 0, finite) and clamps it to maxDtMs. */
export function clampFrameMs(dtMs: number, maxDtMs: number, where: string): number {
  if (!isFiniteFrom(dtMs, 0)) {
    throw new TickflowError(
      `${where} expects the frame's elapsed time as a finite number of milliseconds >= 0, got ${describeValue(dtMs)}. ` +
        `Large values are fine: they are clamped to maxDtMs (${maxDtMs}).`,
    );
  }
  return dtMs > maxDtMs ? maxDtMs : dtMs;
}

/**
 * A frame time measured from timestamps (requestAnimationFrame): clamped to maxDtMs, and 0 when it is NaN or
 * not above 0 (a timestamp can precede the moment the timer restarted). Never throws: a timestamp is no caller's
 * mistake.
 */
export function clampMeasuredMs(dtMs: number, maxDtMs: number): number {
  if (!(dtMs > 0)) return 0;
  return dtMs > maxDtMs ? maxDtMs : dtMs;
}

/** The fastest a clock runs, in its ms per real ms: the product of the time scales down its tree, capped. */
export const MAX_CLOCK_RATE = 1e9;

/** The most ms of its own time a clock advances in one tick. */
export const MAX_CLOCK_STEP_MS = 1e12;

/**
 * Catch-up bound of the timer phase: in one tick, a clock's timers resume with drift-free (logical) time
 * at most CATCH_UP_PER_SLEEPER x (sleepers at the start of the phase) + CATCH_UP_BASE times; past that,
 * each due behaviour resumes once more and counts its next wait from the clock's now (the backlog is not
 * simulated, as time lost to maxDtMs is not), and past twice that the phase stops for this tick.
 */
export const CATCH_UP_PER_SLEEPER = 64;
/** See {@link CATCH_UP_PER_SLEEPER}. */
export const CATCH_UP_BASE = 1024;

/**
 * How many first steps (a spawn inside a body, an all()/race() member) may run on top of each other. Each
 * runs the new body inside the caller's; at about 1,900 levels V8's stack overflows, and an overflow inside
 * the scheduler's own bookkeeping would leave tasks half-started, so the spawn past this depth is refused.
 */
export const MAX_NESTED_STARTS = 1000;
