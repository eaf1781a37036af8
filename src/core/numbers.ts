// The one finite-number check of the core, and the one owner of the maxDtMs clamp. Every option and
// argument that must be a finite number (waits, timeScale, dtMs, maxDtMs) goes through isFiniteFrom, so
// NaN, Infinity and non-numbers are refused alike everywhere.
import { TickflowError, describeValue } from './errors.js';

/** True for a number that is finite and >= min (NaN, Infinity and non-numbers are false). */
export function isFiniteFrom(value: unknown, min: number): value is number {
  return typeof value === 'number' && value >= min && value < Infinity;
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
