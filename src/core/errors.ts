/**
 * Every error tickflow raises itself. The message says what went wrong, the value, where (the
 * behaviour's name path) and how to fix it.
 *
 * @example
 * try { scheduler.tick(NaN); } catch (error) { error instanceof TickflowError; // true }
 */
export class TickflowError extends Error {
  /** Name path of the behaviour the error belongs to (`"level > patrol#12"`), once known. */
  behaviour: string | undefined;

  constructor(message: string) {
    super(message);
    this.name = 'TickflowError';
    this.behaviour = undefined;
  }
}

/**
 * Thrown into a behaviour that joins a task which was cancelled (`yield* task`, `all`, `race`).
 *
 * @example
 * const scout = scheduler.spawn(walk(eid));
 * scout.cancel();
 * // in another behaviour:
 * try { yield* scout; } catch (error) { error.name === 'CancelledError'; // true }
 */
export class CancelledError extends TickflowError {
  constructor(message: string) {
    super(message);
    this.name = 'CancelledError';
  }
}

/** Describes a value for an error message: strings quoted, functions named, objects by kind. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return `the function ${value.name || '(anonymous)'}`;
  if (value === null) return 'null';
  if (typeof value === 'object') {
    const tag = Object.prototype.toString.call(value).slice(8, -1);
    return tag === 'Object' ? 'a plain object' : `a ${tag}`;
  }
  return String(value);
}
