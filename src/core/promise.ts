// waitPromise: a promise as an awaitable, resumed at a fixed phase of a tick.
//
// A promise settles in a microtask, between ticks, at a moment the game loop does not control. So the
// settlement is only recorded there; the behaviour resumes in the predicates phase (phase 4) of the first
// tick of its clock that sees it, through an ordinary waitUntil wait. Several promises that settled since
// the last tick therefore resume in the order their behaviours began waiting, not in the order the host
// happened to settle them, and two identical runs resume identically.
import { CancelledError, TickflowError, describeValue } from './errors.js';
import { ALREADY_STARTED, NOT_A_COLLECTION, RESUME, START, Wait, WaitKind, context, inBehaviour, whereNow, type Awaitable, type Instruction } from './wait.js';

/**
 * The part of AbortSignal that tickflow itself relies on (core is compiled without DOM types): what
 * {@link AbortSignalLike} is in a program that declares no AbortSignal.
 *
 * @example
 * yield* waitPromise((signal: MinimalAbortSignal) => loadLevel(2, () => signal.aborted)); // stops loading once cancelled
 */
export interface MinimalAbortSignal {
  /** True once the behaviour stopped waiting (cancelled, lost a race, had an error thrown in). */
  readonly aborted: boolean;
  /** Why it was aborted (a CancelledError), or undefined while not aborted. */
  readonly reason: unknown;
}

interface MinimalAbortController {
  readonly signal: MinimalAbortSignal;
  abort(reason?: unknown): void;
}

/**
 * The host's `AbortSignal` type (the DOM's or Node's, whichever the program declares), so a
 * {@link waitPromise} function can hand its signal straight to `fetch` or `Assets.load`. Where the program
 * declares no AbortSignal it is the minimal `{ aborted, reason }`.
 *
 * @example
 * yield* waitPromise((signal: AbortSignalLike) => fetch('/level-2.json', { signal })); // DOM AbortSignal
 */
export type AbortSignalLike = typeof globalThis extends {
  /** The host's AbortSignal constructor, if the program declares one. */
  AbortSignal: {
    /** Its instances' type. */
    prototype: infer S;
  };
}
  ? S
  : MinimalAbortSignal;

/**
 * What {@link waitPromise} accepts: a promise, or a function that starts the work and may be aborted.
 *
 * @example
 * const source: PromiseSource<Response> = (signal) => fetch('/save', { method: 'POST', signal });
 * const response = yield* waitPromise(source); // phase 4 of the first tick after the response arrives
 */
export type PromiseSource<T> = PromiseLike<T> | ((signal: AbortSignalLike) => PromiseLike<T>);

const PENDING = 0;
const FULFILLED = 1;
const REJECTED = 2;
// The behaviour stopped waiting (cancelled, lost a race, had an error thrown in): a late outcome is dropped.
const ABANDONED = 3;

/**
 * Waits for a promise and returns its value; a rejection is thrown at the `yield*`. Pass the promise, or a
 * function `(signal) => promise` that starts the work when the wait begins: cancelling the behaviour (or
 * losing a `race`) aborts that signal, and `finally` blocks run at once, without waiting for the promise.
 *
 * Determinism: a promise settles between ticks, in a microtask; the behaviour resumes in the predicates
 * phase (phase 4, with `waitUntil`) of the first tick of its clock after that, in the order behaviours began
 * waiting. It never resumes inside a microtask, so the order of resumes is a function of the ticks. While
 * its clock is paused it waits, like `waitUntil`.
 *
 * @example
 * function* loadLevel(url: string): Behaviour<Level> {
 *   const level = yield* waitPromise((signal) => fetchLevel(url, signal)); // resumes in phase 4 of the first tick after it loads
 *   return level;
 * }
 */
export function waitPromise<T>(source: PromiseSource<T>): Awaitable<T> {
  if (typeof source !== 'function' && !isThenable(source)) {
    throw new TickflowError(
      `waitPromise expects a promise or a function (signal) => promise, got ${describeValue(source)}${whereNow()}. ` +
        'Write waitPromise(loadTexture(url)) or waitPromise((signal) => fetch(url, { signal })).',
    );
  }
  return new PromiseAwaitable<T>(source);
}

class PromiseAwaitable<T> implements Awaitable<T> {
  readonly #source: PromiseSource<T>;

  constructor(source: PromiseSource<T>) {
    this.#source = source;
  }

  // Each `yield*` waits afresh: a function source is called again, a promise is followed again.
  [Symbol.iterator](): Iterator<Instruction, T, unknown> {
    return new PromiseIteration<T>(this.#source);
  }
}

/** One `yield* waitPromise(...)`: follows the promise and answers the scheduler's resume. */
class PromiseIteration<T> implements Iterator<Instruction, T, unknown> {
  readonly #source: PromiseSource<T>;
  #state = PENDING;
  #outcome: unknown = undefined;
  #controller: MinimalAbortController | null = null;
  #wait: Wait | null = null;

  constructor(source: PromiseSource<T>) {
    this.#source = source;
  }

  next(sent?: unknown): IteratorResult<Instruction, T> {
    if (sent === RESUME) return this.#finish();
    if (sent === START) return ALREADY_STARTED.yielded;
    // for...of and spread call next() with no argument: an awaitable is not a collection.
    if (arguments.length === 0 || this.#wait !== null) return NOT_A_COLLECTION as IteratorReturnResult<T>;
    const promise = this.#start();
    promise.then(
      (value) => this.#settle(FULFILLED, value),
      (error: unknown) => this.#settle(REJECTED, error),
    );
    // Named, so the inspector says "waitUntil promiseSettled".
    const promiseSettled = (): boolean => this.#state !== PENDING;
    this.#wait = new Wait(WaitKind.until, 0, promiseSettled);
    return this.#wait.yielded;
  }

  /** The behaviour is cancelled (or lost a race) while waiting: abort the work, drop its outcome. */
  return(value?: unknown): IteratorResult<Instruction, T> {
    this.#abandon();
    return { value: value as T, done: true };
  }

  throw(error: unknown): never {
    this.#abandon();
    throw error;
  }

  #start(): PromiseLike<T> {
    const source = this.#source;
    if (typeof source !== 'function') return source;
    const Controller = (globalThis as unknown as { AbortController?: new () => MinimalAbortController }).AbortController;
    if (Controller === undefined) {
      throw new TickflowError(
        `waitPromise was given a function, but this host has no AbortController to make its signal${whereNow()}. Pass the promise itself.`,
      );
    }
    const controller = new Controller();
    this.#controller = controller;
    const promise: unknown = source(controller.signal as AbortSignalLike);
    if (!isThenable(promise)) {
      throw new TickflowError(
        `waitPromise: the function ${source.name || '(anonymous)'} returned ${describeValue(promise)}, not a promise${whereNow()}. ` +
          'Return the promise: waitPromise((signal) => fetch(url, { signal })).',
      );
    }
    return promise as PromiseLike<T>;
  }

  #settle(state: number, outcome: unknown): void {
    if (this.#state !== PENDING) return;
    this.#state = state;
    this.#outcome = outcome;
  }

  #finish(): IteratorResult<Instruction, T> {
    const outcome = this.#outcome;
    this.#outcome = undefined;
    this.#controller = null;
    if (this.#state === REJECTED) throw outcome;
    return { value: outcome as T, done: true };
  }

  #abandon(): void {
    if (this.#state !== PENDING) return;
    this.#state = ABANDONED;
    const controller = this.#controller;
    this.#controller = null;
    if (controller !== null) {
      const where = context.task === null ? '' : inBehaviour(context.task);
      controller.abort(new CancelledError(`waitPromise was abandoned: its behaviour was cancelled${where}`));
    }
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}
