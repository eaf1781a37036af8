// Waiting for other tasks: `yield* task` (a join) and the all() / race() groups. A joiner sits in its
// member's `joiners` list (a TaskState, or a GroupSlot for a group); the lifecycle (lifecycle.ts) wakes
// the list when the member ends, and hands group slots to memberEnded here.
import type { SchedulerState } from './engine.js';
import { cancelTask, detachGroup } from './lifecycle.js';
import { WAIT_NAMES, asyncGeneratorRefused, endError, groupHasItself, isAsyncGenerator, joinCycle, joinsItself, nestedTooDeep } from './messages.js';
import { MAX_NESTED_STARTS } from './numbers.js';
import { RESUME_STEP, START_STEP, SUSPENDED, THROW_STEP } from './steps.js';
import { TaskState, Waiting } from './task.js';
import { Wait, WaitKind, inBehaviour, type Awaitable, type Behaviour } from './wait.js';

/** all() / race(): one waiter, several member tasks. */
export class Group {
  readonly mode: number;
  readonly waiter: TaskState;
  readonly members: TaskState[] = [];
  // Members the group spawned itself; losers among them are cancelled when the group settles.
  readonly owned: boolean[] = [];
  readonly results: unknown[] = [];
  remaining = 0;
  settled = false;
  // While the group spawns its members, their endings are recorded but not acted on.
  building = true;

  constructor(mode: number, waiter: TaskState) {
    this.mode = mode;
    this.waiter = waiter;
  }
}

/** A group's entry in one member's joiner list. */
export class GroupSlot {
  readonly group: Group;
  readonly index: number;

  constructor(group: Group, index: number) {
    this.group = group;
    this.index = index;
  }
}

// The next() of every async generator object: spawn() tells one from a generator by the method it already
// loads, at no extra property lookup per spawn.
const ASYNC_GENERATOR_NEXT: unknown = Object.getPrototypeOf(async function* () {}.prototype).next;

/** What spawn() got: NOT_GENERATOR, a GENERATOR (anything with next/throw/return), or an ASYNC_GENERATOR. */
export function generatorKind(value: unknown): number {
  if (typeof value !== 'object' || value === null) return NOT_GENERATOR;
  const next = (value as Generator).next;
  if (typeof next !== 'function' || typeof (value as Generator).throw !== 'function' || typeof (value as Generator).return !== 'function') return NOT_GENERATOR;
  return next === ASYNC_GENERATOR_NEXT ? ASYNC_GENERATOR : GENERATOR;
}
/** See {@link generatorKind}. */
export const NOT_GENERATOR = 0;
/** See {@link generatorKind}. */
export const GENERATOR = 1;
/** See {@link generatorKind}. */
export const ASYNC_GENERATOR = 2;

/** True for anything with next/throw/return. */
export function isGenerator(value: unknown): boolean {
  return generatorKind(value) !== NOT_GENERATOR;
}

function isSelfOrAncestor(member: TaskState, task: TaskState): boolean {
  if (member === task) return true;
  // Quick answers for the common joins (a child, a task without children): no walk up a deep tree.
  if (member.firstChild === null || member.parent === task) return false;
  for (let ancestor: TaskState | null = task; ancestor !== null; ancestor = ancestor.parent) if (ancestor === member) return true;
  return false;
}

/** True when the task waits for other tasks: a join, a group, or (body returned) its children. */
function waitsForTasks(task: TaskState): boolean {
  const waiting = task.waiting;
  return waiting === Waiting.join || waiting === Waiting.group || waiting === Waiting.children;
}

/**
 * If `start` (transitively) waits for `joiner`, the tasks on that path, from `start` on; else null. The
 * edges are what each task waits for: the task it joins, the running members of its all() (or of a race()
 * of one: a larger race may end through another member), and, once its body returned, its running children.
 * Most joins stop at the first test (the member waits for time or a signal), so a join costs no walk.
 * Whether there is a cycle is answered by {@link reaches}, cheap for long chains in either direction; only a
 * join that closes one (an error) pays for the depth-first walk that names it.
 */
function findCycle(joiner: TaskState, start: TaskState): TaskState[] | null {
  if (!waitsForTasks(start) || !reaches(start, joiner)) return null;
  return cyclePath(joiner, start);
}

// Scratch of reaches(), kept between joins (it runs no user code, so it is never re-entered).
const forwardSeen = new Set<TaskState>();
const backwardSeen = new Set<TaskState>();
const forwardStack: TaskState[] = [];
const backwardStack: TaskState[] = [];

/**
 * True when `start` (transitively) waits for `joiner`. Searches forward from `start` (over what it waits for)
 * and backward from `joiner` (over who waits for it: its joiners, the all() / race()-of-one groups holding
 * it, a parent whose body returned) one edge at a time, alternately, and stops when either side runs out (no
 * path) or they meet. So a join costs about twice the smaller side: a new link at the end of a long chain
 * of joins, or a watcher of a task with 100,000 children, looks at a few tasks, not the whole chain.
 */
function reaches(start: TaskState, joiner: TaskState): boolean {
  const forward = new ForwardCursor();
  const backward = new BackwardCursor();
  forwardSeen.add(start);
  forwardStack.push(start);
  backwardSeen.add(joiner);
  backwardStack.push(joiner);
  try {
    for (;;) {
      const back = backward.step();
      if (back === MET) return true;
      if (back === EXHAUSTED) return false;
      const ahead = forward.step();
      if (ahead === MET) return true;
      if (ahead === EXHAUSTED) return false;
    }
  } finally {
    forwardSeen.clear();
    backwardSeen.clear();
    forwardStack.length = 0;
    backwardStack.length = 0;
  }
}

const STEPPED = 0;
const MET = 1;
const EXHAUSTED = 2;

/** Walks the forward side one edge per step: what the tasks on forwardStack wait for. */
class ForwardCursor {
  #node: TaskState | null = null;
  #index = 0;
  #child: TaskState | null = null;

  step(): number {
    const node = this.#node;
    if (node === null) {
      if (forwardStack.length === 0) return EXHAUSTED;
      const next = forwardStack.pop() as TaskState;
      this.#node = next;
      this.#index = 0;
      this.#child = next.waiting === Waiting.children ? next.firstChild : null;
      return STEPPED;
    }
    let next: TaskState | null = null;
    if (node.waiting === Waiting.join) {
      next = node.waitTarget as TaskState;
      this.#node = null;
    } else if (node.waiting === Waiting.group) {
      const group = node.waitTarget as Group;
      if ((group.mode === WaitKind.race && group.members.length > 1) || this.#index >= group.members.length) this.#node = null;
      else next = group.members[this.#index++];
    } else if (this.#child !== null) {
      next = this.#child;
      this.#child = next.nextSibling;
    } else {
      this.#node = null;
    }
    if (next === null || next.status !== 'running') return STEPPED;
    if (backwardSeen.has(next)) return MET;
    if (!forwardSeen.has(next) && waitsForTasks(next)) {
      forwardSeen.add(next);
      forwardStack.push(next);
    }
    return STEPPED;
  }
}

/** Walks the backward side one edge per step: who waits for the tasks on backwardStack. */
class BackwardCursor {
  #node: TaskState | null = null;
  #index = 0;

  step(): number {
    const node = this.#node;
    if (node === null) {
      if (backwardStack.length === 0) return EXHAUSTED;
      this.#node = backwardStack.pop() as TaskState;
      this.#index = 0;
      return STEPPED;
    }
    let previous: TaskState | null = null;
    const joiners = node.joiners;
    if (joiners !== null && this.#index < joiners.length) {
      const entry = joiners[this.#index++];
      if (entry instanceof GroupSlot) {
        const group = entry.group;
        const waiter = group.waiter;
        if (!group.settled && waiter.waiting === Waiting.group && waiter.waitTarget === group && !(group.mode === WaitKind.race && group.members.length > 1)) previous = waiter;
      } else if (entry.waiting === Waiting.join && entry.waitTarget === node) {
        previous = entry;
      }
    } else {
      this.#node = null;
      const parent = node.parent;
      if (parent !== null && parent.waiting === Waiting.children && parent.status === 'running') previous = parent;
    }
    if (previous === null) return STEPPED;
    if (forwardSeen.has(previous)) return MET;
    if (!backwardSeen.has(previous)) {
      backwardSeen.add(previous);
      backwardStack.push(previous);
    }
    return STEPPED;
  }
}

/** The path of a cycle {@link reaches} found, by a depth-first walk from `start` (the order the message follows). */
function cyclePath(joiner: TaskState, start: TaskState): TaskState[] | null {
  const cameFrom = new Map<TaskState, TaskState | null>([[start, null]]);
  const stack: TaskState[] = [start];
  let closing: TaskState | null = null;
  const visit = (from: TaskState, next: TaskState): boolean => {
    if (next === joiner) {
      closing = from;
      return true;
    }
    if (next.status === 'running' && !cameFrom.has(next) && waitsForTasks(next)) {
      cameFrom.set(next, from);
      stack.push(next);
    }
    return false;
  };
  search: while (stack.length > 0) {
    const node = stack.pop() as TaskState;
    const target = node.waitTarget;
    if (node.waiting === Waiting.join) {
      if (visit(node, target as TaskState)) break;
    } else if (node.waiting === Waiting.group) {
      // A race ends when any member does: another member may break the cycle, so only a race of one counts.
      const group = target as Group;
      if (group.mode === WaitKind.race && group.members.length > 1) continue;
      const members = group.members;
      for (let i = 0; i < members.length; i++) if (members[i].status === 'running' && visit(node, members[i])) break search;
    } else {
      for (let child = node.firstChild; child !== null; child = child.nextSibling) if (child.status === 'running' && visit(node, child)) break search;
    }
  }
  if (closing === null) return null;
  const path: TaskState[] = [];
  for (let node: TaskState | null | undefined = closing; node !== null && node !== undefined; node = cameFrom.get(node)) path.push(node);
  return path.reverse();
}

/** `yield* member`: suspends `task` on it, or answers at once when it has ended. */
export function join(engine: SchedulerState, task: TaskState, member: TaskState): number {
  if (isSelfOrAncestor(member, task)) return engine.answerWithError(joinsItself(task, member));
  if (member.status === 'running') {
    const cycle = findCycle(task, member);
    if (cycle !== null) return engine.answerWithError(joinCycle(task, cycle));
    task.waiting = Waiting.join;
    task.waitTarget = member;
    (member.joiners ??= []).push(task);
    return SUSPENDED;
  }
  return member.status === 'done' ? engine.answer(member.result) : engine.answerWithError(endError(member));
}

/** Drops the first joiner entry that matches. */
export function removeJoiner(member: TaskState, matches: (joiner: TaskState | GroupSlot) => boolean): void {
  const joiners = member.joiners;
  if (joiners === null) return;
  const index = joiners.findIndex(matches);
  if (index >= 0) joiners.splice(index, 1);
}

function* awaitableBehaviour<T>(awaitable: Awaitable<T>): Behaviour<T> {
  return yield* awaitable;
}

/** all(items) / race(items): spawns the members, joins the tasks; suspends `task` or answers at once. */
export function startGroup(engine: SchedulerState, task: TaskState, kind: number, items: readonly unknown[]): number {
  if (items.length === 0) return engine.answer([]);
  const group = new Group(kind, task);
  const label = kind === WaitKind.all ? 'all' : 'race';
  try {
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item instanceof TaskState) {
        if (isSelfOrAncestor(item, task)) throw groupHasItself(task, item, label, i);
        const cycle = item.status === 'running' ? findCycle(task, item) : null;
        if (cycle !== null) throw joinCycle(task, cycle);
        group.members.push(item);
        group.owned.push(false);
        if (item.status === 'running') (item.joiners ??= []).push(new GroupSlot(group, i));
        continue;
      }
      if (isAsyncGenerator(item)) throw asyncGeneratorRefused(`${label}() item ${i}${inBehaviour(task)}`, 'is');
      const behaviour = isGenerator(item) ? (item as Behaviour<unknown>) : awaitableBehaviour(item as Awaitable<unknown>);
      // A wait raced or joined as it is gets its kind in the name: "race[0] waitMs".
      const waitName = item instanceof Wait ? ` ${WAIT_NAMES[item.kind] ?? 'wait'}` : '';
      if (engine.nestedStarts >= MAX_NESTED_STARTS) throw nestedTooDeep(task, MAX_NESTED_STARTS);
      const member = engine.create(behaviour, `${label}[${i}]${waitName}`, false, undefined, undefined);
      // Join before the first step, so a member that fails at once is handled by the group.
      member.joiners = [new GroupSlot(group, i)];
      group.members.push(member);
      group.owned.push(true);
      engine.nestedStarts++;
      try {
        engine.drive(member, START_STEP, undefined);
      } finally {
        engine.nestedStarts--;
      }
    }
  } catch (error) {
    settleGroup(engine, group);
    return engine.answerWithError(error);
  }
  group.building = false;
  if (kind === WaitKind.all) {
    let pending = 0;
    for (let i = 0; i < group.members.length; i++) {
      const member = group.members[i];
      if (member.status === 'running') pending++;
      else if (member.status === 'done') group.results[i] = member.result;
      else return settleAndAnswer(engine, group, THROW_STEP, endError(member));
    }
    if (pending === 0) return settleAndAnswer(engine, group, RESUME_STEP, group.results);
    group.remaining = pending;
  } else {
    for (let i = 0; i < group.members.length; i++) {
      const member = group.members[i];
      if (member.status === 'done') return settleAndAnswer(engine, group, RESUME_STEP, { index: i, value: member.result });
      if (member.status !== 'running') return settleAndAnswer(engine, group, THROW_STEP, endError(member));
    }
  }
  task.waiting = Waiting.group;
  task.waitTarget = group;
  return SUSPENDED;
}

function settleAndAnswer(engine: SchedulerState, group: Group, step: number, value: unknown): number {
  settleGroup(engine, group);
  return step === RESUME_STEP ? engine.answer(value) : engine.answerWithError(value);
}

/** Marks the group decided: it leaves its members' joiner lists and cancels the members it spawned, in item order. */
export function settleGroup(engine: SchedulerState, group: Group): void {
  detachGroup(group);
  for (let i = 0; i < group.members.length; i++) if (group.owned[i]) cancelTask(engine, group.members[i]);
}

/** A member of a group ended. Returns true when the group takes care of its error. */
export function memberEnded(engine: SchedulerState, slot: GroupSlot, member: TaskState): boolean {
  const group = slot.group;
  if (group.settled) return false;
  if (group.building) return true;
  let step: number;
  let value: unknown;
  if (member.status === 'done') {
    if (group.mode === WaitKind.all) {
      group.results[slot.index] = member.result;
      if (--group.remaining > 0) return true;
      step = RESUME_STEP;
      value = group.results;
    } else {
      step = RESUME_STEP;
      value = { index: slot.index, value: member.result };
    }
  } else {
    step = THROW_STEP;
    value = endError(member);
  }
  const waiter = group.waiter;
  settleGroup(engine, group);
  // A loser's finally may have cancelled the waiter: then nobody takes the result, and a failure is
  // reported under the member that failed.
  if (waiter.waiting !== Waiting.group || waiter.waitTarget !== group) return false;
  waiter.waiting = Waiting.none;
  waiter.waitTarget = null;
  // Called from the end loop (lifecycle.ts): the waiter's own end, if its body ends now, is handed back to it.
  engine.tailEnd = true;
  engine.drive(waiter, step, value);
  return true;
}
