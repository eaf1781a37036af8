// src/debug's helpers over the core's one internal door (src/core/internal.ts): the inspector reads task
// internals only through it, so the rest of src/debug reads like ordinary code against plain records.
import { TaskState, type SchedulerState } from '../core/internal.js';

export { ownerOf, schedulerState, taskState, waitOf, waitsOnSignal, waitSummaryOf } from '../core/internal.js';
export type { WaitInfo, WaitSummary } from '../core/internal.js';

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

/**
 * The live task after `task` in a pre-order walk of `root`'s tree (its first live child, else the next live
 * sibling of it or of an ancestor below `root`), or null when the tree is done. Walks the intrusive child
 * lists and parent links: no stack, so neither depth nor size costs memory. The overlay's counts and the
 * timeline step through trees with it.
 */
export function nextLiveInTree(task: TaskState, root: TaskState): TaskState | null {
  let next = task.firstChild;
  while (next !== null && next.status !== 'running') next = next.nextSibling;
  if (next !== null) return next;
  for (let climbed = task; climbed !== root; climbed = climbed.parent as TaskState) {
    let sibling = climbed.nextSibling;
    while (sibling !== null && sibling.status !== 'running') sibling = sibling.nextSibling;
    if (sibling !== null) return sibling;
  }
  return null;
}

/** Milliseconds for people: whole numbers from 10 ms up, one decimal below. */
export function formatMs(ms: number): string {
  if (ms >= 10 || ms <= -10) return String(Math.round(ms));
  return String(Math.round(ms * 10) / 10);
}
