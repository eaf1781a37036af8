// A task's life after its body: ending (unlink, wake joiners, report an unhandled failure, complete a parent
// waiting for its children), failing, and cancelling (children first, then the generator's finally blocks).
// Every function takes the engine (engine.ts) whose bookkeeping it updates.
//
// No recursion per level: a chain of 100,000 tasks (children, joiners, parents waiting for children, all/race
// nests) is walked with two explicit work lists, so neither cancel() nor tick() can overflow the stack in
// tickflow's own bookkeeping.
// - Ending (endTask) keeps a stack of EndFrames, one per ended task whose joiners are being woken. A joiner
//   resumed from that loop whose body then ends does not end it in place (that would nest one level deeper
//   per join): drive hands the task back in `engine.tailEnded`, and the loop ends it next, before the
//   remaining joiners of the outer task. Nothing runs between the joiner's drive returning and that, so the
//   order is exactly the recursive one.
// - Cancelling (runCancels) keeps a stack of (task, phase) pairs: mark the task cancelled, cancel its group's
//   members, then its children newest first, then close it. Each task's subtree is done before its next
//   older sibling starts: innermost first, newest sibling first.
import { cancelBackground } from './background.js';
import type { ClockState } from './clock.js';
import { CancelledError } from './errors.js';
import type { SchedulerState } from './engine.js';
import { Group, GroupSlot, memberEnded, removeJoiner } from './joins.js';
import { annotate, endError, waitedWhileCancelled } from './messages.js';
import { MAX_NESTED_STARTS } from './numbers.js';
import type { TraceEvent } from './scheduler.js';
import type { SignalState } from './signal.js';
import { RESUME_STEP, THROW_STEP } from './steps.js';
import { Waiting, type TaskState } from './task.js';
import { RESUME, Wait, WaitKind, context } from './wait.js';

/** One ended task whose joiners are being woken. */
class EndFrame {
  readonly task: TaskState;
  readonly joiners: Array<TaskState | GroupSlot>;
  index = 0;
  handled = false;

  constructor(task: TaskState, joiners: Array<TaskState | GroupSlot>) {
    this.task = task;
    this.joiners = joiners;
  }
}

// Phases of a task on the cancel work list.
/** Not yet marked: mark it cancelled (if it still runs) and take it out of its wait. */
const MARK = 0;
/** Marked: cancel its children newest first, then close it and end it. */
const CHILDREN_THEN_CLOSE = 1;
/** Marked (or failing, or executing): cancel its children newest first, and stop there. */
const CHILDREN_ONLY = 2;

/** The work lists of one scheduler's lifecycle. */
export class Lifecycle {
  readonly endFrames: EndFrame[] = [];
  readonly cancelTasks: TaskState[] = [];
  readonly cancelPhases: number[] = [];
  // finally blocks run by closeGenerator on top of each other now (a finally that cancels a task whose
  // finally cancels the next ...). Past MAX_NESTED_STARTS, cancels wait in `deferred` until the outermost
  // finally returns, so such a chain cannot overflow the stack in the middle of the bookkeeping.
  closingDepth = 0;
  deferred: TaskState[] = [];
  draining = false;
}

/** task.cancel(): stops the task and its children, children first; finally blocks run now. */
export function cancelTask(engine: SchedulerState, task: TaskState): void {
  if (task.status !== 'running') return;
  const work = engine.lifecycle;
  if (work.closingDepth >= MAX_NESTED_STARTS) {
    work.deferred.push(task);
    return;
  }
  const base = work.cancelTasks.length;
  work.cancelTasks.push(task);
  work.cancelPhases.push(MARK);
  runCancels(engine, base, false);
}

/** Cancels live children, newest first; each cancels its own children before its finally runs. */
export function cancelChildren(engine: SchedulerState, task: TaskState): void {
  if (task.lastChild === null) return;
  const work = engine.lifecycle;
  const base = work.cancelTasks.length;
  work.cancelTasks.push(task);
  work.cancelPhases.push(CHILDREN_ONLY);
  runCancels(engine, base, false);
}

/**
 * Completes a cancel (status is already 'cancelled', the body is not on the stack): children first,
 * then the task's own finally blocks. A child whose body is on the stack (it cancelled this ancestor)
 * stops at its next yield*; this task's finally then runs when that child ends, so the innermost-first
 * order holds. `tail`: called by drive as its last act (see endTask).
 */
export function finishCancel(engine: SchedulerState, task: TaskState, tail: boolean): void {
  if (task.ended) return;
  const work = engine.lifecycle;
  const base = work.cancelTasks.length;
  work.cancelTasks.push(task);
  work.cancelPhases.push(CHILDREN_THEN_CLOSE);
  runCancels(engine, base, tail);
}

function runCancels(engine: SchedulerState, base: number, tail: boolean): void {
  const work = engine.lifecycle;
  const tasks = work.cancelTasks;
  const phases = work.cancelPhases;
  while (tasks.length > base) {
    const top = tasks.length - 1;
    const task = tasks[top];
    const phase = phases[top];
    if (phase === MARK) {
      if (task.status !== 'running') {
        tasks.pop();
        phases.pop();
        continue;
      }
      task.status = 'cancelled';
      task.result = undefined;
      // A task whose body is on the stack cannot be returned now: it stops at its next yield*.
      phases[top] = task.executing ? CHILDREN_ONLY : CHILDREN_THEN_CLOSE;
      const group = leaveWaitOf(task);
      if (task.executing) task.cancelRequested = true;
      // The members its all()/race() spawned go first, in item order (above the task on the list).
      if (group !== null) pushOwnedMembers(work, group);
      continue;
    }
    // Children, newest first: the newest running child goes on top; the list is read again after each,
    // since finally blocks may end other children.
    let child = task.lastChild;
    while (child !== null && child.status !== 'running') child = child.previousSibling;
    if (child !== null) {
      tasks.push(child);
      phases.push(MARK);
      continue;
    }
    tasks.pop();
    phases.pop();
    if (phase === CHILDREN_ONLY || task.ended) continue;
    if (task.firstChild !== null) {
      // A child is still on the stack (it cancelled this ancestor): this task closes when it ends.
      task.cancelRequested = true;
      continue;
    }
    if (!task.bodyDone) closeGenerator(engine, task, 'cancel');
    endTask(engine, task, tail && top === base);
  }
}

function pushOwnedMembers(work: Lifecycle, group: Group): void {
  for (let i = group.members.length - 1; i >= 0; i--) {
    if (!group.owned[i] || group.members[i].status !== 'running') continue;
    work.cancelTasks.push(group.members[i]);
    work.cancelPhases.push(MARK);
  }
}

/** The body returned `value`: the task is done, or waits for its children (structured concurrency). */
export function bodyReturned(engine: SchedulerState, task: TaskState, value: unknown, tail: boolean): void {
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
  endTask(engine, task, tail);
}

/** The body threw (or was refused): the task fails, its children are cancelled first. */
export function failTask(engine: SchedulerState, task: TaskState, error: unknown, tail: boolean): void {
  // Issue 13: an uncaught CancelledError (from joining a cancelled task, or rethrown) ends the task as
  // cancelled, Kotlin-style: not a failure, not reported to onError; its joiners get a CancelledError in turn.
  if (error instanceof CancelledError) {
    task.status = 'cancelled';
    task.result = undefined;
    cancelChildren(engine, task);
    endTask(engine, task, tail);
    return;
  }
  task.status = 'failed';
  task.error = annotate(error, task);
  cancelChildren(engine, task);
  endTask(engine, task, tail);
}

/**
 * Runs the generator's finally blocks (generator.return()). Awaitables that never suspend (currentTask(),
 * lateness()) are answered; a real wait cannot happen there, so it is
 * skipped with the rest of its finally block (outer finally blocks still run), and reported.
 * `why` says which rule closed it, for the report.
 */
export function closeGenerator(engine: SchedulerState, task: TaskState, why: 'cancel' | 'refused'): void {
  const work = engine.lifecycle;
  work.closingDepth++;
  const previous = engine.active;
  engine.active = task;
  context.task = task;
  task.executing = true;
  const generator = task.generator;
  try {
    let result = generator.return(undefined);
    // Bounded: a finally that loops on currentTask() forever, or waits again after each skip, still ends.
    for (let attempt = 0, answers = 0; result.done !== true && attempt < 100; ) {
      const wait = result.value;
      if (wait instanceof Wait && result === wait.yielded && answers++ < 10_000) {
        const answer = answerAtOnce(task, wait);
        if (answer !== NO_ANSWER) {
          context.value = answer;
          result = generator.next(RESUME);
          continue;
        }
      }
      if (attempt++ === 0) engine.report(waitedWhileCancelled(task, wait, why), task);
      result = generator.return(undefined);
    }
  } catch (error) {
    // An error thrown by a finally block during cancel: the task stays cancelled, the error is reported
    // (a CancelledError is not: it says what already happened, issue 13).
    if (!(error instanceof CancelledError)) engine.report(annotate(error, task), task);
  } finally {
    task.executing = false;
    engine.active = previous;
    context.task = previous;
    work.closingDepth--;
  }
  if (work.closingDepth === 0 && work.deferred.length > 0 && !work.draining) drainDeferred(engine);
}

/** Runs the cancels deferred by a deep chain of finally blocks, outermost level first, until none is left. */
function drainDeferred(engine: SchedulerState): void {
  const work = engine.lifecycle;
  work.draining = true;
  try {
    for (let i = 0; i < work.deferred.length; i++) cancelTask(engine, work.deferred[i]);
  } finally {
    work.deferred = [];
    work.draining = false;
  }
}

const NO_ANSWER: unknown = Symbol('no answer');

/** The result of a wait that never suspends, or NO_ANSWER. */
function answerAtOnce(task: TaskState, wait: Wait): unknown {
  switch (wait.kind) {
    case WaitKind.currentTask:
      return task;
    case WaitKind.lateness:
      return task.lateMs;
    default:
      return NO_ANSWER;
  }
}

/** Takes the task out of whatever it waits for. */
export function leaveWait(engine: SchedulerState, task: TaskState): void {
  const group = leaveWaitOf(task);
  // Leaving a group by itself (not by a cancel of the waiter): the members it spawned are cancelled now.
  if (group !== null) {
    for (let i = 0; i < group.members.length; i++) if (group.owned[i]) cancelTask(engine, group.members[i]);
  }
}

/**
 * Takes the task out of whatever it waits for; a group it waited on is settled (it leaves its members'
 * joiner lists) and returned, so the caller cancels the members it spawned.
 */
function leaveWaitOf(task: TaskState): Group | null {
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
    case Waiting.group: {
      const group = target as Group;
      detachGroup(group);
      return group;
    }
  }
  return null;
}

/** Marks a group decided and takes it out of its running members' joiner lists. */
export function detachGroup(group: Group): void {
  group.settled = true;
  group.building = false;
  for (let i = 0; i < group.members.length; i++) {
    const member = group.members[i];
    if (member.status !== 'running') continue;
    removeJoiner(member, (joiner) => joiner instanceof GroupSlot && joiner.group === group);
  }
}

/**
 * A task ends (its status is already set): unlink it, wake its joiners, report an unhandled failure, and
 * complete a parent that waited for it. `tail`: drive calls it as its very last act for a task that the
 * end loop below resumed; the loop then ends it itself (see the header).
 */
export function endTask(engine: SchedulerState, task: TaskState, tail: boolean): void {
  if (tail) {
    engine.tailEnded = task;
    return;
  }
  let current: TaskState | null = task;
  // The common end, with no work list: a task that made no TaskExtras has no joiners, no done() promise and
  // no children, so its end is an unlink, and a check of its parent.
  if (task.bare) {
    if (task.ended) return;
    unlink(engine, task);
    if (task.parent === null) return;
    current = afterJoiners(engine, task, false);
    if (current === null) return;
  }
  const frames = engine.lifecycle.endFrames;
  const base = frames.length;
  for (;;) {
    while (current !== null) {
      // A task can be reached twice (a joiner woken by its child's end cancels itself and ends there): once only.
      if (current.ended) {
        current = null;
        break;
      }
      unlink(engine, current);
      const joiners = current.joiners;
      if (joiners !== null) {
        current.joiners = null;
        frames.push(new EndFrame(current, joiners));
        current = null;
        break;
      }
      current = afterJoiners(engine, current, false);
    }
    if (frames.length === base) return;
    const frame = frames[frames.length - 1];
    if (frame.index < frame.joiners.length) {
      if (wakeJoiner(engine, frame.joiners[frame.index++], frame.task)) frame.handled = true;
      current = engine.tailEnded;
      engine.tailEnded = null;
      continue;
    }
    frames.pop();
    current = afterJoiners(engine, frame.task, frame.handled);
  }
}

function unlink(engine: SchedulerState, task: TaskState): void {
  task.ended = true;
  if (engine.onTrace !== undefined) engine.trace(task.status === 'running' ? 'done' : (task.status as TraceEvent), task);
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
}

/** Resumes one joiner of an ended task from the end loop. Returns true when it took the task's outcome. */
function wakeJoiner(engine: SchedulerState, joiner: TaskState | GroupSlot, task: TaskState): boolean {
  if (joiner instanceof GroupSlot) return memberEnded(engine, joiner, task);
  if (joiner.waiting !== Waiting.join || joiner.waitTarget !== task) return false;
  joiner.waiting = Waiting.none;
  joiner.waitTarget = null;
  engine.tailEnd = true;
  if (task.status === 'done') engine.drive(joiner, RESUME_STEP, task.result);
  else engine.drive(joiner, THROW_STEP, endError(task));
  return true;
}

/**
 * After the joiners: report an unhandled failure, then return the parent when this end completes it
 * (a deferred cancel, or a body that returned and waited for its children), else null.
 */
function afterJoiners(engine: SchedulerState, task: TaskState, handled: boolean): TaskState | null {
  // Issue 13: a promise from task.done() takes the outcome too; like a joiner, it handles a failure.
  if (task.settleDone()) handled = true;
  if (task.status === 'failed' && !handled) engine.report(task.error, task);
  const parent = task.parent;
  if (parent === null || parent.ended || parent.firstChild !== null) return null;
  if (parent.cancelRequested && !parent.executing && parent.status === 'cancelled') {
    // The cancel waited for this child (it was on the stack): the parent's own finally blocks run now.
    if (!parent.bodyDone) closeGenerator(engine, parent, 'cancel');
    return parent;
  }
  // Structured concurrency: a parent whose body returned completes with its last child.
  if (parent.bodyDone && parent.status === 'running') {
    parent.status = 'done';
    return parent;
  }
  return null;
}

function isWaitingFrames(task: TaskState | undefined): task is TaskState {
  return task !== undefined && task.waiting === Waiting.frameBucket;
}

function isWaitingPredicate(task: TaskState): boolean {
  return task.waiting === Waiting.predicate;
}
