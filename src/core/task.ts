import type { WheelNode } from '../timers/timer-wheel.js';
import type { GroupSlot } from './joins.js';
import type { Clock } from './clock.js';
import { DoneHandle, settledPromise } from './task-done.js';
import { NOT_A_COLLECTION, Wait, WaitKind, type Awaitable, type Behaviour, type Instruction } from './wait.js';

/** A task's life: running (its body or its children still run), then exactly one of the others. */
export type TaskStatus = 'running' | 'done' | 'cancelled' | 'failed';

/**
 * A spawned behaviour. `yield* task` inside another behaviour waits for it and returns its result
 * (rethrowing its error, or a CancelledError if it was cancelled).
 *
 * @example
 * const walk = scheduler.spawn(walkTo(eid, door), { name: 'walk' });
 * walk.status;   // 'running'
 * walk.cancel(); // its finally blocks run now; status 'cancelled'
 */
export interface Task<T = unknown> extends Awaitable<T> {
  /** Unique per scheduler, in spawn order. */
  readonly id: number;
  /** The name given at spawn (default "behaviour"). */
  readonly name: string;
  /** Name path from the root: `"level > patrol#12"`. */
  readonly path: string;
  /** `'running'` until it ends, then `'done'`, `'cancelled'` or `'failed'` for good. */
  readonly status: TaskStatus;
  /** The body's return value, once status is 'done'. */
  readonly result: T | undefined;
  /** What it failed with, once status is 'failed'. */
  readonly error: unknown;
  /** The task it was spawned inside (null for top-level and detached tasks). */
  readonly parent: Task<unknown> | null;
  /** The owning entity, when spawned on one. */
  readonly entity: number | undefined;
  /** The clock its waits are measured on. */
  readonly clock: Clock;
  /** Stops the task and its children (children first); finally blocks run at once. No-op once ended. */
  cancel(): void;
  /** The live child tasks, oldest first. */
  children(): Task<unknown>[];
  /** Spawned with `{ background: true }`: cancelled when its parent's body ends instead of being waited for. */
  readonly background: boolean;
  /**
   * A promise for code outside behaviours (UI handlers, tests, a loading screen): resolves with the result
   * once the task is done, rejects with its error or a `CancelledError`. Made on the first call (the same
   * promise on every call); a task nobody asks costs nothing. Awaiting it counts as handling a failure: it
   * is not also reported to `onError`. Inside a behaviour, write `yield* task` instead.
   *
   * @example
   * const loading = scheduler.spawn(loadLevel('level-2.json'));
   * const level = await loading.done(); // after the tick in which loadLevel returned
   */
  done(): Promise<T>;
}

/** Options for `scheduler.spawn`. */
export interface SpawnOptions {
  /** Shown in error messages, name paths and the inspector. Default "behaviour". */
  name?: string | undefined;
  /** Not a child of the running behaviour: outlives it and is not cancelled with it. */
  detached?: boolean | undefined;
  /** The clock its waits use. Default: the parent's clock, else the scheduler's game clock. */
  clock?: Clock | undefined;
  /** The entity that owns it (set by tickflow/ecs). */
  entity?: number | undefined;
  /**
   * A child that lives as long as its parent's body: cancelled (finally included) when the parent's body
   * returns or throws, instead of being waited for. For fire-and-forget loops (a blink, a trail, footsteps).
   * Needs a running parent: not with `detached`, and not outside a behaviour.
   */
  background?: boolean | undefined;
}

/** The scheduler as its tasks see it. */
export interface TaskOwner {
  cancelTask(task: TaskState): void;
  /** Resumes a task that waited on a signal, with the emitted value. */
  wakeFromSignal(task: TaskState, value: unknown): void;
}

/** What a task is suspended on. */
export const Waiting = {
  none: 0,
  timer: 1,
  frameBucket: 2,
  frameHeap: 3,
  predicate: 4,
  signal: 5,
  join: 6,
  group: 7,
  children: 8,
} as const;


// Bits of TaskState#flags; the status takes two bits above them:
//   executing = 1, cancelRequested = 2, ended = 4, bodyDone = 8, LATE_IN_KEY = 16, background = 32
// The five flag accessors spell their bit as a literal, `(flags & ~bit) | (+on << n)`, on a public field: each
// stays under the 27 bytes of bytecode that V8 always inlines, so the per-resume path (#stepFast in engine.ts)
// never pays a call for them, whatever else V8 chose to inline there. With named constants and a private
// field they were 41-46 bytes and sometimes left as calls: about 8 % of the churn bench's instructions.
// Change a bit here and in its accessor together.
// heapKey holds how late the last timer resumed the task (see TaskState#lateMs).
const LATE_IN_KEY = 16;
const STATUS_SHIFT = 6;
const STATUSES: readonly TaskStatus[] = ['running', 'done', 'cancelled', 'failed'];

/**
 * The parts of a task most behaviours never use (children, joiners, its result, CPU statistics, the cached name
 * path and join awaitable), made on first use, so most spawns allocate the TaskState alone.
 */
class TaskExtras {
  // The body's return value, or what it failed with: `result` and `error` read it by status.
  outcome: unknown = undefined;
  firstChild: TaskState | null = null;
  lastChild: TaskState | null = null;
  // Tasks and groups waiting for this one to end.
  joiners: Array<TaskState | GroupSlot> | null = null;
  cpuMs = 0;
  worstResumeMs = 0;
  // Lateness of the last timer, once a waitFrames(n > 1) needed heapKey for its frame.
  lateMs = 0;
  path: string | undefined = undefined;
  joinWait: Wait | undefined = undefined;
  // The promise of task.done(), once asked for.
  done: DoneHandle | undefined = undefined;
}

/**
 * The scheduler's record of one behaviour. Fields are public for the scheduler and adapters inside
 * tickflow; users see the {@link Task} interface only.
 */
export class TaskState<T = unknown> implements Task<T>, WheelNode {
  // Field order is memory layout: the fields every resume touches come first, so a resume reads one or
  // two cache lines of the task instead of four (100,000 tasks do not fit in cache). The record is kept
  // small, because every spawn allocates one and a frame of 100,000 behaviours streams them all through the
  // cache (the bench's "200-byte record" floor measures that cost): flags and status are bits of one number,
  // and what few behaviours use lives in a TaskExtras made on demand.
  // Private so deep-equality checks and loggers that walk a task's own properties never step the user's generator.
  readonly #generator: Behaviour<T>;
  /** What it waits for (one thing at a time) and on what. */
  waiting: number = Waiting.none;
  /** Bits: see "Bits of TaskState#flags" above. Public only so its accessors stay small; read them instead. */
  flags = 0;
  resumes = 0;
  /** The tick in which it began its current wait. */
  waitBeganFrame = 0;
  readonly clock: Clock;
  waitTarget: unknown = null;
  /**
   * Its place in a timer structure's order: a timer's deadline (ms of its clock), or the frame a waitFrames(n > 1)
   * resumes on. Set through beginTimerWait / beginFrameHeapWait. Once a timer has resumed the task, the same number
   * holds how late it came (see lateMs), so lateness costs the task no field of its own and no second heap number.
   */
  heapKey = 0;
  heapSeq = 0;
  heapIndex = -1;
  wheelSlot = -1;

  readonly id: number;
  readonly name: string;
  readonly entity: number | undefined;
  readonly owner: TaskOwner;
  parent: TaskState | null;

  // Structure: intrusive lists of live children (first and last child live in TaskExtras), so linking and
  // unlinking allocate nothing after a parent's first child.
  previousSibling: TaskState | null = null;
  nextSibling: TaskState | null = null;

  // Statistics for the inspector.
  readonly bornFrame: number;
  /** The real clock at spawn, in whole ms (a whole number is stored in place; a fraction would be a separate heap object). */
  readonly bornMs: number;

  #extras: TaskExtras | null = null;

  constructor(
    id: number,
    name: string,
    generator: Behaviour<T>,
    parent: TaskState | null,
    clock: Clock,
    entity: number | undefined,
    bornFrame: number,
    bornMs: number,
    owner: TaskOwner,
  ) {
    this.id = id;
    this.name = name;
    this.#generator = generator;
    this.parent = parent;
    this.clock = clock;
    this.entity = entity;
    this.bornFrame = bornFrame;
    this.bornMs = Math.floor(bornMs);
    this.owner = owner;
  }

  get generator(): Behaviour<T> {
    return this.#generator;
  }

  /** Its body is on the stack now (it, or a behaviour it resumed synchronously, is running). */
  get executing(): boolean {
    return (this.flags & 1) !== 0;
  }
  set executing(on: boolean) {
    this.flags = (this.flags & ~1) | +on;
  }

  /** cancel() reached it while its body was on the stack: it stops at its next yield*. */
  get cancelRequested(): boolean {
    return (this.flags & 2) !== 0;
  }
  set cancelRequested(on: boolean) {
    this.flags = (this.flags & ~2) | (+on << 1);
  }

  /** Set once the scheduler's #end has run: a task ends exactly once. */
  get ended(): boolean {
    return (this.flags & 4) !== 0;
  }
  set ended(on: boolean) {
    this.flags = (this.flags & ~4) | (+on << 2);
  }

  /** Its body returned (or was closed); it may still wait for its children. */
  get bodyDone(): boolean {
    return (this.flags & 8) !== 0;
  }
  set bodyDone(on: boolean) {
    this.flags = (this.flags & ~8) | (+on << 3);
  }

  get background(): boolean {
    return (this.flags & 32) !== 0;
  }
  set background(on: boolean) {
    this.flags = (this.flags & ~32) | (+on << 5);
  }

  /** It never needed a TaskExtras: no children, joiners, result, error or done() promise (most short-lived tasks). */
  get bare(): boolean {
    return this.#extras === null;
  }

  /** Whole real-clock ms since it was spawned, given the real clock's time now (scheduler.realNowMs). */
  ageMs(realNowMs: number): number {
    return Math.floor(realNowMs) - this.bornMs;
  }

  /** How late its last timer (waitMs / waitRealMs) resumed it, ms; 0 before any. For lateness(). */
  get lateMs(): number {
    if (this.#hasFlag(LATE_IN_KEY)) return this.heapKey;
    return this.#extras === null ? 0 : this.#extras.lateMs;
  }

  /** Before a timer wait: heapKey becomes the deadline (a lateness in it cannot be asked for until the timer resumes). */
  beginTimerWait(deadlineMs: number): void {
    this.heapKey = deadlineMs;
    this.#setFlag(LATE_IN_KEY, false);
  }

  /** Before a waitFrames(n > 1): heapKey becomes the frame; a lateness it held moves aside, since it can be asked for later. */
  beginFrameHeapWait(frame: number): void {
    if (this.#hasFlag(LATE_IN_KEY)) {
      this.#more().lateMs = this.heapKey;
      this.#setFlag(LATE_IN_KEY, false);
    }
    this.heapKey = frame;
  }

  /** A timer resumes it: its deadline (heapKey) becomes how late the resume is. */
  timerResumed(nowMs: number): void {
    this.heapKey = nowMs - this.heapKey;
    this.#setFlag(LATE_IN_KEY, true);
  }

  get status(): TaskStatus {
    return STATUSES[this.flags >>> STATUS_SHIFT];
  }
  set status(status: TaskStatus) {
    this.flags = (this.flags & ((1 << STATUS_SHIFT) - 1)) | (STATUSES.indexOf(status) << STATUS_SHIFT);
  }

  get result(): T | undefined {
    return this.#extras === null || this.status === 'failed' ? undefined : (this.#extras.outcome as T | undefined);
  }
  set result(value: T | undefined) {
    if (value !== undefined || this.#extras !== null) this.#more().outcome = value;
  }

  get error(): unknown {
    return this.#extras === null || this.status !== 'failed' ? undefined : this.#extras.outcome;
  }
  set error(error: unknown) {
    this.#more().outcome = error;
  }

  get firstChild(): TaskState | null {
    return this.#extras === null ? null : this.#extras.firstChild;
  }
  set firstChild(child: TaskState | null) {
    if (child !== null || this.#extras !== null) this.#more().firstChild = child;
  }

  get lastChild(): TaskState | null {
    return this.#extras === null ? null : this.#extras.lastChild;
  }
  set lastChild(child: TaskState | null) {
    if (child !== null || this.#extras !== null) this.#more().lastChild = child;
  }

  /** Tasks and groups waiting for this one to end, or null. */
  get joiners(): Array<TaskState | GroupSlot> | null {
    return this.#extras === null ? null : this.#extras.joiners;
  }
  set joiners(joiners: Array<TaskState | GroupSlot> | null) {
    if (joiners !== null || this.#extras !== null) this.#more().joiners = joiners;
  }

  /** Total measured CPU time of its resumes, ms (with the scheduler's cpuClockMs). */
  get cpuMs(): number {
    return this.#extras === null ? 0 : this.#extras.cpuMs;
  }

  /** Its slowest measured resume, ms. */
  get worstResumeMs(): number {
    return this.#extras === null ? 0 : this.#extras.worstResumeMs;
  }

  /** Adds one measured resume to the CPU statistics. */
  recordCpu(elapsedMs: number): void {
    const extras = this.#more();
    extras.cpuMs += elapsedMs;
    if (elapsedMs > extras.worstResumeMs) extras.worstResumeMs = elapsedMs;
  }

  get path(): string {
    const extras = this.#more();
    if (extras.path === undefined) {
      // A loop, not `parent.path` recursion: a task 100,000 levels deep must not overflow the stack. Only this
      // task's path is cached; caching every ancestor's would cost memory quadratic in the depth.
      const names: string[] = [];
      let top: TaskState | null = this as TaskState;
      while (top !== null && top.#extras?.path === undefined) {
        names.push(`${top.name}#${top.id}`);
        top = top.parent;
      }
      if (top !== null) names.push(top.#extras?.path as string);
      extras.path = names.reverse().join(' > ');
    }
    return extras.path;
  }

  cancel(): void {
    this.owner.cancelTask(this as TaskState);
  }

  children(): Task<unknown>[] {
    const list: Task<unknown>[] = [];
    for (let child = this.firstChild; child !== null; child = child.nextSibling) list.push(child);
    return list;
  }

  done(): Promise<T> {
    const extras = this.#more();
    extras.done ??= this.ended ? settledPromise(this) : new DoneHandle();
    return extras.done.promise as Promise<T>;
  }

  /**
   * The task has ended: settles the promise of done(), if anyone asked for it. True when there was one
   * (it then handles a failure, like a joiner). Costs one field read for tasks nobody asked.
   */
  settleDone(): boolean {
    const handle = this.#extras === null ? undefined : this.#extras.done;
    if (handle === undefined) return false;
    handle.settle(this);
    return true;
  }

  [Symbol.iterator](): Iterator<Instruction, T, unknown> {
    const extras = this.#more();
    extras.joinWait ??= new Wait(WaitKind.join, 0, this);
    return new JoinIterator(extras.joinWait) as Iterator<Instruction, T, unknown>;
  }

  #hasFlag(bit: number): boolean {
    return (this.flags & bit) !== 0;
  }

  #setFlag(bit: number, on: boolean): void {
    this.flags = on ? this.flags | bit : this.flags & ~bit;
  }

  #more(): TaskExtras {
    return (this.#extras ??= new TaskExtras());
  }
}

/**
 * The iterator `yield* task` uses: one per join, so spreading or deep-comparing a task (which iterates
 * it) ends at once instead of looping forever.
 */
class JoinIterator implements Iterator<Instruction, unknown, unknown> {
  readonly #wait: Wait;
  #started = false;

  constructor(wait: Wait) {
    this.#wait = wait;
  }

  next(sent?: unknown): IteratorResult<Instruction, unknown> {
    if (sent === undefined) {
      // for...of, spread and deep-equality checks call next() with no argument: a task is no collection.
      if (arguments.length === 0 || this.#started) return NOT_A_COLLECTION;
      this.#started = true;
    }
    return this.#wait.next(sent);
  }

  throw(error: unknown): never {
    throw error;
  }
}
