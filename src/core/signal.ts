import { TickflowError, describeValue } from './errors.js';
import { Wait, WaitKind, whereNow, type Awaitable } from './wait.js';
import { Waiting, type TaskState } from './task.js';

/**
 * An event behaviours can wait for. `emit(value)` wakes every behaviour waiting on it, at once and in
 * the order they began waiting, before `emit` returns. Signals are events, not time: they wake waiters
 * even on a paused clock.
 *
 * @example
 * const onHit = createSignal<number>('onHit');
 * function* flinch(): Behaviour { const damage = yield* waitSignal(onHit); shake(damage); }
 * onHit.emit(12); // flinch resumes inside this call with damage = 12
 */
export interface Signal<T = void> {
  /** The name given to {@link createSignal}; the inspector shows waits as `signal <name>`. */
  readonly name: string;
  /**
   * Wakes all current waiters with `value`, before it returns. Behaviours that wait again while being woken
   * wait for the next emit. Called while another emit (or a queue push) is waking a behaviour, it queues instead: its waiters
   * (those waiting now) resume as soon as that wake returns, except ones already woken by this cascade of
   * emits, which wait for the next emit.
   */
  emit(value: T): void;
  /** How many behaviours wait on it now. */
  readonly waiting: number;
}

// Wakes queued while another wake is in progress: (target, payload, value) triples, delivered in order right
// after the current wake returns. Signals queue their emits here (payload: the waiter list); queues (queue.ts)
// queue the resume of a taker they already handed a value to (payload: the taker). Module-wide, since signals
// and queues belong to no scheduler. Without it a chain of 100,000 behaviours that each wake the next (emit the
// next signal, push into the next queue) would nest 100,000 calls deep and overflow the stack.
// `mark` names the running cascade (the outermost wake and all it queues): a behaviour woken by a signal in it
// has it in heapSeq (free while a task waits on a signal: it is in no timer structure), and a queued emit
// leaves such a behaviour waiting for the next emit instead of waking it twice; so two behaviours that answer
// each other's emits cannot ping-pong forever inside one emit.
const delivery = { active: false, queue: [] as unknown[], head: 0, mark: 0 };
let lastMark = 0;

/** Something that can take part in a wake cascade (see `delivery`): a signal or a queue. */
export interface WakeSource {
  /** Performs one queued (or, from {@link wakeInCascade}, immediate) wake. */
  deliverQueued(payload: unknown, value: unknown): void;
}

/** Delivers the queued wakes, first in first out; wakes they cause are appended and delivered too. */
function drainQueued(): void {
  const queue = delivery.queue;
  while (delivery.head < queue.length) {
    const source = queue[delivery.head] as WakeSource;
    const payload = queue[delivery.head + 1];
    const value = queue[delivery.head + 2];
    queue[delivery.head] = queue[delivery.head + 1] = queue[delivery.head + 2] = undefined;
    delivery.head += 3;
    source.deliverQueued(payload, value);
  }
  queue.length = 0;
  delivery.head = 0;
}

/**
 * Runs `source.deliverQueued(payload, value)` now when no wake is in progress (then delivers every wake it
 * queues before returning), or queues it behind the wake in progress. Returns true when it ran now.
 */
export function wakeInCascade(source: WakeSource, payload: unknown, value: unknown): boolean {
  if (delivery.active) {
    delivery.queue.push(source, payload, value);
    return false;
  }
  delivery.active = true;
  delivery.mark = --lastMark;
  try {
    source.deliverQueued(payload, value);
    if (delivery.queue.length > delivery.head) drainQueued();
  } finally {
    delivery.active = false;
  }
  return true;
}

/** Implementation of {@link Signal}; its waiter list is read by the scheduler. */
export class SignalState<T> implements Signal<T>, WakeSource {
  readonly name: string;
  readonly wait: Wait;
  waiters: TaskState[] = [];
  // Exact number of tasks waiting now; `waiters` may also hold stale entries of cancelled ones.
  #count = 0;

  constructor(name: string) {
    this.name = name;
    this.wait = new Wait(WaitKind.signal, 0, this);
  }

  get waiting(): number {
    return this.#count;
  }

  /** A task starts waiting (called by the scheduler). */
  add(task: TaskState): void {
    this.waiters.push(task);
    this.#count++;
  }

  emit(value: T): void {
    const waiters = this.waiters;
    if (waiters.length === 0) return;
    // Swap in a fresh list first: a waiter that waits again while being woken joins the next emit,
    // so an emit can never loop on itself.
    this.waiters = [];
    if (delivery.active) {
      // An emit from inside another emit's wake is queued, not nested: a chain of 100,000 waiters that each
      // emit the next signal would otherwise nest 100,000 deep. Its waiters are the ones waiting now.
      delivery.queue.push(this, waiters, value);
      return;
    }
    delivery.active = true;
    delivery.mark = --lastMark;
    try {
      for (let i = 0; i < waiters.length; i++) {
        this.wake(waiters[i], value, false);
        if (delivery.queue.length > delivery.head) drainQueued();
      }
    } finally {
      delivery.active = false;
    }
  }

  /** A queued emit: wakes the waiters it listed (see {@link wakeInCascade}). */
  deliverQueued(payload: unknown, value: unknown): void {
    const waiters = payload as TaskState[];
    for (let i = 0; i < waiters.length; i++) this.wake(waiters[i], value, true);
  }

  /** Wakes one listed waiter, if it still waits here (a queued emit skips one already woken in this cascade). */
  wake(task: TaskState, value: unknown, queued: boolean): void {
    if (task.waiting !== Waiting.signal || task.waitTarget !== this) return;
    if (queued && task.heapSeq === delivery.mark) {
      this.waiters.push(task);
      return;
    }
    task.heapSeq = delivery.mark;
    this.#count--;
    task.owner.wakeFromSignal(task, value);
  }

  /** A waiter left (cancelled): drop dead entries once they are the majority. */
  forget(): void {
    this.#count--;
    const stale = this.waiters.length - this.#count;
    if (stale > 32 && stale * 2 > this.waiters.length) {
      this.waiters = this.waiters.filter((task) => task.waiting === Waiting.signal && task.waitTarget === this);
    }
  }
}

/**
 * Makes a {@link Signal}. The name appears in the inspector ("signal onHit").
 *
 * @example
 * const doorOpened = createSignal('doorOpened');
 * doorOpened.emit();
 */
export function createSignal<T = void>(name = 'signal'): Signal<T> {
  return new SignalState<T>(name);
}

/**
 * Waits for the next `signal.emit(value)` and returns the value.
 *
 * @example
 * const damage = yield* waitSignal(onHit); // frame of the emit: resumes inside emit()
 */
export function waitSignal<T>(signal: Signal<T>): Awaitable<T> {
  if (!(signal instanceof SignalState)) {
    throw new TickflowError(`waitSignal expects a signal made by createSignal(), got ${describeValue(signal)}${whereNow()}.`);
  }
  return signal.wait as Awaitable<T>;
}
