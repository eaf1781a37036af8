import { describe, expect, it } from 'vitest';
import {
  createScheduler,
  createSignal,
  race,
  waitFrames,
  waitMs,
  waitSignal,
  waitUntil,
  type Behaviour,
  type Scheduler,
  type Signal,
  type Task,
} from '../../src/index.js';
import { createTraceRecorder, firstTraceDifference, traceLine, type TraceEntry } from '../../src/debug/index.js';
import { mulberry32 as createRandom } from '../../demos/shared/seeded-random.js';

interface World {
  scheduler: Scheduler;
  random: () => number;
  onHit: Signal<number>;
  alarm: { raised: boolean };
}

function* enemy(world: World): Behaviour {
  for (;;) {
    const outcome = yield* race([waitSignal(world.onHit), waitMs(100 + Math.floor(world.random() * 400))]);
    if (outcome.index === 0) {
      if (outcome.value > 8) throw new Error('overkill'); // an unhandled failure now and then
      yield* waitFrames(1 + Math.floor(world.random() * 3));
    } else if (world.random() < 0.2) {
      return; // wandered off
    }
  }
}

function* sentry(world: World): Behaviour {
  yield* waitUntil(() => world.alarm.raised);
  world.scheduler.spawn(enemy(world), { name: 'reinforcement' });
  yield* waitMs(250);
}

function* spawner(world: World): Behaviour {
  for (let wave = 0; ; wave++) {
    for (let i = 0; i < 3; i++) world.scheduler.spawn(enemy(world), { name: `enemy`, entity: wave * 3 + i });
    world.scheduler.spawn(sentry(world), { name: 'sentry' });
    yield* waitMs(300 + Math.floor(world.random() * 300));
  }
}

/** A session: spawns, waits, signals, cancels and uneven frame times, all from one seed. */
function runSession(seed: number, options: { extraHitAtFrame?: number } = {}): TraceEntry[] {
  const random = createRandom(seed);
  const recorder = createTraceRecorder();
  const scheduler = createScheduler({ maxDtMs: 50, onTrace: recorder.onTrace, onError: () => {} });
  const world: World = { scheduler, random, onHit: createSignal<number>('onHit'), alarm: { raised: false } };
  const main = scheduler.spawn(spawner(world), { name: 'spawner' });
  const live: Task<unknown>[] = [];
  for (let frame = 1; frame <= 400; frame++) {
    if (random() < 0.15 || frame === options.extraHitAtFrame) world.onHit.emit(Math.floor(random() * 10));
    if (random() < 0.01) world.alarm.raised = !world.alarm.raised;
    live.length = 0;
    for (const child of main.children()) live.push(child);
    if (live.length > 0 && random() < 0.05) live[Math.floor(random() * live.length)].cancel();
    scheduler.tick(8 + random() * 30);
  }
  scheduler.cancelAll();
  return recorder.entries.slice();
}

describe('createTraceRecorder', () => {
  it('records frame, behaviour path and event, with the wait in words on suspend', () => {
    const recorder = createTraceRecorder();
    const scheduler = createScheduler({ onTrace: recorder.onTrace });
    function* guard(): Behaviour {
      yield* waitMs(500);
      yield* waitFrames(2);
    }
    scheduler.spawn(guard(), { name: 'guard', entity: 4 });
    scheduler.tick(100);
    for (let i = 0; i < 6; i++) scheduler.tick(100);
    expect(recorder.lines()).toEqual([
      '0 guard#1 spawn',
      '0 guard#1 suspend waitMs 500 ms left',
      '5 guard#1 resume',
      '5 guard#1 suspend waitFrames 2 left',
      '7 guard#1 resume',
      '7 guard#1 done',
    ]);
    expect(recorder.entries[1]).toEqual({ frame: 0, path: 'guard#1', event: 'suspend', detail: 'waitMs 500 ms left' });
  });

  it('records cancellations and failures', () => {
    const recorder = createTraceRecorder();
    const scheduler = createScheduler({ onTrace: recorder.onTrace, onError: () => {} });
    const idle = scheduler.spawn((function* (): Behaviour { yield* waitFrames(10); })(), { name: 'idle' });
    scheduler.spawn((function* (): Behaviour { yield* waitFrames(1); throw new Error('boom'); })(), { name: 'bad' });
    idle.cancel();
    scheduler.tick(16);
    expect(recorder.lines().filter((line) => !line.includes('suspend') && !line.includes('spawn'))).toEqual([
      '0 idle#1 cancelled',
      '1 bad#2 resume',
      '1 bad#2 failed',
    ]);
  });

  it('keeps only the newest `limit` entries', () => {
    const recorder = createTraceRecorder({ limit: 3 });
    const scheduler = createScheduler({ onTrace: recorder.onTrace });
    scheduler.spawn((function* (): Behaviour { for (;;) yield* waitFrames(1); })(), { name: 'loop' });
    for (let i = 0; i < 10; i++) scheduler.tick(16);
    expect(recorder.lines()).toEqual(['9 loop#1 suspend waitFrames 1 left', '10 loop#1 resume', '10 loop#1 suspend waitFrames 1 left']);
    recorder.clear();
    expect(recorder.entries).toEqual([]);
  });

  it('gives the identical trace for two runs of the same seeded session (determinism)', () => {
    const first = runSession(20261125);
    const second = runSession(20261125);
    expect(firstTraceDifference(first, second)).toBeUndefined();
    // The session exercised what it claims to.
    const events = new Set(first.map((entry) => entry.event));
    expect([...events].sort()).toEqual(['cancelled', 'done', 'failed', 'resume', 'spawn', 'suspend']);
    expect(first.some((entry) => entry.detail.startsWith('signal onHit'))).toBe(true);
    expect(first.length).toBeGreaterThan(2000);
  });

  it('gives a different trace when the input differs, and says where', () => {
    const baseline = runSession(7);
    expect(firstTraceDifference(baseline, runSession(8))).toBeDefined();
    const withExtraHit = runSession(7, { extraHitAtFrame: 200 });
    const difference = firstTraceDifference(baseline, withExtraHit);
    expect(difference).toBeDefined();
    // Everything before the extra input is the same.
    const partedAt = withExtraHit[difference?.index ?? 0];
    expect(partedAt.frame).toBeGreaterThanOrEqual(199);
  });
});

describe('firstTraceDifference', () => {
  it('returns the first differing index with both lines, or undefined past a common prefix of equal length', () => {
    const a: TraceEntry[] = [
      { frame: 0, path: 'a#1', event: 'spawn', detail: '' },
      { frame: 1, path: 'a#1', event: 'done', detail: '' },
    ];
    const b: TraceEntry[] = [a[0], { frame: 2, path: 'a#1', event: 'done', detail: '' }];
    expect(firstTraceDifference(a, a.slice())).toBeUndefined();
    expect(firstTraceDifference(a, b)).toEqual({ index: 1, expected: '1 a#1 done', actual: '2 a#1 done' });
    expect(firstTraceDifference(a, a.slice(0, 1))).toEqual({ index: 1, expected: '1 a#1 done', actual: undefined });
  });
});

describe('traceLine', () => {
  it('joins frame, path, event and detail with spaces', () => {
    expect(traceLine({ frame: 3, path: 'x#1 > y#2', event: 'suspend', detail: 'signal onHit' })).toBe('3 x#1 > y#2 suspend signal onHit');
  });
});
