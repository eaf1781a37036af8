// Buffered queues (channels): push from anywhere, take inside behaviours.
//
// A queue is a signal with a memory. Its takers wait exactly as signal waiters do (the scheduler's signal
// wait: `add` when a taker suspends, `forget` when one is cancelled, `owner.wakeFromSignal` to resume one),
// but a push wakes one taker, the oldest, instead of all; with no taker waiting the value is buffered.
//
// Invariant 1: values are buffered only while no live taker waits (a push hands its value to the oldest live
//   taker first), so a take() that finds a value never jumps ahead of a waiting taker.
// Invariant 2: a value leaves the queue only by being handed to a taker that resumes with it, by drain() or
//   clear(), or by the overflow policy; a taker cancelled while waiting holds no value.
// A push made while another wake is in progress (a taker or a signal waiter resuming pushes) takes the oldest
// taker out and hands it the value at once, but resumes it from the outermost wake's loop (signal.ts,
// wakeInCascade), so a chain of 100,000 takers that each push into the next queue runs flat. Until then the
// taker waits on the queue's `handoff`; if it is cancelled before it resumes, its value goes back to the
// queue: to the oldest live taker, else to the front of the buffer (even past capacity: it was accepted).
// Steady state allocates nothing: both rings keep their storage, take() is one cached awaitable per queue, and
// its result object is shared (yield* reads the value out of it at once).
import { TickflowError, describeValue } from './errors.js';
import { Waiting, type TaskState } from './task.js';
import { wakeInCascade, type WakeSource } from './signal.js';
import { ALREADY_STARTED, NOT_A_COLLECTION, RESUME, START, Wait, WaitKind, context, whereNow, type Awaitable, type Instruction } from './wait.js';

/**
 * What a full queue does with a push: `'drop-oldest'` keeps the newest values (input, telemetry),
 * `'drop-newest'` keeps what is there and refuses the new value, `'error'` throws a TickflowError.
 *
 * @example
 * const telemetry = createQueue<number>('telemetry', { capacity: 100, overflow: 'drop-oldest' });
 */
export type OverflowPolicy = 'drop-oldest' | 'drop-newest' | 'error';

/**
 * Options for {@link createQueue}.
 *
 * @example
 * const options: QueueOptions = { capacity: 16, overflow: 'drop-newest' }; // a 17th push returns false
 */
export interface QueueOptions {
  /** Most values buffered while no behaviour takes them: a whole number >= 1, or Infinity. Default 64. */
  capacity?: number | undefined;
  /** What a push to a full queue does. Default 'error'. */
  overflow?: OverflowPolicy | undefined;
}

/**
 * A buffered, typed queue: `push` from anywhere (input handlers, other behaviours, network code),
 * `yield* queue.take()` inside a behaviour. Values come out in push order; takers get them in the order they
 * began waiting, one value each. Unlike a signal, a value pushed while nobody waits is kept.
 *
 * @example
 * const clicks = createQueue<{ x: number; y: number }>('clicks', { capacity: 16, overflow: 'drop-oldest' });
 * canvas.addEventListener('pointerdown', (event) => clicks.push({ x: event.x, y: event.y }));
 * function* walker(): Behaviour {
 *   for (;;) {
 *     const target = yield* clicks.take(); // resumes inside push(), or at once if a click is buffered
 *     yield* walkTo(target);               // clicks made while walking wait in the queue
 *   }
 * }
 */
export interface Queue<T> {
  /** The name given to {@link createQueue}, shown in error messages and the inspector. */
  readonly name: string;
  /** Most values it buffers (a whole number >= 1, or Infinity). */
  readonly capacity: number;
  /** What a push to a full queue does. */
  readonly overflow: OverflowPolicy;
  /** Values buffered now. */
  readonly size: number;
  /** Behaviours waiting in take() now. */
  readonly waiting: number;
  /** Values lost to the overflow policy so far. */
  readonly dropped: number;
  /**
   * Hands `value` to the oldest waiting taker (it resumes inside this call), or buffers it. Returns false
   * when the value was refused ('drop-newest' on a full queue); 'error' throws instead. Called while another
   * wake is in progress (from a behaviour that a push or an emit is resuming), the taker still gets the value
   * now but resumes right after that wake returns, so chains of behaviours relaying values through queues
   * never nest. A taker cancelled before it resumes loses nothing: its value goes to the next waiting taker,
   * else back to the front of the buffer.
   */
  push(value: T): boolean;
  /** Waits for the next value: at once (no suspend) if one is buffered, else until a push. */
  take(): Awaitable<T>;
  /** Removes every buffered value, oldest first, appending them to `into` (default: a new array). */
  drain(into?: T[]): T[];
  /** Discards every buffered value. Waiting takers keep waiting. */
  clear(): void;
}

/**
 * Makes a {@link Queue}. The name appears in error messages and in the inspector ("signal clicks").
 *
 * @example
 * const orders = createQueue<string>('orders', { capacity: 8 });
 * orders.push('attack'); // buffered until a behaviour takes it
 */
export function createQueue<T>(name = 'queue', options: QueueOptions = {}): Queue<T> {
  if (typeof name !== 'string' || name === '') {
    throw new TickflowError(`createQueue expects a non-empty name, got ${describeValue(name)}${whereNow()}. Write createQueue<T>('clicks', { capacity: 16 }).`);
  }
  const capacity = options.capacity ?? 64;
  if (!(capacity === Infinity || (Number.isInteger(capacity) && capacity >= 1))) {
    throw new TickflowError(
      `createQueue("${name}") expects capacity to be a whole number >= 1 or Infinity, got ${describeValue(capacity)}${whereNow()}. ` +
        'A queue that can hold nothing is a signal: use createSignal() for that.',
    );
  }
  const overflow = options.overflow ?? 'error';
  if (overflow !== 'drop-oldest' && overflow !== 'drop-newest' && overflow !== 'error') {
    throw new TickflowError(
      `createQueue("${name}") expects overflow to be 'drop-oldest', 'drop-newest' or 'error', got ${describeValue(overflow)}${whereNow()}.`,
    );
  }
  return new QueueState<T>(name, capacity, overflow);
}

/** A growable ring buffer. Storage doubles when full and never shrinks, so steady use allocates nothing. */
class Ring<T> {
  #items: Array<T | undefined>;
  #head = 0;
  #count = 0;

  constructor(initialCapacity: number) {
    this.#items = new Array<T | undefined>(initialCapacity).fill(undefined);
  }

  get count(): number {
    return this.#count;
  }

  push(item: T): void {
    if (this.#count === this.#items.length) this.#grow();
    this.#items[(this.#head + this.#count) % this.#items.length] = item;
    this.#count++;
  }

  /** Puts an item back in front of the others. */
  unshift(item: T): void {
    if (this.#count === this.#items.length) this.#grow();
    this.#head = (this.#head - 1 + this.#items.length) % this.#items.length;
    this.#items[this.#head] = item;
    this.#count++;
  }

  shift(): T {
    const items = this.#items;
    const item = items[this.#head] as T;
    items[this.#head] = undefined;
    this.#head = (this.#head + 1) % items.length;
    this.#count--;
    return item;
  }

  /** Keeps the items for which `keep` is true, in order, in place. */
  retain(keep: (item: T) => boolean): void {
    const items = this.#items;
    const size = items.length;
    let kept = 0;
    for (let i = 0; i < this.#count; i++) {
      const item = items[(this.#head + i) % size] as T;
      if (keep(item)) items[(this.#head + kept++) % size] = item;
    }
    for (let i = kept; i < this.#count; i++) items[(this.#head + i) % size] = undefined;
    this.#count = kept;
  }

  #grow(): void {
    const old = this.#items;
    const items = new Array<T | undefined>(Math.max(4, old.length * 2)).fill(undefined);
    for (let i = 0; i < this.#count; i++) items[i] = old[(this.#head + i) % old.length];
    this.#items = items;
    this.#head = 0;
  }
}

// The result of a take, shared by every queue: yield* copies the value out before anything else runs.
const TAKEN: { value: unknown; done: true } = { value: undefined, done: true };
// What takeNow() answers when nothing is buffered (a value of the user's can never be this object).
const NOTHING_BUFFERED: unique symbol = Symbol('nothing buffered');

/** Implementation of {@link Queue}. Its waiters follow the scheduler's signal-wait protocol (see the header). */
class QueueState<T> implements Queue<T> {
  readonly name: string;
  readonly capacity: number;
  readonly overflow: OverflowPolicy;
  /** The wait a suspending taker yields: the scheduler calls add() and, on cancel, forget(). */
  readonly wait: Wait;
  readonly #values: Ring<T>;
  // Takers in the order they began waiting; may hold stale entries of takers that were cancelled.
  readonly #takers = new Ring<TaskState>(4);
  #live = 0;
  #dropped = 0;
  readonly #take: TakeAwaitable<T>;
  // What a taker handed a value waits on until its deferred resume (see the header).
  readonly #handoff: Handoff;

  constructor(name: string, capacity: number, overflow: OverflowPolicy) {
    this.name = name;
    this.capacity = capacity;
    this.overflow = overflow;
    this.#values = new Ring<T>(Math.min(capacity, 16));
    this.wait = new Wait(WaitKind.signal, 0, this);
    this.#take = new TakeAwaitable<T>(this);
    this.#handoff = new Handoff(this as unknown as QueueState<unknown>);
  }

  get size(): number {
    return this.#values.count;
  }

  get waiting(): number {
    return this.#live;
  }

  get dropped(): number {
    return this.#dropped;
  }

  push(value: T): boolean {
    const takers = this.#takers;
    while (takers.count > 0) {
      const task = takers.shift();
      if (!this.#isWaiting(task)) continue;
      this.#live--;
      // Out of the ring before it runs: a taker that takes again while being woken queues at the back.
      task.waitTarget = this.#handoff;
      wakeInCascade(this.#handoff, task, value);
      return true;
    }
    const values = this.#values;
    if (values.count >= this.capacity) {
      if (this.overflow === 'drop-newest') {
        this.#dropped++;
        return false;
      }
      if (this.overflow === 'error') {
        throw new TickflowError(
          `queue "${this.name}" is full (capacity ${this.capacity}) and nothing takes from it${whereNow()}. ` +
            "Take values faster, raise capacity, or choose overflow: 'drop-oldest' or 'drop-newest'.",
        );
      }
      values.shift();
      this.#dropped++;
    }
    values.push(value);
    return true;
  }

  take(): Awaitable<T> {
    return this.#take;
  }

  drain(into: T[] = []): T[] {
    const values = this.#values;
    while (values.count > 0) into.push(values.shift());
    return into;
  }

  clear(): void {
    const values = this.#values;
    while (values.count > 0) values.shift();
  }

  /** Resumes a taker handed `value`, or, if it was cancelled meanwhile, gives the value back to the queue. */
  resumeHanded(task: TaskState, value: T): void {
    if (task.waiting === Waiting.signal && task.waitTarget === this.#handoff) {
      task.owner.wakeFromSignal(task, value);
      return;
    }
    const takers = this.#takers;
    while (takers.count > 0) {
      const next = takers.shift();
      if (!this.#isWaiting(next)) continue;
      this.#live--;
      next.owner.wakeFromSignal(next, value);
      return;
    }
    this.#values.unshift(value);
  }

  /** The oldest buffered value, for a taker that would otherwise wait. */
  takeNow(): T | typeof NOTHING_BUFFERED {
    return this.#values.count > 0 ? this.#values.shift() : NOTHING_BUFFERED;
  }

  /** A taker starts waiting (called by the scheduler). */
  add(task: TaskState): void {
    this.#takers.push(task);
    this.#live++;
  }

  /** A taker left without a value (cancelled). Stale entries are dropped once they are the majority. */
  forget(): void {
    this.#live--;
    const stale = this.#takers.count - this.#live;
    if (stale > 32 && stale * 2 > this.#takers.count) this.#takers.retain((task) => this.#isWaiting(task));
  }

  #isWaiting(task: TaskState): boolean {
    return task.waiting === Waiting.signal && task.waitTarget === this;
  }
}

/**
 * What a taker waits on between being handed a value and resuming. It is a signal wait to the scheduler: a
 * cancel calls forget(), which has nothing to do (the taker already left the queue's count), and the inspector
 * shows the queue's name.
 */
class Handoff implements WakeSource {
  readonly #queue: QueueState<unknown>;

  constructor(queue: QueueState<unknown>) {
    this.#queue = queue;
  }

  get name(): string {
    return this.#queue.name;
  }

  forget(): void {}

  deliverQueued(payload: unknown, value: unknown): void {
    this.#queue.resumeHanded(payload as TaskState, value);
  }
}

/** `queue.take()`: one cached awaitable per queue, shared by all its takers (it keeps no state of its own). */
class TakeAwaitable<T> implements Iterator<Instruction, T, unknown> {
  readonly #queue: QueueState<T>;

  constructor(queue: QueueState<T>) {
    this.#queue = queue;
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(sent?: unknown): IteratorResult<Instruction, T> {
    if (sent === RESUME) {
      TAKEN.value = context.value;
      return TAKEN as IteratorReturnResult<T>;
    }
    if (sent === START) return ALREADY_STARTED.yielded;
    // for...of and spread call next() with no argument: an awaitable is not a collection.
    if (arguments.length === 0) return NOT_A_COLLECTION as IteratorReturnResult<T>;
    const queue = this.#queue;
    const value = queue.takeNow();
    if (value === NOTHING_BUFFERED) return queue.wait.yielded;
    TAKEN.value = value;
    return TAKEN as IteratorReturnResult<T>;
  }

  throw(error: unknown): never {
    throw error;
  }
}
