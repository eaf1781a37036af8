// Lag: a tab hidden for a minute, long frames, and frame-rate independence. The documented policy: one tick
// advances the clocks by at most maxDtMs (default 100); within that, every passed deadline resumes in deadline
// order (catch-up), and the next deadline counts from the previous one (no drift). The browser driver does not
// step at all while the page is hidden and measures the first visible frame from the moment it became visible.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SLOW_TEST_TIMEOUT_MS, fcSettings } from '../fast-check-settings.js';
import { startBrowserLoop, type VisibilitySource } from '../../src/browser/index.js';
import { all, createScheduler, race, waitFrames, waitMs, type Behaviour, type Scheduler, type Task, lateness } from '../../src/index.js';

/** Counts resumes per tick for a population of timer loops (10 ms and 100 ms periods) and frame loops. */
function population(scheduler: Scheduler, counts: { timer10: number; timer100: number; frames: number }) {
  const stats = { resumes: 0, fired100: 0, perBehaviourMax: 0 };
  function* every(periodMs: number): Behaviour {
    for (;;) {
      yield* waitMs(periodMs);
      stats.resumes++;
      if (periodMs === 100) stats.fired100++;
    }
  }
  function* eachFrame(): Behaviour {
    for (;;) {
      yield* waitFrames(1);
      stats.resumes++;
    }
  }
  for (let i = 0; i < counts.timer10; i++) scheduler.spawn(every(10), { name: 'every10' });
  for (let i = 0; i < counts.timer100; i++) scheduler.spawn(every(100), { name: 'every100' });
  for (let i = 0; i < counts.frames; i++) scheduler.spawn(eachFrame(), { name: 'eachFrame' });
  return stats;
}

/** A stand-in for requestAnimationFrame, performance.now and document visibility. */
class FakePage implements VisibilitySource {
  visibilityState = 'visible';
  nowMs = 0;
  #callbacks = new Map<number, (timestampMs: number) => void>();
  #nextHandle = 1;
  #listeners: Array<() => void> = [];

  requestAnimationFrame = (callback: (timestampMs: number) => void): number => {
    const handle = this.#nextHandle++;
    this.#callbacks.set(handle, callback);
    return handle;
  };
  cancelAnimationFrame = (handle: number): void => {
    this.#callbacks.delete(handle);
  };
  addEventListener(_type: 'visibilitychange', listener: () => void): void {
    this.#listeners.push(listener);
  }
  removeEventListener(_type: 'visibilitychange', listener: () => void): void {
    this.#listeners = this.#listeners.filter((other) => other !== listener);
  }
  /** The browser paints a frame at `atMs`. */
  frame(atMs: number): void {
    this.nowMs = atMs;
    const callbacks = [...this.#callbacks.values()];
    this.#callbacks.clear();
    for (const callback of callbacks) callback(atMs);
  }
  setVisibility(state: 'visible' | 'hidden', atMs: number): void {
    this.nowMs = atMs;
    this.visibilityState = state;
    for (const listener of this.#listeners) listener();
  }
}

describe('Scheduler.tick after a long pause (lag)', () => {
  it('resumes after tick(60000) exactly what tick(maxDtMs) would: at most maxDtMs of catch-up per behaviour', () => {
    const hidden = createScheduler();
    const control = createScheduler();
    const counts = { timer10: 100, timer100: 100, frames: 100 };
    const hiddenStats = population(hidden, counts);
    const controlStats = population(control, counts);
    for (let i = 0; i < 60; i++) {
      hidden.tick(1000 / 60);
      control.tick(1000 / 60);
    }
    const before = hiddenStats.resumes;
    hidden.tick(60_000); // the tab comes back after a minute, with a raw requestAnimationFrame delta
    control.tick(100);
    const burst = hiddenStats.resumes - before;
    expect(hiddenStats.resumes).toBe(controlStats.resumes);
    // 100 ms of catch-up: 10 resumes per 10 ms loop, 1 per 100 ms loop, 1 per frame loop. Unclamped it
    // would have been 6,000 per 10 ms loop (600,000 resumes in one frame).
    expect(burst).toBe(100 * 10 + 100 * 1 + 100 * 1);
    expect(hidden.nowMs).toBe(control.nowMs);
    for (let i = 0; i < 60; i++) {
      hidden.tick(1000 / 60);
      control.tick(1000 / 60);
    }
    expect(hiddenStats).toEqual(controlStats);
  });

  it('keeps deadlines on their grid across a long frame: firings = floor(game time / period), lateness < one frame', () => {
    const scheduler = createScheduler({ maxDtMs: 100 });
    const firings: Array<{ deadlineMs: number; lateMs: number }> = [];
    function* metronome(): Behaviour {
      for (;;) {
        yield* waitMs(100);
        const lateMs = yield* lateness();
        firings.push({ deadlineMs: Math.round(scheduler.nowMs - lateMs), lateMs });
      }
    }
    scheduler.spawn(metronome(), { name: 'metronome' });
    const frames = [...Array(300).fill(1000 / 60), 60_000, ...Array(300).fill(1000 / 60), 250, 250, ...Array(30).fill(1000 / 30)];
    for (const dtMs of frames) scheduler.tick(dtMs);
    expect(firings).toHaveLength(Math.floor(scheduler.nowMs / 100));
    expect(firings.map((firing) => firing.deadlineMs)).toEqual(firings.map((_, index) => (index + 1) * 100));
    for (const firing of firings) expect(firing.lateMs).toBeLessThan(100);
  });
});

describe('startBrowserLoop with a hidden tab (lag)', () => {
  it('steps nothing while hidden for 60 s and measures the first visible frame from the moment it was shown', () => {
    const page = new FakePage();
    const scheduler = createScheduler();
    const stats = population(scheduler, { timer10: 200, timer100: 200, frames: 200 });
    const resumesPerStep: number[] = [];
    const dts: number[] = [];
    const driver = startBrowserLoop(
      {
        step: (dtMs) => {
          const before = stats.resumes;
          scheduler.tick(dtMs);
          dts.push(dtMs);
          resumesPerStep.push(stats.resumes - before);
        },
      },
      { requestAnimationFrame: page.requestAnimationFrame, cancelAnimationFrame: page.cancelAnimationFrame, nowMs: () => page.nowMs, document: page },
    );
    const frameMs = 1000 / 60;
    let atMs = 0;
    for (let i = 0; i < 120; i++) page.frame((atMs += frameMs)); // 2 s visible at 60 Hz
    const visibleSteps = resumesPerStep.length;
    const worstVisible = Math.max(...resumesPerStep);
    page.setVisibility('hidden', atMs);
    for (let i = 0; i < 60; i++) page.frame((atMs += 1000)); // some hosts still call rAF once a second
    page.setVisibility('visible', (atMs += 37)); // a minute later
    for (let i = 0; i < 120; i++) page.frame((atMs += frameMs));
    driver.stop();
    expect(driver.frames).toBe(240);
    expect(resumesPerStep.length - visibleSteps).toBe(120);
    expect(Math.max(...resumesPerStep.slice(visibleSteps))).toBeLessThanOrEqual(worstVisible);
    expect(Math.max(...dts)).toBeLessThanOrEqual(frameMs + 1e-9);
    // Game time is the visible time only; the 100 ms timers fired once per 100 ms of it.
    const gameMs = dts.reduce((sum, dtMs) => sum + dtMs, 0);
    expect(scheduler.nowMs).toBeCloseTo(gameMs, 9);
    expect(stats.fired100).toBe(200 * Math.floor(scheduler.nowMs / 100));
  });
});

// ---- frame-rate independence ----

type MsStep = { s: 'ms'; ms: number } | { s: 'spawn'; body: number } | { s: 'all'; ms: number[] } | { s: 'race'; ms: number[] } | { s: 'join' };
interface MsBody {
  steps: MsStep[];
  loops: number;
}
interface MsProgram {
  bodies: MsBody[];
  starts: Array<{ atMs: number; body: number }>;
}

/**
 * Runs `program` until game time `untilMs` with the given frame times (cycled) and returns the log of
 * (logical time, behaviour, step) for everything that happened at a logical time <= untilMs.
 */
function runAt(program: MsProgram, frameMs: (frame: number) => number, untilMs: number): string[] {
  const scheduler = createScheduler({ maxDtMs: 100 });
  const log: Array<{ atMs: number; line: string }> = [];
  const endMs = new Map<Task<unknown>, number>();
  let spawns = 0;
  const record = (atMs: number, line: string): void => {
    log.push({ atMs, line: `${Math.round(atMs * 1e6) / 1e6} ${line}` });
  };
  // `startMs` is the logical time the behaviour starts at; it follows its own waits exactly as the
  // scheduler's deadlines do (sum of the waits), so it can label each event with its game time.
  function* body(index: number, startMs: number, label: string): Behaviour<number> {
    let atMs = startMs;
    let child: Task<number> | undefined;
    const spec = program.bodies[index];
    for (let loop = 0; loop < spec.loops; loop++) {
      for (const [stepIndex, step] of spec.steps.entries()) {
        const where = `${label} step ${loop}.${stepIndex}`;
        switch (step.s) {
          case 'ms': {
            yield* waitMs(step.ms);
            const lateMs = yield* lateness();
            atMs += step.ms;
            // The scheduler's deadline is the same logical time (no drift): nowMs - lateMs.
            expect(scheduler.nowMs - lateMs).toBeCloseTo(atMs, 6);
            record(atMs, `${where} waitMs(${step.ms})`);
            break;
          }
          case 'spawn': {
            if (index + 1 >= program.bodies.length || spawns >= 60) break;
            const target = index + 1 + (step.body % (program.bodies.length - index - 1));
            spawns++;
            child = scheduler.spawn(body(target, atMs, `${label}/${spawns}`), { name: 'child' });
            record(atMs, `${where} spawned`);
            break;
          }
          case 'all':
            yield* all(step.ms.map((ms) => waitMs(ms)));
            atMs += step.ms.length === 0 ? 0 : Math.max(...step.ms);
            record(atMs, `${where} all`);
            break;
          case 'race': {
            const winner = yield* race(step.ms.map((ms) => waitMs(ms)));
            atMs += Math.min(...step.ms);
            record(atMs, `${where} race won by ${winner.index}`);
            break;
          }
          case 'join':
            if (child === undefined) break;
            yield* child;
            atMs = Math.max(atMs, endMs.get(child)!);
            record(atMs, `${where} joined`);
            break;
        }
      }
    }
    endMs.set(scheduler.current!, atMs);
    return atMs;
  }
  function* director(): Behaviour {
    let atMs = 0;
    for (const start of [...program.starts].sort((a, b) => a.atMs - b.atMs)) {
      if (start.atMs > atMs) yield* waitMs(start.atMs - atMs);
      atMs = Math.max(atMs, start.atMs);
      scheduler.spawn(body(start.body, atMs, `b${start.body}@${start.atMs}`), { name: 'started', detached: true });
    }
  }
  scheduler.spawn(director(), { name: 'director' });
  for (let frame = 0; scheduler.nowMs < untilMs; frame++) scheduler.tick(frameMs(frame));
  return log.filter((entry) => entry.atMs <= untilMs).map((entry) => entry.line);
}

const msValueArb = fc.oneof(fc.integer({ min: 1, max: 300 }), fc.constantFrom(1000 / 60, 12.5, 33.3, 100, 250));
const msStepArb: fc.Arbitrary<MsStep> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ s: fc.constant('ms' as const), ms: msValueArb }) },
  { weight: 2, arbitrary: fc.record({ s: fc.constant('spawn' as const), body: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ s: fc.constant('all' as const), ms: fc.array(msValueArb, { maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ s: fc.constant('race' as const), ms: fc.array(msValueArb, { minLength: 1, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.constant({ s: 'join' as const }) },
);
const msProgramArb: fc.Arbitrary<MsProgram> = fc.array(
  fc.record({ steps: fc.array(msStepArb, { minLength: 1, maxLength: 5 }), loops: fc.integer({ min: 1, max: 8 }) }),
  { minLength: 1, maxLength: 4 },
).chain((bodies) =>
  fc.record({
    bodies: fc.constant(bodies),
    starts: fc.array(fc.record({ atMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2000 })), body: fc.nat(bodies.length - 1) }), {
      minLength: 1,
      maxLength: 4,
    }),
  }),
);

const hz = (rate: number) => () => 1000 / rate;

describe('waitMs frame-rate independence', () => {
  it('fires loops of waitMs the same number of times, in the same order, at 30, 60 and 144 Hz and with jitter', () => {
    function* every(periodMs: number, label: string, log: string[]): Behaviour {
      for (let n = 1; ; n++) {
        yield* waitMs(periodMs);
        log.push(`${label}${n}`);
      }
    }
    const outcomes = [hz(30), hz(60), hz(144), (frame: number) => [3, 40, 9, 16, 27, 1, 60][frame % 7]].map((frameMs) => {
      const scheduler = createScheduler();
      const log: string[] = [];
      scheduler.spawn(every(100, 'a', log));
      scheduler.spawn(every(250, 'b', log));
      scheduler.spawn(every(1000 / 3, 'c', log));
      let frame = 0;
      while (scheduler.nowMs < 10_000 - 1e-6) {
        scheduler.tick(Math.min(frameMs(frame++), 10_000 - scheduler.nowMs));
      }
      return log;
    });
    expect(outcomes[0].filter((line) => line.startsWith('a'))).toHaveLength(100);
    expect(outcomes[0].filter((line) => line.startsWith('b'))).toHaveLength(40);
    expect(outcomes[0].filter((line) => line.startsWith('c'))).toHaveLength(30);
    for (const outcome of outcomes.slice(1)) expect(outcome).toEqual(outcomes[0]);
  });

  it('gives random waitMs programs (spawns, all, race, joins) the same events at the same game times at any frame rate', () => {
    fc.assert(
      fc.property(msProgramArb, fc.array(fc.double({ min: 0.5, max: 250, noNaN: true }), { minLength: 1, maxLength: 20 }), (program, jitter) => {
        const untilMs = 3000;
        const reference = runAt(program, hz(60), untilMs);
        expect(runAt(program, hz(30), untilMs)).toEqual(reference);
        expect(runAt(program, hz(144), untilMs)).toEqual(reference);
        expect(runAt(program, (frame) => jitter[frame % jitter.length], untilMs)).toEqual(reference);
      }),
      fcSettings(300),
    );
  }, SLOW_TEST_TIMEOUT_MS);
});
