// Reading the running behaviour's clock from inside its body: deltaMs() and timeNowMs() (issue 13).
//
// Neither suspends, and neither goes through the scheduler: the awaitable's first next() answers with the
// value, so `yield*` returns it at once, with no instruction yielded and no trip through the engine's wait
// dispatch. That also makes them work where waits cannot happen (a finally block during cancel). They find
// the behaviour through `context.task`, which the engine sets while a body runs. Loops that never call
// them pay nothing.
import type { ClockState } from './clock.js';
import type { SchedulerState } from './engine.js';
import { TickflowError } from './errors.js';
import type { TaskState } from './task.js';
import { context, type Awaitable, type Instruction } from './wait.js';

// One shared result object, as the core's other awaitables do: yield* reads its value at once.
const ANSWER: { value: number; done: true } = { value: 0, done: true };

function runningTask(name: string): TaskState {
  const task = context.task;
  if (task === null) {
    throw new TickflowError(`${name}() reads the clock of the running behaviour, but no behaviour is running. Use it inside a behaviour: const dtMs = yield* ${name}().`);
  }
  return task as TaskState;
}

class ClockRead implements Iterator<Instruction, number, unknown>, Awaitable<number> {
  readonly #name: string;
  readonly #read: (task: TaskState) => number;

  constructor(name: string, read: (task: TaskState) => number) {
    this.#name = name;
    this.#read = read;
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorReturnResult<number> {
    ANSWER.value = this.#read(runningTask(this.#name));
    return ANSWER;
  }
}

const DELTA_MS = new ClockRead('deltaMs', (task) => (task.clock as ClockState).stepMs);
const TIME_NOW_MS = new ClockRead('timeNowMs', (task) => (task.owner as SchedulerState).logicalNowMs(task.clock));

/**
 * How many ms the running behaviour's clock advanced in the latest tick: scaled by its timeScale (and its
 * parents'), 0 in a tick where it was paused, unscaled for a behaviour on the real clock. Does not suspend.
 * For movement that follows the clock, `x += speedPerMs * (yield* deltaMs())`: read it after
 * `waitFrames(1)`, so each tick's step is counted once (read before the first wait, it is the step of the
 * tick before the behaviour was spawned).
 *
 * @example
 * function* drift(ship: { x: number }): Behaviour {
 *   for (;;) {
 *     yield* waitFrames(1);                 // every tick(16), with scheduler.timeScale = 0.5
 *     ship.x += 0.1 * (yield* deltaMs());   // deltaMs() is 8: x grows by 0.8 per tick
 *   }
 * }
 */
export function deltaMs(): Awaitable<number> {
  return DELTA_MS;
}

/**
 * The logical time now on the running behaviour's clock, ms. Inside a timer's resume (and everything it
 * causes in that moment) it is the timer's deadline, not the tick's time: the instant the next `waitMs`
 * counts from, so times taken from it never drift. Elsewhere it is the clock's `nowMs`. Does not suspend.
 *
 * @example
 * function* stopwatch(): Behaviour<number> {
 *   const startMs = yield* timeNowMs();   // 0
 *   yield* waitMs(100);                   // with tick(16): resumes in the tick that reaches 112 ms
 *   return (yield* timeNowMs()) - startMs; // 100: the deadline, not 112
 * }
 */
export function timeNowMs(): Awaitable<number> {
  return TIME_NOW_MS;
}
