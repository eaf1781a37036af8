// `yield nextFrame`: the fast spelling of `yield* waitFrames(1)`. Same meaning in both scheduler
// configurations (the plain one takes the engine's fast path, onTrace / cpuClockMs the general drive loop).
import { describe, expect, it } from 'vitest';
import { createScheduler, nextFrame, waitFrames, waitMs, type Behaviour, type Scheduler, type SchedulerOptions, type Task } from '../../src/index.js';
import { taskState, waitOf, waitSummaryOf } from '../../src/core/internal.js';

const configurations: Array<[string, SchedulerOptions]> = [
  ['plain (fast path)', {}],
  ['traced (general drive loop)', { onTrace: () => {} }],
  ['measured (general drive loop)', { cpuClockMs: () => 0 }],
];

function quiet(options: SchedulerOptions): { scheduler: Scheduler; errors: string[] } {
  const errors: string[] = [];
  const scheduler = createScheduler({ ...options, onError: (error, task) => errors.push(`${task.path}: ${String(error)}`) });
  return { scheduler, errors };
}

describe.each(configurations)('yield nextFrame, %s', (_, options) => {
  it('resumes on every following tick, like yield* waitFrames(1)', () => {
    const { scheduler, errors } = quiet(options);
    const frames: number[] = [];
    function* spin(): Behaviour {
      for (;;) {
        frames.push(scheduler.frame);
        yield nextFrame;
      }
    }
    scheduler.spawn(spin());
    for (let i = 0; i < 3; i++) scheduler.tick(16);
    expect(frames).toEqual([0, 1, 2, 3]);
    expect(errors).toEqual([]);
  });

  it('keeps the order in which behaviours began waiting, mixed with yield* waitFrames(1)', () => {
    const { scheduler } = quiet(options);
    const order: string[] = [];
    function* fast(label: string): Behaviour {
      for (;;) {
        yield nextFrame;
        order.push(`${label}${scheduler.frame}`);
      }
    }
    function* star(label: string): Behaviour {
      for (;;) {
        yield* waitFrames(1);
        order.push(`${label}${scheduler.frame}`);
      }
    }
    scheduler.spawn(fast('a'));
    scheduler.spawn(star('b'));
    scheduler.spawn(fast('c'));
    scheduler.tick(16);
    scheduler.tick(16);
    expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'c2']);
  });

  it('does not resume while its clock is paused, and resumes on the first tick after', () => {
    const { scheduler } = quiet(options);
    const frames: number[] = [];
    function* spin(): Behaviour {
      for (;;) {
        yield nextFrame;
        frames.push(scheduler.frame);
      }
    }
    scheduler.spawn(spin());
    scheduler.tick(16);
    scheduler.paused = true;
    scheduler.tick(16);
    scheduler.tick(16);
    scheduler.paused = false;
    scheduler.tick(16);
    expect(frames).toEqual([1, 4]);
  });

  it('is cancelled at the yield: finally runs at once and the body never steps again', () => {
    const { scheduler } = quiet(options);
    const log: string[] = [];
    function* spin(): Behaviour {
      try {
        for (;;) {
          log.push(`step ${scheduler.frame}`);
          yield nextFrame;
        }
      } finally {
        log.push('finally');
      }
    }
    const task = scheduler.spawn(spin());
    scheduler.tick(16);
    task.cancel();
    scheduler.tick(16);
    expect(log).toEqual(['step 0', 'step 1', 'finally']);
    expect(task.status).toBe('cancelled');
  });

  it('stops at the yield when cancelled by its own body', () => {
    const { scheduler } = quiet(options);
    const log: string[] = [];
    let me: Task<unknown> | undefined;
    function* selfCancel(): Behaviour {
      try {
        yield nextFrame;
        me?.cancel();
        log.push('after cancel');
        yield nextFrame;
        log.push('unreachable');
      } finally {
        log.push('finally');
      }
    }
    me = scheduler.spawn(selfCancel());
    scheduler.tick(16);
    scheduler.tick(16);
    expect(log).toEqual(['after cancel', 'finally']);
    expect(me.status).toBe('cancelled');
  });

  it('shows in the inspector as a frames wait with 1 frame left', () => {
    const { scheduler } = quiet(options);
    function* spin(): Behaviour {
      for (;;) yield nextFrame;
    }
    const task = taskState(scheduler.spawn(spin()))!;
    expect(waitOf(task)).toEqual({ kind: 'frames', clock: scheduler.clock, leftFrames: 1 });
    expect(waitSummaryOf(task)).toBe('frames');
    scheduler.tick(16);
    expect(waitOf(task)).toEqual({ kind: 'frames', clock: scheduler.clock, leftFrames: 1 });
  });

  it('runs the frames of a child clock, and a behaviour that returns after it ends done', () => {
    const { scheduler } = quiet(options);
    const slow = scheduler.createClock('slow');
    function* twice(): Behaviour<string> {
      yield nextFrame;
      yield nextFrame;
      return 'done';
    }
    const task = scheduler.spawn(twice(), { clock: slow });
    slow.paused = true;
    scheduler.tick(16);
    expect(task.status).toBe('running');
    slow.paused = false;
    scheduler.tick(16);
    scheduler.tick(16);
    expect([task.status, task.result]).toEqual(['done', 'done']);
  });

  it('still fails yield waitFrames(1), yield waitMs(500), a bare yield and yield 500 at run time', () => {
    const { scheduler, errors } = quiet(options);
    function* noStarFrame(): Generator<unknown, void, unknown> {
      yield waitFrames(1);
    }
    function* noStarMs(): Generator<unknown, void, unknown> {
      yield waitMs(500);
    }
    function* bare(): Generator<unknown, void, unknown> {
      yield;
    }
    function* number(): Generator<unknown, void, unknown> {
      yield 500;
    }
    scheduler.spawn(noStarFrame() as never, { name: 'noStarFrame' });
    scheduler.spawn(noStarMs() as never, { name: 'noStarMs' });
    scheduler.spawn(bare() as never, { name: 'bare' });
    scheduler.spawn(number() as never, { name: 'number' });
    expect(errors).toEqual([
      expect.stringMatching(/^noStarFrame#1: TickflowError: .*used yield instead of yield\*/),
      expect.stringMatching(/^noStarMs#2: TickflowError: .*used yield instead of yield\*/),
      expect.stringMatching(/^bare#3: TickflowError: .*yielded nothing \(a bare yield\)/),
      expect.stringMatching(/^number#4: TickflowError: .*yielded 500/),
    ]);
  });
});

describe('yield nextFrame, a generator started by hand before spawn', () => {
  it('continues from its yield nextFrame (the documented lost check; at a yield* it fails as already started)', () => {
    const { scheduler, errors } = quiet({});
    const frames: number[] = [];
    function* spin(): Behaviour {
      for (;;) {
        frames.push(scheduler.frame);
        yield nextFrame;
      }
    }
    const generator = spin();
    generator.next();
    const task = scheduler.spawn(generator);
    scheduler.tick(16);
    expect([frames, task.status, errors]).toEqual([[0, 0, 1], 'running', []]);
  });
});

describe('yield nextFrame, with onTrace', () => {
  it('traces the same events as yield* waitFrames(1)', () => {
    function events(body: () => Behaviour): string[] {
      const log: string[] = [];
      const scheduler = createScheduler({ onTrace: (event, task, frame) => log.push(`${frame} ${event} ${task.name}`) });
      scheduler.spawn(body(), { name: 'spin' });
      scheduler.tick(16);
      scheduler.tick(16);
      return log;
    }
    const fast = events(function* () {
      for (;;) yield nextFrame;
    });
    const star = events(function* () {
      for (;;) yield* waitFrames(1);
    });
    expect(fast).toEqual(star);
    expect(fast).toEqual(['0 spawn spin', '0 suspend spin', '1 resume spin', '1 suspend spin', '2 resume spin', '2 suspend spin']);
  });
});
