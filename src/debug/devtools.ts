import type { Scheduler, SchedulerOptions, SchedulerState } from '../core/scheduler.js';
import type { Task, TaskState } from '../core/task.js';
import { TickflowError, describeValue } from '../core/errors.js';
import { formatBehaviourError } from './behaviour-error.js';
import { forEachLiveTask, formatMs, ownerOf, schedulerState, taskState, waitOf, waitsOnSignal } from './internals.js';

/** What a {@link DevToolsWarning} is about. */
export type DevToolsWarningKind = 'slow-resume' | 'dead-entity' | 'long-signal-wait' | 'leak-trend';

/** One dev-mode warning, as passed to `onWarning` and kept in `devtools.warnings`. */
export interface DevToolsWarning {
  /** Which check raised it: `slow-resume`, `dead-entity`, `long-signal-wait` or `leak-trend`. */
  kind: DevToolsWarningKind;
  /** A sentence for a person: what, which behaviour (name path, entity), how much, what to check. */
  message: string;
  /** The scheduler frame it was raised in. */
  frame: number;
  /** The behaviours concerned, outermost first (empty for a leak trend). */
  tasks: Task<unknown>[];
  /** The entity concerned, if any. */
  entity: number | undefined;
  /** slow-resume: the resume's own ms; long-signal-wait: ms waited so far. */
  ms: number | undefined;
  /** leak-trend: the live counts sampled, oldest first. */
  liveCounts: number[] | undefined;
}

/** Options for {@link createDevTools}. Every check has a default; set a limit to Infinity (or 0 samples) to turn it off. */
export interface DevToolsOptions {
  /** Receives each warning (each problem once: a behaviour slow every frame is reported once). Default: console.warn(warning.message). */
  onWarning?: ((warning: DevToolsWarning) => void) | undefined;
  /** The scheduler's onError. Default: console.error(formatBehaviourError(error, task)). */
  onError?: ((error: unknown, task: Task<unknown>) => void) | undefined;
  /** Clock for measuring resumes, ms. Default: performance.now. */
  cpuClockMs?: (() => number) | undefined;
  /** Warn when one resume of one behaviour takes longer than this, ms (its own time, not the behaviours it started). Default 4. */
  resumeBudgetMs?: number | undefined;
  /**
   * Says whether an entity still exists. With it, afterTick warns about behaviours owned by removed
   * entities. tickflow/ecs users pass their world's check, e.g. `(eid) => entityExists(world, eid)`.
   * bitECS reuses ids at once: a behaviour left on a removed entity whose id went to a new entity
   * looks alive to this check until the new one is removed too.
   */
  entityExists?: ((entity: number) => boolean) | undefined;
  /** Warn when a behaviour has waited on one signal longer than this many ms of its clock. Default 10 000. */
  signalWaitWarnMs?: number | undefined;
  /** How often afterTick looks for dead-entity behaviours and long signal waits, in frames. Default 30. */
  checkEveryFrames?: number | undefined;
  /** How often afterTick samples scheduler.liveCount for the leak trend, in frames. Default 60. */
  leakSampleEveryFrames?: number | undefined;
  /** Warn when the live count rose at every one of this many consecutive samples. Default 10; 0 turns it off. */
  leakSamples?: number | undefined;
  /** How many warnings `devtools.warnings` keeps (oldest dropped first). Default 100. */
  keepWarnings?: number | undefined;
}

/** The scheduler options dev mode needs; spread them into createScheduler. */
export type DevToolsSchedulerOptions = Required<Pick<SchedulerOptions, 'cpuClockMs' | 'onResumeMeasured' | 'onError'>>;

/**
 * Dev mode for one scheduler: measures every resume and warns about slow resumes, behaviours of
 * removed entities, long signal waits and a growing number of live behaviours.
 *
 * @example
 * const devtools = createDevTools({ entityExists: (eid) => world.has(eid) });
 * const scheduler = createScheduler({ ...devtools.schedulerOptions, maxDtMs: 50 });
 * function frame(dtMs: number): void {
 *   scheduler.tick(dtMs);
 *   devtools.afterTick(scheduler); // checks every 30 frames; warnings go to console.warn
 * }
 */
export interface DevTools {
  /** `cpuClockMs`, `onResumeMeasured` and `onError` for createScheduler: `createScheduler({ ...devtools.schedulerOptions })`. */
  readonly schedulerOptions: DevToolsSchedulerOptions;
  /** Call once per frame after scheduler.tick: runs the periodic checks when they are due. */
  afterTick(scheduler: Scheduler): void;
  /** Runs the dead-entity and long-signal-wait checks now. */
  check(scheduler: Scheduler): void;
  /** Recent warnings, oldest first. The overlay highlights the behaviours they name. */
  readonly warnings: readonly DevToolsWarning[];
  /** Forgets the recent warnings (each problem is still reported only once). */
  clearWarnings(): void;
}

/**
 * Makes the dev-mode checks. Opt in by spreading `devtools.schedulerOptions` into createScheduler and
 * calling `devtools.afterTick(scheduler)` after each tick; leave both out in production and nothing
 * is measured.
 *
 * @example
 * const devtools = createDevTools({ onWarning: (warning) => hud.flash(warning.message) });
 * const scheduler = createScheduler({ ...devtools.schedulerOptions });
 * scheduler.spawn(boss(), { name: 'boss' }); // a resume that takes 9 ms:
 * // onWarning({ kind: 'slow-resume', message: 'slow resume: behaviour "boss#1" ran 9 ms in one resume (budget 4 ms) ...' })
 */
export function createDevTools(options: DevToolsOptions = {}): DevTools {
  return new DevToolsState(options);
}

interface SignalWait {
  sinceMs: number;
  beganFrame: number;
  warned: boolean;
}

class DevToolsState implements DevTools {
  readonly schedulerOptions: DevToolsSchedulerOptions;
  readonly #onWarning: (warning: DevToolsWarning) => void;
  readonly #resumeBudgetMs: number;
  readonly #entityExists: ((entity: number) => boolean) | undefined;
  readonly #signalWaitWarnMs: number;
  readonly #checkEveryFrames: number;
  readonly #leakSampleEveryFrames: number;
  readonly #leakSamples: number;
  readonly #keepWarnings: number;
  #warnings: DevToolsWarning[] = [];
  // Time spent in resumes nested inside a behaviour's resume (spawns and signal wakes from its body),
  // so a slow child is not blamed on its parent. Weak: a task cancelled mid-body never reads its entry.
  readonly #nestedMs = new WeakMap<TaskState, number>();
  readonly #signalWaits = new WeakMap<TaskState, SignalWait>();
  readonly #deadReported = new WeakSet<TaskState>();
  // One slow-resume warning per behaviour: a behaviour slow every frame would otherwise flood the console.
  readonly #slowReported = new WeakSet<TaskState>();
  #lastCheckFrame = -Infinity;
  #lastLeakFrame = -Infinity;
  #liveCounts: number[] = [];

  constructor(options: DevToolsOptions) {
    this.#onWarning = options.onWarning ?? warnToConsole;
    this.#resumeBudgetMs = nonNegative(options.resumeBudgetMs, 4, 'resumeBudgetMs');
    this.#entityExists = options.entityExists;
    this.#signalWaitWarnMs = nonNegative(options.signalWaitWarnMs, 10_000, 'signalWaitWarnMs');
    this.#checkEveryFrames = wholeNumber(options.checkEveryFrames, 30, 1, 'checkEveryFrames');
    this.#leakSampleEveryFrames = wholeNumber(options.leakSampleEveryFrames, 60, 1, 'leakSampleEveryFrames');
    this.#leakSamples = wholeNumber(options.leakSamples, 10, 0, 'leakSamples');
    this.#keepWarnings = wholeNumber(options.keepWarnings, 100, 0, 'keepWarnings');
    if (this.#entityExists !== undefined && typeof this.#entityExists !== 'function') {
      throw new TickflowError(`createDevTools: entityExists must be a function (eid) => boolean, got ${describeValue(this.#entityExists)}.`);
    }
    const onError = options.onError ?? errorToConsole;
    this.schedulerOptions = {
      cpuClockMs: options.cpuClockMs ?? defaultCpuClock(),
      onResumeMeasured: (task, elapsedMs) => this.#resumeMeasured(task, elapsedMs),
      onError,
    };
  }

  get warnings(): readonly DevToolsWarning[] {
    return this.#warnings;
  }

  clearWarnings(): void {
    this.#warnings = [];
  }

  afterTick(scheduler: Scheduler): void {
    const state = schedulerState(scheduler, 'devtools.afterTick');
    const frame = state.frame;
    if (frame - this.#lastCheckFrame >= this.#checkEveryFrames) {
      this.#lastCheckFrame = frame;
      this.#scan(state);
    }
    if (this.#leakSamples > 0 && frame - this.#lastLeakFrame >= this.#leakSampleEveryFrames) {
      this.#lastLeakFrame = frame;
      this.#sampleLiveCount(state);
    }
  }

  check(scheduler: Scheduler): void {
    const state = schedulerState(scheduler, 'devtools.check');
    this.#lastCheckFrame = state.frame;
    this.#scan(state);
  }

  #resumeMeasured(task: Task<unknown>, elapsedMs: number): void {
    const state = taskState(task);
    if (state === undefined) return;
    const scheduler = ownerOf(state);
    const nestedMs = this.#nestedMs.get(state) ?? 0;
    if (nestedMs !== 0) this.#nestedMs.delete(state);
    // The scheduler restores `current` before reporting, so it is the behaviour whose body this resume ran inside.
    const enclosing = scheduler.current === null ? undefined : taskState(scheduler.current);
    if (enclosing !== undefined) this.#nestedMs.set(enclosing, (this.#nestedMs.get(enclosing) ?? 0) + elapsedMs);
    const ownMs = elapsedMs - nestedMs;
    if (ownMs > this.#resumeBudgetMs && !this.#slowReported.has(state)) {
      this.#slowReported.add(state);
      const nested = nestedMs > 0 ? `, plus ${formatMs(nestedMs)} ms in behaviours it started or woke` : '';
      this.#warn({
        kind: 'slow-resume',
        message:
          `slow resume: ${describeTask(state)} ran ${formatMs(ownMs)} ms in one resume (budget ${formatMs(this.#resumeBudgetMs)} ms${nested}). ` +
          'Spread the work over frames (yield* waitFrames(1) inside the loop) or move it out of the behaviour. ' +
          'Later slow resumes of this behaviour are not reported.',
        frame: scheduler.frame,
        tasks: [state],
        entity: state.entity,
        ms: ownMs,
        liveCounts: undefined,
      });
    }
    // The wait it just began: remember when, on its own clock, so pauses do not count.
    if (waitsOnSignal(state)) {
      this.#signalWaits.set(state, { sinceMs: state.clock.nowMs, beganFrame: scheduler.frame, warned: false });
    }
  }

  #scan(scheduler: SchedulerState): void {
    const entityExists = this.#entityExists;
    // signalWaitWarnMs: Infinity switches the check off.
    const checkSignals = this.#signalWaitWarnMs !== Infinity;
    if (entityExists === undefined && !checkSignals) return;
    const orphans = new Map<number, TaskState[]>();
    // Tree order keeps an entity's behaviours next to each other: remembering the last answer saves
    // most entityExists calls without a per-scan map of every entity.
    let lastEntity = -1;
    let lastAlive = true;
    forEachLiveTask(scheduler, (task) => {
      const entity = task.entity;
      if (entityExists !== undefined && entity !== undefined) {
        if (entity !== lastEntity) {
          lastEntity = entity;
          lastAlive = Boolean(entityExists(entity));
        }
        if (!lastAlive && !this.#deadReported.has(task)) {
          this.#deadReported.add(task);
          const list = orphans.get(entity);
          if (list === undefined) orphans.set(entity, [task]);
          else list.push(task);
        }
      }
      if (checkSignals && waitsOnSignal(task)) this.#checkSignalWait(scheduler, task);
    });
    for (const [entity, tasks] of orphans) {
      const names = tasks.slice(0, 5).map((task) => `"${task.path}"`).join(', ');
      const more = tasks.length > 5 ? ` and ${tasks.length - 5} more` : '';
      this.#warn({
        kind: 'dead-entity',
        message:
          `entity ${entity} no longer exists, but ${tasks.length === 1 ? 'its behaviour still runs' : `${tasks.length} of its behaviours still run`}: ${names}${more}. ` +
          'This is a leak: cancel an entity\'s behaviours when it is removed.',
        frame: scheduler.frame,
        tasks,
        entity,
        ms: undefined,
        liveCounts: undefined,
      });
    }
  }

  #checkSignalWait(scheduler: SchedulerState, task: TaskState): void {
    let wait = this.#signalWaits.get(task);
    // Not measured when it began (a scheduler made without devtools.schedulerOptions): count from now.
    if (wait === undefined || wait.beganFrame !== task.waitBeganFrame) {
      wait = { sinceMs: task.clock.nowMs, beganFrame: task.waitBeganFrame, warned: false };
      this.#signalWaits.set(task, wait);
    }
    const waitedMs = task.clock.nowMs - wait.sinceMs;
    if (wait.warned || !(waitedMs > this.#signalWaitWarnMs)) return;
    wait.warned = true;
    const info = waitOf(task);
    const signalName = info.kind === 'signal' ? info.signalName : '?';
    this.#warn({
      kind: 'long-signal-wait',
      message:
        `${describeTask(task)} has waited ${formatMs(waitedMs)} ms (clock ${task.clock.name}) for signal ${signalName} ` +
        `(limit ${formatMs(this.#signalWaitWarnMs)} ms). Does anything still emit it? race() it with a waitMs timeout if it may never come.`,
      frame: scheduler.frame,
      tasks: [task],
      entity: task.entity,
      ms: waitedMs,
      liveCounts: undefined,
    });
  }

  #sampleLiveCount(scheduler: SchedulerState): void {
    const counts = this.#liveCounts;
    counts.push(scheduler.liveCount);
    if (counts.length > this.#leakSamples) counts.shift();
    if (counts.length < this.#leakSamples || counts.length < 2) return;
    for (let i = 1; i < counts.length; i++) if (!(counts[i] > counts[i - 1])) return;
    const byName = new Map<string, number>();
    forEachLiveTask(scheduler, (task) => byName.set(task.name, (byName.get(task.name) ?? 0) + 1));
    const common = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([name, count]) => `${name} x${count}`).join(', ');
    this.#warn({
      kind: 'leak-trend',
      message:
        `live behaviours grew at each of the last ${counts.length} samples (${this.#leakSampleEveryFrames} frames apart): ` +
        `${counts[0]} -> ${counts[counts.length - 1]}. Most common now: ${common}. ` +
        'Behaviours that never end, or are not cancelled with their owner, pile up like this.',
      frame: scheduler.frame,
      tasks: [],
      entity: undefined,
      ms: undefined,
      liveCounts: counts.slice(),
    });
    // A new warning needs a whole new window of growth.
    this.#liveCounts = [counts[counts.length - 1]];
  }

  #warn(warning: DevToolsWarning): void {
    if (this.#keepWarnings > 0) {
      this.#warnings.push(warning);
      if (this.#warnings.length > this.#keepWarnings) this.#warnings.shift();
    }
    try {
      this.#onWarning(warning);
    } catch (error) {
      // Warnings are raised inside the scheduler's resume bookkeeping: a throwing handler must not break it.
      console.error('tickflow devtools: onWarning threw', error);
    }
  }
}

function describeTask(task: TaskState): string {
  return task.entity === undefined ? `behaviour "${task.path}"` : `behaviour "${task.path}" (entity ${task.entity})`;
}

function warnToConsole(warning: DevToolsWarning): void {
  console.warn(`tickflow: ${warning.message}`);
}

function errorToConsole(error: unknown, task: Task<unknown>): void {
  console.error(formatBehaviourError(error, task));
}

function defaultCpuClock(): () => number {
  const performance = (globalThis as { performance?: { now(): number } }).performance;
  if (performance === undefined) return Date.now;
  return () => performance.now();
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(typeof value === 'number' && value >= 0)) {
    throw new TickflowError(`createDevTools: ${name} must be a number of milliseconds >= 0 (Infinity turns the check off), got ${describeValue(value)}.`);
  }
  return value;
}

function wholeNumber(value: number | undefined, fallback: number, min: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(Number.isInteger(value) && value >= min)) {
    throw new TickflowError(`createDevTools: ${name} must be a whole number >= ${min}, got ${describeValue(value)}.`);
  }
  return value;
}
