// Soak: does tickflow lose or leak anything over a long run?
//
//   node --expose-gc --import tsx scripts/soak.ts            a million spawn/cancel cycles, then ten minutes of
//                                                             simulated game time at 100,000 behaviours
//   node --expose-gc --import tsx scripts/soak.ts --short    the same in seconds (test/reliability/soak.test.ts
//                                                             runs the short version in CI)
//
// Prints the live count, the entries held by the wait structures and the heap (after gc) at sampled points, and
// checks that they come back to their baseline: the live count exactly, the heap within a bound. Exit code 1 on a
// problem. Without --expose-gc the heap is not sampled (only counts are checked).
import { pathToFileURL } from 'node:url';
import {
  all,
  createScheduler,
  createSignal,
  race,
  waitFrames,
  waitMs,
  waitRealMs,
  waitSignal,
  waitUntil,
  waitWhile,
  type Behaviour,
  type Scheduler,
  type Signal,
  type Task,
} from '../src/index.js';
import type { SchedulerState } from '../src/core/scheduler.js';
import type { SignalState } from '../src/core/signal.js';
import { mulberry32 as random } from '../demos/shared/seeded-random.js';

export interface SoakOptions {
  /** Spawn/cancel cycles of the first phase. */
  cycles: number;
  /** Live behaviours during the second phase. */
  behaviours: number;
  /** Simulated game time of the second phase, ms. */
  gameMs: number;
  /** Samples printed per phase. */
  samples: number;
  /** A full garbage collection (globalThis.gc under --expose-gc); heap figures only when given. */
  gc?: () => void;
  /** Where progress lines go (default: nowhere). */
  print?: (line: string) => void;
}

export interface SoakSample {
  phase: 'cycles' | 'game';
  /** Cycles done, or simulated game seconds. */
  at: number;
  liveCount: number;
  /** Entries held by timer heaps, frame queues, predicate lists and signal waiter lists. */
  queued: number;
  /** Heap used after a full gc, MB (undefined without gc). */
  heapMB: number | undefined;
}

export interface SoakResult {
  samples: SoakSample[];
  /** What went wrong; empty when the run is clean. */
  problems: string[];
  figures: {
    cycles: number;
    cyclesWallMs: number;
    behaviours: number;
    ticks: number;
    gameSeconds: number;
    gameWallMs: number;
    resumes: number;
    /** The most resumes in one tick (the hidden-tab tick included). */
    worstTickResumes: number;
    heapBeforeMB: number | undefined;
    heapPopulatedMB: number | undefined;
    heapPeakMB: number | undefined;
    heapAfterMB: number | undefined;
  };
}

// Bounds for the heap checks: generous, because V8 keeps some capacity (arrays, hidden classes, code).
const HEAP_GROWTH_MB = 16;
const HEAP_GROWTH_FRACTION = 0.1;

/** Entries held by the scheduler's wait structures (internal, like the inspector reads them). */
function queuedEntries(scheduler: Scheduler, signals: Signal<unknown>[]): number {
  let queued = 0;
  for (const clock of (scheduler as SchedulerState).clocks) {
    queued += clock.timers.size + clock.frameHeap.size + clock.pendingCount + clock.dueCount + clock.predicates.length;
  }
  for (const signal of signals) queued += (signal as SignalState<unknown>).waiters.length;
  return queued;
}

function heapMB(gc: (() => void) | undefined): number | undefined {
  if (gc === undefined) return undefined;
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

const fmt = (value: number | undefined, digits = 1): string => (value === undefined ? 'n/a' : value.toFixed(digits));

// ---- behaviours (named top-level generator functions, as the style guide asks) ----

const counters = { resumes: 0, finallies: 0 };

function* sleeper(): Behaviour {
  yield* waitMs(60_000);
}

function* frameWaiter(): Behaviour {
  for (;;) yield* waitFrames(1);
}

function* signalWaiter(signal: Signal<number>): Behaviour {
  for (;;) yield* waitSignal(signal);
}

function* racer(signal: Signal<number>): Behaviour {
  for (;;) yield* race([waitMs(500), waitSignal(signal), waitFrames(30)]);
}

function* parentOf(child: () => Behaviour): Behaviour {
  const spawned = child();
  yield* all([spawned, waitMs(1000)]);
}

function* guarded(): Behaviour {
  try {
    yield* waitFrames(5);
  } finally {
    counters.finallies++; // must run on every cancel
  }
}

function* predicateWaiter(flag: { on: boolean }): Behaviour {
  yield* waitUntil(() => flag.on);
}

function* wanderer(periodMs: number): Behaviour {
  for (;;) {
    yield* waitMs(periodMs);
    counters.resumes++;
  }
}

function* animator(): Behaviour {
  for (;;) {
    yield* waitFrames(1);
    counters.resumes++;
  }
}

function* skipper(frames: number): Behaviour {
  for (;;) {
    yield* waitFrames(frames);
    counters.resumes++;
  }
}

function* listener(pulse: Signal<number>): Behaviour {
  for (;;) {
    yield* waitSignal(pulse);
    counters.resumes++;
  }
}

function* alarmRacer(alarm: Signal<number>, periodMs: number): Behaviour {
  for (;;) {
    yield* race([waitMs(periodMs), waitSignal(alarm)]);
    counters.resumes++;
  }
}

// Both members of each all() end in the same phase of the same tick, so the live count stays constant.
function* gatherer(ms: number, frames: number): Behaviour {
  for (;;) {
    yield* all([waitMs(ms), waitMs(ms)]);
    yield* all([waitFrames(frames), waitFrames(frames)]);
    counters.resumes++;
  }
}

function* watcher(world: { phase: number }): Behaviour {
  for (;;) {
    yield* waitUntil(() => world.phase % 2 === 1);
    counters.resumes++;
    yield* waitWhile(() => world.phase % 2 === 1);
  }
}

function* uiPulse(periodMs: number): Behaviour {
  for (;;) {
    yield* waitRealMs(periodMs);
    counters.resumes++;
  }
}

function* spark(): Behaviour {
  for (;;) {
    yield* waitFrames(4);
    counters.resumes++;
  }
}

// One generation: lives `lifeMs` with a spark beside it. Three tasks per lineage at every tick boundary
// (lineage, life, spark), so the live count stays exactly constant while generations turn over.
function* life(scheduler: Scheduler, lifeMs: number): Behaviour {
  const sparkTask = scheduler.spawn(spark(), { name: 'spark' });
  yield* waitMs(lifeMs);
  sparkTask.cancel();
  counters.resumes++;
}

function* lineage(scheduler: Scheduler, lifeMs: number): Behaviour {
  for (;;) yield* scheduler.spawn(life(scheduler, lifeMs), { name: 'life' });
}

function* conductor(pulse: Signal<number>, alarm: Signal<number>, world: { phase: number }): Behaviour {
  for (let beat = 0; ; beat++) {
    yield* waitMs(250);
    pulse.emit(beat);
    if (beat % 4 === 0) alarm.emit(beat);
    if (beat % 8 === 0) world.phase++;
  }
}

// ---- phase 1: spawn/cancel cycles ----

function spawnCancelCycles(options: SoakOptions, result: SoakResult): void {
  const print = options.print ?? (() => {});
  const scheduler = createScheduler({ onError: (error, task) => result.problems.push(`onError ${task.path}: ${String(error)}`) });
  const signal = createSignal<number>('cycleSignal');
  const signals = [signal as Signal<unknown>];
  const flag = { on: false };
  // A background that lives through the whole phase: the baseline.
  for (let i = 0; i < 100; i++) scheduler.spawn(frameWaiter(), { name: 'background' });
  for (let i = 0; i < 100; i++) scheduler.spawn(signalWaiter(signal), { name: 'background' });
  scheduler.tick(16);
  const baseLive = scheduler.liveCount;
  const baseQueued = queuedEntries(scheduler, signals);
  const startMs = performance.now();
  const finalliesBefore = counters.finallies;
  let guardedCycles = 0;
  const sampleEvery = Math.max(1, Math.floor(options.cycles / options.samples));
  const sample = (at: number): void => {
    const s: SoakSample = { phase: 'cycles', at, liveCount: scheduler.liveCount, queued: queuedEntries(scheduler, signals), heapMB: heapMB(options.gc) };
    result.samples.push(s);
    print(`cycles ${String(at).padStart(9)}  live ${String(s.liveCount).padStart(7)}  queued ${String(s.queued).padStart(7)}  heap ${fmt(s.heapMB)} MB`);
  };
  sample(0);
  const kinds: Array<() => Behaviour> = [
    () => sleeper(),
    () => frameWaiter(),
    () => signalWaiter(signal),
    () => racer(signal),
    () => parentOf(sleeper),
    () => guarded(),
    () => predicateWaiter(flag),
  ];
  for (let cycle = 1; cycle <= options.cycles; cycle++) {
    const kind = cycle % kinds.length;
    if (kind === 5) guardedCycles++;
    const task: Task = scheduler.spawn(kinds[kind](), { name: 'cycle' });
    task.cancel();
    // Now and then a frame passes, so queues swap and stale entries are dropped as in a game.
    if (cycle % 1000 === 0) scheduler.tick(16);
    if (cycle % sampleEvery === 0) {
      scheduler.tick(16);
      sample(cycle);
    }
  }
  scheduler.tick(16);
  signal.emit(0);
  result.figures.cycles = options.cycles;
  result.figures.cyclesWallMs = performance.now() - startMs;
  if (scheduler.liveCount !== baseLive) result.problems.push(`cycles: live count ${scheduler.liveCount}, baseline ${baseLive}`);
  const finallies = counters.finallies - finalliesBefore;
  if (finallies !== guardedCycles) result.problems.push(`cycles: ${finallies} finally blocks ran for ${guardedCycles} cancelled guarded behaviours`);
  const queued = queuedEntries(scheduler, signals);
  if (queued !== baseQueued) result.problems.push(`cycles: ${queued} queued wait entries, baseline ${baseQueued}`);
  const cycleSamples = result.samples.filter((s) => s.phase === 'cycles');
  const first = cycleSamples[0].heapMB;
  const last = cycleSamples[cycleSamples.length - 1].heapMB;
  if (first !== undefined && last !== undefined && last - first > Math.max(HEAP_GROWTH_MB, first * HEAP_GROWTH_FRACTION)) {
    result.problems.push(`cycles: heap grew from ${fmt(first)} MB to ${fmt(last)} MB`);
  }
  scheduler.cancelAll();
}

// ---- phase 2: a long game at a large population ----

function gameSoak(options: SoakOptions, result: SoakResult): void {
  const print = options.print ?? (() => {});
  result.figures.heapBeforeMB = heapMB(options.gc);
  const scheduler = createScheduler({ onError: (error, task) => result.problems.push(`onError ${task.path}: ${String(error)}`) });
  const pulse = createSignal<number>('pulse');
  const alarm = createSignal<number>('alarm');
  const signals = [pulse, alarm] as Signal<unknown>[];
  const world = { phase: 0 };
  const rng = random(20261125);
  const n = options.behaviours;
  // The mix of a busy game: mostly sleeping timers, some frame loops, signals, races, joins, predicates,
  // real-clock UI, and generations of short-lived behaviours that replace themselves.
  const share = (fraction: number): number => Math.floor(n * fraction);
  scheduler.spawn(conductor(pulse, alarm, world), { name: 'conductor' });
  for (let i = 0; i < share(0.05); i++) scheduler.spawn(animator(), { name: 'animator' });
  for (let i = 0; i < share(0.03); i++) scheduler.spawn(skipper(2 + Math.floor(rng() * 9)), { name: 'skipper' });
  for (let i = 0; i < share(0.1); i++) scheduler.spawn(listener(pulse), { name: 'listener' });
  for (let i = 0; i < share(0.05); i++) scheduler.spawn(alarmRacer(alarm, 300 + Math.floor(rng() * 1400)), { name: 'racer' });
  for (let i = 0; i < share(0.02); i++) scheduler.spawn(gatherer(50 + Math.floor(rng() * 200), 1 + Math.floor(rng() * 10)), { name: 'gatherer' });
  for (let i = 0; i < share(0.01); i++) scheduler.spawn(watcher(world), { name: 'watcher' });
  for (let i = 0; i < share(0.01); i++) scheduler.spawn(uiPulse(200 + Math.floor(rng() * 800)), { name: 'ui', clock: scheduler.realClock });
  const lineages = Math.floor(share(0.15) / 3);
  for (let i = 0; i < lineages; i++) scheduler.spawn(lineage(scheduler, 500 + Math.floor(rng() * 5000)), { name: 'lineage' });
  while (scheduler.liveCount < n) scheduler.spawn(wanderer(100 + rng() * 2900), { name: 'wanderer' });
  // Warm up (JIT, queue capacities), then take the baseline.
  for (let i = 0; i < 600; i++) scheduler.tick(1000 / 60);
  const baseLive = scheduler.liveCount;
  result.figures.behaviours = baseLive;
  result.figures.heapPopulatedMB = heapMB(options.gc);
  const startMs = performance.now();
  const startResumes = counters.resumes;
  let ticks = 0;
  let worstTickResumes = 0;
  let peak = result.figures.heapPopulatedMB;
  const sampleEveryMs = options.gameMs / options.samples;
  let nextSampleMs = scheduler.nowMs;
  const endMs = scheduler.nowMs + options.gameMs;
  const sample = (): void => {
    const s: SoakSample = {
      phase: 'game',
      at: Math.round(scheduler.nowMs / 1000),
      liveCount: scheduler.liveCount,
      queued: queuedEntries(scheduler, signals),
      heapMB: heapMB(options.gc),
    };
    if (s.heapMB !== undefined && (peak === undefined || s.heapMB > peak)) peak = s.heapMB;
    result.samples.push(s);
    print(`game ${String(s.at).padStart(6)} s  live ${String(s.liveCount).padStart(7)}  queued ${String(s.queued).padStart(7)}  heap ${fmt(s.heapMB)} MB`);
    if (s.liveCount !== baseLive) result.problems.push(`game: live count ${s.liveCount} at ${s.at} s, baseline ${baseLive}`);
  };
  let hiddenTabDone = false;
  while (scheduler.nowMs < endMs) {
    if (scheduler.nowMs >= nextSampleMs) {
      sample();
      nextSampleMs += sampleEveryMs;
    }
    // Jittered 60 Hz with a hitch now and then, a pause of 2 s every minute, slow motion for a while, and
    // once a tab that was hidden for a minute.
    let dtMs = 1000 / 60 + (rng() - 0.5) * 4;
    if (rng() < 0.002) dtMs = 250;
    if (!hiddenTabDone && scheduler.nowMs > endMs / 2) {
      dtMs = 60_000;
      hiddenTabDone = true;
    }
    const second = Math.floor(scheduler.realNowMs / 1000);
    scheduler.paused = second % 60 >= 58;
    scheduler.timeScale = second % 120 < 10 ? 0.5 : 1;
    const before = counters.resumes;
    scheduler.tick(dtMs);
    ticks++;
    const resumed = counters.resumes - before;
    if (resumed > worstTickResumes) worstTickResumes = resumed;
  }
  sample();
  result.figures.ticks = ticks;
  result.figures.gameSeconds = options.gameMs / 1000;
  result.figures.gameWallMs = performance.now() - startMs;
  result.figures.resumes = counters.resumes - startResumes;
  result.figures.worstTickResumes = worstTickResumes;
  result.figures.heapPeakMB = peak;
  const populated = result.figures.heapPopulatedMB;
  if (populated !== undefined && peak !== undefined && peak - populated > Math.max(HEAP_GROWTH_MB, populated * HEAP_GROWTH_FRACTION)) {
    result.problems.push(`game: heap grew from ${fmt(populated)} MB to a peak of ${fmt(peak)} MB`);
  }
  // Tear down: every behaviour cancelled, then one frame and one emit of each signal flush stale entries.
  scheduler.paused = false;
  scheduler.cancelAll();
  scheduler.tick(16);
  pulse.emit(-1);
  alarm.emit(-1);
  if (scheduler.liveCount !== 0) result.problems.push(`teardown: live count ${scheduler.liveCount}, expected 0`);
  const queued = queuedEntries(scheduler, signals);
  if (queued !== 0) result.problems.push(`teardown: ${queued} wait entries still held, expected 0`);
  result.figures.heapAfterMB = heapMB(options.gc);
  const before = result.figures.heapBeforeMB;
  const after = result.figures.heapAfterMB;
  if (before !== undefined && after !== undefined && after - before > HEAP_GROWTH_MB) {
    result.problems.push(`teardown: heap ${fmt(after)} MB after cancelling everything, ${fmt(before)} MB before the population was made`);
  }
  print(`teardown  live ${scheduler.liveCount}  queued ${queued}  heap ${fmt(after)} MB (before the population: ${fmt(before)} MB)`);
}

/** Runs both phases and returns the samples, the figures and any problem found. */
export function runSoak(options: SoakOptions): SoakResult {
  const result: SoakResult = {
    samples: [],
    problems: [],
    figures: {
      cycles: 0,
      cyclesWallMs: 0,
      behaviours: 0,
      ticks: 0,
      gameSeconds: 0,
      gameWallMs: 0,
      resumes: 0,
      worstTickResumes: 0,
      heapBeforeMB: undefined,
      heapPopulatedMB: undefined,
      heapPeakMB: undefined,
      heapAfterMB: undefined,
    },
  };
  spawnCancelCycles(options, result);
  gameSoak(options, result);
  return result;
}

export const FULL: Omit<SoakOptions, 'gc' | 'print'> = { cycles: 1_000_000, behaviours: 100_000, gameMs: 10 * 60_000, samples: 20 };
export const SHORT: Omit<SoakOptions, 'gc' | 'print'> = { cycles: 50_000, behaviours: 10_000, gameMs: 60_000, samples: 6 };

function main(): void {
  const short = process.argv.includes('--short');
  const gc = (globalThis as { gc?: () => void }).gc;
  const print = (line: string): void => console.log(line);
  if (gc === undefined) print('note: run with node --expose-gc to sample the heap; only counts are checked now');
  const options = { ...(short ? SHORT : FULL), gc, print };
  print(`soak${short ? ' (short)' : ''}: ${options.cycles} spawn/cancel cycles, then ${options.gameMs / 1000} s of game time at ${options.behaviours} behaviours`);
  const { figures, problems } = runSoak(options);
  print('');
  print(`spawn/cancel: ${figures.cycles} cycles in ${(figures.cyclesWallMs / 1000).toFixed(1)} s`);
  print(
    `game: ${figures.behaviours} behaviours, ${figures.gameSeconds} s simulated in ${figures.ticks} ticks, ` +
      `${(figures.gameWallMs / 1000).toFixed(1)} s wall, ${figures.resumes} resumes counted, worst tick ${figures.worstTickResumes} resumes`,
  );
  print(
    `heap (after gc): ${fmt(figures.heapBeforeMB)} MB empty, ${fmt(figures.heapPopulatedMB)} MB populated, ` +
      `peak ${fmt(figures.heapPeakMB)} MB, ${fmt(figures.heapAfterMB)} MB after teardown`,
  );
  if (problems.length === 0) {
    print('OK: live count back to baseline exactly, heap flat');
    return;
  }
  for (const problem of problems) print(`PROBLEM: ${problem}`);
  process.exitCode = 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
