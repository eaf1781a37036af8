import type { TraceEvent } from '../core/scheduler.js';
import type { Task } from '../core/task.js';
import { TickflowError, describeValue } from '../core/errors.js';
import { describeWait } from './inspect.js';
import { ownerOf, taskState } from './internals.js';

/** One recorded event. */
export interface TraceEntry {
  /** The scheduler frame (0 before the first tick). */
  frame: number;
  /** The behaviour's name path. */
  path: string;
  /** What happened: `spawn`, `resume`, `suspend`, `done`, `cancelled` or `failed`. */
  event: TraceEvent;
  /** For `suspend`: what it waits for, in words (`waitMs 350 ms left`). Empty otherwise. */
  detail: string;
}

/** Options for {@link createTraceRecorder}. */
export interface TraceRecorderOptions {
  /** Keep at most this many entries; the oldest go first. Default 100 000. */
  limit?: number | undefined;
}

/**
 * Records what the scheduler does, event by event. Pass `recorder.onTrace` to createScheduler.
 *
 * @example
 * const recorder = createTraceRecorder();
 * const scheduler = createScheduler({ onTrace: recorder.onTrace });
 * scheduler.spawn(guard(), { name: 'guard' }); // frame 0: spawn, then suspend (waitMs 500 ms left)
 * scheduler.tick(500);                          // frame 1: resume, ...
 * recorder.lines();
 * // ['0 guard#1 spawn', '0 guard#1 suspend waitMs 500 ms left', '1 guard#1 resume', ...]
 */
export interface TraceRecorder {
  /** The hook for `createScheduler({ onTrace })`. */
  readonly onTrace: (event: TraceEvent, task: Task<unknown>, frame: number) => void;
  /** Recorded entries, oldest first. */
  readonly entries: readonly TraceEntry[];
  /** The entries as text lines: `frame path event [detail]`. */
  lines(): string[];
  /** Forgets every entry. */
  clear(): void;
}

/**
 * Makes a {@link TraceRecorder}: (frame, behaviour path, event) for every spawn, resume, suspend and
 * end. Two runs of the same seeded scenario must give identical traces; {@link firstTraceDifference}
 * shows where they part.
 *
 * @example
 * const recorder = createTraceRecorder({ limit: 10_000 });
 * const scheduler = createScheduler({ onTrace: recorder.onTrace });
 */
export function createTraceRecorder(options: TraceRecorderOptions = {}): TraceRecorder {
  const limit = options.limit ?? 100_000;
  if (!(Number.isInteger(limit) && limit > 0)) {
    throw new TickflowError(`createTraceRecorder: limit must be a whole number of entries > 0, got ${describeValue(limit)}.`);
  }
  let entries: TraceEntry[] = [];
  const onTrace = (event: TraceEvent, task: Task<unknown>, frame: number): void => {
    let detail = '';
    if (event === 'suspend') {
      const state = taskState(task);
      if (state !== undefined) detail = describeWait(ownerOf(state), state).words;
    }
    entries.push({ frame, path: task.path, event, detail });
    // Trim in batches so a full recorder does not shift its whole array on every event.
    if (entries.length >= limit * 2) entries = entries.slice(entries.length - limit);
  };
  return {
    onTrace,
    get entries(): readonly TraceEntry[] {
      return entries.length > limit ? entries.slice(entries.length - limit) : entries;
    },
    lines(): string[] {
      const kept = entries.length > limit ? entries.slice(entries.length - limit) : entries;
      return kept.map(traceLine);
    },
    clear(): void {
      entries = [];
    },
  };
}

/**
 * One entry as a line: `frame path event [detail]`.
 *
 * @example
 * traceLine({ frame: 3, path: 'guard#1', event: 'suspend', detail: 'signal onHit' }); // '3 guard#1 suspend signal onHit'
 */
export function traceLine(entry: TraceEntry): string {
  return entry.detail === '' ? `${entry.frame} ${entry.path} ${entry.event}` : `${entry.frame} ${entry.path} ${entry.event} ${entry.detail}`;
}

/** Where two traces part: the index and each side's line there (undefined past its end). */
export interface TraceDifference {
  /** Index of the first entry that differs. */
  index: number;
  /** The expected trace's line there ({@link traceLine}), or undefined past its end. */
  expected: string | undefined;
  /** The actual trace's line there, or undefined past its end. */
  actual: string | undefined;
}

/**
 * Compares two traces entry by entry. Returns undefined when they are identical, else the first
 * place they differ: the determinism check in CI.
 *
 * @example
 * const first = runScenario(seed);   // each run records with its own createTraceRecorder()
 * const second = runScenario(seed);
 * firstTraceDifference(first.entries, second.entries); // undefined: same inputs, same trace
 */
export function firstTraceDifference(expected: readonly TraceEntry[], actual: readonly TraceEntry[]): TraceDifference | undefined {
  const length = Math.max(expected.length, actual.length);
  for (let i = 0; i < length; i++) {
    const a = expected[i] === undefined ? undefined : traceLine(expected[i]);
    const b = actual[i] === undefined ? undefined : traceLine(actual[i]);
    if (a !== b) return { index: i, expected: a, actual: b };
  }
  return undefined;
}
