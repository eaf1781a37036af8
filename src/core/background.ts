// Background children (issue 13): a child spawned with { background: true } lives as long as its parent's
// body. When the body returns, the lifecycle (bodyReturned) cancels the parent's background children here,
// newest first, before the parent can complete; a body that throws or is cancelled cancels every child
// anyway. Foreground children keep running and are still waited for.
import type { SchedulerState } from './engine.js';
import { cancelTask } from './lifecycle.js';
import { TickflowError } from './errors.js';
import { inBehaviour } from './wait.js';
import type { TaskState } from './task.js';

/**
 * The body of `task` ended: cancels its live background children, newest first, each with its own
 * children first. Their finally blocks may spawn or end other children: the walk starts again from the
 * newest after each cancel, as cancelChildren does.
 */
export function cancelBackground(engine: SchedulerState, task: TaskState): void {
  let child = task.lastChild;
  while (child !== null) {
    if (child.background && child.status === 'running') {
      cancelTask(engine, child);
      child = task.lastChild;
    } else {
      child = child.previousSibling;
    }
  }
}

/** spawn(..., { background: true }) outside a behaviour, or with detached: refused before anything runs. */
export function checkBackgroundSpawn(spawner: TaskState | null, detached: boolean, name: string | undefined): void {
  const what = `spawn(..., { background: true }) for behaviour "${name ?? 'behaviour'}"`;
  if (detached) {
    throw new TickflowError(
      `${what}: a task cannot be both detached and background${spawner === null ? '' : inBehaviour(spawner)}. ` +
        'Background ties the task to its parent body; detached frees it from its parent. Pick one.',
    );
  }
  if (spawner === null) {
    throw new TickflowError(
      `${what} was called outside any behaviour, so there is no parent body for it to live in. ` +
        'Spawn it from inside a behaviour, or drop the option to start a top-level task.',
    );
  }
}

/**
 * After a background child's first step: if the body it belongs to had already ended when it was spawned
 * (it came from a finally block of a behaviour that is being cancelled, and was adopted by an ancestor),
 * it is cancelled now, since that body will never end again to do it.
 */
export function backgroundStarted(engine: SchedulerState, task: TaskState, spawner: TaskState): void {
  if (task.status !== 'running') return;
  const parent = task.parent;
  if (parent !== spawner || parent.bodyDone) cancelTask(engine, task);
}
