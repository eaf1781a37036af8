// task.done(): a promise for code outside behaviours. The TaskState keeps the handle in its TaskExtras,
// made on the first call; the lifecycle settles it in endTask, the one place every task ends, right after
// the task's joiners have resumed. A task nobody asks about never makes a promise, so an ended task can
// never leave an unhandled rejection behind that nobody could have caught.
import { endError } from './messages.js';

/** What settling needs of an ended task. */
interface Ended {
  readonly status: string;
  readonly result: unknown;
  readonly error: unknown;
  readonly path: string;
  readonly entity: number | undefined;
}

/** The promise of one task's done(), and the functions that settle it. */
export class DoneHandle {
  readonly promise: Promise<unknown>;
  #resolve: (value: unknown) => void = noop;
  #reject: (error: unknown) => void = noop;

  constructor() {
    this.promise = new Promise<unknown>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  /** Resolves with the task's result, or rejects with its error or a CancelledError. Later calls do nothing. */
  settle(task: Ended): void {
    if (task.status === 'done') this.#resolve(task.result);
    else this.#reject(endError(task));
    this.#resolve = noop;
    this.#reject = noop;
  }
}

/** done() of a task that has already ended: a promise settled at once. */
export function settledPromise(task: Ended): DoneHandle {
  const handle = new DoneHandle();
  handle.settle(task);
  return handle;
}

function noop(): void {}
