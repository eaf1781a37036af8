import { TimerHeap } from '../timers/timer-heap.js';
import { TimerWheel } from '../timers/timer-wheel.js';
import { TickflowError, describeValue } from './errors.js';
import { MAX_CLOCK_RATE, MAX_CLOCK_STEP_MS, isFiniteFrom } from './numbers.js';
import type { TaskState } from './task.js';

/**
 * A clock that behaviours measure their waits on. Clocks form a tree under the scheduler's game
 * clock: a child's time runs at its parent's rate times its own `timeScale`, and pausing a clock
 * pauses everything under it. The real clock stands apart: unscaled and never paused.
 *
 * @example
 * const ui = scheduler.createClock('ui');
 * const gameplay = scheduler.createClock('gameplay');
 * gameplay.paused = true;                       // pause menu: gameplay stops
 * scheduler.spawn(menuPulse(), { clock: ui });  // ...while the menu keeps animating
 */
export interface Clock {
  /** The name given at creation: `game`, `real`, or the name passed to {@link Scheduler.createClock}. */
  readonly name: string;
  /** The clock this one follows (its time scale and pause apply here too); null for the game and real clocks. */
  readonly parent: Clock | null;
  /** Speed relative to the parent clock: 1 normal, 0.5 slow motion, 0 frozen (frames still count). */
  timeScale: number;
  /** Frozen: no time passes, frame waits and predicates wait too. Children are paused with it. */
  paused: boolean;
  /** Milliseconds of this clock's time since it was made. */
  readonly nowMs: number;
  /** Ticks this clock has run (not paused, here or above). waitFrames counts these. */
  readonly frame: number;
  /** True when neither this clock nor any ancestor is paused. */
  readonly running: boolean;
  /** Removes the clock. It must have no child clocks and no behaviours waiting on it. */
  dispose(): void;
}

/** Sleepers above which a clock's timers move from a heap to a timer wheel. */
const WHEEL_THRESHOLD = 512;

/** The scheduler's clock record: the public {@link Clock} plus the wait structures it owns. */
export class ClockState implements Clock {
  readonly name: string;
  readonly parent: ClockState | null;
  readonly pausable: boolean;
  nowMs = 0;
  /** How far nowMs moved in the latest tick (0 if the clock did not run in it): what deltaMs() answers. */
  stepMs = 0;
  frame = 0;
  /** Effective ms of this clock per ms of (clamped) real time, updated each tick. */
  rate = 1;
  running = true;
  disposed = false;
  childCount = 0;
  /** Live behaviours that run on this clock. */
  liveTasks = 0;

  // Timers: ordered by (deadline ms, scheduling sequence). A clock starts with a small heap and moves its
  // timers to a timer wheel (O(1) per wake, about 25 KB once used) when it has many sleepers: at the start of
  // a tick, so never while the timer phase drains them. Clocks with a few timers (one per entity) stay small.
  timers: TimerHeap<TaskState> | TimerWheel<TaskState> = new TimerHeap<TaskState>();
  // waitFrames(1) is the hot case: behaviours for the next frame go to `pendingFrames`; when the
  // clock's frame advances the two arrays swap, so the frame phase walks `dueFrames` while new
  // waits land in the other array. Longer frame waits use `frameHeap`, keyed by target frame.
  // The arrays keep their capacity between frames (counts instead of length = 0, which would free the
  // backing store and make every frame allocate it again).
  pendingFrames: Array<TaskState | undefined> = [];
  pendingCount = 0;
  dueFrames: Array<TaskState | undefined> = [];
  dueCount = 0;
  readonly frameHeap = new TimerHeap<TaskState>();
  // waitUntil / waitWhile, in the order they began waiting. Cancelled entries are skipped and dropped.
  predicates: TaskState[] = [];
  stalePending = 0;
  stalePredicates = 0;
  checkingPredicates = false;

  #timeScale = 1;
  #paused = false;
  // Kahan compensation for nowMs: 60 ticks of 1000 / 60 ms must reach 1000 ms, not 999.9999999999991,
  // or a waitMs(1000) at 60 Hz would resume a frame late.
  #lostMs = 0;
  readonly #onDispose: (clock: ClockState) => void;

  constructor(name: string, parent: ClockState | null, pausable: boolean, onDispose: (clock: ClockState) => void) {
    this.name = name;
    this.parent = parent;
    this.pausable = pausable;
    this.#onDispose = onDispose;
    if (parent !== null) {
      parent.childCount++;
      this.nowMs = 0;
      this.running = parent.running;
    }
  }

  get timeScale(): number {
    return this.#timeScale;
  }

  set timeScale(scale: number) {
    if (!this.pausable) throw new TickflowError(`the real clock cannot be scaled; create a clock with scheduler.createClock() and scale that`);
    if (!isFiniteFrom(scale, 0)) {
      throw new TickflowError(`timeScale expects a finite number >= 0 (clock "${this.name}"), got ${describeValue(scale)}. Use 0 to freeze time, 1 for normal speed.`);
    }
    this.#timeScale = scale;
  }

  get paused(): boolean {
    return this.#paused;
  }

  set paused(paused: boolean) {
    if (!this.pausable) throw new TickflowError(`the real clock cannot be paused; pause the game clock (scheduler.paused = true) or a clock of yours`);
    this.#paused = Boolean(paused);
  }

  /** Moves time on by `dtMs` of clamped real time. Parents advance before children. */
  advance(dtMs: number): void {
    const parent = this.parent;
    this.running = !this.#paused && (parent === null || parent.running);
    if (!this.running) {
      this.rate = 0;
      this.stepMs = 0;
      return;
    }
    const rate = (parent === null ? 1 : parent.rate) * this.#timeScale;
    // Scales multiply down the tree: 1e200 under 1e200 would be Infinity, and Infinity * 0 NaN. Capped, every
    // rate, nowMs and deadline stays finite (a tick moves a clock at most MAX_CLOCK_RATE * maxDtMs, capped too).
    this.rate = rate < MAX_CLOCK_RATE ? rate : MAX_CLOCK_RATE;
    const scaledMs = dtMs * this.rate;
    const stepMs = (scaledMs < MAX_CLOCK_STEP_MS ? scaledMs : MAX_CLOCK_STEP_MS) - this.#lostMs;
    const beforeMs = this.nowMs;
    const nowMs = beforeMs + stepMs;
    this.#lostMs = nowMs - beforeMs - stepMs;
    // The step as nowMs saw it, so a behaviour that sums deltaMs() follows nowMs.
    this.stepMs = nowMs - beforeMs;
    this.nowMs = nowMs;
    this.frame++;
    if (this.timers.size > WHEEL_THRESHOLD && this.timers instanceof TimerHeap) this.#useWheel(this.timers);
    const due = this.pendingFrames;
    this.pendingFrames = this.dueFrames;
    this.dueFrames = due;
    this.dueCount = this.pendingCount;
    this.pendingCount = 0;
    this.stalePending = 0;
  }

  /** Moves every sleeper from the heap to a new timer wheel, for good (a clock never moves back). */
  #useWheel(heap: TimerHeap<TaskState>): void {
    const sleepers: TaskState[] = [];
    heap.forEach((task) => sleepers.push(task));
    heap.clear();
    const wheel = new TimerWheel<TaskState>();
    for (const task of sleepers) wheel.push(task);
    this.timers = wheel;
  }

  dispose(): void {
    if (this.disposed) return;
    if (!this.pausable || this.parent === null) throw new TickflowError(`clock "${this.name}" belongs to the scheduler and cannot be disposed`);
    if (this.childCount > 0) throw new TickflowError(`clock "${this.name}" still has child clocks; dispose them first`);
    if (this.liveTasks > 0) throw new TickflowError(`clock "${this.name}" still has ${this.liveTasks} live behaviour(s); cancel them before disposing it`);
    this.#onDispose(this);
    this.disposed = true;
    this.parent.childCount--;
  }
}
