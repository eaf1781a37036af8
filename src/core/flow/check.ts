import { TickflowError, describeValue } from '../errors.js';
import { isFiniteFrom, isFinitePositive } from '../numbers.js';
import { whereNow } from '../wait.js';

/** Throws a TickflowError naming `helper` unless `ms` is a finite number >= 0 (or > 0 with `positive`). */
export function checkDurationMs(helper: string, what: string, ms: number, positive = false): void {
  if (!(positive ? isFinitePositive(ms) : isFiniteFrom(ms, 0))) {
    throw new TickflowError(
      `${helper} expects ${what} to be a finite number of milliseconds ${positive ? '> 0' : '>= 0'}, got ${describeValue(ms)}${whereNow()}. ` +
        'Check the value you compute it from.',
    );
  }
}

/** Throws a TickflowError naming `helper` unless `fn` is a function. */
export function checkFunction(helper: string, fn: unknown, example: string): void {
  if (typeof fn !== 'function') {
    throw new TickflowError(`${helper} expects a function, got ${describeValue(fn)}${whereNow()}. Write ${example}.`);
  }
}
