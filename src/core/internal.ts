// The one door through which tickflow's adapters (debug, pixi, ecs, colyseus) reach the core's internals. They get
// plain answers here (what a task waits for, how long is left, the logical now) and never decode the
// core's encodings themselves (the `waiting` codes, `waitTarget`, `heapKey`, which holds a deadline, a
// frame or a lateness depending on the wait), and shares the entity task-list helpers of ecs and colyseus.
// Not exported from the package.
import type { Clock, ClockState } from './clock.js';
import { TickflowError, describeValue } from './errors.js';
import { SchedulerState } from './engine.js';
import type { Group } from './joins.js';
import type { Scheduler } from './scheduler.js';
import type { SignalState } from './signal.js';
import { TaskState, Waiting, type Task } from './task.js';
import { WaitKind, type Wait } from './wait.js';

export { SchedulerState, TaskState };
export type { ClockState };

/** The scheduler's engine, or a TickflowError naming the caller that got something else. */
export function schedulerState(scheduler: Scheduler, where: string): SchedulerState {
  if (!(scheduler instanceof SchedulerState)) {
    throw new TickflowError(`${where} expects a scheduler made by createScheduler(), got ${describeValue(scheduler)}.`);
  }
  return scheduler;
}

/** The task's internal record, or undefined for something that is not a tickflow task. */
export function taskState(task: Task<unknown>): TaskState | undefined {
  return task instanceof TaskState ? task : undefined;
}

/** The scheduler that owns a task: every TaskState's owner is the SchedulerState that made it. */
export function ownerOf(task: TaskState): SchedulerState {
  return task.owner as SchedulerState;
}

/**
 * The logical "now" of a task's clock: the deadline being processed while a timer's resume runs, else
 * the clock's time. Tweens start from it so they end on the same instant as a waitMs would.
 */
export function logicalNowMs(task: Task<unknown>): number {
  const state = task as TaskState;
  return ownerOf(state).logicalNowMs(state.clock);
}

/** What a task waits for, decoded: one kind, and the numbers that kind has. */
export type WaitInfo =
  | { kind: 'none' }
  | { kind: 'timer'; clock: Clock; /** The timer is on the real clock for a task of another clock. */ real: boolean; leftMs: number }
  | { kind: 'frames'; clock: Clock; leftFrames: number }
  | { kind: 'predicate'; clock: Clock; until: boolean; predicate: () => boolean }
  | { kind: 'signal'; signalName: string }
  | { kind: 'join'; task: Task<unknown> }
  | { kind: 'group'; race: boolean; remaining: number; members: number }
  | { kind: 'children'; live: number };

/** Decodes what `task` waits for now. */
export function waitOf(task: TaskState): WaitInfo {
  const target = task.waitTarget;
  switch (task.waiting) {
    case Waiting.timer: {
      const clock = target as ClockState;
      return { kind: 'timer', clock, real: !clock.pausable && task.clock !== clock, leftMs: Math.max(0, task.heapKey - clock.nowMs) };
    }
    case Waiting.frameBucket:
      return { kind: 'frames', clock: task.clock, leftFrames: 1 };
    case Waiting.frameHeap: {
      const clock = target as ClockState;
      return { kind: 'frames', clock, leftFrames: Math.max(0, task.heapKey - clock.frame) };
    }
    case Waiting.predicate: {
      const wait = target as Wait;
      return { kind: 'predicate', clock: task.clock, until: wait.kind === WaitKind.until, predicate: wait.target as () => boolean };
    }
    case Waiting.signal:
      return { kind: 'signal', signalName: (target as SignalState<unknown>).name };
    case Waiting.join:
      return { kind: 'join', task: target as TaskState };
    case Waiting.group: {
      const group = target as Group;
      return { kind: 'group', race: group.mode === WaitKind.race, remaining: group.remaining, members: group.members.length };
    }
    case Waiting.children: {
      let live = 0;
      for (let child = task.firstChild; child !== null; child = child.nextSibling) if (child.status === 'running') live++;
      return { kind: 'children', live };
    }
    default:
      return { kind: 'none' };
  }
}

/** True while the task waits on a signal (cheaper than waitOf for a per-resume check). */
export function waitsOnSignal(task: TaskState): boolean {
  return task.waiting === Waiting.signal;
}

/** The kind of what a task waits for, as one word: cheap (no object) for per-behaviour, per-frame readers. */
export type WaitSummary = 'none' | 'timer' | 'realTimer' | 'frames' | 'until' | 'while' | 'signal' | 'join' | 'all' | 'race' | 'children';

/** Summarises what `task` waits for now without allocating (the overlay's grouping and timeline call it per frame). */
export function waitSummaryOf(task: TaskState): WaitSummary {
  const target = task.waitTarget;
  switch (task.waiting) {
    case Waiting.timer:
      return !(target as ClockState).pausable && task.clock !== target ? 'realTimer' : 'timer';
    case Waiting.frameBucket:
    case Waiting.frameHeap:
      return 'frames';
    case Waiting.predicate:
      return (target as Wait).kind === WaitKind.until ? 'until' : 'while';
    case Waiting.signal:
      return 'signal';
    case Waiting.join:
      return 'join';
    case Waiting.group:
      return (target as Group).mode === WaitKind.all ? 'all' : 'race';
    case Waiting.children:
      return 'children';
    default:
      return 'none';
  }
}

/**
 * Appends `task` to an entity's list of behaviours (oldest first), dropping ended ones now and then, so an entity
 * that starts many short behaviours keeps a short list: the entity records of tickflow/ecs and tickflow/colyseus.
 */
export function addEntityTask(tasks: Task<unknown>[], task: Task<unknown>): void {
  if (tasks.length >= 8) {
    let kept = 0;
    for (let i = 0; i < tasks.length; i++) if (tasks[i].status === 'running') tasks[kept++] = tasks[i];
    tasks.length = kept;
  }
  tasks.push(task);
}

/**
 * Cancels the running tasks in `tasks` (an entity's behaviours, oldest first), newest first as
 * scheduler.cancelAll does, since later behaviours may depend on earlier ones; with `name`, only the tasks of
 * that name. Walks a copy, because finally blocks may change the list. Returns how many it cancelled: the
 * `cancelOn` of tickflow/ecs and tickflow/colyseus.
 */
export function cancelNewestFirst(tasks: readonly Task<unknown>[], name: string | undefined): number {
  const copy = tasks.slice();
  let cancelled = 0;
  for (let i = copy.length - 1; i >= 0; i--) {
    const task = copy[i];
    if (task.status !== 'running' || (name !== undefined && task.name !== name)) continue;
    task.cancel();
    cancelled++;
  }
  return cancelled;
}
