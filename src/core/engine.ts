// The engine: the state of one scheduler and the loop that steps behaviours. The other parts of the
// runtime take this record and update it:
//
//   scheduler.ts   the public contract (Scheduler, SchedulerOptions) and createScheduler
//   engine.ts      this file, in order:
//                    1. state ............ clocks, the root list, the running task, logical time
//                    2. public API ....... getters, createClock, roots, cancelAll, spawn, tick (phases 1-4)
//                                          (spawn checks for async generators and nesting; tick clamps dtMs)
//                    3. TaskOwner ........ cancelTask / wakeFromSignal, called by tasks and signals
//                    4. stepping ......... create, drive (the general step: bad yields, guarded hooks, the tail
//                                          hand-off to lifecycle.ts's end loop), suspend (one case per wait
//                                          kind), sleep, stepFast (the hot path)
//                    5. tick phases ...... runTimers, runFrames, runPredicates
//                    6. helpers .......... clock ownership and disposal, report (onError)
//   lifecycle.ts   ending, failing and cancelling tasks (children first, finally blocks)
//   joins.ts       yield* task, all() and race() groups
//   messages.ts    the words of every error
//   numbers.ts     the one finite-number check, the maxDtMs clamp, and the caps (clock rate, catch-up, nesting)
//   steps.ts       how drive steps a generator (shared with lifecycle.ts and joins.ts)
//   internal.ts    the one door through which adapters (debug, pixi, ecs) read task internals
//
// The hot paths (stepFast, runTimers, runFrames, sleep) are methods here, with the state in fields of
// this class, so a resume pays no extra call or indirection.
import { NEXT_FRAME, waitFrames } from './awaitables.js';
import { backgroundStarted, checkBackgroundSpawn } from './background.js';
import { ClockState, type Clock } from './clock.js';
import { CancelledError, TickflowError, describeValue } from './errors.js';
import { GENERATOR, NOT_GENERATOR, generatorKind, join, startGroup } from './joins.js';
import { Lifecycle, bodyReturned, cancelTask, closeGenerator, failTask, finishCancel, leaveWait } from './lifecycle.js';
import {
  alreadyStarted,
  annotate,
  asyncGeneratorRefused,
  badYield,
  badYieldAgain,
  describeTask,
  hookThrew,
  logError,
  notAGenerator,
  reportToConsole,
  nameNotAString,
  nestedTooDeep,
  spawnedRunning,
  tickInsideBehaviour,
  tickReentered,
  unknownWaitKind,
} from './messages.js';
import { CATCH_UP_BASE, CATCH_UP_PER_SLEEPER, MAX_NESTED_STARTS, clampFrameMs, isFiniteFrom, maxDtMsOption } from './numbers.js';
import type { ClockOptions, Scheduler, SchedulerOptions, TraceEvent } from './scheduler.js';
import type { SignalState } from './signal.js';
import { RESUME_STEP, START_STEP, STEPPED, STEP_THREW, SUSPENDED, THROW_STEP } from './steps.js';
import { TaskState, Waiting, type SpawnOptions, type Task, type TaskOwner } from './task.js';
import { ALREADY_STARTED, RESUME, START, Wait, WaitKind, context, inBehaviour, type Behaviour } from './wait.js';

// The cached awaitable of waitFrames(1), recognised by the frame loop's fast path.
const FRAME = waitFrames(1) as unknown as Wait;

// How a drive ended.
const STILL_WAITING = 0;
const RETURNED = 1;
const THREW = 2;
const CANCEL_NOW = 3;
const WAS_STARTED = 4;
// A second bad yield after the first was thrown into the body: it is stopped.
const REFUSED = 5;

/**
 * The scheduler's engine. Exported for tickflow's own runtime files and adapters (through internal.ts);
 * users get {@link Scheduler}. Fields without `#` are shared with lifecycle.ts and joins.ts.
 */
export class SchedulerState implements Scheduler, TaskOwner {
  // ---- 1. state ----
  readonly #maxDtMs: number;
  readonly #onError: (error: unknown, task: Task<unknown>) => void;
  // Hooks are switched off (set to undefined) after their first throw, which is reported once (#hookFailed).
  #cpuClockMs: (() => number) | undefined;
  #onResumeMeasured: ((task: Task<unknown>, elapsedMs: number) => void) | undefined;
  /** The trace hook, or undefined (then nothing is traced). Call it through trace(). */
  onTrace: ((event: TraceEvent, task: Task<unknown>, frame: number) => void) | undefined;
  // No trace hook and no CPU clock: steps may take the fast path (#stepFast).
  readonly #plain: boolean;
  // Clocks in creation order, so parents come before children: [real, game, ...created].
  readonly #clocks: ClockState[] = [];
  readonly #realClock: ClockState;
  readonly #gameClock: ClockState;
  /** Ticks so far (the public `frame`). */
  tickCount = 0;
  /** Top-level tasks, oldest first (an intrusive list through previousSibling / nextSibling). */
  firstRoot: TaskState | null = null;
  lastRoot: TaskState | null = null;
  /** The task whose body runs now (the public `current`). */
  active: TaskState | null = null;
  #ticking = false;
  #nextId = 1;
  // Scheduling sequence: ties between equal deadlines resolve in the order waits were scheduled.
  #sequence = 0;
  /** Tasks that have not ended (the public `liveCount`). */
  liveTasks = 0;
  // Result of a wait that completes without suspending (see #suspend, answer).
  #immediate: unknown = undefined;
  // Logical time: while a timer's resume runs (and everything it causes synchronously: spawns, joins,
  // signal wakes), "now" on that clock is the timer's deadline, so the next waitMs counts from it and
  // chains of waits never drift. Outside a timer resume it is null and waits count from clock.nowMs.
  #logicalClock: ClockState | null = null;
  #logicalMs = 0;
  #clocksDisposed = false;
  /** The work lists of lifecycle.ts (ending and cancelling without recursion). */
  readonly lifecycle = new Lifecycle();
  /** Set by lifecycle.ts's end loop just before it drives a joiner; drive reads and clears it at once. */
  tailEnd = false;
  /** A task that such a drive ended as its last act, handed back to the end loop (see lifecycle.ts). */
  tailEnded: TaskState | null = null;
  /** First steps (spawn, all/race members) running on top of each other now; see MAX_NESTED_STARTS. */
  nestedStarts = 0;

  constructor(options: SchedulerOptions) {
    this.#maxDtMs = maxDtMsOption(options.maxDtMs, 'createScheduler');
    this.#onError = options.onError ?? reportToConsole;
    this.#cpuClockMs = options.cpuClockMs;
    this.#onResumeMeasured = options.onResumeMeasured;
    this.onTrace = options.onTrace;
    this.#plain = this.onTrace === undefined && this.#cpuClockMs === undefined;
    const onDispose = (clock: ClockState): void => this.#disposeClock(clock);
    this.#realClock = new ClockState('real', null, false, onDispose);
    this.#gameClock = new ClockState('game', null, true, onDispose);
    this.#clocks.push(this.#realClock, this.#gameClock);
  }

  // ---- 2. public API ----

  get frame(): number {
    return this.tickCount;
  }
  get nowMs(): number {
    return this.#gameClock.nowMs;
  }
  get realNowMs(): number {
    return this.#realClock.nowMs;
  }
  get timeScale(): number {
    return this.#gameClock.timeScale;
  }
  set timeScale(scale: number) {
    this.#gameClock.timeScale = scale;
  }
  get paused(): boolean {
    return this.#gameClock.paused;
  }
  set paused(paused: boolean) {
    this.#gameClock.paused = paused;
  }
  get clock(): Clock {
    return this.#gameClock;
  }
  get realClock(): Clock {
    return this.#realClock;
  }
  get liveCount(): number {
    return this.liveTasks;
  }
  get current(): Task<unknown> | null {
    return this.active;
  }

  /** All clocks, parents before children: their wait structures, for the soak test's leak check. */
  get clocks(): readonly ClockState[] {
    return this.#clocks;
  }

  /**
   * The logical "now" on a clock: the deadline being processed while a timer's resume runs, else the
   * clock's time. Adapters that measure time themselves (tweens) use it to stay drift-free.
   */
  logicalNowMs(clock: Clock): number {
    return this.#logicalClock === clock ? this.#logicalMs : clock.nowMs;
  }

  createClock(name: string, options: ClockOptions = {}): Clock {
    if (typeof name !== 'string' || name === '') throw new TickflowError(`createClock expects a non-empty name, got ${describeValue(name)}`);
    const parent = options.parent === undefined ? this.#gameClock : this.#ownClock(options.parent, 'createClock');
    if (!parent.pausable) throw new TickflowError(`createClock("${name}"): the real clock cannot have child clocks; use the game clock or a clock of yours`);
    const timeScale = options.timeScale;
    // Checked before the clock is made: a refused option has no side effect on the parent.
    if (timeScale !== undefined && !isFiniteFrom(timeScale, 0)) {
      throw new TickflowError(`createClock("${name}"): timeScale must be a finite number >= 0, got ${describeValue(timeScale)}. Use 0 to freeze time, 1 for normal speed.`);
    }
    const clock = new ClockState(name, parent, true, (disposed) => this.#disposeClock(disposed));
    if (timeScale !== undefined) clock.timeScale = timeScale;
    this.#clocks.push(clock);
    return clock;
  }

  roots(): Task<unknown>[] {
    const list: Task<unknown>[] = [];
    for (let task = this.firstRoot; task !== null; task = task.nextSibling) list.push(task);
    return list;
  }

  cancelAll(): void {
    let task = this.lastRoot;
    while (task !== null) {
      if (task.status === 'running') {
        cancelTask(this, task);
        task = this.lastRoot;
      } else {
        task = task.previousSibling;
      }
    }
  }

  spawn<T>(behaviour: Behaviour<T>, options?: SpawnOptions): Task<T> {
    const kind = generatorKind(behaviour);
    if (kind !== GENERATOR) {
      if (kind === NOT_GENERATOR) throw notAGenerator(behaviour, this.active);
      throw asyncGeneratorRefused(this.active === null ? 'spawn' : `spawn${inBehaviour(this.active)}`, 'got');
    }
    // Only the executing ancestors can be the generator running now; the walk stops at the first that is not,
    // so a spawn deep in a 100,000-level tree costs no walk to the root.
    for (let running = this.active; running !== null && running.executing; running = running.parent) {
      if (running.generator === behaviour) throw spawnedRunning(running);
    }
    // Issue 13: a background child is tied to the body of the behaviour that spawns it (background.ts).
    const spawner = this.active;
    const background = options?.background === true;
    if (background) checkBackgroundSpawn(spawner, options?.detached === true, options?.name);
    // Each spawn inside a body runs the new body's first step on top of it: bounded, so a behaviour that
    // spawns a child that spawns a child ... synchronously fails cleanly instead of overflowing the stack
    // inside tickflow's bookkeeping (which would leave tasks half-started).
    if (this.nestedStarts >= MAX_NESTED_STARTS) throw nestedTooDeep(this.active, MAX_NESTED_STARTS);
    const task = this.create(behaviour, options?.name, options?.detached === true, options?.clock, options?.entity);
    if (background) task.background = true;
    this.nestedStarts++;
    try {
      if (this.#plain) this.#stepFast(task, START);
      else this.drive(task, START_STEP, undefined);
    } finally {
      this.nestedStarts--;
    }
    if (background) backgroundStarted(this, task, spawner as TaskState);
    return task;
  }

  tick(dtMs: number): void {
    if (this.active !== null) throw tickInsideBehaviour(this.active);
    if (this.#ticking) throw tickReentered();
    // The usual frame (a number from 0 to maxDtMs) needs no call: tick runs 60 times a second, often before V8
    // has optimized it, where every call counts (the idle bench measured 5 %). clampFrameMs refuses the rest.
    const clampedMs = typeof dtMs === 'number' && dtMs >= 0 && dtMs <= this.#maxDtMs ? dtMs : clampFrameMs(dtMs, this.#maxDtMs, 'tick');
    this.#ticking = true;
    try {
      this.tickCount++;
      const clocks = this.#clocks;
      // Phase 1: every clock advances, parents first.
      for (let i = 0; i < clocks.length; i++) clocks[i].advance(clampedMs);
      // Phase 2: due timers, clock by clock (real clock first), in (deadline, scheduling order).
      for (let i = 0; i < clocks.length; i++) this.#runTimers(clocks[i]);
      // Phase 3: frame waiters of running clocks, in the order they began waiting.
      for (let i = 0; i < clocks.length; i++) if (clocks[i].running) this.#runFrames(clocks[i]);
      // Phase 4: waitUntil / waitWhile predicates of running clocks, in the order they began waiting.
      for (let i = 0; i < clocks.length; i++) if (clocks[i].running) this.#runPredicates(clocks[i]);
    } finally {
      this.#ticking = false;
      if (this.#clocksDisposed) this.#dropDisposedClocks();
    }
  }

  // ---- 3. TaskOwner: called by tasks and signals ----

  cancelTask(task: TaskState): void {
    cancelTask(this, task);
  }

  wakeFromSignal(task: TaskState, value: unknown): void {
    task.waiting = Waiting.none;
    task.waitTarget = null;
    this.drive(task, RESUME_STEP, value);
  }

  // ---- 4. creating and stepping tasks ----

  /** Makes a task and links it under its parent (or as a root); does not step it. */
  create<T>(behaviour: Behaviour<T>, name: string | undefined, detached: boolean, clockOption: Clock | undefined, entity: number | undefined): TaskState<T> {
    if (name !== undefined && typeof name !== 'string') throw nameNotAString(name);
    let parent = detached ? null : this.active;
    // Children of a behaviour that is ending (spawned from its finally block) belong to the nearest
    // ancestor that still runs, so a death effect outlives the behaviour that started it.
    while (parent !== null && parent.status !== 'running') parent = parent.parent;
    const clock = clockOption === undefined ? (parent === null ? this.#gameClock : (parent.clock as ClockState)) : this.#ownClock(clockOption, 'spawn');
    const task = new TaskState<T>(
      this.#nextId++,
      name ?? 'behaviour',
      behaviour,
      parent,
      clock,
      entity ?? (parent === null ? undefined : parent.entity),
      this.tickCount,
      this.#realClock.nowMs,
      this,
    );
    if (parent === null) {
      task.previousSibling = this.lastRoot;
      if (this.lastRoot === null) this.firstRoot = task;
      else this.lastRoot.nextSibling = task;
      this.lastRoot = task;
    } else {
      task.previousSibling = parent.lastChild;
      if (parent.lastChild === null) parent.firstChild = task;
      else parent.lastChild.nextSibling = task;
      parent.lastChild = task;
    }
    clock.liveTasks++;
    this.liveTasks++;
    return task as TaskState<T>;
  }

  /**
   * Steps a task's generator until it suspends, ends or fails. Waits that complete at once
   * (waitUntil already true, a joined task already done) are answered in the same loop.
   */
  drive(task: TaskState, step: number, payload: unknown): void {
    // Called by the end loop (lifecycle.ts) for a joiner: its end, if any, goes back to that loop.
    const tail = this.tailEnd;
    this.tailEnd = false;
    // An ended task never runs again (its status never changes once ended).
    if (task.ended) return;
    if (this.onTrace !== undefined) this.trace(step === START_STEP ? 'spawn' : 'resume', task);
    const generator = task.generator;
    const previous = this.active;
    this.active = task;
    context.task = task;
    task.executing = true;
    let cpuClockMs = this.#cpuClockMs;
    const startMs = cpuClockMs === undefined ? 0 : this.#readCpuClock(task);
    if (startMs !== startMs) cpuClockMs = undefined;
    // The fast path counted the resume already.
    const countResume = step !== STEPPED && step !== STEP_THREW;
    let outcome = STILL_WAITING;
    let value: unknown;
    // The error for a bad yield, once thrown into the body: a second bad yield stops the behaviour.
    let refused: TickflowError | null = null;
    try {
      if (step === STEP_THREW) throw payload;
      for (;;) {
        let result: IteratorResult<unknown, unknown>;
        if (step === STEPPED) {
          result = payload as IteratorResult<unknown, unknown>;
        } else if (step === RESUME_STEP) {
          context.value = payload;
          result = generator.next(RESUME);
        } else if (step === THROW_STEP) {
          result = generator.throw(payload);
        } else {
          result = generator.next(START);
        }
        if (result.done === true) {
          outcome = RETURNED;
          value = result.value;
          break;
        }
        if (task.cancelRequested) {
          outcome = CANCEL_NOW;
          break;
        }
        if (typeof result !== 'object' || result === null) {
          // Not a generator's step result (a hand-made iterator, or a Promise from an async generator).
          outcome = THREW;
          value = asyncGeneratorRefused(describeTask(task), 'is');
          break;
        }
        const wait = result.value;
        // `yield nextFrame` is the one instruction accepted without the star (#suspend treats it as waitFrames(1)).
        if (!(wait instanceof Wait) || (result !== wait.yielded && wait !== NEXT_FRAME)) {
          if (refused !== null) {
            outcome = REFUSED;
            value = badYieldAgain(refused);
            break;
          }
          step = THROW_STEP;
          payload = refused = badYield(task, wait);
          continue;
        }
        if (wait === ALREADY_STARTED) {
          outcome = WAS_STARTED;
          break;
        }
        step = this.#suspend(task, wait);
        // Running a group's members or a predicate may have cancelled this task.
        if (task.cancelRequested) {
          leaveWait(this, task);
          outcome = CANCEL_NOW;
          break;
        }
        if (step === SUSPENDED) break;
        payload = this.#immediate;
      }
    } catch (error) {
      outcome = THREW;
      value = error;
    }
    task.executing = false;
    this.active = previous;
    context.task = previous;
    if (countResume) task.resumes++;
    if (cpuClockMs !== undefined) this.#recordCpu(task, startMs);
    if (outcome === STILL_WAITING) {
      task.waitBeganFrame = this.tickCount;
      if (this.onTrace !== undefined && task.waiting !== Waiting.none) this.trace('suspend', task);
      return;
    }
    if (outcome === REFUSED) {
      // Suspended at its second bad yield: run its finally blocks before it fails.
      closeGenerator(this, task, 'refused');
      outcome = task.cancelRequested ? CANCEL_NOW : THREW;
      if (outcome === CANCEL_NOW) this.report(annotate(value, task), task);
    }
    if (task.cancelRequested) {
      // cancel() was called while the body ran; finish that now.
      // An uncaught CancelledError is a cancellation, never a reported failure (issue 13).
      if (outcome === THREW && !(value instanceof CancelledError)) this.report(annotate(value, task), task);
      if (outcome !== CANCEL_NOW) task.bodyDone = true;
      finishCancel(this, task, tail);
    } else if (outcome === RETURNED) {
      bodyReturned(this, task, value, tail);
    } else if (outcome === WAS_STARTED) {
      failTask(this, task, alreadyStarted(task), tail);
    } else {
      failTask(this, task, value, tail);
    }
  }

  /** Reports a trace event; a throwing onTrace is reported once and switched off. */
  trace(event: TraceEvent, task: TaskState): void {
    const onTrace = this.onTrace;
    if (onTrace === undefined) return;
    try {
      onTrace(event, task, this.tickCount);
    } catch (error) {
      this.onTrace = undefined;
      this.report(hookThrew('onTrace', error), task);
    }
  }

  /** cpuClockMs(), or NaN (and the hook switched off) when it throws or returns a non-number. */
  #readCpuClock(task: TaskState): number {
    const cpuClockMs = this.#cpuClockMs;
    if (cpuClockMs === undefined) return Number.NaN;
    let ms: unknown;
    try {
      ms = cpuClockMs();
    } catch (error) {
      this.#cpuClockMs = undefined;
      this.report(hookThrew('cpuClockMs', error), task);
      return Number.NaN;
    }
    return typeof ms === 'number' ? ms : Number.NaN;
  }

  #recordCpu(task: TaskState, startMs: number): void {
    const endMs = this.#readCpuClock(task);
    if (endMs !== endMs) return;
    const elapsedMs = endMs - startMs;
    task.recordCpu(elapsedMs);
    const onResumeMeasured = this.#onResumeMeasured;
    if (onResumeMeasured === undefined) return;
    try {
      onResumeMeasured(task, elapsedMs);
    } catch (error) {
      this.#onResumeMeasured = undefined;
      this.report(hookThrew('onResumeMeasured', error), task);
    }
  }

  /**
   * Registers what the task waits for. Returns SUSPENDED, or RESUME_STEP / THROW_STEP with the value
   * in #immediate when the wait completes at once.
   */
  #suspend(task: TaskState, wait: Wait): number {
    switch (wait.kind) {
      case WaitKind.frames: {
        const clock = task.clock as ClockState;
        if (wait.amount === 1) {
          // The hot case writes no waitTarget: a frame-bucket wait is always on the task's own clock.
          task.waiting = Waiting.frameBucket;
          clock.pendingFrames[clock.pendingCount++] = task;
        } else {
          task.waiting = Waiting.frameHeap;
          task.waitTarget = clock;
          task.beginFrameHeapWait(clock.frame + wait.amount);
          task.heapSeq = this.#sequence++;
          clock.frameHeap.push(task);
        }
        return SUSPENDED;
      }
      case WaitKind.ms:
        return this.#sleep(task, task.clock as ClockState, wait.amount);
      case WaitKind.realMs:
        return this.#sleep(task, this.#realClock, wait.amount);
      case WaitKind.until:
      case WaitKind.while: {
        try {
          if (Boolean((wait.target as () => boolean)()) === (wait.kind === WaitKind.until)) return this.answer(undefined);
        } catch (error) {
          return this.answerWithError(error);
        }
        const clock = task.clock as ClockState;
        task.waiting = Waiting.predicate;
        task.waitTarget = wait;
        clock.predicates.push(task);
        return SUSPENDED;
      }
      case WaitKind.signal: {
        const signal = wait.target as SignalState<unknown>;
        task.waiting = Waiting.signal;
        task.waitTarget = signal;
        signal.add(task);
        return SUSPENDED;
      }
      case WaitKind.join:
        return join(this, task, wait.target as TaskState);
      case WaitKind.all:
      case WaitKind.race:
        return startGroup(this, task, wait.kind, wait.target as readonly unknown[]);
      case WaitKind.currentTask:
        return this.answer(task);
      case WaitKind.lateness:
        return this.answer(task.lateMs);
      default:
        return this.answerWithError(unknownWaitKind(task, wait.kind));
    }
  }

  /** A wait completes at once with `value`: returns the step that resumes with it. */
  answer(value: unknown): number {
    this.#immediate = value;
    return RESUME_STEP;
  }

  /** A wait completes at once with `error`: returns the step that throws it. */
  answerWithError(error: unknown): number {
    this.#immediate = error;
    return THROW_STEP;
  }

  #sleep(task: TaskState, clock: ClockState, ms: number): number {
    // Drift-free: count from the deadline being processed, if any, not from the tick's time.
    const baseMs = this.#logicalClock === clock ? this.#logicalMs : clock.nowMs;
    task.beginTimerWait(baseMs + ms);
    task.heapSeq = this.#sequence++;
    task.waiting = Waiting.timer;
    task.waitTarget = clock;
    clock.timers.push(task);
    return SUSPENDED;
  }

  /**
   * The hot path of a frame or timer loop (`for (;;) { work; yield* waitFrames(1); }` or `yield nextFrame`, or `waitMs`), and
   * of short-lived behaviours: start or resume the task (`sent` is START or RESUME, with no value) and, if
   * it simply waits for the next frame or a timer, queue it, or if its body returned, end it, without the
   * general machinery of drive. Anything else (another wait, an error, a cancel) continues in drive
   * from the result.
   */
  #stepFast(task: TaskState, sent: object): void {
    const previous = this.active;
    this.active = task;
    context.task = task;
    context.value = undefined;
    task.executing = true;
    let result: IteratorResult<unknown, unknown>;
    try {
      result = task.generator.next(sent);
    } catch (error) {
      this.#stepThrew(task, previous, error);
      return;
    }
    this.active = previous;
    context.task = previous;
    task.executing = false;
    task.resumes++;
    if (!task.cancelRequested) {
      if (result.done === true) {
        bodyReturned(this, task, result.value, false);
        return;
      }
      const wait = result.value as Wait | undefined;
      if (wait === NEXT_FRAME || (wait === FRAME && result === FRAME.yielded)) {
        const clock = task.clock as ClockState;
        task.waiting = Waiting.frameBucket;
        task.waitBeganFrame = this.tickCount;
        clock.pendingFrames[clock.pendingCount++] = task;
        return;
      }
      if (wait instanceof Wait && result === wait.yielded && wait.kind === WaitKind.ms) {
        this.#sleep(task, task.clock as ClockState, wait.amount);
        task.waitBeganFrame = this.tickCount;
        return;
      }
    }
    this.drive(task, STEPPED, result);
  }

  /** The body threw in #stepFast (kept apart, so the hot path stays small enough for V8 to inline). */
  #stepThrew(task: TaskState, previous: TaskState | null, error: unknown): void {
    // Leave the task's context before ending it, so onError and joiners see the right behaviour.
    this.active = previous;
    context.task = previous;
    task.executing = false;
    task.resumes++;
    this.drive(task, STEP_THREW, error);
  }

  // ---- 5. the phases of a tick ----

  #runTimers(clock: ClockState): void {
    const timers = clock.timers;
    // Most clocks have no timers (the real clock, usually): skip them without a call that would box nowMs.
    if (timers.size === 0) return;
    const nowMs = clock.nowMs;
    const plain = this.#plain;
    // Catch-up: a behaviour that waits again with a deadline already passed runs again in this loop,
    // in deadline order, so a long tick never loses time. Bounded (numbers.ts, CATCH_UP_PER_SLEEPER): past
    // `budget` resumes, waits count from the clock's now instead of the deadline (a waitMs(1e-9) loop, or
    // a clock scaled by 1e9, cannot freeze the tick), and past twice that the phase stops for this tick.
    let task = timers.popDue(nowMs);
    if (task === undefined) return;
    let budget = (timers.size + 1) * CATCH_UP_PER_SLEEPER + CATCH_UP_BASE;
    const hardStop = -budget;
    for (; task !== undefined; task = budget > hardStop ? timers.popDue(nowMs) : undefined) {
      task.waiting = Waiting.none;
      task.waitTarget = null;
      if (--budget >= 0) {
        this.#logicalClock = clock;
        this.#logicalMs = task.heapKey;
      }
      task.timerResumed(nowMs);
      if (plain) this.#stepFast(task, RESUME);
      else this.drive(task, RESUME_STEP, undefined);
      this.#logicalClock = null;
    }
  }

  #runFrames(clock: ClockState): void {
    const frame = clock.frame;
    const heap = clock.frameHeap;
    // Longer waits for this frame began before any waitFrames(1) for it, so they go first.
    for (let task = heap.peek(); task !== undefined && task.heapKey <= frame; task = heap.peek()) {
      heap.pop();
      task.waiting = Waiting.none;
      task.waitTarget = null;
      this.drive(task, RESUME_STEP, undefined);
    }
    const due = clock.dueFrames;
    const plain = this.#plain;
    for (let i = 0; i < clock.dueCount; i++) {
      const task = due[i] as TaskState;
      due[i] = undefined;
      // Cancelled while waiting: its entry is stale.
      if (task.waiting !== Waiting.frameBucket) continue;
      task.waiting = Waiting.none;
      if (plain) this.#stepFast(task, RESUME);
      else this.drive(task, RESUME_STEP, undefined);
    }
    clock.dueCount = 0;
  }

  #runPredicates(clock: ClockState): void {
    const list = clock.predicates;
    const count = list.length;
    if (count === 0) return;
    clock.checkingPredicates = true;
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const task = list[i];
      if (task.waiting !== Waiting.predicate) continue;
      const wait = task.waitTarget as Wait;
      let satisfied: boolean;
      try {
        satisfied = Boolean((wait.target as () => boolean)()) === (wait.kind === WaitKind.until);
      } catch (error) {
        // The predicate may have cancelled its own task: then nothing resumes and nothing is reported.
        if (task.waiting !== Waiting.predicate) continue;
        task.waiting = Waiting.none;
        task.waitTarget = null;
        this.drive(task, THROW_STEP, error);
        continue;
      }
      // Cancelled (or otherwise ended) by its own predicate: its status stays as that left it.
      if (task.waiting !== Waiting.predicate) continue;
      if (!satisfied) {
        list[kept++] = task;
        continue;
      }
      task.waiting = Waiting.none;
      task.waitTarget = null;
      this.drive(task, RESUME_STEP, undefined);
    }
    // Waits that began during this phase were appended past `count`: keep them, in order.
    for (let i = count; i < list.length; i++) list[kept++] = list[i];
    list.length = kept;
    clock.stalePredicates = 0;
    clock.checkingPredicates = false;
  }

  // ---- 6. helpers ----

  #ownClock(clock: Clock, where: string): ClockState {
    if (clock instanceof ClockState && clock.disposed) {
      throw new TickflowError(`${where}: clock "${clock.name}" was disposed. Spawn on a live clock: scheduler.clock or one from scheduler.createClock().`);
    }
    if (!(clock instanceof ClockState) || !this.#clocks.includes(clock)) {
      throw new TickflowError(`${where}: clock ${describeValue(clock)} does not belong to this scheduler (or was disposed). Use scheduler.clock or scheduler.createClock().`);
    }
    return clock;
  }

  #disposeClock(clock: ClockState): void {
    if (this.#ticking) this.#clocksDisposed = true;
    else this.#clocks.splice(this.#clocks.indexOf(clock), 1);
  }

  #dropDisposedClocks(): void {
    this.#clocksDisposed = false;
    for (let i = this.#clocks.length - 1; i >= 0; i--) if (this.#clocks[i].disposed) this.#clocks.splice(i, 1);
  }

  /** Hands a failure to onError; an onError that throws is logged, never rethrown. */
  report(error: unknown, task: TaskState): void {
    try {
      this.#onError(error, task);
    } catch (secondary) {
      logError('tickflow: onError threw while reporting a failed behaviour', secondary);
    }
  }
}
