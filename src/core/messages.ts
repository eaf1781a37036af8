// The words of the core's errors: every TickflowError the scheduler raises about a behaviour is built here,
// so the wording (what went wrong, the value, which behaviour, the line to write instead) lives in one place.
import { CancelledError, TickflowError, describeValue } from './errors.js';
import { SignalState } from './signal.js';
import { TaskState, type Task } from './task.js';
import { Wait, WaitKind, inBehaviour, shortPath } from './wait.js';

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
  return task.entity === undefined ? `behaviour "${shortPath(task.path)}"` : `behaviour "${shortPath(task.path)}" (entity ${task.entity})`;
}

/** What joining an ended task throws: its error, or a CancelledError. */
export function endError(task: Named): unknown {
  return task.status === 'failed' ? task.error : new CancelledError(`behaviour "${shortPath(task.path)}" was cancelled before it finished`);
}

/** Names the behaviour in tickflow's own errors, once. */
export function annotate(error: unknown, task: Named): unknown {
  if (error instanceof TickflowError && error.behaviour === undefined) {
    error.behaviour = task.path;
    if (!error.message.includes('behaviour "')) error.message += inBehaviour(task);
  }
  return error;
}

/** How to write the wait a Wait stands for, for messages: "yield* waitMs(500)". */
export function waitExample(wait: Wait): string {
  switch (wait.kind) {
    case WaitKind.frames:
      return `yield* waitFrames(${wait.amount})`;
    case WaitKind.ms:
      return `yield* waitMs(${wait.amount})`;
    case WaitKind.realMs:
      return `yield* waitRealMs(${wait.amount})`;
    case WaitKind.until:
      return 'yield* waitUntil(...)';
    case WaitKind.while:
      return 'yield* waitWhile(...)';
    case WaitKind.signal:
      return `yield* waitSignal(${(wait.target as { name: string }).name})`;
    case WaitKind.join:
      return 'yield* task';
    case WaitKind.all:
      return 'yield* all([...])';
    case WaitKind.race:
      return 'yield* race([...])';
    case WaitKind.currentTask:
      return 'yield* currentTask()';
    case WaitKind.lateness:
      return 'yield* lateness()';
    default:
      return 'yield* waitMs(500)';
  }
}

/** A behaviour yielded something that is not a tickflow instruction passed on by `yield*`. */
export function badYield(task: Named, value: unknown): TickflowError {
  const who = describeTask(task);
  if (value instanceof Wait) {
    return new TickflowError(`${who} used yield instead of yield* on an awaitable. Write yield* (with the star): ${waitExample(value)}.`);
  }
  if (value instanceof TaskState) return new TickflowError(`${who} yielded a Task; write \`yield* task\` to wait for it.`);
  if (value instanceof SignalState) {
    const name = (value as { name: string }).name;
    return new TickflowError(`${who} yielded a Signal; write yield* waitSignal(${name}) to wait for its next emit.`);
  }
  if (isAsyncGenerator(value)) return asyncGeneratorRefused(who, 'yielded');
  if (isGeneratorLike(value)) {
    return new TickflowError(
      `${who} yielded a generator (a behaviour called but not run). Write yield* walk(...) to run it inside this behaviour, ` +
        'or scheduler.spawn(walk(...)) to run it alongside.',
    );
  }
  if (isPromise(value)) {
    return new TickflowError(
      `${who} yielded a Promise. tickflow behaviours are synchronous generators and cannot await promises: ` +
        'set a flag when the promise settles and wait with yield* waitUntil(() => loaded), or emit a signal from .then() and yield* waitSignal(it).',
    );
  }
  if (typeof value === 'function') {
    const name = value.name || 'wait';
    return new TickflowError(`${who} yielded the function ${name}. Call it and wait with the star: yield* ${name}(...), e.g. yield* waitFrames(1).`);
  }
  return new TickflowError(
    `${who} yielded ${value === undefined ? 'nothing (a bare yield)' : describeValue(value)}. tickflow behaviours wait with yield*: ` +
      'write yield* waitFrames(1) for "next frame" and yield* waitMs(500) for "500 ms", not yield or yield 500.',
  );
}

/** A behaviour yielded a bad value again after catching the error for the first one. */
export function badYieldAgain(first: TickflowError): TickflowError {
  return new TickflowError(`${first.message} It caught that error and yielded a bad value again, so it was stopped (its finally blocks ran).`);
}

/** True for an async generator object (async function*). */
export function isAsyncGenerator(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}

function isGeneratorLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as Generator).next === 'function' && typeof (value as Generator).throw === 'function';
}

function isPromise(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** An async generator handed to spawn / all / race, or yielded. */
export function asyncGeneratorRefused(where: string, verb: string): TickflowError {
  return new TickflowError(
    `${where} ${verb} an async generator (async function*). tickflow behaviours are synchronous generators: write function* (no async) ` +
      'and wait with yield* (yield* waitMs(500), yield* waitSignal(loaded)); for a Promise, set a flag or emit a signal when it settles ' +
      'and wait for that with yield* waitUntil(() => done) or yield* waitSignal(settled).',
  );
}

/** A join (yield* task, all, race) that would close a cycle of tasks waiting for each other. */
export function joinCycle(task: Named, cycle: readonly Named[]): TickflowError {
  const names = [task, ...cycle, task].map((member) => `"${shortPath(member.path)}"`).join(' waits for ');
  return new TickflowError(
    `behaviour "${shortPath(task.path)}" would wait forever: joining closes a cycle ${names}. None of them can end before the others. ` +
      'Break the cycle: let one of them stop waiting (race it with a waitMs timeout) or cancel one.',
  );
}

/** A scheduler hook (onTrace, onResumeMeasured, cpuClockMs) threw: it is switched off. */
export function hookThrew(hook: string, error: unknown): TickflowError {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : describeValue(error);
  const wrapped = new TickflowError(
    `${hook} threw (${what}). tickflow switched ${hook} off for this scheduler, so the frame could complete; fix the hook and create the scheduler again.`,
  );
  (wrapped as { cause?: unknown }).cause = error;
  return wrapped;
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
    `spawn() got the generator of behaviour "${shortPath(running.path)}", which is running now. Each spawn needs a fresh generator: call the function again, spawn(patrol(eid, route)).`,
  );
}

/** The generator spawn() got had been started before. */
export function alreadyStarted(task: Named): TickflowError {
  return new TickflowError(
    `spawn() got a generator that was already started (spawned before, or next() was called on it) for behaviour "${shortPath(task.path)}". ` +
      'Each spawn needs a fresh generator: call the function again, spawn(patrol(eid, route)).',
  );
}

/** spawn() got a name that is not a string. */
export function nameNotAString(name: unknown): TickflowError {
  return new TickflowError(`spawn: name must be a string, got ${describeValue(name)}`);
}

/** A spawn (or all/race member start) nested past MAX_NESTED_STARTS first steps. */
export function nestedTooDeep(current: Named | null, limit: number): TickflowError {
  return new TickflowError(
    `spawn nested ${limit} deep: each spawn inside a behaviour runs the new behaviour's first step on top of the caller's${current === null ? '' : inBehaviour(current)}, ` +
      'and a chain of behaviours that each spawn the next at once would overflow the stack. Let each level wait first (yield* waitFrames(1)) or spawn the levels from one loop.',
  );
}

/** tick() called from inside a behaviour. */
export function tickInsideBehaviour(current: Named): TickflowError {
  return new TickflowError(
    `tick() was called from inside behaviour "${shortPath(current.path)}". The game loop ticks the scheduler; ` +
      'inside a behaviour, wait for the next frame with yield* waitFrames(1).',
  );
}

/** tick() called while a tick runs. */
export function tickReentered(): TickflowError {
  return new TickflowError('tick() was called while a tick was running (from onError or a signal handler?). Call it once per frame from the game loop.');
}

/** A join (`yield* task`) of the task itself or an ancestor. */
export function joinsItself(task: Named, member: Named): TickflowError {
  const whom = member === task ? 'itself' : `its ancestor "${shortPath(member.path)}"`;
  return new TickflowError(
    `behaviour "${shortPath(task.path)}" joins ${whom} (yield* task), which can only end after it: this would wait forever. ` +
      'Join a child or a detached task instead.',
  );
}

/** all() / race() given the waiter itself or an ancestor. */
export function groupHasItself(task: Named, item: Named, label: string, index: number): TickflowError {
  return new TickflowError(
    `behaviour "${shortPath(task.path)}" passes ${item === task ? 'itself' : `its ancestor "${shortPath(item.path)}"`} to ${label}() as item ${index}, ` +
      'which can only end after it: this would wait forever. Pass a child or a detached task instead.',
  );
}

/**
 * A wait inside a finally block that runs because of a cancel (or because the behaviour was stopped for a
 * second bad yield). Non-suspending awaitables (currentTask(), lateness()) are answered there; anything else
 * would suspend.
 */
export function waitedWhileCancelled(task: Named, yielded: unknown, why: 'cancel' | 'refused'): TickflowError {
  const wait = yielded instanceof Wait ? waitExample(yielded) : `yield ${yielded === undefined ? '' : describeValue(yielded)}`.trimEnd();
  const reason = why === 'cancel' ? 'while being cancelled' : 'while being stopped';
  return new TickflowError(
    `behaviour "${shortPath(task.path)}" waited (${wait}) inside a finally block ${reason}. Cleanup on cancel is synchronous: ` +
      'that wait and the rest of that finally block were skipped (enclosing finally blocks still ran). ' +
      'currentTask() and lateness() work there; move a real wait out of finally, or spawn a detached behaviour for it.',
  );
}

/** An unknown wait kind (a Wait made outside tickflow's awaitables). */
export function unknownWaitKind(task: Named, kind: number): TickflowError {
  return new TickflowError(`behaviour "${shortPath(task.path)}" yielded an unknown wait kind ${kind}`);
}

/** The default onError: console.error with the behaviour's name path and the error. */
export function reportToConsole(error: unknown, task: Task<unknown>): void {
  const entity = task.entity === undefined ? '' : ` (entity ${task.entity})`;
  logError(`tickflow: behaviour "${shortPath(task.path)}"${entity} failed:`, error);
}

/** console.error. Core is compiled against ES2022 alone, which declares no console; every host tickflow runs on has one. */
export function logError(...parts: unknown[]): void {
  (globalThis as unknown as { console: { error(...parts: unknown[]): void } }).console.error(...parts);
}
