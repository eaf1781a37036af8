// The protocol between awaitables and the scheduler. Internal: users only see `Instruction`,
// `Awaitable<T>` and `Behaviour<T>`.
//
// A behaviour suspends by `yield*`-ing an awaitable. The awaitable's iterator answers the first
// `next()` with its own preallocated result `{ value: wait, done: false }`; `yield*` hands that very
// object to the scheduler (the spec passes inner results through unchanged), so a wait costs no
// allocation and the scheduler can tell a real `yield*` (result === wait.yielded) from a plain
// `yield wait`. To resume, the scheduler writes the wait's result into `context.value` and calls
// `generator.next(RESUME)`; `yield*` forwards that to the awaitable, which returns the shared DONE
// result carrying the value.

// The yield type's only property is named as the fix, and the type is left anonymous (a `typeof`, not an
// interface), so TypeScript prints that name in each of the three common mistakes:
//   yield waitMs(100)  TS2741: Property ''Use yield* (with the star) ...'' is missing in type 'Awaitable<void>' ...
//   yield              TS2322: Type 'undefined' is not assignable to type '{ readonly 'Use yield* (with the star) ...': true; }'
//   yield 500          TS2322: Type 'number' is not assignable to type '{ readonly 'Use yield* (with the star) ...': true; }'
// test/core/yield-messages.test.ts pins the wording.
declare const instruction: {
  /** Named as the fix, so the compiler error for `yield 500`, a bare `yield` or `yield waitMs(100)` says what to write. */
  readonly 'Use yield* (with the star) and an awaitable: yield* waitMs(500)': true;
};

/**
 * What a behaviour yields to the scheduler. Only tickflow's awaitables make these, and only `yield*`
 * passes them on, so `yield 500`, a bare `yield` or `yield waitMs(100)` does not compile inside a
 * {@link Behaviour}, with a message that says to write `yield*`.
 *
 * @example
 * function* blink(): Behaviour {
 *   yield* waitMs(500); // compiles
 *   // yield 500;       // error: ... not assignable to type '{ readonly 'Use yield* (with the star) and an awaitable: yield* waitMs(500)': true; }'
 * }
 */
export type Instruction = typeof instruction;

/**
 * Something a behaviour can wait for with `yield*`, giving a result of type T.
 *
 * @example
 * const me: Task<unknown> = yield* currentTask(); // an Awaitable<Task<unknown>>
 */
export interface Awaitable<T> {
  /** The protocol `yield*` uses: the scheduler drives this iterator; its return value is the result. */
  [Symbol.iterator](): Iterator<Instruction, T, unknown>;
}

/**
 * A behaviour: the generator object returned by calling a `function*` that waits with `yield*`.
 *
 * @example
 * function* blink(sprite: { visible: boolean }): Behaviour {
 *   for (;;) { sprite.visible = !sprite.visible; yield* waitMs(500); } // toggles at 0, 500, 1000 ms
 * }
 */
export type Behaviour<T = void> = Generator<Instruction, T, unknown>;

/** The result type of an awaitable (or behaviour, or task). */
export type ResultOf<A> = A extends Awaitable<infer T> ? T : never;

/** Kinds of wait, read by the scheduler's dispatch. */
export const WaitKind = {
  frames: 0,
  ms: 1,
  realMs: 2,
  until: 3,
  while: 4,
  signal: 5,
  join: 6,
  all: 7,
  race: 8,
  currentTask: 9,
  alreadyStarted: 10,
  lateness: 11,
} as const;

/** Sent by the scheduler on resume; the wait's result travels in `context.value`. */
export const RESUME: object = Object.freeze({ tickflow: 'resume' });
/** Sent by the scheduler on a behaviour's first step; a fresh generator ignores it. */
export const START: object = Object.freeze({ tickflow: 'start' });

/**
 * State shared between the running scheduler and awaitables during one synchronous step.
 * `task` names the behaviour in error messages raised by awaitables; `value` carries a resume result.
 */
export const context: { task: { readonly path: string; readonly entity: number | undefined } | null; value: unknown } = {
  task: null,
  value: undefined,
};

const DONE: { value: unknown; done: true } = { value: undefined, done: true };
/** What an awaitable gives to for...of, spread or a deep-equality check: nothing (they are not collections). */
export const NOT_A_COLLECTION: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/**
 * One wait: a kind, an amount (frames or ms) and a target (predicate, signal, task, items).
 * Immutable once made, so one object may be cached and shared by any number of behaviours.
 */
export class Wait implements Iterator<Instruction, unknown, unknown> {
  readonly kind: number;
  readonly amount: number;
  readonly target: unknown;
  readonly yielded: IteratorYieldResult<Instruction>;

  constructor(kind: number, amount: number, target: unknown) {
    this.kind = kind;
    this.amount = amount;
    this.target = target;
    this.yielded = { value: this as unknown as Instruction, done: false };
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(sent?: unknown): IteratorResult<Instruction, unknown> {
    if (sent === RESUME) {
      DONE.value = context.value;
      return DONE;
    }
    // yield* always passes one argument; for...of and spread pass none. Iterating an awaitable outside
    // a behaviour must end at once, not loop forever on its instruction.
    if (sent === undefined) return arguments.length === 0 ? NOT_A_COLLECTION : this.yielded;
    // START reaching a suspended awaitable means the generator was started before spawn() got it.
    // Answer without disturbing its state: the behaviour that owns it keeps waiting here.
    if (sent === START) return ALREADY_STARTED.yielded;
    throw new Error('tickflow: a behaviour was resumed by code other than its scheduler; do not call next() on a spawned behaviour');
  }

  throw(error: unknown): never {
    throw error;
  }
}

/** An awaitable that completes at once with no value: waitFrames(0), waitMs(0), waitRealMs(0). */
export class Immediate implements Iterator<Instruction, undefined, unknown> {
  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<Instruction, undefined> {
    DONE.value = undefined;
    return DONE as IteratorReturnResult<undefined>;
  }
}

export const ALREADY_STARTED = new Wait(WaitKind.alreadyStarted, 0, null);

/** The suffix that names a behaviour in error messages: ` (in behaviour "level#1 > guard#2", entity 5)`. */
export function inBehaviour(task: { readonly path: string; readonly entity: number | undefined }): string {
  const path = shortPath(task.path);
  return task.entity === undefined ? ` (in behaviour "${path}")` : ` (in behaviour "${path}", entity ${task.entity})`;
}

// Paths longer than this many names are shortened in messages (the task's `path` itself stays whole).
const MESSAGE_PATH_NAMES = 8;

/**
 * A name path as error messages show it: whole up to 8 names, else the first 3 and the last 3 around a count,
 * `"level#1 > a#2 > b#3 > … (99994 more) … > x#99998 > y#99999 > z#100000"`, so an error 100,000 levels deep
 * reads in one line instead of 1.5 MB.
 */
export function shortPath(path: string): string {
  const names = path.split(' > ');
  if (names.length <= MESSAGE_PATH_NAMES) return path;
  const hidden = names.length - 6;
  return [...names.slice(0, 3), `… (${hidden} more) …`, ...names.slice(-3)].join(' > ');
}

/** Suffix naming the behaviour that is running now, for error messages raised inside it. */
export function whereNow(): string {
  return context.task === null ? '' : inBehaviour(context.task);
}
