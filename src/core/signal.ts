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
  /** Wakes all current waiters with `value`. Behaviours that wait again while being woken wait for the next emit. */
  emit(value: T): void;
  /** How many behaviours wait on it now. */
  readonly waiting: number;
}

/** Implementation of {@link Signal}; its waiter list is read by the scheduler. */
export class SignalState<T> implements Signal<T> {
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
    for (let i = 0; i < waiters.length; i++) {
      const task = waiters[i];
      if (task.waiting !== Waiting.signal || task.waitTarget !== this) continue;
      this.#count--;
      task.owner.wakeFromSignal(task, value);
    }
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
