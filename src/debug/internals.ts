// The one place src/debug reaches into the core's internals (SchedulerState, TaskState), so the rest
// of the inspector reads like ordinary code against plain records.
import { TickflowError, describeValue } from '../core/errors.js';
import { SchedulerState, type Scheduler } from '../core/scheduler.js';
import { TaskState, type Task } from '../core/task.js';

/** The scheduler's internal record, or a TickflowError naming the caller that got something else. */
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

/** Every live task, parents before children, siblings oldest first (the order of `inspect`). */
export function forEachLiveTask(scheduler: SchedulerState, visit: (task: TaskState, depth: number) => void): void {
  const roots = scheduler.roots() as TaskState[];
  for (let i = 0; i < roots.length; i++) {
    const root = roots[i];
    if (root.status !== 'running') continue;
    // Pre-order walk along the intrusive child lists and parent links: no stack, no recursion, so
    // neither the nesting depth nor the number of behaviours costs memory here.
    let task = root;
    let depth = 0;
    for (;;) {
      visit(task, depth);
      let next = task.firstChild;
      while (next !== null && next.status !== 'running') next = next.nextSibling;
      if (next !== null) {
        task = next;
        depth++;
        continue;
      }
      // Climb until a running next sibling turns up or the walk is back at the root.
      let climbed: TaskState | null = task;
      for (;;) {
        if (climbed === root) break;
        let sibling: TaskState | null = climbed.nextSibling;
        while (sibling !== null && sibling.status !== 'running') sibling = sibling.nextSibling;
        if (sibling !== null) {
          climbed = sibling;
          break;
        }
        climbed = climbed.parent as TaskState;
        depth--;
      }
      if (climbed === root) break;
      task = climbed;
    }
  }
}

/** Milliseconds for people: whole numbers from 10 ms up, one decimal below. */
export function formatMs(ms: number): string {
  if (ms >= 10 || ms <= -10) return String(Math.round(ms));
  return String(Math.round(ms * 10) / 10);
}
