import type { Clock } from '../core/clock.js';
import type { Scheduler, SchedulerState } from '../core/scheduler.js';
import type { TaskState } from '../core/task.js';
import { forEachLiveTask, formatMs, schedulerState, waitOf, waitSummaryOf, type WaitSummary } from './internals.js';

/**
 * What a live behaviour is doing: `running` (its body is on the stack now: inspect was called from
 * inside it), `waiting` (suspended on a wait), `finishing` (its body returned; it ends with its last child).
 */
export type BehaviourState = 'running' | 'waiting' | 'finishing';

/** The kind of thing a behaviour waits for, as {@link BehaviourInfo.wait} names it. */
export type WaitName =
  | 'waitMs'
  | 'waitRealMs'
  | 'waitFrames'
  | 'signal'
  | 'waitUntil'
  | 'waitWhile'
  | 'join'
  | 'all'
  | 'race'
  | 'children'
  | 'running';

/** One live behaviour in an {@link inspect} snapshot. A plain object: log it, diff it, JSON.stringify it. */
export interface BehaviourInfo {
  /** The task id (unique per scheduler, in spawn order). */
  id: number;
  /** The name given at spawn. */
  name: string;
  /** Name path from the root: `"level#1 > patrol#3"`. */
  path: string;
  /** The parent task's id, or undefined for top-level and detached behaviours. */
  parentId: number | undefined;
  /** 0 for top-level behaviours, 1 for their children, ... */
  depth: number;
  /** The owning entity (inherited from the parent when not given at spawn). */
  entity: number | undefined;
  /** Name of the clock its waits use ("game", "real", or one of yours). */
  clock: string;
  /** Running now, waiting, or finishing (body returned, children still run). */
  state: BehaviourState;
  /** The kind of wait. */
  wait: WaitName;
  /** The wait in words: `waitMs 350 ms left`, `waitFrames 2 left`, `signal onHit`, `join patrol#3`, `all 1 of 3 left`. */
  waitingFor: string;
  /** For waitMs / waitRealMs: ms of its clock until the deadline. */
  leftMs: number | undefined;
  /** For waitFrames: ticks of its clock until it resumes. */
  leftFrames: number | undefined;
  /** Scheduler ticks since its current wait began. */
  waitedFrames: number;
  /** Scheduler ticks since it was spawned. */
  ageFrames: number;
  /** Real-clock milliseconds since it was spawned, whole (scheduler.realNowMs, unscaled, runs while paused). */
  ageMs: number;
  /** How many times its body has been stepped (the first step at spawn counts). */
  resumes: number;
  /** Total CPU time of its resumes, ms. 0 unless the scheduler was created with `cpuClockMs`. */
  cpuMs: number;
  /** Its slowest single resume, ms. 0 unless the scheduler was created with `cpuClockMs`. */
  worstResumeMs: number;
}

/**
 * A snapshot of every live behaviour, parents before children, siblings oldest first. Finished and
 * cancelled behaviours are not in it. Costs nothing until called; one call walks the task tree once
 * (about half a microsecond per behaviour in Node 20; figures in readme-debug.md).
 *
 * @example
 * scheduler.spawn(guard(), { name: 'guard', entity: 7 }); // waits with yield* waitMs(500)
 * scheduler.tick(150);                                    // frame 1, 150 ms
 * inspect(scheduler);
 * // [{ id: 1, path: 'guard#1', entity: 7, state: 'waiting', wait: 'waitMs',
 * //    waitingFor: 'waitMs 350 ms left', ageFrames: 1, ageMs: 100 (maxDtMs clamps), resumes: 1, ... }]
 */
export function inspect(scheduler: Scheduler): BehaviourInfo[] {
  const state = schedulerState(scheduler, 'inspect');
  const list: BehaviourInfo[] = [];
  forEachLiveTask(state, (task, depth) => {
    list.push(describeTask(state, task, depth));
  });
  return list;
}

function describeTask(scheduler: SchedulerState, task: TaskState, depth: number): BehaviourInfo {
  const wait = describeWait(scheduler, task);
  return {
    id: task.id,
    name: task.name,
    path: task.path,
    parentId: task.parent === null ? undefined : task.parent.id,
    depth,
    entity: task.entity,
    clock: task.clock.name,
    state: task.executing ? 'running' : task.bodyDone ? 'finishing' : 'waiting',
    wait: wait.wait,
    waitingFor: wait.words,
    leftMs: wait.leftMs,
    leftFrames: wait.leftFrames,
    waitedFrames: scheduler.frame - task.waitBeganFrame,
    ageFrames: scheduler.frame - task.bornFrame,
    ageMs: task.ageMs(scheduler.realNowMs),
    resumes: task.resumes,
    cpuMs: task.cpuMs,
    worstResumeMs: task.worstResumeMs,
  };
}

/** A task's current wait, in a kind and in words. */
export interface WaitDescription {
  wait: WaitName;
  words: string;
  leftMs: number | undefined;
  leftFrames: number | undefined;
}

/** Describes what `task` waits for now. Shared by inspect, the trace recorder and the warnings. */
export function describeWait(scheduler: SchedulerState, task: TaskState): WaitDescription {
  const info = waitOf(task);
  switch (info.kind) {
    case 'timer': {
      // A timer on the real clock by a behaviour of another clock came from waitRealMs.
      const wait: WaitName = info.real ? 'waitRealMs' : 'waitMs';
      return { wait, words: `${wait} ${formatMs(info.leftMs)} ms left${pausedNote(info.clock)}`, leftMs: info.leftMs, leftFrames: undefined };
    }
    case 'frames':
      return { wait: 'waitFrames', words: `waitFrames ${info.leftFrames} left${pausedNote(info.clock)}`, leftMs: undefined, leftFrames: info.leftFrames };
    case 'predicate': {
      const name: WaitName = info.until ? 'waitUntil' : 'waitWhile';
      return { wait: name, words: `${name} ${describePredicate(info.predicate)}${pausedNote(info.clock)}`, leftMs: undefined, leftFrames: undefined };
    }
    case 'signal':
      return { wait: 'signal', words: `signal ${info.signalName}`, leftMs: undefined, leftFrames: undefined };
    case 'join':
      return { wait: 'join', words: `join ${info.task.name}#${info.task.id}`, leftMs: undefined, leftFrames: undefined };
    case 'group':
      if (!info.race) return { wait: 'all', words: `all ${info.remaining} of ${info.members} left`, leftMs: undefined, leftFrames: undefined };
      return { wait: 'race', words: `race of ${info.members}`, leftMs: undefined, leftFrames: undefined };
    case 'children':
      return { wait: 'children', words: `children ${info.live} left`, leftMs: undefined, leftFrames: undefined };
    default:
      return { wait: 'running', words: 'running', leftMs: undefined, leftFrames: undefined };
  }
}

/**
 * What a waitUntil / waitWhile predicate is, in words: its label (`waitUntil(fn, 'door open')`) or
 * function name (`const doorOpen = () => door.open`), else its source, shortened (`() => door.open`).
 */
function describePredicate(predicate: () => boolean): string {
  if (predicate.name !== '') return predicate.name;
  const source = Function.prototype.toString.call(predicate).replace(/\s+/g, ' ');
  return source.length > 48 ? `${source.slice(0, 47)}…` : source;
}

/**
 * The kind of what `task` waits for, without building words: cheap enough to call for every behaviour
 * of a large game (the overlay's grouping and the timeline do).
 */
export function waitNameOf(task: TaskState): WaitName {
  return WAIT_NAMES[waitSummaryOf(task)];
}

const WAIT_NAMES: Record<WaitSummary, WaitName> = {
  none: 'running',
  timer: 'waitMs',
  realTimer: 'waitRealMs',
  frames: 'waitFrames',
  until: 'waitUntil',
  while: 'waitWhile',
  signal: 'signal',
  join: 'join',
  all: 'all',
  race: 'race',
  children: 'children',
};

function pausedNote(clock: Clock): string {
  return clock.running ? '' : ` (clock ${clock.name} paused)`;
}

/**
 * Formats an {@link inspect} snapshot as an indented text table, one behaviour per line, for a
 * console or a test failure message.
 *
 * @example
 * console.log(formatInspection(inspect(scheduler)));
 * // level#1                 waiting  children 1 left       age 3 f   resumes 1
 * //   patrol#2  entity 12   waiting  waitMs 350 ms left    age 3 f   resumes 2
 */
export function formatInspection(behaviours: readonly BehaviourInfo[]): string {
  const rows = behaviours.map((info) => [
    `${'  '.repeat(info.depth)}${info.name}#${info.id}`,
    info.entity === undefined ? '' : `entity ${info.entity}`,
    info.state,
    info.waitingFor,
    `age ${info.ageFrames} f`,
    `resumes ${info.resumes}`,
    info.cpuMs > 0 ? `cpu ${formatMs(info.cpuMs)} ms (worst ${formatMs(info.worstResumeMs)})` : '',
  ]);
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}
