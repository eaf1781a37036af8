// The words of the core's errors: every TickflowError the scheduler raises about a behaviour is built here,
// so the wording (what went wrong, the value, which behaviour, the line to write instead) lives in one place.
import { CancelledError, TickflowError, describeValue } from './errors.js';
import type { Task } from './task.js';
import { Wait, WaitKind, inBehaviour } from './wait.js';

/** What the messages need of a task: its name path and entity. */
interface Named {
  readonly path: string;
  readonly entity: number | undefined;
  readonly status: string;
  readonly error: unknown;
}

/** Names of the wait kinds, for member names ("race[0] waitMs") and messages. */
export const WAIT_NAMES: Record<number, string> = {
  [WaitKind.frames]: 'waitFrames',
  [WaitKind.ms]: 'waitMs',
  [WaitKind.realMs]: 'waitRealMs',
  [WaitKind.until]: 'waitUntil',
  [WaitKind.while]: 'waitWhile',
  [WaitKind.signal]: 'waitSignal',
  [WaitKind.join]: 'join',
  [WaitKind.all]: 'all',
  [WaitKind.race]: 'race',
};

/** `behaviour "a#1 > b#2"`, with the entity when it has one. */
export function describeTask(task: Named): string {
  return task.entity === undefined ? `behaviour "${task.path}"` : `behaviour "${task.path}" (entity ${task.entity})`;
}

/** What joining an ended task throws: its error, or a CancelledError. */
export function endError(task: Named): unknown {
  return task.status === 'failed' ? task.error : new CancelledError(`behaviour "${task.path}" was cancelled before it finished`);
}

/** Names the behaviour in tickflow's own errors, once. */
export function annotate(error: unknown, task: Named): unknown {
  if (error instanceof TickflowError && error.behaviour === undefined) {
    error.behaviour = task.path;
    if (!error.message.includes('behaviour "')) error.message += inBehaviour(task);
  }
  return error;
}

/** A behaviour yielded something that is not a tickflow instruction passed on by `yield*`. */
export function badYield(task: Named, value: unknown): TickflowError {
  if (value instanceof Wait) {
    return new TickflowError(
      `${describeTask(task)} used yield instead of yield* on an awaitable. Write yield* (with the star): yield* waitMs(500).`,
    );
  }
  return new TickflowError(
    `${describeTask(task)} yielded ${value === undefined ? 'nothing (a bare yield)' : describeValue(value)}. tickflow behaviours wait with yield*: ` +
      'write yield* waitFrames(1) for "next frame" and yield* waitMs(500) for "500 ms", not yield or yield 500.',
  );
}

/** spawn() got something that is not a generator object. */
export function notAGenerator(value: unknown, current: Named | null): TickflowError {
  const where = current === null ? '' : inBehaviour(current);
  if (typeof value === 'function') {
    const name = value.name || 'behaviour';
    return new TickflowError(
      `spawn expects a generator object, got ${describeValue(value)}${where}. Call the function* first: spawn(${name}(...)), not spawn(${name}).`,
    );
  }
  return new TickflowError(
    `spawn expects a generator object (the result of calling a function*), got ${describeValue(value)}${where}. ` +
      'Write function* patrol(...) { ... } and spawn(patrol(...)).',
  );
}

/** spawn() got the generator of a behaviour that is running now. */
export function spawnedRunning(running: Named): TickflowError {
  return new TickflowError(
    `spawn() got the generator of behaviour "${running.path}", which is running now. Each spawn needs a fresh generator: call the function again, spawn(patrol(eid, route)).`,
  );
}

/** The generator spawn() got had been started before. */
export function alreadyStarted(task: Named): TickflowError {
  return new TickflowError(
    `spawn() got a generator that was already started (spawned before, or next() was called on it) for behaviour "${task.path}". ` +
      'Each spawn needs a fresh generator: call the function again, spawn(patrol(eid, route)).',
  );
}

/** tick() called from inside a behaviour. */
export function tickInsideBehaviour(current: Named): TickflowError {
  return new TickflowError(
    `tick() was called from inside behaviour "${current.path}". The game loop ticks the scheduler; ` +
      'inside a behaviour, wait for the next frame with yield* waitFrames(1).',
  );
}

/** tick() called while a tick runs. */
export function tickReentered(): TickflowError {
  return new TickflowError('tick() was called while a tick was running (from onError or a signal handler?). Call it once per frame from the game loop.');
}

/** A join (`yield* task`) of the task itself or an ancestor. */
export function joinsItself(task: Named, member: Named): TickflowError {
  const whom = member === task ? 'itself' : `its ancestor "${member.path}"`;
  return new TickflowError(
    `behaviour "${task.path}" joins ${whom} (yield* task), which can only end after it: this would wait forever. ` +
      'Join a child or a detached task instead.',
  );
}

/** all() / race() given the waiter itself or an ancestor. */
export function groupHasItself(task: Named, item: Named, label: string, index: number): TickflowError {
  return new TickflowError(
    `behaviour "${task.path}" passes ${item === task ? 'itself' : `its ancestor "${item.path}"`} to ${label}() as item ${index}, ` +
      'which can only end after it: this would wait forever. Pass a child or a detached task instead.',
  );
}

/** A yield* inside a finally block that runs because of a cancel. */
export function waitedWhileCancelled(task: Named): TickflowError {
  return new TickflowError(
    `behaviour "${task.path}" waited (yield*) inside a finally block while being cancelled. Cleanup on cancel is synchronous: ` +
      'that wait and the rest of its finally block were skipped. Move the wait out of finally, or spawn a detached behaviour for it.',
  );
}

/** An unknown wait kind (a Wait made outside tickflow's awaitables). */
export function unknownWaitKind(task: Named, kind: number): TickflowError {
  return new TickflowError(`behaviour "${task.path}" yielded an unknown wait kind ${kind}`);
}

/** The default onError: console.error with the behaviour's name path and the error. */
export function reportToConsole(error: unknown, task: Task<unknown>): void {
  const entity = task.entity === undefined ? '' : ` (entity ${task.entity})`;
  logError(`tickflow: behaviour "${task.path}"${entity} failed:`, error);
}

/** console.error. Core is compiled against ES2022 alone, which declares no console; every host tickflow runs on has one. */
export function logError(...parts: unknown[]): void {
  (globalThis as unknown as { console: { error(...parts: unknown[]): void } }).console.error(...parts);
}
