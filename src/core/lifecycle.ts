// A task's life after its body: ending (unlink, wake joiners, report an unhandled failure, complete a parent
// waiting for its children), failing, and cancelling (children first, then the generator's finally blocks).
// Every function takes the engine (engine.ts) whose bookkeeping it updates.
import { cancelBackground } from './background.js';
import type { ClockState } from './clock.js';
import { CancelledError } from './errors.js';
import type { SchedulerState } from './engine.js';
import type { TraceEvent } from './scheduler.js';
import { Group, GroupSlot, memberEnded, removeJoiner, settleGroup } from './joins.js';
import { annotate, endError, waitedWhileCancelled } from './messages.js';
import type { SignalState } from './signal.js';
import { RESUME_STEP, THROW_STEP } from './steps.js';
import { Waiting, type TaskState } from './task.js';
import { context } from './wait.js';

/** task.cancel(): stops the task and its children, children first; finally blocks run now. */
export function cancelTask(engine: SchedulerState, task: TaskState): void {
  if (task.status !== 'running') return;
  task.status = 'cancelled';
  task.result = undefined;
  leaveWait(engine, task);
  // A task whose body is on the stack cannot be returned now: it stops at its next yield*.
  if (task.executing) {
    task.cancelRequested = true;
    cancelChildren(engine, task);
    return;
  }
  finishCancel(engine, task);
}

/** The body returned `value`: the task is done, or waits for its children (structured concurrency). */
export function bodyReturned(engine: SchedulerState, task: TaskState, value: unknown): void {
  task.result = value;
  if (task.firstChild !== null) {
    task.bodyDone = true;
    task.waiting = Waiting.children;
    // Issue 13: background children end with the body, newest first. When the last child ends this way,
    // its endTask completes the task (bodyDone is set), so the task's joiners resume after their finally blocks.
    cancelBackground(engine, task);
    return;
  }
  task.status = 'done';
  endTask(engine, task);
}

/** The body threw (or was refused): the task fails, its children are cancelled first. */
export function failTask(engine: SchedulerState, task: TaskState, error: unknown): void {
  // Issue 13: an uncaught CancelledError (from joining a cancelled task, or rethrown) ends the task as
  // cancelled, Kotlin-style: not a failure, not reported to onError; its joiners get a CancelledError in turn.
  if (error instanceof CancelledError) {
    task.status = 'cancelled';
    task.result = undefined;
    cancelChildren(engine, task);
    endTask(engine, task);
    return;
  }
  task.status = 'failed';
  task.error = annotate(error, task);
  cancelChildren(engine, task);
  endTask(engine, task);
}

/**
 * Completes a cancel (status is already 'cancelled', the body is not on the stack): children first,
 * then the task's own finally blocks. A child whose body is on the stack (it cancelled this ancestor)
 * stops at its next yield*; this task's finally then runs when that child ends, so the innermost-first
 * order holds.
 */
export function finishCancel(engine: SchedulerState, task: TaskState): void {
  if (task.ended) return;
  cancelChildren(engine, task);
  if (task.firstChild !== null) {
    task.cancelRequested = true;
    return;
  }
  if (!task.bodyDone) closeGenerator(engine, task);
  endTask(engine, task);
}

/** Cancels live children, newest first; each cancels its own children before its finally runs. */
export function cancelChildren(engine: SchedulerState, task: TaskState): void {
  let child = task.lastChild;
  while (child !== null) {
    if (child.status === 'running') {
      cancelTask(engine, child);
      // Cancelling may change the list (finally blocks run): start again from the end.
      child = task.lastChild;
    } else {
      child = child.previousSibling;
    }
  }
}

/** Runs the generator's finally blocks (generator.return()). Waits there cannot happen: they are skipped. */
function closeGenerator(engine: SchedulerState, task: TaskState): void {
  const previous = engine.active;
  engine.active = task;
  context.task = task;
  task.executing = true;
  try {
    let result = task.generator.return(undefined);
    for (let attempt = 0; result.done !== true && attempt < 100; attempt++) {
      if (attempt === 0) engine.report(waitedWhileCancelled(task), task);
      result = task.generator.return(undefined);
    }
  } catch (error) {
    // An error thrown by a finally block during cancel: the task stays cancelled, the error is reported
    // (a CancelledError is not: it says what already happened, issue 13).
    if (!(error instanceof CancelledError)) engine.report(annotate(error, task), task);
  } finally {
    task.executing = false;
    engine.active = previous;
    context.task = previous;
  }
}

/** Takes the task out of whatever it waits for. */
export function leaveWait(engine: SchedulerState, task: TaskState): void {
  const target = task.waitTarget;
  const waiting = task.waiting;
  task.waiting = Waiting.none;
  task.waitTarget = null;
  switch (waiting) {
    case Waiting.timer:
      (target as ClockState).timers.remove(task);
      break;
    case Waiting.frameHeap:
      (target as ClockState).frameHeap.remove(task);
      break;
    case Waiting.frameBucket: {
      const clock = task.clock as ClockState;
      if (++clock.stalePending > 64 && clock.stalePending * 2 > clock.pendingCount) {
        const live = clock.pendingFrames.slice(0, clock.pendingCount).filter(isWaitingFrames);
        clock.pendingFrames = live;
        clock.pendingCount = live.length;
        clock.stalePending = 0;
      }
      break;
    }
    case Waiting.predicate: {
      const clock = task.clock as ClockState;
      // runPredicates compacts the list itself; never swap it out from under that loop.
      if (++clock.stalePredicates > 64 && !clock.checkingPredicates && clock.stalePredicates * 2 > clock.predicates.length) {
        clock.predicates = clock.predicates.filter(isWaitingPredicate);
        clock.stalePredicates = 0;
      }
      break;
    }
    case Waiting.signal:
      (target as SignalState<unknown>).forget();
      break;
    case Waiting.join:
      removeJoiner(target as TaskState, (joiner) => joiner === task);
      break;
    case Waiting.group:
      settleGroup(engine, target as Group);
      break;
  }
}

/** A task ends (its status is already set): unlink it, wake its joiners, report an unhandled failure. */
export function endTask(engine: SchedulerState, task: TaskState): void {
  // A task can be reached twice (a joiner woken by its child's end cancels itself and ends there): once only.
  if (task.ended) return;
  task.ended = true;
  if (engine.onTrace !== undefined) engine.onTrace(task.status === 'running' ? 'done' : (task.status as TraceEvent), task, engine.tickCount);
  task.waiting = Waiting.none;
  task.waitTarget = null;
  const parent = task.parent;
  if (task.previousSibling === null) {
    if (parent === null) engine.firstRoot = task.nextSibling;
    else parent.firstChild = task.nextSibling;
  } else {
    task.previousSibling.nextSibling = task.nextSibling;
  }
  if (task.nextSibling === null) {
    if (parent === null) engine.lastRoot = task.previousSibling;
    else parent.lastChild = task.previousSibling;
  } else {
    task.nextSibling.previousSibling = task.previousSibling;
  }
  task.previousSibling = null;
  task.nextSibling = null;
  (task.clock as ClockState).liveTasks--;
  engine.liveTasks--;

  let handled = false;
  const joiners = task.joiners;
  if (joiners !== null) {
    task.joiners = null;
    for (let i = 0; i < joiners.length; i++) {
      const joiner = joiners[i];
      if (joiner instanceof GroupSlot) {
        if (memberEnded(engine, joiner, task)) handled = true;
      } else if (joiner.waiting === Waiting.join && joiner.waitTarget === task) {
        joiner.waiting = Waiting.none;
        joiner.waitTarget = null;
        handled = true;
        if (task.status === 'done') engine.drive(joiner, RESUME_STEP, task.result);
        else engine.drive(joiner, THROW_STEP, endError(task));
      }
    }
  }
  // Issue 13: a promise from task.done() takes the outcome too; like a joiner, it handles a failure.
  if (task.settleDone()) handled = true;
  if (task.status === 'failed' && !handled) engine.report(task.error, task);
  if (parent !== null && !parent.ended && parent.cancelRequested && !parent.executing && parent.status === 'cancelled' && parent.firstChild === null) {
    finishCancel(engine, parent);
    return;
  }
  // Structured concurrency: a parent whose body returned completes with its last child.
  if (parent !== null && !parent.ended && parent.bodyDone && parent.firstChild === null && parent.status === 'running') {
    parent.status = 'done';
    endTask(engine, parent);
  }
}

function isWaitingFrames(task: TaskState | undefined): task is TaskState {
  return task !== undefined && task.waiting === Waiting.frameBucket;
}

function isWaitingPredicate(task: TaskState): boolean {
  return task.waiting === Waiting.predicate;
}
