// Restarts the behaviours of an edited module on one scheduler: each top-level task that runs code of the
// module (its own body, or a child's) is cancelled (its finally blocks run) and spawned again from the
// module's new version with the same arguments, name, clock and entity (and, through tickflow/ecs, slot).
import { TickflowError, describeValue } from '../core/errors.js';
import { respawnNotes } from '../core/respawn.js';
import type { Scheduler } from '../core/scheduler.js';
import type { Task } from '../core/task.js';
import { schedulerState, taskState } from '../core/internal.js';
import { onModuleEdited, originOf, remake } from './hot-module.js';

/** What one edit did on one scheduler. */
export interface LiveEdit {
  /** The edited module's id (its path, as Vite names it). */
  moduleId: string;
  /** The scheduler frame the edit landed in. */
  frame: number;
  /** Name paths of the behaviours restarted from the new code (as they were before the restart). */
  restarted: string[];
  /** Behaviours that run the module's code but could not be restarted, each with the reason. */
  skipped: string[];
}

/** Options for {@link enableLiveEditing}. */
export interface LiveEditingOptions {
  /** Called after each edit that touched this scheduler's behaviours. Default: one console.info line. */
  onEdit?: ((edit: LiveEdit) => void) | undefined;
}

/**
 * Live editing on one scheduler: see {@link enableLiveEditing}.
 *
 * @example
 * const live = enableLiveEditing(scheduler);
 * live.edits.at(-1)?.restarted; // ['guard#3', 'guard#4'] after guard.ts was saved
 * live.dispose();
 */
export interface LiveEditing {
  /** The edits so far, oldest first (the last 50). */
  readonly edits: readonly LiveEdit[];
  /** How many behaviours were restarted in all. */
  readonly restartCount: number;
  /** Stops restarting this scheduler's behaviours. */
  dispose(): void;
}

/**
 * Restarts this scheduler's behaviours when a module defining them is saved, with the tickflow/vite
 * plugin in the Vite config. A top-level behaviour started from an edited module's `function*` (or with
 * such a behaviour among its children) is cancelled, so its finally blocks run, and spawned again from
 * the new code with the same arguments, name, clock and entity; tickflow/ecs behaviours keep their slot.
 * Game state in components stays; the behaviour starts again from its top. Without the plugin (a
 * production build) nothing is recorded and this does nothing.
 *
 * @example
 * const scheduler = createScheduler();
 * if (import.meta.hot) enableLiveEditing(scheduler); // dev server only
 * spawnOn(world, guard, guardBrain(sim, guard, route), { name: 'guard', slot: 'brain' });
 * // save guard.ts: the console says "tickflow: guard.ts edited, restarted guard#1, guard#2 (frame 812)"
 */
export function enableLiveEditing(scheduler: Scheduler, options: LiveEditingOptions = {}): LiveEditing {
  schedulerState(scheduler, 'enableLiveEditing');
  if (typeof options !== 'object' || options === null) throw new TickflowError(`enableLiveEditing: options must be an object, got ${describeValue(options)}.`);
  respawnNotes.enabled = true;
  const onEdit = options.onEdit ?? logEdit;
  const edits: LiveEdit[] = [];
  let restartCount = 0;
  const unsubscribe = onModuleEdited((moduleId) => {
    const edit = restartModule(scheduler, moduleId);
    if (edit.restarted.length === 0 && edit.skipped.length === 0) return;
    restartCount += edit.restarted.length;
    edits.push(edit);
    if (edits.length > 50) edits.shift();
    onEdit(edit);
  });
  return {
    get edits(): readonly LiveEdit[] {
      return edits;
    },
    get restartCount(): number {
      return restartCount;
    },
    dispose: unsubscribe as () => void,
  };
}

function restartModule(scheduler: Scheduler, moduleId: string): LiveEdit {
  const edit: LiveEdit = { moduleId, frame: scheduler.frame, restarted: [], skipped: [] };
  // First decide, then cancel everything, then spawn: a behaviour's finally may touch state another
  // restarted behaviour reads as it starts again.
  const plans: Array<{ task: Task<unknown>; respawn: () => void }> = [];
  for (const root of scheduler.roots()) {
    if (root.status !== 'running' || !runsModule(root, moduleId)) continue;
    const origin = originOf(generatorOf(root));
    if (origin === undefined) {
      edit.skipped.push(`${root.path}: its own function* is not in a hot module (top-level function* of a module the plugin made hot), so it cannot be started again`);
      continue;
    }
    const name = root.name;
    const clock = root.clock;
    const entity = root.entity;
    const note = respawnNotes.byTask.get(root);
    plans.push({
      task: root,
      respawn: () => {
        const behaviour = remake(origin);
        if (behaviour === undefined) {
          edit.skipped.push(`${root.path}: function ${origin.name} is no longer in ${origin.moduleId}`);
          return;
        }
        if (note !== undefined) note(behaviour);
        else scheduler.spawn(behaviour, { name, clock, entity });
        edit.restarted.push(root.path);
      },
    });
  }
  for (const plan of plans) plan.task.cancel();
  for (const plan of plans) {
    try {
      plan.respawn();
    } catch (error) {
      // The entity was removed by a finally block, its clock disposed, ...: that one stays stopped.
      edit.skipped.push(`${plan.task.path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return edit;
}

/** True when the task or one of its live descendants runs a generator made by the module. */
function runsModule(task: Task<unknown>, moduleId: string): boolean {
  if (originOf(generatorOf(task))?.moduleId === moduleId) return true;
  for (const child of task.children()) if (child.status === 'running' && runsModule(child, moduleId)) return true;
  return false;
}

function generatorOf(task: Task<unknown>): object {
  return (taskState(task)?.generator ?? {}) as object;
}

function logEdit(edit: LiveEdit): void {
  const file = edit.moduleId.slice(edit.moduleId.lastIndexOf('/') + 1);
  const names = edit.restarted.slice(0, 8).join(', ');
  const more = edit.restarted.length > 8 ? ` and ${edit.restarted.length - 8} more` : '';
  const restarted = edit.restarted.length === 0 ? 'restarted nothing' : `restarted ${names}${more}`;
  console.info(`tickflow: ${file} edited, ${restarted} (frame ${edit.frame})`);
  for (const reason of edit.skipped) console.warn(`tickflow: not restarted: ${reason}. Reload the page to run the new code there.`);
}
