import { describe, expect, it, vi } from 'vitest';
import {
  TickflowError,
  all,
  createScheduler,
  createSignal,
  race,
  waitFrames,
  waitMs,
  waitRealMs,
  waitSignal,
  waitUntil,
  type Behaviour,
  type Task,
  lateness,
} from '../../src/index.js';

/** A scheduler whose onError records instead of printing. */
function quietScheduler(maxDtMs = 100) {
  const errors: Array<{ error: unknown; path: string }> = [];
  const scheduler = createScheduler({ maxDtMs, onError: (error, task) => errors.push({ error, path: task.path }) });
  return { scheduler, errors };
}

function* everyFrame(order: string[], label: string): Behaviour {
  for (let frame = 1; ; frame++) {
    yield* waitFrames(1);
    order.push(`${label}${frame}`);
  }
}

describe('createScheduler', () => {
  it('starts at frame 0 and 0 ms on both clocks', () => {
    const scheduler = createScheduler();
    expect([scheduler.frame, scheduler.nowMs, scheduler.realNowMs, scheduler.liveCount]).toEqual([0, 0, 0, 0]);
  });

  it('clamps each tick to maxDtMs, 100 by default', () => {
    const scheduler = createScheduler();
    scheduler.tick(5000);
    expect(scheduler.nowMs).toBe(100);
    const custom = createScheduler({ maxDtMs: 40 });
    custom.tick(1000);
    expect([custom.nowMs, custom.realNowMs]).toEqual([40, 40]);
  });

  it('rejects a maxDtMs that is not a positive finite number', () => {
    expect(() => createScheduler({ maxDtMs: 0 })).toThrow(/maxDtMs must be a finite number of milliseconds > 0, got 0/);
    expect(() => createScheduler({ maxDtMs: Number.NaN })).toThrow(TickflowError);
  });
});

describe('scheduler.spawn', () => {
  it('runs the behaviour synchronously up to its first wait', () => {
    const { scheduler } = quietScheduler();
    const order: string[] = [];
    function* greet(): Behaviour {
      order.push('before wait');
      yield* waitFrames(1);
      order.push('after wait');
    }
    scheduler.spawn(greet());
    order.push('spawn returned');
    scheduler.tick(16);
    expect(order).toEqual(['before wait', 'spawn returned', 'after wait']);
  });

  it('finishes a behaviour with no waits inside spawn and keeps its result', () => {
    const { scheduler } = quietScheduler();
    function* answer(): Behaviour<number> {
      return 42;
    }
    const task = scheduler.spawn(answer());
    expect([task.status, task.result, scheduler.liveCount]).toEqual(['done', 42, 0]);
  });

  it('names tasks with a path of parent > child and ids in spawn order', () => {
    const { scheduler } = quietScheduler();
    let child: Task<void> | undefined;
    function* leaf(): Behaviour {
      yield* waitFrames(5);
    }
    function* level(): Behaviour {
      child = scheduler.spawn(leaf(), { name: 'guard' });
      yield* waitFrames(5);
    }
    const root = scheduler.spawn(level(), { name: 'level' });
    expect(root.path).toBe('level#1');
    expect(child?.path).toBe('level#1 > guard#2');
    expect(child?.parent).toBe(root);
    expect(root.children().length).toBe(1);
    expect(root.children()[0]).toBe(child);
  });

  it('makes a task spawned inside another body its child, unless detached', () => {
    const { scheduler } = quietScheduler();
    const tasks: Task<void>[] = [];
    function* sleeper(): Behaviour {
      yield* waitMs(1000);
    }
    function* parent(): Behaviour {
      tasks.push(scheduler.spawn(sleeper(), { name: 'child' }));
      tasks.push(scheduler.spawn(sleeper(), { name: 'free', detached: true }));
      yield* waitMs(1000);
    }
    const root = scheduler.spawn(parent(), { name: 'parent' });
    root.cancel();
    expect(tasks.map((task) => task.status)).toEqual(['cancelled', 'running']);
    expect(tasks[1].parent).toBeNull();
  });

  it('rejects a generator function passed without calling it, naming the fix', () => {
    const { scheduler } = quietScheduler();
    function* patrol(): Behaviour {
      yield* waitFrames(1);
    }
    expect(() => scheduler.spawn(patrol as never)).toThrow(/got the function patrol.*spawn\(patrol\(\.\.\.\)\), not spawn\(patrol\)/);
  });

  it('rejects values that are not generator objects', () => {
    const { scheduler } = quietScheduler();
    for (const value of [500, null, undefined, 'patrol', { next: 1 }]) {
      expect(() => scheduler.spawn(value as never)).toThrow(/spawn expects a generator object/);
    }
    expect(scheduler.liveCount).toBe(0);
  });

  it('fails a spawn of a generator that is already spawned, leaving the first task undisturbed', () => {
    const { scheduler, errors } = quietScheduler();
    let ticks = 0;
    function* counter(): Behaviour {
      for (;;) {
        yield* waitFrames(1);
        ticks++;
      }
    }
    const generator = counter();
    const first = scheduler.spawn(generator, { name: 'counter' });
    const second = scheduler.spawn(generator, { name: 'again' });
    expect(second.status).toBe('failed');
    expect(String(second.error)).toMatch(/already started.*"again#2".*spawn\(patrol\(eid, route\)\)/);
    expect(errors.map((entry) => entry.path)).toEqual(['again#2']);
    scheduler.tick(16);
    scheduler.tick(16);
    expect([first.status, ticks]).toEqual(['running', 2]);
  });

  it('fails a spawn of a generator started by hand with next()', () => {
    const { scheduler } = quietScheduler();
    function* wait(): Behaviour {
      yield* waitFrames(2);
    }
    const generator = wait();
    generator.next();
    expect(scheduler.spawn(generator).status).toBe('failed');
  });
});

describe('scheduler.tick', () => {
  it('advances frame and the game clock by dt times timeScale', () => {
    const scheduler = createScheduler();
    scheduler.tick(16);
    scheduler.timeScale = 0.5;
    scheduler.tick(16);
    expect([scheduler.frame, scheduler.nowMs, scheduler.realNowMs]).toEqual([2, 24, 32]);
  });

  it('rejects NaN, negative and infinite dt with the fix, changing nothing', () => {
    const scheduler = createScheduler();
    for (const dtMs of [Number.NaN, -1, Number.POSITIVE_INFINITY]) {
      expect(() => scheduler.tick(dtMs)).toThrow(/tick expects the frame's elapsed time as a finite number of milliseconds >= 0/);
    }
    expect([scheduler.frame, scheduler.nowMs]).toEqual([0, 0]);
  });

  it('fails a behaviour that calls tick() from inside its body, and the tick goes on', () => {
    const { scheduler, errors } = quietScheduler();
    const order: string[] = [];
    function* reentrant(): Behaviour {
      yield* waitFrames(1);
      scheduler.tick(16);
    }
    scheduler.spawn(reentrant(), { name: 'reentrant' });
    scheduler.spawn(everyFrame(order, 'bystander'));
    scheduler.tick(16);
    scheduler.tick(16);
    expect(String(errors[0].error)).toMatch(/tick\(\) was called from inside behaviour "reentrant#1".*yield\* waitFrames\(1\)/);
    expect(order).toEqual(['bystander1', 'bystander2']);
  });
});

describe('waitFrames semantics', () => {
  it('resumes waitFrames(3) on exactly the third following tick', () => {
    const scheduler = createScheduler();
    const resumedAt: number[] = [];
    function* wait3(): Behaviour {
      yield* waitFrames(3);
      resumedAt.push(scheduler.frame);
    }
    scheduler.tick(16);
    scheduler.spawn(wait3());
    for (let i = 0; i < 6; i++) scheduler.tick(16);
    expect(resumedAt).toEqual([4]);
  });

  it('does not suspend on waitFrames(0)', () => {
    const scheduler = createScheduler();
    function* zero(): Behaviour<string> {
      yield* waitFrames(0);
      return 'no suspend';
    }
    expect(scheduler.spawn(zero()).result).toBe('no suspend');
  });

  it('resumes frame waiters in the order they began waiting, long waits included', () => {
    const scheduler = createScheduler();
    const order: string[] = [];
    function* waiter(label: string, frames: number): Behaviour {
      yield* waitFrames(frames);
      order.push(label);
    }
    scheduler.spawn(waiter('A waits 3', 3));
    scheduler.spawn(waiter('B waits 1 later', 1));
    scheduler.tick(16);
    scheduler.spawn(waiter('C waits 2', 2));
    scheduler.tick(16);
    scheduler.spawn(waiter('D waits 1', 1));
    scheduler.tick(16);
    expect(order).toEqual(['B waits 1 later', 'A waits 3', 'C waits 2', 'D waits 1']);
  });

  it('holds frame waits while paused and counts only running ticks', () => {
    const scheduler = createScheduler();
    let resumedAtFrame = -1;
    function* wait2(): Behaviour {
      yield* waitFrames(2);
      resumedAtFrame = scheduler.frame;
    }
    scheduler.spawn(wait2());
    scheduler.tick(16);
    scheduler.paused = true;
    scheduler.tick(16);
    scheduler.tick(16);
    expect(resumedAtFrame).toBe(-1);
    scheduler.paused = false;
    scheduler.tick(16);
    expect(resumedAtFrame).toBe(4);
  });
});

describe('waitMs semantics', () => {
  function counting(scheduler: ReturnType<typeof createScheduler>, periodMs: number) {
    const state = { count: 0 };
    function* metronome(): Behaviour {
      for (;;) {
        yield* waitMs(periodMs);
        state.count++;
      }
    }
    scheduler.spawn(metronome());
    return state;
  }

  it('counts exactly floor(T / 100) over T ms whatever the frame pattern', () => {
    const patterns: number[][] = [[16], [16.67], [33.3], [7, 50, 13, 99, 1], [100], [250]];
    for (const pattern of patterns) {
      const scheduler = createScheduler();
      const metronome = counting(scheduler, 100);
      for (let i = 0; i < 2000; i++) {
        scheduler.tick(pattern[i % pattern.length]);
        expect(metronome.count).toBe(Math.floor(scheduler.nowMs / 100));
      }
    }
  });

  it('returns how late it resumed and measures the next wait from the deadline', () => {
    const scheduler = createScheduler();
    const seen: Array<[number, number]> = [];
    function* twice(): Behaviour {
      yield* waitMs(100);
      const lateA = yield* lateness();
      seen.push([scheduler.nowMs, lateA]);
      yield* waitMs(100);
      const lateB = yield* lateness();
      seen.push([scheduler.nowMs, lateB]);
    }
    scheduler.spawn(twice());
    for (let i = 0; i < 15; i++) scheduler.tick(16);
    // Deadlines 100 and 200 resume at the ticks reaching 112 and 208.
    expect(seen).toEqual([
      [112, 12],
      [208, 8],
    ]);
  });

  it('catches up several deadlines passed by one long tick, each in order, with its lateness', () => {
    const scheduler = createScheduler({ maxDtMs: 1000 });
    const fired: number[] = [];
    function* every30(): Behaviour {
      for (;;) {
        yield* waitMs(30);
        fired.push(yield* lateness());
      }
    }
    scheduler.spawn(every30());
    scheduler.tick(100);
    expect(fired).toEqual([70, 40, 10]);
  });

  it('lateness() is 0 before any timer, does not suspend, and belongs to each behaviour', () => {
    const scheduler = createScheduler();
    const seen: string[] = [];
    function* sleeper(label: string, ms: number): Behaviour {
      seen.push(`${label} before ${yield* lateness()} at frame ${scheduler.frame}`);
      yield* waitMs(ms);
      yield* waitFrames(2); // other waits leave the figure alone
      seen.push(`${label} ${yield* lateness()} at ${scheduler.nowMs}`);
    }
    scheduler.spawn(sleeper('a', 10));
    scheduler.spawn(sleeper('b', 25));
    for (let i = 0; i < 6; i++) scheduler.tick(16);
    // a: due 10, resumed at 16 (6 late); b: due 25, resumed at 32 (7 late); each then waits 2 frames.
    expect(seen).toEqual(['a before 0 at frame 0', 'b before 0 at frame 0', 'a 6 at 48', 'b 7 at 64']);
  });

  it('lateness() keeps the last timer figure across frame waits, and the next timer replaces it', () => {
    const scheduler = createScheduler();
    const seen: string[] = [];
    function* mixed(): Behaviour {
      yield* waitMs(10); // due 10, resumed at 16: 6 late
      yield* waitFrames(3);
      yield* waitFrames(1);
      seen.push(`after frames ${yield* lateness()} at ${scheduler.nowMs}`);
      yield* waitMs(20); // due 100, resumed at 112: 12 late
      seen.push(`after timer ${yield* lateness()} at ${scheduler.nowMs}`);
      yield* waitFrames(2);
      seen.push(`after frames ${yield* lateness()} at ${scheduler.nowMs}`);
    }
    scheduler.spawn(mixed());
    for (let i = 0; i < 10; i++) scheduler.tick(16);
    expect(seen).toEqual(['after frames 6 at 80', 'after timer 12 at 112', 'after frames 12 at 144']);
  });

  it('lateness() after waitRealMs is measured on the real clock, paused game clock or not', () => {
    const scheduler = createScheduler();
    scheduler.paused = true;
    const seen: number[] = [];
    function* menu(): Behaviour {
      yield* waitRealMs(40);
      seen.push(yield* lateness());
    }
    scheduler.spawn(menu());
    for (let i = 0; i < 3; i++) scheduler.tick(15);
    expect(seen).toEqual([5]);
  });

  it('resumes due timers in deadline order, equal deadlines in scheduling order', () => {
    const scheduler = createScheduler();
    const order: string[] = [];
    function* sleeper(label: string, ms: number): Behaviour {
      yield* waitMs(ms);
      order.push(label);
    }
    scheduler.spawn(sleeper('late', 50));
    scheduler.spawn(sleeper('tie first', 30));
    scheduler.spawn(sleeper('early', 10));
    scheduler.spawn(sleeper('tie second', 30));
    scheduler.tick(100);
    expect(order).toEqual(['early', 'tie first', 'tie second', 'late']);
  });

  it('is scaled by timeScale and frozen while paused', () => {
    const scheduler = createScheduler();
    let resumedAtReal = -1;
    function* sleep100(): Behaviour {
      yield* waitMs(100);
      resumedAtReal = scheduler.realNowMs;
    }
    scheduler.timeScale = 0.5;
    scheduler.spawn(sleep100());
    for (let i = 0; i < 10; i++) scheduler.tick(20); // 200 real ms = 100 game ms
    expect(resumedAtReal).toBe(200);
    resumedAtReal = -1;
    scheduler.timeScale = 1;
    scheduler.spawn(sleep100());
    scheduler.paused = true;
    for (let i = 0; i < 20; i++) scheduler.tick(20);
    expect(resumedAtReal).toBe(-1);
    scheduler.paused = false;
    for (let i = 0; i < 5; i++) scheduler.tick(20);
    // Deadline 200 game ms: reached 5 running ticks after the pause, at 700 real ms.
    expect(resumedAtReal).toBe(700);
  });

  it('fails the behaviour on NaN or negative ms, naming it and the fix', () => {
    const { scheduler, errors } = quietScheduler();
    function* bad(ms: number): Behaviour {
      yield* waitMs(ms);
    }
    scheduler.spawn(bad(Number.NaN), { name: 'nanWait' });
    scheduler.spawn(bad(-5), { name: 'negativeWait' });
    expect(errors.map((entry) => String(entry.error))).toEqual([
      expect.stringMatching(/waitMs expects a finite number of milliseconds >= 0, got NaN \(in behaviour "nanWait#1"\)/),
      expect.stringMatching(/got -5 \(in behaviour "negativeWait#2"\)/),
    ]);
  });
});

describe('waitRealMs semantics', () => {
  it('runs on the unscaled real clock while the game is paused or slowed', () => {
    const scheduler = createScheduler();
    const order: string[] = [];
    function* menuBlink(): Behaviour {
      for (;;) {
        yield* waitRealMs(100);
        order.push(`blink@${scheduler.realNowMs}`);
      }
    }
    function* gameplay(): Behaviour {
      yield* waitMs(100);
      order.push('gameplay');
    }
    scheduler.spawn(menuBlink());
    scheduler.spawn(gameplay());
    scheduler.paused = true;
    for (let i = 0; i < 10; i++) scheduler.tick(25);
    expect(order).toEqual(['blink@100', 'blink@200']);
  });
});

describe('cancel semantics', () => {
  it('runs finally blocks at once, innermost child first', () => {
    const { scheduler } = quietScheduler();
    const order: string[] = [];
    function* node(label: string, depth: number): Behaviour {
      try {
        if (depth > 0) {
          scheduler.spawn(node(`${label}.a`, depth - 1), { name: `${label}.a` });
          scheduler.spawn(node(`${label}.b`, depth - 1), { name: `${label}.b` });
        }
        yield* waitMs(10_000);
      } finally {
        order.push(label);
      }
    }
    const root = scheduler.spawn(node('root', 2));
    root.cancel();
    order.push('cancel returned');
    expect(order).toEqual(['root.b.b', 'root.b.a', 'root.b', 'root.a.b', 'root.a.a', 'root.a', 'root', 'cancel returned']);
    expect([root.status, scheduler.liveCount]).toEqual(['cancelled', 0]);
  });

  it('completes a parent whose body returned only when its children finish', () => {
    const { scheduler } = quietScheduler();
    function* child(): Behaviour {
      yield* waitFrames(3);
    }
    function* parent(): Behaviour<string> {
      scheduler.spawn(child());
      return 'body done';
    }
    const task = scheduler.spawn(parent());
    const statuses: string[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(task.status);
      scheduler.tick(16);
    }
    expect(statuses).toEqual(['running', 'running', 'running']);
    expect([task.status, task.result]).toEqual(['done', 'body done']);
  });

  it('lets a behaviour cancel itself: it stops at its next yield* and its finally runs', () => {
    const { scheduler, errors } = quietScheduler();
    const order: string[] = [];
    let self: Task<void> | undefined;
    function* quitter(): Behaviour {
      try {
        yield* waitFrames(1);
        self?.cancel();
        order.push('code up to the next wait still runs');
        yield* waitFrames(1);
        order.push('never');
      } finally {
        order.push('finally');
      }
    }
    self = scheduler.spawn(quitter());
    scheduler.tick(16);
    scheduler.tick(16);
    expect(order).toEqual(['code up to the next wait still runs', 'finally']);
    expect([self.status, errors.length]).toEqual(['cancelled', 0]);
  });

  it('lets a child cancel its parent without a "generator already running" crash', () => {
    const { scheduler, errors } = quietScheduler();
    const order: string[] = [];
    let parentTask: Task<void> | undefined;
    function* child(): Behaviour {
      try {
        yield* waitFrames(1);
        parentTask?.cancel();
        yield* waitFrames(1);
      } finally {
        order.push('child finally');
      }
    }
    function* parent(): Behaviour {
      try {
        scheduler.spawn(child());
        yield* waitFrames(10);
      } finally {
        order.push('parent finally');
      }
    }
    parentTask = scheduler.spawn(parent());
    scheduler.tick(16);
    expect(order).toEqual(['child finally', 'parent finally']);
    expect(errors).toEqual([]);
    expect(scheduler.liveCount).toBe(0);
  });

  it('ignores cancel on a task that has ended', () => {
    const { scheduler } = quietScheduler();
    function* quick(): Behaviour<number> {
      return 1;
    }
    const task = scheduler.spawn(quick());
    task.cancel();
    expect([task.status, task.result]).toEqual(['done', 1]);
  });

  it('cancels children when the parent fails', () => {
    const { scheduler, errors } = quietScheduler();
    const order: string[] = [];
    function* child(): Behaviour {
      try {
        yield* waitMs(1000);
      } finally {
        order.push('child finally');
      }
    }
    function* parent(): Behaviour {
      scheduler.spawn(child());
      yield* waitFrames(1);
      throw new Error('boom');
    }
    scheduler.spawn(parent(), { name: 'parent' });
    scheduler.tick(16);
    expect(order).toEqual(['child finally']);
    expect(errors.map((entry) => entry.path)).toEqual(['parent#1']);
  });
});

describe('error semantics', () => {
  it('fails only the throwing task, reports it once, and the tick goes on', () => {
    const { scheduler, errors } = quietScheduler();
    const order: string[] = [];
    function* faulty(): Behaviour {
      yield* waitFrames(1);
      throw new Error('bad state');
    }
    scheduler.spawn(everyFrame(order, 'before'));
    const task = scheduler.spawn(faulty(), { name: 'faulty' });
    scheduler.spawn(everyFrame(order, 'after'));
    scheduler.tick(16);
    scheduler.tick(16);
    expect(order).toEqual(['before1', 'after1', 'before2', 'after2']);
    expect([task.status, (task.error as Error).message]).toEqual(['failed', 'bad state']);
    expect(errors).toEqual([{ error: task.error, path: 'faulty#2' }]);
  });

  it('rethrows a failure into the parent that joins it instead of reporting it', () => {
    const { scheduler, errors } = quietScheduler();
    function* faulty(): Behaviour<number> {
      yield* waitFrames(1);
      throw new Error('child broke');
    }
    function* parent(): Behaviour<string> {
      try {
        yield* scheduler.spawn(faulty());
        return 'no error';
      } catch (error) {
        return `caught ${(error as Error).message}`;
      }
    }
    const task = scheduler.spawn(parent());
    scheduler.tick(16);
    expect(task.result).toBe('caught child broke');
    expect(errors).toEqual([]);
  });

  it('reports with console.error by default, naming the behaviour path', () => {
    const scheduler = createScheduler();
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    function* faulty(): Behaviour {
      throw new Error('oops');
    }
    scheduler.spawn(faulty(), { name: 'faulty', entity: 7 });
    expect(spy).toHaveBeenCalledWith('tickflow: behaviour "faulty#1" (entity 7) failed:', expect.objectContaining({ message: 'oops' }));
    spy.mockRestore();
  });

  it('fails a bare yield or yield 500 at run time with a message pointing to yield*', () => {
    const { scheduler, errors } = quietScheduler();
    function* bare(): Generator<unknown, void, unknown> {
      yield;
    }
    function* number(): Generator<unknown, void, unknown> {
      yield 500;
    }
    function* plainYieldOfAwaitable(): Generator<unknown, void, unknown> {
      yield waitMs(100);
    }
    scheduler.spawn(bare() as never, { name: 'bare' });
    scheduler.spawn(number() as never, { name: 'number' });
    scheduler.spawn(plainYieldOfAwaitable() as never, { name: 'plain' });
    expect(errors.map((entry) => String(entry.error))).toEqual([
      expect.stringMatching(/"bare#1" yielded nothing \(a bare yield\).*yield\* waitFrames\(1\)/),
      expect.stringMatching(/"number#2" yielded 500.*yield\* waitMs\(500\)/),
      expect.stringMatching(/"plain#3" used yield instead of yield\*/),
    ]);
  });

  it('lets the behaviour catch a bad yield and carry on, running finally', () => {
    const { scheduler } = quietScheduler();
    function* recovering(): Generator<unknown, string, unknown> {
      try {
        yield 500;
      } catch {
        yield* waitFrames(1);
        return 'recovered';
      }
      return 'unreachable';
    }
    const task = scheduler.spawn(recovering() as never) as Task<string>;
    scheduler.tick(16);
    expect(task.result).toBe('recovered');
  });

  it('rejects NaN, negative and fractional waitFrames naming the behaviour', () => {
    const { scheduler, errors } = quietScheduler();
    function* bad(frames: number): Behaviour {
      yield* waitFrames(frames);
    }
    scheduler.spawn(bad(Number.NaN), { name: 'a' });
    scheduler.spawn(bad(-1), { name: 'b' });
    scheduler.spawn(bad(1.5), { name: 'c' });
    expect(errors.map((entry) => String(entry.error))).toEqual([
      expect.stringMatching(/waitFrames expects a whole number of frames >= 0, got NaN \(in behaviour "a#1"\)\. Round it/),
      expect.stringMatching(/got -1 \(in behaviour "b#2"\)/),
      expect.stringMatching(/got 1\.5 \(in behaviour "c#3"\)/),
    ]);
  });
});

describe('join semantics', () => {
  it('resumes a joining parent in the same tick the child finishes, at every depth', () => {
    const scheduler = createScheduler();
    const finishedAt: Array<[string, number]> = [];
    function* leaf(): Behaviour<number> {
      yield* waitFrames(2);
      finishedAt.push(['leaf', scheduler.frame]);
      return 7;
    }
    function* middle(): Behaviour<number> {
      const value = yield* scheduler.spawn(leaf());
      finishedAt.push(['middle', scheduler.frame]);
      return value * 2;
    }
    function* top(): Behaviour<number> {
      const value = yield* scheduler.spawn(middle());
      finishedAt.push(['top', scheduler.frame]);
      return value + 1;
    }
    const task = scheduler.spawn(top());
    scheduler.tick(16);
    scheduler.tick(16);
    expect(finishedAt).toEqual([
      ['leaf', 2],
      ['middle', 2],
      ['top', 2],
    ]);
    expect(task.result).toBe(15);
  });

  it('returns at once when joining a finished task and throws CancelledError for a cancelled one', () => {
    const { scheduler } = quietScheduler();
    function* quick(): Behaviour<string> {
      return 'ready';
    }
    function* slow(): Behaviour {
      yield* waitMs(1000);
    }
    const finished = scheduler.spawn(quick(), { detached: true });
    const cancelled = scheduler.spawn(slow(), { name: 'slow' });
    cancelled.cancel();
    function* joiner(): Behaviour<string[]> {
      const seen = [yield* finished];
      try {
        yield* cancelled;
      } catch (error) {
        seen.push((error as Error).name, (error as Error).message);
      }
      return seen;
    }
    expect(scheduler.spawn(joiner()).result).toEqual(['ready', 'CancelledError', 'behaviour "slow#2" was cancelled before it finished']);
  });

  it('fails a behaviour that joins itself or its parent instead of hanging', () => {
    const { scheduler, errors } = quietScheduler();
    let parentTask: Task<void> | undefined;
    function* child(): Behaviour {
      yield* parentTask!;
    }
    function* parent(): Behaviour {
      yield* waitFrames(1);
      scheduler.spawn(child(), { name: 'child' });
      yield* waitFrames(1);
    }
    parentTask = scheduler.spawn(parent(), { name: 'parent' });
    scheduler.tick(16);
    expect(String(errors[0].error)).toMatch(/"parent#1 > child#2" joins its ancestor "parent#1".*would wait forever/);
    expect(errors[0].error).toBeInstanceOf(TickflowError);
  });
});

describe('pause and time scale', () => {
  it('resumes only real-clock waits while paused; predicates wait too', () => {
    const scheduler = createScheduler();
    const order: string[] = [];
    let open = false;
    function* door(): Behaviour {
      yield* waitUntil(() => open);
      order.push('door');
    }
    function* menu(): Behaviour {
      yield* waitRealMs(50);
      order.push('menu');
    }
    scheduler.spawn(door());
    scheduler.spawn(menu());
    scheduler.paused = true;
    open = true;
    scheduler.tick(60);
    expect(order).toEqual(['menu']);
    scheduler.paused = false;
    scheduler.tick(16);
    expect(order).toEqual(['menu', 'door']);
  });

  it('rejects a negative or NaN timeScale with the fix', () => {
    const scheduler = createScheduler();
    expect(() => {
      scheduler.timeScale = -1;
    }).toThrow(/timeScale expects a finite number >= 0 \(clock "game"\), got -1\. Use 0 to freeze time/);
    expect(scheduler.timeScale).toBe(1);
  });
});

describe('scheduler.cancelAll', () => {
  it('cancels every live behaviour and runs every finally', () => {
    const { scheduler } = quietScheduler();
    let finallies = 0;
    function* sleeper(): Behaviour {
      try {
        yield* waitMs(1000);
      } finally {
        finallies++;
      }
    }
    for (let i = 0; i < 5; i++) scheduler.spawn(sleeper());
    scheduler.cancelAll();
    expect([finallies, scheduler.liveCount]).toEqual([5, 0]);
  });
});

describe('combined semantics', () => {
  it('gives the same resume order for the same inputs (determinism)', () => {
    function run(): string[] {
      const scheduler = createScheduler();
      const order: string[] = [];
      const hit = createSignal<number>('hit');
      function* worker(id: number): Behaviour {
        for (let round = 0; round < 5; round++) {
          if (id % 3 === 0) yield* waitFrames(1 + (id % 4));
          else if (id % 3 === 1) yield* waitMs(10 + id * 7);
          else order.push(`w${id} got ${yield* waitSignal(hit)}`);
          order.push(`w${id}@${scheduler.frame}`);
        }
      }
      for (let id = 0; id < 12; id++) scheduler.spawn(worker(id));
      const frames = [16, 33, 7, 50, 16, 16, 99, 1];
      for (let i = 0; i < 40; i++) {
        scheduler.tick(frames[i % frames.length]);
        if (i % 5 === 0) hit.emit(i);
      }
      return order;
    }
    const first = run();
    expect(first.length).toBe(80); // 12 workers x 5 rounds all ran
    expect(run()).toEqual(first);
  });

  it('keeps race losers from leaking: joined waits and signals are released', () => {
    const scheduler = createScheduler();
    const never = createSignal('never');
    function* loop(): Behaviour {
      for (let i = 0; i < 1000; i++) yield* race([waitFrames(1), waitSignal(never)]);
    }
    scheduler.spawn(loop());
    for (let i = 0; i < 1000; i++) scheduler.tick(16);
    expect(never.waiting).toBe(0);
    expect(scheduler.liveCount).toBe(0);
  });

  it('does not report CancelledError of a race loser', () => {
    const { scheduler, errors } = quietScheduler();
    function* contest(): Behaviour<number> {
      const outcome = yield* race([waitMs(100), all([waitMs(200), waitMs(300)])]);
      return outcome.index;
    }
    const task = scheduler.spawn(contest());
    for (let i = 0; i < 10; i++) scheduler.tick(16);
    expect([task.result, errors.length]).toEqual([0, 0]);
  });
});
