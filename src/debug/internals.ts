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
  // An explicit stack: nesting depth is the user's, and recursion would tie it to the JS stack limit.
  const stack: TaskState[] = [];
  const depths: number[] = [];
  for (let i = roots.length - 1; i >= 0; i--) {
    stack.push(roots[i]);
    depths.push(0);
  }
  while (stack.length > 0) {
    const task = stack.pop() as TaskState;
    const depth = depths.pop() as number;
    if (task.status !== 'running') continue;
    visit(task, depth);
    let last = task.lastChild;
    while (last !== null) {
      stack.push(last);
      depths.push(depth + 1);
      last = last.previousSibling;
    }
  }
}

/** Milliseconds for people: whole numbers from 10 ms up, one decimal below. */
export function formatMs(ms: number): string {
  if (ms >= 10 || ms <= -10) return String(Math.round(ms));
  return String(Math.round(ms * 10) / 10);
}
