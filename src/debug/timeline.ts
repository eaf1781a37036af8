// The timeline's recorder: after each scheduler.tick, what every behaviour was doing (a byte per behaviour
// per frame, in a ring of the last few seconds) and how long the tick took. It records only while started
// (the overlay starts it when opened): it puts a measuring wrapper on this one scheduler's tick and takes
// it off again, so a closed overlay costs nothing. While the game is paused it records nothing, so the
// picture stays still for inspection. DOM-free.
import type { SchedulerState } from '../core/scheduler.js';
import type { TaskState } from '../core/task.js';
import { nextLiveInTree, waitSummaryOf } from './internals.js';
import { firstRoot } from './behaviour-groups.js';

/** What a behaviour was doing in one frame of the timeline: a state in the low bits, RAN on top. */
export const TimelineCode = {
  /** Not alive in that frame. */
  none: 0,
  waitFrames: 1,
  waitMs: 2,
  /** A signal (or a queue or promise built on one). */
  signal: 3,
  /** waitUntil / waitWhile. */
  condition: 4,
  /** Joined another behaviour, or all() / race(). */
  joined: 5,
  /** Its body returned; it waits for its children. */
  finishing: 6,
  /** Or-ed in: its body ran (resumed) in that frame. */
  ran: 8,
} as const;

/** The words for a timeline code's state (without the RAN bit). */
export const TIMELINE_STATE_NAMES: readonly string[] = ['gone', 'waiting frames', 'waiting ms', 'waiting a signal', 'waiting a condition', 'joined', 'finishing'];

/** The timeline state of what a task waits for now: a switch on the core's wait code, no strings. */
function codeOf(task: TaskState): number {
  if (task.bodyDone) return TimelineCode.finishing;
  switch (waitSummaryOf(task)) {
    case 'timer':
    case 'realTimer':
      return TimelineCode.waitMs;
    case 'frames':
      return TimelineCode.waitFrames;
    case 'until':
    case 'while':
      return TimelineCode.condition;
    case 'signal':
      return TimelineCode.signal;
    case 'join':
    case 'all':
    case 'race':
      return TimelineCode.joined;
    case 'children':
      return TimelineCode.finishing;
    default:
      return TimelineCode.none;
  }
}

/** One behaviour's row. */
export interface TimelineStrip {
  readonly task: TaskState;
  /** Its column in the recorder's code table (see {@link TimelineRecorder.codeAt}). */
  readonly row: number;
  /** `resumes` at the last sample: a change means it ran. */
  resumes: number;
  /** The sample that last saw it alive. */
  lastSample: number;
}

/** Options for {@link TimelineRecorder}. */
export interface TimelineRecorderOptions {
  /** Frames kept. Default 240 (4 s at 60 fps). */
  frames?: number;
  /** Most behaviours recorded (the first ones in tree order). Default 10 000. */
  limit?: number;
  /** The clock ticks are timed with, ms. Default performance.now. */
  nowMs?: () => number;
}

/**
 * Records a scheduler's recent frames for the overlay's timeline.
 *
 * @example
 * const recorder = new TimelineRecorder(state, { frames: 240 });
 * recorder.start();          // scheduler.tick is measured and sampled from now on
 * scheduler.tick(16);        // one more column: each behaviour's state, the tick's ms
 * recorder.stop();           // tick is the plain method again
 */
export class TimelineRecorder {
  readonly capacity: number;
  readonly limit: number;
  /** The scheduler frame recorded in each ring slot. */
  readonly frameOf: Int32Array;
  /** How long each recorded tick took, ms. */
  readonly tickMs: Float32Array;
  /** Rows, in the order behaviours first appeared (tree order). */
  strips: TimelineStrip[] = [];
  /** Frames recorded so far (only the last `capacity` are kept). */
  samples = 0;
  /** Behaviours past `limit` in the last sample, not recorded. */
  leftOut = 0;
  // One byte per (frame slot, strip row), slot-major: a sample writes one contiguous run of bytes and
  // clears it with one fill, instead of touching 10,000 separate arrays.
  readonly #codes: Uint8Array;
  readonly #freeRows: number[] = [];
  #nextRow = 0;
  readonly #scheduler: SchedulerState;
  readonly #nowMs: () => number;
  readonly #byTask = new Map<TaskState, TimelineStrip>();
  #recording = false;
  #head: TaskState | null = null;

  constructor(scheduler: SchedulerState, options: TimelineRecorderOptions = {}) {
    this.#scheduler = scheduler;
    this.capacity = options.frames ?? 240;
    this.limit = options.limit ?? 10_000;
    this.#nowMs = options.nowMs ?? defaultNow();
    this.frameOf = new Int32Array(this.capacity).fill(-1);
    this.tickMs = new Float32Array(this.capacity);
    this.#codes = new Uint8Array(this.capacity * this.limit);
  }

  /** What the strip's behaviour was doing in the n-th sample (a {@link TimelineCode}). */
  codeAt(strip: TimelineStrip, sample: number): number {
    return this.#codes[(sample % this.capacity) * this.limit + strip.row];
  }

  /** True between start() and stop(). */
  get recording(): boolean {
    return this.#recording;
  }

  /** The ring slot of the n-th sample. */
  slotOf(sample: number): number {
    return sample % this.capacity;
  }

  /** Measures and samples every tick of this scheduler from now on. */
  start(): void {
    if (this.#recording) return;
    this.#recording = true;
    const scheduler = this.#scheduler;
    const tick = Object.getPrototypeOf(scheduler).tick as (dtMs: number) => void;
    const nowMs = this.#nowMs;
    // An own property shadows the class's method for this scheduler only; stop() deletes it.
    Object.defineProperty(scheduler, 'tick', {
      configurable: true,
      writable: true,
      value: (dtMs: number): void => {
        const startMs = nowMs();
        tick.call(scheduler, dtMs);
        this.sample(nowMs() - startMs);
      },
    });
  }

  /** Back to the plain tick; what was recorded stays. */
  stop(): void {
    if (!this.#recording) return;
    this.#recording = false;
    delete (this.#scheduler as unknown as { tick?: unknown }).tick;
  }

  /** Records one frame (start() calls it after each tick): skipped while the game is paused. */
  sample(tickMs: number): void {
    const scheduler = this.#scheduler;
    if (scheduler.paused) return;
    const sample = this.samples;
    const slot = sample % this.capacity;
    this.frameOf[slot] = scheduler.frame;
    this.tickMs[slot] = tickMs;
    const strips = this.strips;
    const codes = this.#codes;
    const base = slot * this.limit;
    codes.fill(TimelineCode.none, base, base + this.limit);
    let index = 0;
    let seen = 0;
    const limit = this.limit;
    this.#head = firstRoot(scheduler, this.#head);
    for (let root = this.#head; root !== null && seen < limit; root = root.nextSibling) {
      if (root.status !== 'running') continue;
      for (let task: TaskState | null = root; task !== null; task = nextLiveInTree(task, root)) {
        if (seen++ < limit) {
          // Tree order is stable from frame to frame: the strip at the same place is usually this task's.
          let strip = index < strips.length ? strips[index] : undefined;
          if (strip === undefined || strip.task !== task) strip = this.#stripOf(task);
          index++;
          // undefined: every row is taken by behaviours seen in the window (heavy churn); left out until rows free up.
          if (strip !== undefined) {
            const ran = task.resumes !== strip.resumes ? TimelineCode.ran : 0;
            strip.resumes = task.resumes;
            strip.lastSample = sample;
            codes[base + strip.row] = codeOf(task) | ran;
          }
        }
      }
    }
    this.leftOut = Math.max(0, seen - limit);
    this.samples = sample + 1;
    // Rows gone for the whole window leave; done now and then, so a sample stays a flat loop.
    if (slot === 0) this.#dropGone();
  }

  #stripOf(task: TaskState): TimelineStrip | undefined {
    let strip = this.#byTask.get(task);
    if (strip === undefined) {
      if (this.#freeRows.length === 0 && this.#nextRow >= this.limit) return undefined;
      // Spawned in the frame being sampled: it ran. Older: it shows as ran once it resumes.
      const resumes = task.bornFrame === this.#scheduler.frame ? -1 : task.resumes;
      const row = this.#freeRows.length > 0 ? (this.#freeRows.pop() as number) : this.#nextRow++;
      strip = { task, row, resumes, lastSample: this.samples };
      this.#byTask.set(task, strip);
      this.strips.push(strip);
    }
    return strip;
  }

  #dropGone(): void {
    const oldest = this.samples - this.capacity;
    const kept = this.strips.filter((strip) => strip.lastSample >= oldest);
    if (kept.length === this.strips.length) return;
    for (const strip of this.strips) {
      if (strip.lastSample >= oldest) continue;
      this.#byTask.delete(strip.task);
      // A reused row must start blank: clear its column in every slot.
      for (let slot = 0; slot < this.capacity; slot++) this.#codes[slot * this.limit + strip.row] = TimelineCode.none;
      this.#freeRows.push(strip.row);
    }
    this.strips = kept;
  }
}

function defaultNow(): () => number {
  const performance = (globalThis as { performance?: { now(): number } }).performance;
  return performance === undefined ? Date.now : () => performance.now();
}
