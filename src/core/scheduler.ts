import { ClockState, type Clock } from './clock.js';
import { CancelledError, TickflowError, describeValue } from './errors.js';
import { SignalState } from './signal.js';
import { Group, GroupSlot, TaskState, Waiting, type SpawnOptions, type Task, type TaskOwner } from './task.js';
import { ALREADY_STARTED, RESUME, START, Wait, WaitKind, context, inBehaviour, type Awaitable, type Behaviour } from './wait.js';
import { waitFrames } from './awaitables.js';

// The cached awaitable of waitFrames(1), recognised by the frame loop's fast path.
const FRAME = waitFrames(1) as unknown as Wait;

/** Options for {@link createScheduler}. */
export interface SchedulerOptions {
  /** The most milliseconds one tick may advance the clocks (a long frame or a hidden tab). Default 100. */
  maxDtMs?: number | undefined;
  /**
   * Called once for each behaviour that fails with nobody joining it. Default: console.error with the
   * behaviour's name path and the error (its stack shows the `yield*` chain).
   */
  onError?: ((error: unknown, task: Task<unknown>) => void) | undefined;
  /**
   * Measures each resume's CPU time when given (e.g. `() => performance.now()`), for the inspector.
   * Off by default: the hot path then reads no clock.
   */
  cpuClockMs?: (() => number) | undefined;
  /** Called after each measured resume (needs `cpuClockMs`). */
  onResumeMeasured?: ((task: Task<unknown>, elapsedMs: number) => void) | undefined;
  /**
   * Called for every spawn, resume, suspend and end, in order, when given: a recorder for traces and
   * determinism checks. Off by default.
   */
  onTrace?: ((event: TraceEvent, task: Task<unknown>, frame: number) => void) | undefined;
}

/** What {@link SchedulerOptions.onTrace} reports. `suspend` comes with the task's `waiting` description. */
export type TraceEvent = 'spawn' | 'resume' | 'suspend' | 'done' | 'cancelled' | 'failed';

/** Options for {@link Scheduler.createClock}. */
export interface ClockOptions {
  /** Default: the game clock. */
  parent?: Clock | undefined;
  /** Speed relative to the parent clock. Default 1. */
  timeScale?: number | undefined;
}

/**
 * Resumes behaviours, one tick per frame. See the README for the phases of a tick.
 *
 * @example
 * const scheduler = createScheduler();
 * scheduler.spawn(patrol(npc, route), { name: 'patrol' }); // runs up to its first wait now
 * scheduler.tick(16);                                       // frame 1, 16 ms
 */
export interface Scheduler {
  /** Starts a behaviour and runs it synchronously up to its first wait. */
  spawn<T>(behaviour: Behaviour<T>, options?: SpawnOptions): Task<T>;
  /** One frame: frame += 1, clocks advance by min(dtMs, maxDtMs) (scaled), due behaviours resume. */
  tick(dtMs: number): void;
  /** Ticks so far, paused or not. */
  readonly frame: number;
  /** The game clock, ms: scaled by timeScale, frozen while paused. */
  readonly nowMs: number;
  /** The real clock, ms: unscaled, runs while paused (still clamped by maxDtMs). */
  readonly realNowMs: number;
  /** The game clock's speed (1 normal, 0.5 slow motion). */
  timeScale: number;
  /** Freezes the game clock and every clock under it. Real-clock waits go on. */
  paused: boolean;
  /** The game clock: the default clock of behaviours, parent of clocks you create. */
  readonly clock: Clock;
  /** The real clock, for waitRealMs (or spawn a behaviour on it to make its waitFrames ignore pause). */
  readonly realClock: Clock;
  /** Makes a named clock (a group such as "gameplay" or "ui") under `parent` (default: the game clock). */
  createClock(name: string, options?: ClockOptions): Clock;
  /** Behaviours that have not ended (including ones waiting for their children). */
  readonly liveCount: number;
  /** The behaviour whose body runs now, or null between resumes. */
  readonly current: Task<unknown> | null;
  /** Live top-level behaviours (no parent), oldest first. */
  roots(): Task<unknown>[];
  /** Cancels every live behaviour, newest first. */
  cancelAll(): void;
}

/**
 * Makes a scheduler. No globals: pass it where behaviours are spawned.
 *
 * @example
 * const scheduler = createScheduler({ maxDtMs: 100, onError: (error, task) => log(task.path, error) });
 */
export function createScheduler(options: SchedulerOptions = {}): Scheduler {
  return new SchedulerState(options);
}

// How #drive steps a generator.
const START_STEP = 0;
const RESUME_STEP = 1;
const THROW_STEP = 2;
const SUSPENDED = 3;
// The fast path already stepped the generator: `payload` is its result, or the error it threw.
const STEPPED = 4;
const STEP_THREW = 5;

// How a #drive ended.
const STILL_WAITING = 0;
const RETURNED = 1;
const THREW = 2;
const CANCEL_NOW = 3;
const WAS_STARTED = 4;

/** The scheduler. Exported for tickflow's own adapters (ecs, debug); users get {@link Scheduler}. */
export class SchedulerState implements Scheduler, TaskOwner {
  readonly #maxDtMs: number;
  readonly #onError: (error: unknown, task: Task<unknown>) => void;
  readonly #cpuClockMs: (() => number) | undefined;
  readonly #onResumeMeasured: ((task: Task<unknown>, elapsedMs: number) => void) | undefined;
  readonly #onTrace: ((event: TraceEvent, task: Task<unknown>, frame: number) => void) | undefined;
  // No trace hook and no CPU clock: steps may take the fast path (#stepFast).
  readonly #plain: boolean;
  // Clocks in creation order, so parents come before children: [real, game, ...created].
  readonly #clocks: ClockState[] = [];
  readonly #realClock: ClockState;
  readonly #gameClock: ClockState;
  #frame = 0;
  #firstRoot: TaskState | null = null;
  #lastRoot: TaskState | null = null;
  #current: TaskState | null = null;
  #ticking = false;
  #nextId = 1;
  // Scheduling sequence: ties between equal deadlines resolve in the order waits were scheduled.
  #sequence = 0;
  #live = 0;
  // Result of a wait that completes without suspending (see #suspend).
  #immediate: unknown = undefined;
  // Logical time: while a timer's resume runs (and everything it causes synchronously: spawns, joins,
  // signal wakes), "now" on that clock is the timer's deadline, so the next waitMs counts from it and
  // chains of waits never drift. Outside a timer resume it is null and waits count from clock.nowMs.
  #logicalClock: ClockState | null = null;
  #logicalMs = 0;
  #clocksDisposed = false;

  constructor(options: SchedulerOptions) {
    const maxDtMs = options.maxDtMs ?? 100;
    if (!(typeof maxDtMs === 'number' && maxDtMs > 0 && maxDtMs < Infinity)) {
      throw new TickflowError(`createScheduler: maxDtMs must be a finite number of milliseconds > 0, got ${describeValue(maxDtMs)}. The default is 100.`);
    }
    this.#maxDtMs = maxDtMs;
    this.#onError = options.onError ?? reportToConsole;
    this.#cpuClockMs = options.cpuClockMs;
    this.#onResumeMeasured = options.onResumeMeasured;
    this.#onTrace = options.onTrace;
    this.#plain = this.#onTrace === undefined && this.#cpuClockMs === undefined;
    const onDispose = (clock: ClockState): void => this.#disposeClock(clock);
    this.#realClock = new ClockState('real', null, false, onDispose);
    this.#gameClock = new ClockState('game', null, true, onDispose);
    this.#clocks.push(this.#realClock, this.#gameClock);
  }

  get frame(): number {
    return this.#frame;
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
    return this.#live;
  }
  get current(): Task<unknown> | null {
    return this.#current;
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
    const clock = new ClockState(name, parent, true, (disposed) => this.#disposeClock(disposed));
    if (options.timeScale !== undefined) clock.timeScale = options.timeScale;
    this.#clocks.push(clock);
    return clock;
  }

  roots(): Task<unknown>[] {
    const list: Task<unknown>[] = [];
    for (let task = this.#firstRoot; task !== null; task = task.nextSibling) list.push(task);
    return list;
  }

  cancelAll(): void {
    let task = this.#lastRoot;
    while (task !== null) {
      if (task.status === 'running') {
        this.cancelTask(task);
        task = this.#lastRoot;
      } else {
        task = task.previousSibling;
      }
    }
  }

  spawn<T>(behaviour: Behaviour<T>, options?: SpawnOptions): Task<T> {
    if (!isGenerator(behaviour)) throw notAGenerator(behaviour, this.#current);
    for (let running = this.#current; running !== null; running = running.parent) {
      if (running.generator === behaviour) {
        throw new TickflowError(
          `spawn() got the generator of behaviour "${running.path}", which is running now. Each spawn needs a fresh generator: call the function again, spawn(patrol(eid, route)).`,
        );
      }
    }
    const task = this.#create(behaviour, options?.name, options?.detached === true, options?.clock, options?.entity);
    if (this.#plain) this.#stepFast(task, START);
    else this.#drive(task, START_STEP, undefined);
    return task;
  }

  tick(dtMs: number): void {
    if (this.#current !== null) {
      throw new TickflowError(
        `tick() was called from inside behaviour "${this.#current.path}". The game loop ticks the scheduler; ` +
          'inside a behaviour, wait for the next frame with yield* waitFrames(1).',
      );
    }
    if (this.#ticking) throw new TickflowError('tick() was called while a tick was running (from onError or a signal handler?). Call it once per frame from the game loop.');
    if (!(typeof dtMs === 'number' && dtMs >= 0 && dtMs < Infinity)) {
      throw new TickflowError(
        `tick expects the frame's elapsed time as a finite number of milliseconds >= 0, got ${describeValue(dtMs)}. ` +
          `Large values are fine: they are clamped to maxDtMs (${this.#maxDtMs}).`,
      );
    }
    const clampedMs = dtMs > this.#maxDtMs ? this.#maxDtMs : dtMs;
    this.#ticking = true;
    try {
      this.#frame++;
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

  // ---- TaskOwner: called by tasks and signals ----

  cancelTask(task: TaskState): void {
    if (task.status !== 'running') return;
    task.status = 'cancelled';
    task.result = undefined;
    this.#leaveWait(task);
    // A task whose body is on the stack cannot be returned now: it stops at its next yield*.
    if (task.executing) {
      task.cancelRequested = true;
      this.#cancelChildren(task);
      return;
    }
    this.#finishCancel(task);
  }

  wakeFromSignal(task: TaskState, value: unknown): void {
    task.waiting = Waiting.none;
    task.waitTarget = null;
    this.#drive(task, RESUME_STEP, value);
  }

  // ---- creating and stepping tasks ----

  #create<T>(behaviour: Behaviour<T>, name: string | undefined, detached: boolean, clockOption: Clock | undefined, entity: number | undefined): TaskState<T> {
    if (name !== undefined && typeof name !== 'string') throw new TickflowError(`spawn: name must be a string, got ${describeValue(name)}`);
    let parent = detached ? null : this.#current;
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
      this.#frame,
      this.#realClock.nowMs,
      this,
    );
    if (parent === null) {
      task.previousSibling = this.#lastRoot;
      if (this.#lastRoot === null) this.#firstRoot = task;
      else this.#lastRoot.nextSibling = task;
      this.#lastRoot = task;
    } else {
      task.previousSibling = parent.lastChild;
      if (parent.lastChild === null) parent.firstChild = task;
      else parent.lastChild.nextSibling = task;
      parent.lastChild = task;
    }
    clock.liveTasks++;
    this.#live++;
    return task as TaskState<T>;
  }

  /**
   * Steps a task's generator until it suspends, ends or fails. Waits that complete at once
   * (waitUntil already true, a joined task already done) are answered in the same loop.
   */
  #drive(task: TaskState, step: number, payload: unknown): void {
    if (this.#onTrace !== undefined) this.#onTrace(step === START_STEP ? 'spawn' : 'resume', task, this.#frame);
    const generator = task.generator;
    const previous = this.#current;
    this.#current = task;
    context.task = task;
    task.executing = true;
    const cpuClockMs = this.#cpuClockMs;
    const startMs = cpuClockMs === undefined ? 0 : cpuClockMs();
    // The fast path counted the resume already.
    const countResume = step !== STEPPED && step !== STEP_THREW;
    let outcome = STILL_WAITING;
    let value: unknown;
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
        const wait = result.value;
        if (!(wait instanceof Wait) || result !== wait.yielded) {
          step = THROW_STEP;
          payload = badYield(task, wait);
          continue;
        }
        if (wait === ALREADY_STARTED) {
          outcome = WAS_STARTED;
          break;
        }
        step = this.#suspend(task, wait);
        // Running a group's members or a predicate may have cancelled this task.
        if (task.cancelRequested) {
          this.#leaveWait(task);
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
    this.#current = previous;
    context.task = previous;
    if (countResume) task.resumes++;
    if (cpuClockMs !== undefined) this.#recordCpu(task, cpuClockMs() - startMs);
    if (outcome === STILL_WAITING) {
      task.waitBeganFrame = this.#frame;
      if (this.#onTrace !== undefined && task.waiting !== Waiting.none) this.#onTrace('suspend', task, this.#frame);
      return;
    }
    if (task.cancelRequested) {
      // cancel() was called while the body ran; finish that now.
      if (outcome === THREW) this.#report(annotate(value, task), task);
      if (outcome !== CANCEL_NOW) task.bodyDone = true;
      this.#finishCancel(task);
    } else if (outcome === RETURNED) {
      this.#bodyReturned(task, value);
    } else if (outcome === WAS_STARTED) {
      this.#fail(task, new TickflowError(
        `spawn() got a generator that was already started (spawned before, or next() was called on it) for behaviour "${task.path}". ` +
          'Each spawn needs a fresh generator: call the function again, spawn(patrol(eid, route)).',
      ));
    } else {
      this.#fail(task, value);
    }
  }

  #recordCpu(task: TaskState, elapsedMs: number): void {
    task.recordCpu(elapsedMs);
    this.#onResumeMeasured?.(task, elapsedMs);
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
          if (Boolean((wait.target as () => boolean)()) === (wait.kind === WaitKind.until)) return this.#answer(undefined);
        } catch (error) {
          return this.#answerWithError(error);
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
        return this.#join(task, wait.target as TaskState);
      case WaitKind.all:
      case WaitKind.race:
        return this.#startGroup(task, wait.kind, wait.target as readonly unknown[]);
      case WaitKind.currentTask:
        return this.#answer(task);
      case WaitKind.lateness:
        return this.#answer(task.lateMs);
      default:
        return this.#answerWithError(new TickflowError(`behaviour "${task.path}" yielded an unknown wait kind ${wait.kind}`));
    }
  }

  #answer(value: unknown): number {
    this.#immediate = value;
    return RESUME_STEP;
  }

  #answerWithError(error: unknown): number {
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

  #isSelfOrAncestor(member: TaskState, task: TaskState): boolean {
    for (let ancestor: TaskState | null = task; ancestor !== null; ancestor = ancestor.parent) if (ancestor === member) return true;
    return false;
  }

  #join(task: TaskState, member: TaskState): number {
    if (this.#isSelfOrAncestor(member, task)) {
      const whom = member === task ? 'itself' : `its ancestor "${member.path}"`;
      return this.#answerWithError(new TickflowError(
        `behaviour "${task.path}" joins ${whom} (yield* task), which can only end after it: this would wait forever. ` +
          'Join a child or a detached task instead.',
      ));
    }
    if (member.status === 'running') {
      task.waiting = Waiting.join;
      task.waitTarget = member;
      (member.joiners ??= []).push(task);
      return SUSPENDED;
    }
    return member.status === 'done' ? this.#answer(member.result) : this.#answerWithError(endError(member));
  }

  #startGroup(task: TaskState, kind: number, items: readonly unknown[]): number {
    if (items.length === 0) return this.#answer([]);
    const group = new Group(kind, task);
    const label = kind === WaitKind.all ? 'all' : 'race';
    try {
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        if (item instanceof TaskState) {
          if (this.#isSelfOrAncestor(item, task)) {
            throw new TickflowError(
              `behaviour "${task.path}" passes ${item === task ? 'itself' : `its ancestor "${item.path}"`} to ${label}() as item ${i}, ` +
                'which can only end after it: this would wait forever. Pass a child or a detached task instead.',
            );
          }
          group.members.push(item);
          group.owned.push(false);
          if (item.status === 'running') (item.joiners ??= []).push(new GroupSlot(group, i));
          continue;
        }
        const behaviour = isGenerator(item) ? (item as Behaviour<unknown>) : awaitableBehaviour(item as Awaitable<unknown>);
        // A wait raced or joined as it is gets its kind in the name: "race[0] waitMs".
        const kind = item instanceof Wait ? ` ${WAIT_NAMES[item.kind] ?? 'wait'}` : '';
        const member = this.#create(behaviour, `${label}[${i}]${kind}`, false, undefined, undefined);
        // Join before the first step, so a member that fails at once is handled by the group.
        member.joiners = [new GroupSlot(group, i)];
        group.members.push(member);
        group.owned.push(true);
        this.#drive(member, START_STEP, undefined);
      }
    } catch (error) {
      this.#settleGroup(group);
      return this.#answerWithError(error);
    }
    group.building = false;
    if (kind === WaitKind.all) {
      let pending = 0;
      for (let i = 0; i < group.members.length; i++) {
        const member = group.members[i];
        if (member.status === 'running') pending++;
        else if (member.status === 'done') group.results[i] = member.result;
        else return this.#settleAndAnswer(group, THROW_STEP, endError(member));
      }
      if (pending === 0) return this.#settleAndAnswer(group, RESUME_STEP, group.results);
      group.remaining = pending;
    } else {
      for (let i = 0; i < group.members.length; i++) {
        const member = group.members[i];
        if (member.status === 'done') return this.#settleAndAnswer(group, RESUME_STEP, { index: i, value: member.result });
        if (member.status !== 'running') return this.#settleAndAnswer(group, THROW_STEP, endError(member));
      }
    }
    task.waiting = Waiting.group;
    task.waitTarget = group;
    return SUSPENDED;
  }

  #settleAndAnswer(group: Group, step: number, value: unknown): number {
    this.#settleGroup(group);
    this.#immediate = value;
    return step;
  }

  /** Marks the group decided: it leaves its members' joiner lists and cancels the members it spawned. */
  #settleGroup(group: Group): void {
    group.settled = true;
    group.building = false;
    for (let i = 0; i < group.members.length; i++) {
      const member = group.members[i];
      if (member.status !== 'running') continue;
      removeJoiner(member, (joiner) => joiner instanceof GroupSlot && joiner.group === group);
      if (group.owned[i]) this.cancelTask(member);
    }
  }

  /** A member of a group ended. Returns true when the group takes care of its error. */
  #memberEnded(slot: GroupSlot, member: TaskState): boolean {
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
    this.#settleGroup(group);
    // A loser's finally may have cancelled the waiter: then nobody takes the result, and a failure is
    // reported under the member that failed.
    if (waiter.waiting !== Waiting.group || waiter.waitTarget !== group) return false;
    waiter.waiting = Waiting.none;
    waiter.waitTarget = null;
    this.#drive(waiter, step, value);
    return true;
  }

  /** A task ends (its status is already set): unlink it, wake its joiners, report an unhandled failure. */
  #end(task: TaskState): void {
    // A task can be reached twice (a joiner woken by its child's end cancels itself and ends there): once only.
    if (task.ended) return;
    task.ended = true;
    if (this.#onTrace !== undefined) this.#onTrace(task.status === 'running' ? 'done' : (task.status as TraceEvent), task, this.#frame);
    task.waiting = Waiting.none;
    task.waitTarget = null;
    const parent = task.parent;
    if (task.previousSibling === null) {
      if (parent === null) this.#firstRoot = task.nextSibling;
      else parent.firstChild = task.nextSibling;
    } else {
      task.previousSibling.nextSibling = task.nextSibling;
    }
    if (task.nextSibling === null) {
      if (parent === null) this.#lastRoot = task.previousSibling;
      else parent.lastChild = task.previousSibling;
    } else {
      task.nextSibling.previousSibling = task.previousSibling;
    }
    task.previousSibling = null;
    task.nextSibling = null;
    (task.clock as ClockState).liveTasks--;
    this.#live--;

    let handled = false;
    const joiners = task.joiners;
    if (joiners !== null) {
      task.joiners = null;
      for (let i = 0; i < joiners.length; i++) {
        const joiner = joiners[i];
        if (joiner instanceof GroupSlot) {
          if (this.#memberEnded(joiner, task)) handled = true;
        } else if (joiner.waiting === Waiting.join && joiner.waitTarget === task) {
          joiner.waiting = Waiting.none;
          joiner.waitTarget = null;
          handled = true;
          if (task.status === 'done') this.#drive(joiner, RESUME_STEP, task.result);
          else this.#drive(joiner, THROW_STEP, endError(task));
        }
      }
    }
    if (task.status === 'failed' && !handled) this.#report(task.error, task);
    if (parent !== null && !parent.ended && parent.cancelRequested && !parent.executing && parent.status === 'cancelled' && parent.firstChild === null) {
      this.#finishCancel(parent);
      return;
    }
    // Structured concurrency: a parent whose body returned completes with its last child.
    if (parent !== null && !parent.ended && parent.bodyDone && parent.firstChild === null && parent.status === 'running') {
      parent.status = 'done';
      this.#end(parent);
    }
  }

  #bodyReturned(task: TaskState, value: unknown): void {
    task.result = value;
    if (task.firstChild !== null) {
      task.bodyDone = true;
      task.waiting = Waiting.children;
      return;
    }
    task.status = 'done';
    this.#end(task);
  }

  #fail(task: TaskState, error: unknown): void {
    task.status = 'failed';
    task.error = annotate(error, task);
    this.#cancelChildren(task);
    this.#end(task);
  }

  /**
   * Completes a cancel (status is already 'cancelled', the body is not on the stack): children first,
   * then the task's own finally blocks. A child whose body is on the stack (it cancelled this ancestor)
   * stops at its next yield*; this task's finally then runs when that child ends, so the innermost-first
   * order holds.
   */
  #finishCancel(task: TaskState): void {
    if (task.ended) return;
    this.#cancelChildren(task);
    if (task.firstChild !== null) {
      task.cancelRequested = true;
      return;
    }
    if (!task.bodyDone) this.#closeGenerator(task);
    this.#end(task);
  }

  /** Cancels live children, newest first; each cancels its own children before its finally runs. */
  #cancelChildren(task: TaskState): void {
    let child = task.lastChild;
    while (child !== null) {
      if (child.status === 'running') {
        this.cancelTask(child);
        // Cancelling may change the list (finally blocks run): start again from the end.
        child = task.lastChild;
      } else {
        child = child.previousSibling;
      }
    }
  }

  /** Runs the generator's finally blocks (generator.return()). Waits there cannot happen: they are skipped. */
  #closeGenerator(task: TaskState): void {
    const previous = this.#current;
    this.#current = task;
    context.task = task;
    task.executing = true;
    try {
      let result = task.generator.return(undefined);
      for (let attempt = 0; result.done !== true && attempt < 100; attempt++) {
        if (attempt === 0) {
          this.#report(new TickflowError(
            `behaviour "${task.path}" waited (yield*) inside a finally block while being cancelled. Cleanup on cancel is synchronous: ` +
              'that wait and the rest of its finally block were skipped. Move the wait out of finally, or spawn a detached behaviour for it.',
          ), task);
        }
        result = task.generator.return(undefined);
      }
    } catch (error) {
      // An error thrown by a finally block during cancel: the task stays cancelled, the error is reported.
      this.#report(annotate(error, task), task);
    } finally {
      task.executing = false;
      this.#current = previous;
      context.task = previous;
    }
  }

  /** Takes the task out of whatever it waits for. */
  #leaveWait(task: TaskState): void {
    const target = task.waitTarget;
    const waiting = task.waiting;
    task.waiting = Waiting.none;
    task.waitTarget = null;
    switch (waiting) {
      case Waiting.timer:
        (target as ClockState).timers.remove(task);
        break;
      case Waiting.frameHeap:
        (target as ClockState).frameHeap.remove(task);
        break;
      case Waiting.frameBucket: {
        const clock = task.clock as ClockState;
        if (++clock.stalePending > 64 && clock.stalePending * 2 > clock.pendingCount) {
          const live = clock.pendingFrames.slice(0, clock.pendingCount).filter(isWaitingFrames);
          clock.pendingFrames = live;
          clock.pendingCount = live.length;
          clock.stalePending = 0;
        }
        break;
      }
      case Waiting.predicate: {
        const clock = task.clock as ClockState;
        // #runPredicates compacts the list itself; never swap it out from under that loop.
        if (++clock.stalePredicates > 64 && !clock.checkingPredicates && clock.stalePredicates * 2 > clock.predicates.length) {
          clock.predicates = clock.predicates.filter(isWaitingPredicate);
          clock.stalePredicates = 0;
        }
        break;
      }
      case Waiting.signal:
        (target as SignalState<unknown>).forget();
        break;
      case Waiting.join:
        removeJoiner(target as TaskState, (joiner) => joiner === task);
        break;
      case Waiting.group:
        this.#settleGroup(target as Group);
        break;
    }
  }

  // ---- the phases of a tick ----

  #runTimers(clock: ClockState): void {
    const timers = clock.timers;
    // Most clocks have no timers (the real clock, usually): skip them without a call that would box nowMs.
    if (timers.size === 0) return;
    const nowMs = clock.nowMs;
    const plain = this.#plain;
    // Catch-up: a behaviour that waits again with a deadline already passed runs again in this loop,
    // in deadline order, so a long tick never loses time.
    for (let task = timers.popDue(nowMs); task !== undefined; task = timers.popDue(nowMs)) {
      task.waiting = Waiting.none;
      task.waitTarget = null;
      this.#logicalClock = clock;
      this.#logicalMs = task.heapKey;
      task.timerResumed(nowMs);
      if (plain) this.#stepFast(task, RESUME);
      else this.#drive(task, RESUME_STEP, undefined);
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
      this.#drive(task, RESUME_STEP, undefined);
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
      else this.#drive(task, RESUME_STEP, undefined);
    }
    clock.dueCount = 0;
  }

  /**
   * The hot path of a frame or timer loop (`for (;;) { work; yield* waitFrames(1); }`, or `waitMs`), and
   * of short-lived behaviours: start or resume the task (`sent` is START or RESUME, with no value) and, if
   * it simply waits for the next frame or a timer, queue it, or if its body returned, end it, without the
   * general machinery of #drive. Anything else (another wait, an error, a cancel) continues in #drive
   * from the result.
   */
  #stepFast(task: TaskState, sent: object): void {
    const previous = this.#current;
    this.#current = task;
    context.task = task;
    context.value = undefined;
    task.executing = true;
    let result: IteratorResult<unknown, unknown>;
    try {
      result = task.generator.next(sent);
    } catch (error) {
      // Leave the task's context before ending it, so onError and joiners see the right behaviour.
      this.#current = previous;
      context.task = previous;
      task.executing = false;
      task.resumes++;
      this.#drive(task, STEP_THREW, error);
      return;
    }
    this.#current = previous;
    context.task = previous;
    task.executing = false;
    task.resumes++;
    if (!task.cancelRequested) {
      if (result.done === true) {
        this.#bodyReturned(task, result.value);
        return;
      }
      const wait = result.value as Wait | undefined;
      if (wait === FRAME && result === FRAME.yielded) {
        const clock = task.clock as ClockState;
        task.waiting = Waiting.frameBucket;
        task.waitBeganFrame = this.#frame;
        clock.pendingFrames[clock.pendingCount++] = task;
        return;
      }
      if (wait instanceof Wait && result === wait.yielded && wait.kind === WaitKind.ms) {
        this.#sleep(task, task.clock as ClockState, wait.amount);
        task.waitBeganFrame = this.#frame;
        return;
      }
    }
    this.#drive(task, STEPPED, result);
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
        task.waiting = Waiting.none;
        task.waitTarget = null;
        this.#drive(task, THROW_STEP, error);
        continue;
      }
      if (!satisfied) {
        list[kept++] = task;
        continue;
      }
      task.waiting = Waiting.none;
      task.waitTarget = null;
      this.#drive(task, RESUME_STEP, undefined);
    }
    // Waits that began during this phase were appended past `count`: keep them, in order.
    for (let i = count; i < list.length; i++) list[kept++] = list[i];
    list.length = kept;
    clock.stalePredicates = 0;
    clock.checkingPredicates = false;
  }

  // ---- helpers ----

  #ownClock(clock: Clock, where: string): ClockState {
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

  #report(error: unknown, task: TaskState): void {
    try {
      this.#onError(error, task);
    } catch (secondary) {
      logError('tickflow: onError threw while reporting a failed behaviour', secondary);
    }
  }
}

const WAIT_NAMES: Record<number, string> = {
  [WaitKind.frames]: 'waitFrames',
  [WaitKind.ms]: 'waitMs',
  [WaitKind.realMs]: 'waitRealMs',
  [WaitKind.until]: 'waitUntil',
  [WaitKind.while]: 'waitWhile',
  [WaitKind.signal]: 'waitSignal',
  [WaitKind.join]: 'join',
  [WaitKind.all]: 'all',
  [WaitKind.race]: 'race',
};

function* awaitableBehaviour<T>(awaitable: Awaitable<T>): Behaviour<T> {
  return yield* awaitable;
}

function isGenerator(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Generator).next === 'function' &&
    typeof (value as Generator).throw === 'function' &&
    typeof (value as Generator).return === 'function'
  );
}

function isWaitingFrames(task: TaskState | undefined): task is TaskState {
  return task !== undefined && task.waiting === Waiting.frameBucket;
}

function isWaitingPredicate(task: TaskState): boolean {
  return task.waiting === Waiting.predicate;
}

function removeJoiner(member: TaskState, matches: (joiner: TaskState | GroupSlot) => boolean): void {
  const joiners = member.joiners;
  if (joiners === null) return;
  const index = joiners.findIndex(matches);
  if (index >= 0) joiners.splice(index, 1);
}

/** What joining an ended task throws. */
function endError(task: TaskState): unknown {
  return task.status === 'failed' ? task.error : new CancelledError(`behaviour "${task.path}" was cancelled before it finished`);
}

function describeTask(task: TaskState): string {
  return task.entity === undefined ? `behaviour "${task.path}"` : `behaviour "${task.path}" (entity ${task.entity})`;
}

/** Names the behaviour in tickflow's own errors, once. */
function annotate(error: unknown, task: TaskState): unknown {
  if (error instanceof TickflowError && error.behaviour === undefined) {
    error.behaviour = task.path;
    if (!error.message.includes('behaviour "')) error.message += inBehaviour(task);
  }
  return error;
}

function badYield(task: TaskState, value: unknown): TickflowError {
  if (value instanceof Wait) {
    return new TickflowError(
      `${describeTask(task)} used yield instead of yield* on an awaitable. Write yield* (with the star): yield* waitMs(500).`,
    );
  }
  return new TickflowError(
    `${describeTask(task)} yielded ${value === undefined ? 'nothing (a bare yield)' : describeValue(value)}. tickflow behaviours wait with yield*: ` +
      'write yield* waitFrames(1) for "next frame" and yield* waitMs(500) for "500 ms", not yield or yield 500.',
  );
}

function notAGenerator(value: unknown, current: TaskState | null): TickflowError {
  const where = current === null ? '' : inBehaviour(current);
  if (typeof value === 'function') {
    const name = value.name || 'behaviour';
    return new TickflowError(
      `spawn expects a generator object, got ${describeValue(value)}${where}. Call the function* first: spawn(${name}(...)), not spawn(${name}).`,
    );
  }
  return new TickflowError(
    `spawn expects a generator object (the result of calling a function*), got ${describeValue(value)}${where}. ` +
      'Write function* patrol(...) { ... } and spawn(patrol(...)).',
  );
}

function reportToConsole(error: unknown, task: Task<unknown>): void {
  const entity = task.entity === undefined ? '' : ` (entity ${task.entity})`;
  logError(`tickflow: behaviour "${task.path}"${entity} failed:`, error);
}

// Core is compiled against ES2022 alone, which declares no console; every host tickflow runs on has one.
function logError(...parts: unknown[]): void {
  (globalThis as unknown as { console: { error(...parts: unknown[]): void } }).console.error(...parts);
}
