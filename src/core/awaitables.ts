import { TickflowError, describeValue } from './errors.js';
import { isFiniteFrom } from './numbers.js';
import { Immediate, Wait, WaitKind, whereNow, type Awaitable, type Instruction } from './wait.js';
import type { Task } from './task.js';

// Waits for whole numbers are cached, so `yield* waitFrames(1)` and `yield* waitMs(250)` allocate
// nothing in steady state. Cached waits are immutable: storing one (`const tick = waitMs(100)`) and
// waiting on it again, or passing it to race(), is safe.
const CACHE_LIMIT = 1 << 16;
const frameWaits: Array<Wait | undefined> = [];
const msWaits: Array<Wait | undefined> = [];
const realMsWaits: Array<Wait | undefined> = [];
const NO_WAIT = new Immediate();

// Larger whole numbers (waitMs(120_000), waitMs(1e9) for "asleep until cancelled") are cached by value,
// up to this many distinct values per kind; past that they allocate.
const LARGE_CACHE_LIMIT = 4096;
const largeWaits = new Map<number, Wait>();

function cachedWait(cache: Array<Wait | undefined>, kind: number, amount: number): Wait {
  if (Number.isInteger(amount)) {
    if (amount < CACHE_LIMIT) return (cache[amount] ??= new Wait(kind, amount, null));
    // Kinds share one map: the key keeps them apart (amounts are >= CACHE_LIMIT, far below 2^40).
    const key = kind * 2 ** 40 + amount;
    const cached = largeWaits.get(key);
    if (cached !== undefined) return cached;
    const wait = new Wait(kind, amount, null);
    if (largeWaits.size < LARGE_CACHE_LIMIT && amount < 2 ** 40) largeWaits.set(key, wait);
    return wait;
  }
  return new Wait(kind, amount, null);
}

/**
 * Waits for `frames` ticks: resumes on exactly the n-th following tick of the behaviour's clock.
 * `waitFrames(0)` does not suspend. Frames do not count while the behaviour's clock is paused.
 *
 * @example
 * function* blinkTwice(sprite: Sprite): Behaviour {
 *   sprite.visible = false;    // frame 0 (spawn)
 *   yield* waitFrames(3);
 *   sprite.visible = true;     // frame 3
 * }
 */
export function waitFrames(frames: number): Awaitable<void> {
  if (!(Number.isInteger(frames) && frames >= 0)) {
    throw new TickflowError(
      `waitFrames expects a whole number of frames >= 0, got ${describeValue(frames)}${whereNow()}. ` +
        'Round it (waitFrames(Math.ceil(n))) or wait for time with waitMs.',
    );
  }
  if (frames === 0) return NO_WAIT as Awaitable<void>;
  return cachedWait(frameWaits, WaitKind.frames, frames) as Awaitable<void>;
}

/**
 * The wait behind {@link nextFrame}: its own Wait (frames, 1), not waitFrames(1)'s cached one, so the
 * engine tells a bare `yield nextFrame` apart by identity alone. Internal (engine.ts).
 */
export const NEXT_FRAME: Wait = new Wait(WaitKind.frames, 1, null);

/**
 * The fast spelling of `yield* waitFrames(1)` for hot per-frame loops: `yield nextFrame`, a bare
 * `yield` (no star) of this one constant. Same meaning in every respect (resumes on the next tick of the
 * behaviour's clock, in the same order, frozen while paused, cancelled at the yield, the inspector shows
 * "waitFrames, 1 frame left"); cheaper, because the generator makes no delegation calls. Measured (CPU
 * time per resume, test/bench/results/notes-round-two.md): a frame of 100,000 behaviours costs 45 ns per
 * resume with `yield nextFrame` against 68 ns with `yield* waitFrames(1)` (0.67x; 10,000: 28 against 48 ns),
 * and a behaviour that lives one frame 126 against 158 ns. The price: V8 allocates the bare yield's
 * iterator result (about 40 B of young garbage, freed cheaply by the scavenger) on each resume, where
 * `yield* waitFrames(1)`, the documented form, allocates nothing.
 * `yield nextFrame` gives nothing back: use it as a statement. Only this constant may be yielded without
 * the star; `yield waitMs(100)`, `yield 500` and a bare `yield` do not compile and fail at run time.
 * One check is lost: a generator whose next() was called by hand before spawn, paused at `yield nextFrame`,
 * is not reported as "already started" (at a `yield*` it is); it simply continues.
 *
 * @example
 * function* spin(sprite: { rotation: number }): Behaviour {
 *   for (;;) {
 *     sprite.rotation += 0.1; // frame 0 (spawn), 1, 2, ...
 *     yield nextFrame;        // as yield* waitFrames(1)
 *   }
 * }
 */
export const nextFrame: Instruction = NEXT_FRAME as unknown as Instruction;

/**
 * Waits `ms` milliseconds of the behaviour's game clock (scaled by timeScale, frozen while paused).
 * Consecutive waits are measured from the previous deadline, so loops of waits never drift.
 * `waitMs(0)` does not suspend. How late the resume was is there for the asking: {@link lateness}.
 *
 * @example
 * function* spawner(): Behaviour {
 *   for (;;) {
 *     yield* waitMs(100); // at 16 ms frames: resumes at 112 ms
 *     spawnEnemy();       // next deadline is 200 ms, not 212 ms
 *   }
 * }
 */
export function waitMs(ms: number): Awaitable<void> {
  checkMs('waitMs', ms);
  if (ms === 0) return NO_WAIT as Awaitable<void>;
  return cachedWait(msWaits, WaitKind.ms, ms) as Awaitable<void>;
}

/**
 * Waits `ms` milliseconds of the scheduler's real clock: unscaled, and running while paused.
 * For pause menus and UI.
 *
 * @example
 * scheduler.paused = true;
 * function* pulse(label: Text): Behaviour {
 *   for (;;) { label.alpha = 1 - label.alpha; yield* waitRealMs(400); } // animates while paused
 * }
 */
export function waitRealMs(ms: number): Awaitable<void> {
  checkMs('waitRealMs', ms);
  if (ms === 0) return NO_WAIT as Awaitable<void>;
  return cachedWait(realMsWaits, WaitKind.realMs, ms) as Awaitable<void>;
}

const LATENESS = new Wait(WaitKind.lateness, 0, null);

/**
 * How late the running behaviour's last timer (`waitMs` or `waitRealMs`) resumed: ms between its
 * deadline and its clock's time in the tick that resumed it. 0 before any timer. Does not suspend.
 * A separate call rather than waitMs's result: a fractional number handed to a generator is a fresh
 * heap object, and most loops never look at it, so they should not pay for it every resume.
 *
 * @example
 * function* gun(): Behaviour {
 *   for (;;) {
 *     yield* waitMs(100);                 // at 16 ms frames: resumes at 112 ms
 *     fireBullet(yield* lateness());      // 12: the bullet starts 12 ms further along its path
 *   }
 * }
 */
export function lateness(): Awaitable<number> {
  return LATENESS as Awaitable<number>;
}

function checkMs(name: string, ms: number): void {
  if (!isFiniteFrom(ms, 0)) {
    throw new TickflowError(
      `${name} expects a finite number of milliseconds >= 0, got ${describeValue(ms)}${whereNow()}. ` +
        'Check the value you compute the wait from.',
    );
  }
}

/**
 * Waits until `predicate()` returns true. Checked at once (no suspend when already true), then once
 * per tick after the frame waiters, while the behaviour's clock runs. The inspector names the wait
 * by `label`, else by the predicate's function name, else by its source.
 *
 * @example
 * yield* waitUntil(() => door.open, 'door open'); // resumes in the first tick that sees the door open
 * // inspector, meanwhile: "waitUntil door open"
 */
export function waitUntil(predicate: () => boolean, label?: string): Awaitable<void> {
  return new Wait(WaitKind.until, 0, labelled('waitUntil', checkPredicate('waitUntil', predicate), label)) as Awaitable<void>;
}

/**
 * Waits while `predicate()` returns true: the mirror of {@link waitUntil}, with the same optional label.
 *
 * @example
 * yield* waitWhile(() => player.stunned, 'stunned');
 */
export function waitWhile(predicate: () => boolean, label?: string): Awaitable<void> {
  return new Wait(WaitKind.while, 0, labelled('waitWhile', checkPredicate('waitWhile', predicate), label)) as Awaitable<void>;
}

// A label travels as the name of a small wrapper, so the Wait record and the scheduler stay as they are
// and unlabelled waits (the common case) cost nothing extra.
function labelled(name: string, predicate: () => boolean, label: string | undefined): () => boolean {
  if (label === undefined) return predicate;
  if (typeof label !== 'string') {
    throw new TickflowError(`${name} expects its label to be a string, got ${describeValue(label)}${whereNow()}. Write ${name}(() => condition, 'door open').`);
  }
  const named = (): boolean => predicate();
  Object.defineProperty(named, 'name', { value: label });
  return named;
}

function checkPredicate(name: string, predicate: unknown): () => boolean {
  if (typeof predicate !== 'function') {
    throw new TickflowError(
      `${name} expects a function returning a boolean, got ${describeValue(predicate)}${whereNow()}. ` +
        `Write ${name}(() => condition).`,
    );
  }
  return predicate as () => boolean;
}

const CURRENT_TASK = new Wait(WaitKind.currentTask, 0, null);

/**
 * Gives the running behaviour its own {@link Task} without suspending.
 *
 * @example
 * const me = yield* currentTask();
 * console.log(me.path); // "level > patrol#3"
 */
export function currentTask(): Awaitable<Task<unknown>> {
  return CURRENT_TASK as Awaitable<Task<unknown>>;
}
