// Waiting for other tasks: `yield* task` (a join) and the all() / race() groups. A joiner sits in its
// member's `joiners` list (a TaskState, or a GroupSlot for a group); the lifecycle (lifecycle.ts) wakes
// the list when the member ends, and hands group slots to memberEnded here.
import type { SchedulerState } from './engine.js';
import { cancelTask } from './lifecycle.js';
import { WAIT_NAMES, endError, groupHasItself, joinsItself } from './messages.js';
import { RESUME_STEP, START_STEP, SUSPENDED, THROW_STEP } from './steps.js';
import { TaskState, Waiting } from './task.js';
import { Wait, WaitKind, type Awaitable, type Behaviour } from './wait.js';

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

/** True for anything with next/throw/return: what spawn() accepts. */
export function isGenerator(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Generator).next === 'function' &&
    typeof (value as Generator).throw === 'function' &&
    typeof (value as Generator).return === 'function'
  );
}

function isSelfOrAncestor(member: TaskState, task: TaskState): boolean {
  for (let ancestor: TaskState | null = task; ancestor !== null; ancestor = ancestor.parent) if (ancestor === member) return true;
  return false;
}

/** `yield* member`: suspends `task` on it, or answers at once when it has ended. */
export function join(engine: SchedulerState, task: TaskState, member: TaskState): number {
  if (isSelfOrAncestor(member, task)) return engine.answerWithError(joinsItself(task, member));
  if (member.status === 'running') {
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
        group.members.push(item);
        group.owned.push(false);
        if (item.status === 'running') (item.joiners ??= []).push(new GroupSlot(group, i));
        continue;
      }
      const behaviour = isGenerator(item) ? (item as Behaviour<unknown>) : awaitableBehaviour(item as Awaitable<unknown>);
      // A wait raced or joined as it is gets its kind in the name: "race[0] waitMs".
      const waitName = item instanceof Wait ? ` ${WAIT_NAMES[item.kind] ?? 'wait'}` : '';
      const member = engine.create(behaviour, `${label}[${i}]${waitName}`, false, undefined, undefined);
      // Join before the first step, so a member that fails at once is handled by the group.
      member.joiners = [new GroupSlot(group, i)];
      group.members.push(member);
      group.owned.push(true);
      engine.drive(member, START_STEP, undefined);
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

/** Marks the group decided: it leaves its members' joiner lists and cancels the members it spawned. */
export function settleGroup(engine: SchedulerState, group: Group): void {
  group.settled = true;
  group.building = false;
  for (let i = 0; i < group.members.length; i++) {
    const member = group.members[i];
    if (member.status !== 'running') continue;
    removeJoiner(member, (joiner) => joiner instanceof GroupSlot && joiner.group === group);
    if (group.owned[i]) cancelTask(engine, member);
  }
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
  engine.drive(waiter, step, value);
  return true;
}
