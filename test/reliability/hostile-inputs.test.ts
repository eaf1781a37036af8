// Hostile inputs: what a user (or a bug in user code) can throw at tickflow, one test per row of the README's
// "Hostile inputs" table. Each asserts the outcome (a clear TickflowError naming the behaviour and the fix, or a
// documented behaviour) and that a bystander (a 50 ms timer loop and a frame loop, spawned first) keeps exactly
// the schedule it has on a scheduler where nothing hostile happens.
import { addEntity, createWorld, entityExists, removeEntity, type World } from 'bitecs';
import { describe, expect, it } from 'vitest';
import {
  CancelledError,
  TickflowError,
  all,
  createScheduler,
  createSignal,
  currentTask,
  race,
  waitFrames,
  waitMs,
  waitRealMs,
  waitSignal,
  type Behaviour,
  type Scheduler,
  type SchedulerOptions,
  type Task,
  lateness,
} from '../../src/index.js';
import { attachBehaviours, behavioursOf, spawnOn } from '../../src/ecs/index.js';

function startBystander(scheduler: Scheduler): string[] {
  const log: string[] = [];
  function* timerLoop(): Behaviour {
    for (;;) {
      yield* waitMs(50);
      const lateMs = yield* lateness();
      log.push(`timer f${scheduler.frame} ${scheduler.nowMs}ms late ${lateMs}`);
    }
  }
  function* frameLoop(): Behaviour {
    for (;;) {
      yield* waitFrames(1);
      log.push(`frame f${scheduler.frame}`);
    }
  }
  scheduler.spawn(timerLoop(), { name: 'bystanderTimer' });
  scheduler.spawn(frameLoop(), { name: 'bystanderFrames' });
  return log;
}

/**
 * A scheduler with a bystander and an onError recorder. `tick` records each frame time it accepted, so
 * `expectBystanderUndisturbed` can replay them on a control scheduler that runs the bystander alone.
 */
function harness(options: Omit<SchedulerOptions, 'onError'> = {}) {
  const errors: string[] = [];
  const errorObjects: unknown[] = [];
  const scheduler = createScheduler({
    ...options,
    onError: (error, task) => {
      errorObjects.push(error);
      errors.push(`${task.path}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    },
  });
  const bystanderLog = startBystander(scheduler);
  const acceptedDts: number[] = [];
  return {
    scheduler,
    errors,
    errorObjects,
    tick(dtMs = 16): void {
      scheduler.tick(dtMs);
      acceptedDts.push(dtMs);
    },
    ticks(count: number, dtMs = 16): void {
      for (let i = 0; i < count; i++) this.tick(dtMs);
    },
    expectBystanderUndisturbed(): void {
      const control = createScheduler(options);
      const controlLog = startBystander(control);
      for (const dtMs of acceptedDts) control.tick(dtMs);
      expect(acceptedDts.length).toBeGreaterThan(0);
      expect(bystanderLog).toEqual(controlLog);
      const names = scheduler.roots().map((task) => task.name);
      expect(names.slice(0, 2)).toEqual(['bystanderTimer', 'bystanderFrames']);
    },
  };
}

describe('finally blocks (hostile)', () => {
  it('lets a finally block cancel another behaviour: both finally blocks run inside the one cancel() call', () => {
    const h = harness();
    const order: string[] = [];
    function* guard(): Behaviour {
      try {
        yield* waitFrames(100);
      } finally {
        order.push('guard finally');
      }
    }
    const guardTask = h.scheduler.spawn(guard(), { name: 'guard' });
    function* captain(): Behaviour {
      try {
        yield* waitFrames(100);
      } finally {
        order.push('captain finally: cancels guard');
        guardTask.cancel();
        order.push('captain finally: after guard.cancel()');
      }
    }
    const captainTask = h.scheduler.spawn(captain(), { name: 'captain' });
    h.ticks(3);
    captainTask.cancel();
    h.ticks(5);
    expect(order).toEqual(['captain finally: cancels guard', 'guard finally', 'captain finally: after guard.cancel()']);
    expect([captainTask.status, guardTask.status]).toEqual(['cancelled', 'cancelled']);
    expect(h.errors).toEqual([]);
    expect(h.scheduler.liveCount).toBe(2);
    h.expectBystanderUndisturbed();
  });

  it('ignores cancel() of the task whose finally is running (it is already ending)', () => {
    const h = harness();
    const order: string[] = [];
    function* stubborn(): Behaviour {
      try {
        yield* waitFrames(100);
      } finally {
        const me = h.scheduler.current!;
        me.cancel();
        order.push(`finally ran once, status ${me.status}`);
      }
    }
    const task = h.scheduler.spawn(stubborn(), { name: 'stubborn' });
    h.tick();
    task.cancel();
    task.cancel();
    h.ticks(4);
    expect(order).toEqual(['finally ran once, status cancelled']);
    expect(h.errors).toEqual([]);
    h.expectBystanderUndisturbed();
  });

  it('reports an error thrown by a finally block during cancel to onError; the task stays cancelled', () => {
    const h = harness();
    function* leaky(): Behaviour {
      try {
        yield* waitFrames(100);
      } finally {
        throw new Error('cleanup failed');
      }
    }
    const task = h.scheduler.spawn(leaky(), { name: 'leaky' });
    h.ticks(2);
    expect(() => task.cancel()).not.toThrow();
    h.ticks(4);
    expect(task.status).toBe('cancelled');
    expect(h.errors).toEqual(['leaky#3: Error: cleanup failed']);
    h.expectBystanderUndisturbed();
  });

  it('fails the task with the error of a finally block that throws after a normal return', () => {
    const h = harness();
    function* leaky(): Behaviour<number> {
      try {
        yield* waitFrames(1);
        return 7;
      } finally {
        throw new Error('cleanup failed');
      }
    }
    const task = h.scheduler.spawn(leaky(), { name: 'leaky' });
    h.ticks(4);
    expect(task.status).toBe('failed');
    expect((task.error as Error).message).toBe('cleanup failed');
    expect(h.errors).toEqual(['leaky#3: Error: cleanup failed']);
    h.expectBystanderUndisturbed();
  });

  it('skips a yield* inside a finally that runs because of a cancel, with an error naming the behaviour and the fix', () => {
    const h = harness();
    const order: string[] = [];
    function* fader(): Behaviour {
      try {
        yield* waitFrames(100);
      } finally {
        order.push('finally starts');
        yield* waitMs(300); // cleanup on cancel is synchronous: this wait and the rest are skipped
        order.push('after the wait (never)');
      }
    }
    const task = h.scheduler.spawn(fader(), { name: 'fader' });
    h.tick();
    task.cancel();
    h.ticks(30);
    expect(order).toEqual(['finally starts']);
    expect(task.status).toBe('cancelled');
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0]).toMatch(/^fader#3: TickflowError: behaviour "fader#3" waited \(yield\* waitMs\(300\)\) inside a finally block while being cancelled/);
    expect(h.errors[0]).toMatch(/move a real wait out of finally, or spawn a detached behaviour for it/);
    expect(h.scheduler.liveCount).toBe(2);
    h.expectBystanderUndisturbed();
  });

  it('waits normally inside a finally that runs because the body returned', () => {
    const h = harness();
    const order: string[] = [];
    function* fader(): Behaviour {
      try {
        yield* waitFrames(1);
      } finally {
        yield* waitMs(100);
        order.push(`faded at ${h.scheduler.nowMs}`);
      }
    }
    const task = h.scheduler.spawn(fader(), { name: 'fader' });
    h.ticks(10);
    expect(order).toEqual(['faded at 128']); // body ends at 16 ms; 116 ms is due in the tick at 128 ms
    expect(task.status).toBe('done');
    h.expectBystanderUndisturbed();
  });
});

describe('Task.cancel (hostile)', () => {
  it('lets a child cancel its parent: the child stops at its next yield*, finally blocks run innermost first', () => {
    const h = harness();
    const order: string[] = [];
    let parentTask!: Task;
    function* rebel(): Behaviour {
      try {
        yield* waitMs(32);
        order.push('child cancels parent');
        parentTask.cancel();
        order.push('child body goes on to its next yield*');
        yield* waitFrames(1);
        order.push('never');
      } finally {
        order.push('child finally');
      }
    }
    function* sibling(): Behaviour {
      try {
        yield* waitFrames(100);
      } finally {
        order.push('sibling finally');
      }
    }
    function* parent(): Behaviour {
      try {
        h.scheduler.spawn(rebel(), { name: 'rebel' });
        h.scheduler.spawn(sibling(), { name: 'sibling' });
        yield* waitFrames(100);
      } finally {
        order.push('parent finally');
      }
    }
    parentTask = h.scheduler.spawn(parent(), { name: 'parent' });
    h.ticks(6);
    expect(order).toEqual([
      'child cancels parent',
      'sibling finally',
      'child body goes on to its next yield*',
      'child finally',
      'parent finally',
    ]);
    expect(parentTask.status).toBe('cancelled');
    expect(h.errors).toEqual([]);
    expect(h.scheduler.liveCount).toBe(2);
    h.expectBystanderUndisturbed();
  });

  it('throws CancelledError at once (no frame lost) into a behaviour that joins an already cancelled task', () => {
    const h = harness();
    const order: string[] = [];
    function* scout(): Behaviour {
      yield* waitFrames(100);
    }
    const scoutTask = h.scheduler.spawn(scout(), { name: 'scout' });
    scoutTask.cancel();
    function* commander(): Behaviour {
      yield* waitFrames(2);
      try {
        yield* scoutTask;
      } catch (error) {
        order.push(`f${h.scheduler.frame} ${(error as Error).name}: ${(error as Error).message}`);
        expect(error).toBeInstanceOf(CancelledError);
      }
    }
    h.scheduler.spawn(commander(), { name: 'commander' });
    h.ticks(4);
    expect(order).toEqual(['f2 CancelledError: behaviour "scout#3" was cancelled before it finished']);
    expect(h.errors).toEqual([]);
    h.expectBystanderUndisturbed();
  });

  it('ends quietly, as cancelled, a behaviour that does not catch the CancelledError of a join', () => {
    const h = harness();
    function* scout(): Behaviour {
      yield* waitFrames(100);
    }
    const scoutTask = h.scheduler.spawn(scout(), { name: 'scout' });
    function* follower(): Behaviour {
      yield* scoutTask;
    }
    const task = h.scheduler.spawn(follower(), { name: 'follower' });
    h.ticks(1);
    scoutTask.cancel();
    h.ticks(2);
    expect(task.status).toBe('cancelled');
    expect(h.errors).toEqual([]);
    h.expectBystanderUndisturbed();
  });

  it('fails a behaviour that joins itself or its parent with an error naming it, instead of hanging', () => {
    const h = harness();
    function* narcissist(): Behaviour {
      const me = yield* currentTask();
      yield* me;
    }
    const task = h.scheduler.spawn(narcissist(), { name: 'narcissist' });
    h.ticks(3);
    expect(task.status).toBe('failed');
    expect(h.errors).toEqual([
      'narcissist#3: TickflowError: behaviour "narcissist#3" joins itself (yield* task), which can only end after it: this would wait forever. Join a child or a detached task instead.',
    ]);
    h.expectBystanderUndisturbed();
  });
});

describe('Scheduler.spawn (hostile)', () => {
  it('rejects values that are not generator objects, naming the value and the fix', () => {
    const h = harness();
    function* patrol(): Behaviour {
      yield* waitFrames(1);
    }
    const spawnAny = (value: unknown): Task => h.scheduler.spawn(value as Behaviour);
    expect(() => spawnAny(patrol)).toThrow('spawn expects a generator object, got the function patrol. Call the function* first: spawn(patrol(...)), not spawn(patrol).');
    expect(() => spawnAny({})).toThrow(/got a plain object\. Write function\* patrol\(\.\.\.\) \{ \.\.\. \} and spawn\(patrol\(\.\.\.\)\)/);
    expect(() => spawnAny(null)).toThrow(/got null/);
    expect(() => spawnAny(undefined)).toThrow(/got undefined/);
    expect(() => spawnAny(Promise.resolve())).toThrow(/got a Promise/);
    expect(() => spawnAny([1, 2][Symbol.iterator]())).toThrow(TickflowError);
    h.ticks(3);
    expect(h.scheduler.liveCount).toBe(2);
    h.expectBystanderUndisturbed();
  });

  it('refuses { background: true } outside a behaviour and together with detached, naming the fix', () => {
    const h = harness();
    function* glow(): Behaviour {
      yield* waitFrames(1);
    }
    expect(() => h.scheduler.spawn(glow(), { background: true, name: 'glow' })).toThrow(
      'spawn(..., { background: true }) for behaviour "glow" was called outside any behaviour, so there is no parent body for it to live in. ' +
        'Spawn it from inside a behaviour, or drop the option to start a top-level task.',
    );
    function* torch(): Behaviour {
      yield* waitFrames(1);
      h.scheduler.spawn(glow(), { background: true, detached: true, name: 'glow' });
    }
    const task = h.scheduler.spawn(torch(), { name: 'torch' });
    h.ticks(3);
    expect(task.status).toBe('failed');
    expect(h.errors).toEqual([
      'torch#3: TickflowError: spawn(..., { background: true }) for behaviour "glow": a task cannot be both detached and background (in behaviour "torch#3"). ' +
        'Background ties the task to its parent body; detached frees it from its parent. Pick one.',
    ]);
    h.expectBystanderUndisturbed();
  });

  it('names the spawning behaviour when a bad spawn happens inside one', () => {
    const h = harness();
    function* spawner(): Behaviour {
      yield* waitFrames(1);
      h.scheduler.spawn(spawner as unknown as Behaviour);
    }
    const task = h.scheduler.spawn(spawner(), { name: 'spawner' });
    h.ticks(3);
    expect(task.status).toBe('failed');
    expect(h.errors).toEqual([
      'spawner#3: TickflowError: spawn expects a generator object, got the function spawner (in behaviour "spawner#3"). Call the function* first: spawn(spawner(...)), not spawn(spawner).',
    ]);
    h.expectBystanderUndisturbed();
  });

  it('fails a spawn of a generator already started by hand or already spawned, leaving the first owner undisturbed', () => {
    const h = harness();
    const order: string[] = [];
    function* walk(): Behaviour {
      yield* waitFrames(2);
      order.push(`walk resumed f${h.scheduler.frame}`);
    }
    const startedByHand = walk();
    startedByHand.next();
    const byHand = h.scheduler.spawn(startedByHand, { name: 'byHand' });
    const generator = walk();
    const first = h.scheduler.spawn(generator, { name: 'first' });
    const second = h.scheduler.spawn(generator, { name: 'second' });
    h.ticks(4);
    expect([byHand.status, first.status, second.status]).toEqual(['failed', 'done', 'failed']);
    expect(order).toEqual(['walk resumed f2']);
    expect(h.errors).toEqual([
      'byHand#3: TickflowError: spawn() got a generator that was already started (spawned before, or next() was called on it) for behaviour "byHand#3". Each spawn needs a fresh generator: call the function again, spawn(patrol(eid, route)).',
      'second#5: TickflowError: spawn() got a generator that was already started (spawned before, or next() was called on it) for behaviour "second#5". Each spawn needs a fresh generator: call the function again, spawn(patrol(eid, route)).',
    ]);
    h.expectBystanderUndisturbed();
  });

  it('completes a spawn of a generator that already finished at once, with result undefined (documented)', () => {
    const h = harness();
    function* quick(): Behaviour<number> {
      return 5;
    }
    const finished = quick();
    finished.next();
    const task = h.scheduler.spawn(finished, { name: 'finished' });
    expect([task.status, task.result]).toEqual(['done', undefined]);
    h.ticks(3);
    expect(h.errors).toEqual([]);
    h.expectBystanderUndisturbed();
  });

  it('runs 10,000 behaviours spawned inside one resume to their first wait at once, and all of them next frame', () => {
    const h = harness();
    let started = 0;
    let resumed = 0;
    function* minion(): Behaviour {
      started++;
      yield* waitFrames(1);
      resumed++;
    }
    function* summoner(): Behaviour {
      yield* waitMs(32);
      for (let i = 0; i < 10_000; i++) h.scheduler.spawn(minion(), { name: 'minion' });
      // They are its children: it completes when the last of them does.
    }
    const task = h.scheduler.spawn(summoner(), { name: 'summoner' });
    h.ticks(2);
    expect([started, resumed, h.scheduler.liveCount]).toEqual([10_000, 0, 2 + 1 + 10_000]);
    h.tick();
    expect([resumed, task.status, h.scheduler.liveCount]).toEqual([10_000, 'done', 2]);
    h.ticks(5);
    expect(h.errors).toEqual([]);
    h.expectBystanderUndisturbed();
  });

  it('rejects a spawn of the generator of a behaviour that is running now, naming it and the fix', () => {
    const h = harness();
    let self!: Behaviour;
    const outcome: string[] = [];
    function* ouroboros(): Behaviour {
      try {
        h.scheduler.spawn(self, { name: 'inner' });
      } catch (error) {
        outcome.push(`${(error as Error).name}: ${(error as Error).message}`);
      }
      yield* waitFrames(1);
    }
    self = ouroboros();
    const outer = h.scheduler.spawn(self, { name: 'outer' });
    h.ticks(3);
    expect(outer.status).toBe('done');
    expect(outcome).toEqual([
      'TickflowError: spawn() got the generator of behaviour "outer#3", which is running now. Each spawn needs a fresh generator: call the function again, spawn(patrol(eid, route)).',
    ]);
    expect(h.errors).toEqual([]);
    h.expectBystanderUndisturbed();
  });
});

describe('yield without * (hostile)', () => {
  it('fails a bare yield, yield 500 and yield waitMs(500) at run time, each naming the behaviour and pointing to yield*', () => {
    const h = harness();
    function* bare(): Generator<unknown, void, unknown> {
      yield;
    }
    function* excalibur(): Generator<unknown, void, unknown> {
      yield 500;
    }
    function* noStar(): Generator<unknown, void, unknown> {
      yield waitMs(500);
    }
    const tasks = [
      h.scheduler.spawn(bare() as unknown as Behaviour, { name: 'bare' }),
      h.scheduler.spawn(excalibur() as unknown as Behaviour, { name: 'excalibur' }),
      h.scheduler.spawn(noStar() as unknown as Behaviour, { name: 'noStar' }),
    ];
    h.ticks(3);
    expect(tasks.map((task) => task.status)).toEqual(['failed', 'failed', 'failed']);
    expect(h.errors).toEqual([
      'bare#3: TickflowError: behaviour "bare#3" yielded nothing (a bare yield). tickflow behaviours wait with yield*: write yield* waitFrames(1) for "next frame" and yield* waitMs(500) for "500 ms", not yield or yield 500.',
      'excalibur#4: TickflowError: behaviour "excalibur#4" yielded 500. tickflow behaviours wait with yield*: write yield* waitFrames(1) for "next frame" and yield* waitMs(500) for "500 ms", not yield or yield 500.',
      'noStar#5: TickflowError: behaviour "noStar#5" used yield instead of yield* on an awaitable. Write yield* (with the star): yield* waitMs(500).',
    ]);
    h.expectBystanderUndisturbed();
  });
});

describe('waitFrames, waitMs and waitRealMs (hostile)', () => {
  it('rejects NaN, negative, fractional and infinite amounts inside a behaviour with its name and the fix', () => {
    const h = harness();
    const messages: string[] = [];
    const attempts: Array<[string, () => unknown]> = [
      ['waitFrames(NaN)', () => waitFrames(Number.NaN)],
      ['waitFrames(-1)', () => waitFrames(-1)],
      ['waitFrames(1.5)', () => waitFrames(1.5)],
      ['waitMs(NaN)', () => waitMs(Number.NaN)],
      ['waitMs(-5)', () => waitMs(-5)],
      ['waitMs(Infinity)', () => waitMs(Number.POSITIVE_INFINITY)],
      ['waitRealMs(NaN)', () => waitRealMs(Number.NaN)],
    ];
    function* careless(): Behaviour {
      yield* waitFrames(1);
      for (const [label, attempt] of attempts) {
        try {
          attempt();
          messages.push(`${label}: accepted`);
        } catch (error) {
          messages.push(`${label}: ${(error as Error).message}`);
        }
      }
    }
    h.scheduler.spawn(careless(), { name: 'careless' });
    h.ticks(3);
    const where = '(in behaviour "careless#3")';
    expect(messages).toEqual([
      `waitFrames(NaN): waitFrames expects a whole number of frames >= 0, got NaN ${where}. Round it (waitFrames(Math.ceil(n))) or wait for time with waitMs.`,
      `waitFrames(-1): waitFrames expects a whole number of frames >= 0, got -1 ${where}. Round it (waitFrames(Math.ceil(n))) or wait for time with waitMs.`,
      `waitFrames(1.5): waitFrames expects a whole number of frames >= 0, got 1.5 ${where}. Round it (waitFrames(Math.ceil(n))) or wait for time with waitMs.`,
      `waitMs(NaN): waitMs expects a finite number of milliseconds >= 0, got NaN ${where}. Check the value you compute the wait from.`,
      `waitMs(-5): waitMs expects a finite number of milliseconds >= 0, got -5 ${where}. Check the value you compute the wait from.`,
      `waitMs(Infinity): waitMs expects a finite number of milliseconds >= 0, got Infinity ${where}. Check the value you compute the wait from.`,
      `waitRealMs(NaN): waitRealMs expects a finite number of milliseconds >= 0, got NaN ${where}. Check the value you compute the wait from.`,
    ]);
    h.expectBystanderUndisturbed();
  });

  it('fails an uncaught bad wait: the behaviour fails with that error, reported once', () => {
    const h = harness();
    function* computesNaN(): Behaviour {
      const speed = 0;
      yield* waitMs(100 / speed - Number.POSITIVE_INFINITY); // NaN
    }
    const task = h.scheduler.spawn(computesNaN(), { name: 'computesNaN' });
    h.ticks(2);
    expect(task.status).toBe('failed');
    expect(h.errors).toEqual([
      'computesNaN#3: TickflowError: waitMs expects a finite number of milliseconds >= 0, got NaN (in behaviour "computesNaN#3"). Check the value you compute the wait from.',
    ]);
    h.expectBystanderUndisturbed();
  });

  it('accepts fractional milliseconds: waitMs(12.5) twice is due at exactly 25 ms', () => {
    const h = harness();
    const log: string[] = [];
    function* precise(): Behaviour {
      yield* waitMs(12.5);
      yield* waitMs(12.5);
      const lateMs = yield* lateness();
      log.push(`${h.scheduler.nowMs} late ${lateMs}`);
    }
    h.scheduler.spawn(precise(), { name: 'precise' });
    h.ticks(3, 10);
    expect(log).toEqual(['30 late 5']);
    h.expectBystanderUndisturbed();
  });
});

describe('all and race (hostile)', () => {
  it('returns [] from all([]) without suspending', () => {
    const h = harness();
    const log: string[] = [];
    function* nothing(): Behaviour {
      const results = yield* all([]);
      log.push(`f${h.scheduler.frame} ${JSON.stringify(results)}`);
    }
    const task = h.scheduler.spawn(nothing(), { name: 'nothing' });
    expect([log, task.status]).toEqual([['f0 []'], 'done']);
    h.ticks(2);
    h.expectBystanderUndisturbed();
  });

  it('throws from race([]) at the call, naming the behaviour and the fix', () => {
    const h = harness();
    function* nothing(): Behaviour {
      yield* race([]);
    }
    const task = h.scheduler.spawn(nothing(), { name: 'nothing' });
    h.ticks(2);
    expect(task.status).toBe('failed');
    expect(h.errors).toEqual([
      'nothing#3: TickflowError: race([]) has nothing to race and would wait forever (in behaviour "nothing#3"). Pass at least one behaviour or awaitable.',
    ]);
    h.expectBystanderUndisturbed();
  });

  it('fails a behaviour that passes itself or its parent to all() or race(), instead of hanging', () => {
    const h = harness();
    function* selfish(): Behaviour {
      const me = yield* currentTask();
      yield* all([waitFrames(1), me]);
    }
    function* child(): Behaviour {
      const me = yield* currentTask();
      yield* race([waitMs(1000), me.parent!]);
    }
    function* parent(): Behaviour {
      h.scheduler.spawn(child(), { name: 'child' });
      yield* waitFrames(1);
    }
    const selfishTask = h.scheduler.spawn(selfish(), { name: 'selfish' });
    const parentTask = h.scheduler.spawn(parent(), { name: 'parent' });
    h.ticks(3);
    expect([selfishTask.status, parentTask.status]).toEqual(['failed', 'done']);
    expect(h.errors).toEqual([
      'selfish#3: TickflowError: behaviour "selfish#3" passes itself to all() as item 1, which can only end after it: this would wait forever. Pass a child or a detached task instead.',
      'parent#5 > child#6: TickflowError: behaviour "parent#5 > child#6" passes its ancestor "parent#5" to race() as item 1, which can only end after it: this would wait forever. Pass a child or a detached task instead.',
    ]);
    expect(h.scheduler.liveCount).toBe(2);
    h.expectBystanderUndisturbed();
  });

  it('rejects an item that is not awaitable (a generator function not called) with the fix', () => {
    const h = harness();
    function* walk(): Behaviour {
      yield* waitFrames(1);
    }
    function* careless(): Behaviour {
      yield* all([walk as unknown as Behaviour]);
    }
    const task = h.scheduler.spawn(careless(), { name: 'careless' });
    h.ticks(2);
    expect(task.status).toBe('failed');
    expect(h.errors).toEqual([
      'careless#3: TickflowError: all item 0 is not a behaviour, task or awaitable: got the function walk (in behaviour "careless#3"). Call it: all([walk(...)]).',
    ]);
    h.expectBystanderUndisturbed();
  });
});

describe('Signal.emit (hostile)', () => {
  it('lets a waiter emit its own signal: the emit wakes only the others still waiting, and never loops', () => {
    const h = harness();
    const bell = createSignal<number>('bell');
    const log: string[] = [];
    function* echo(label: string): Behaviour {
      for (;;) {
        const value = yield* waitSignal(bell);
        log.push(`${label} heard ${value}`);
        if (value < 3) bell.emit(value + 1); // re-emits from inside its own wake-up
      }
    }
    h.scheduler.spawn(echo('a'), { name: 'a' });
    h.scheduler.spawn(echo('b'), { name: 'b' });
    h.tick();
    bell.emit(0);
    // The emit of 0 wakes a, then b (both waited before it). a's emit of 1, made while b has not been woken
    // yet and a has not waited again, finds nobody. b's emit of 1 is queued (an emit inside an emit's wake)
    // with a, waiting again by then; but a was already woken in this cascade of emits, so it waits for the
    // next emit: two echoes cannot ping-pong forever inside one emit.
    h.ticks(3);
    expect(log).toEqual(['a heard 0', 'b heard 0']);
    expect(bell.waiting).toBe(2);
    expect(h.errors).toEqual([]);
    h.expectBystanderUndisturbed();
  });
});

describe('Scheduler.tick (hostile)', () => {
  it('rejects NaN, negative and infinite dt with the fix and changes nothing', () => {
    const h = harness();
    h.ticks(2);
    const before = [h.scheduler.frame, h.scheduler.nowMs, h.scheduler.realNowMs];
    for (const dtMs of [Number.NaN, -1, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => h.scheduler.tick(dtMs)).toThrow(
        /^tick expects the frame's elapsed time as a finite number of milliseconds >= 0, got .+\. Large values are fine: they are clamped to maxDtMs \(100\)\.$/,
      );
    }
    expect([h.scheduler.frame, h.scheduler.nowMs, h.scheduler.realNowMs]).toEqual(before);
    h.ticks(4);
    h.expectBystanderUndisturbed();
  });

  it('clamps a huge dt (1e12 ms) to maxDtMs on both clocks', () => {
    const h = harness({ maxDtMs: 100 });
    h.tick(1e12);
    expect([h.scheduler.nowMs, h.scheduler.realNowMs]).toEqual([100, 100]);
    h.ticks(3);
    h.expectBystanderUndisturbed();
  });

  it('fails a behaviour that calls tick() from its body, naming it and the fix; the tick goes on for the others', () => {
    const h = harness();
    function* impatient(): Behaviour {
      yield* waitFrames(1);
      h.scheduler.tick(16);
    }
    const task = h.scheduler.spawn(impatient(), { name: 'impatient' });
    h.ticks(3);
    expect(task.status).toBe('failed');
    expect(h.errors).toEqual([
      'impatient#3: TickflowError: tick() was called from inside behaviour "impatient#3". The game loop ticks the scheduler; inside a behaviour, wait for the next frame with yield* waitFrames(1).',
    ]);
    expect(h.scheduler.frame).toBe(3);
    h.expectBystanderUndisturbed();
  });
});

describe('a behaviour that never yields (hostile, documented)', () => {
  it('runs a long loop without yield* to its end inside one resume: the tick waits for it, the others then resume', () => {
    // An endless loop cannot be interrupted (generators are not preemptible): the tick never returns and the
    // tab freezes. A long finite loop shows the same mechanics: everything waits for it. cpuClockMs +
    // onResumeMeasured (or tickflow/debug) point at the culprit; this fake clock counts loop iterations.
    let fakeNowMs = 0;
    const measured: string[] = [];
    const h = harness({
      cpuClockMs: () => fakeNowMs,
      onResumeMeasured: (task, elapsedMs) => {
        if (elapsedMs > 1000) measured.push(`${task.path} took ${elapsedMs}`);
      },
    });
    let total = 0;
    function* hog(): Behaviour {
      yield* waitFrames(2);
      for (let i = 0; i < 2_000_000; i++) {
        total += i & 1;
        fakeNowMs++;
      }
    }
    const task = h.scheduler.spawn(hog(), { name: 'hog' });
    h.ticks(5);
    expect([task.status, total]).toEqual(['done', 1_000_000]);
    expect(measured).toEqual(['hog#3 took 2000000']);
    h.expectBystanderUndisturbed();
  });
});

describe('spawnOn and removeEntity (hostile, tickflow/ecs)', () => {
  function ecsHarness() {
    const h = harness();
    const world: World = createWorld();
    attachBehaviours(world, h.scheduler);
    return { ...h, world };
  }

  it('lets a behaviour remove its own entity: the body goes on to its next yield*, then its finally runs', () => {
    const h = ecsHarness();
    const order: string[] = [];
    function* kamikaze(world: World, eid: number): Behaviour {
      try {
        yield* waitMs(48);
        order.push('removes its own entity');
        removeEntity(world, eid);
        order.push(`after removeEntity: entity exists ${entityExists(world, eid)}`);
        yield* waitFrames(1);
        order.push('never');
      } finally {
        order.push('finally');
      }
    }
    function* idle(): Behaviour {
      try {
        yield* waitFrames(1000);
      } finally {
        order.push('other entity finally (never)');
      }
    }
    const eid = addEntity(h.world);
    const other = addEntity(h.world);
    const task = spawnOn(h.world, eid, kamikaze(h.world, eid), { name: 'kamikaze' });
    const otherTask = spawnOn(h.world, other, idle(), { name: 'idle' });
    h.ticks(8);
    expect(order).toEqual(['removes its own entity', 'after removeEntity: entity exists false', 'finally']);
    expect([task.status, task.entity]).toEqual(['cancelled', eid]);
    expect(behavioursOf(h.world, eid)).toEqual([]);
    expect([otherTask.status, behavioursOf(h.world, other).length]).toEqual(['running', 1]);
    expect(h.errors).toEqual([]);
    expect(h.scheduler.liveCount).toBe(3);
    h.expectBystanderUndisturbed();
  });

  it('cancels every behaviour of an entity removed from inside one of them, newest first, children first', () => {
    const h = ecsHarness();
    const order: string[] = [];
    function* part(label: string): Behaviour {
      try {
        yield* waitFrames(1000);
      } finally {
        order.push(`${label} finally`);
      }
    }
    function* brain(world: World, eid: number): Behaviour {
      try {
        h.scheduler.spawn(part('brain child'), { name: 'child' });
        yield* waitMs(32);
        removeEntity(world, eid);
        yield* waitFrames(1);
      } finally {
        order.push('brain finally');
      }
    }
    const eid = addEntity(h.world);
    spawnOn(h.world, eid, part('legs'), { name: 'legs' });
    spawnOn(h.world, eid, brain(h.world, eid), { name: 'brain' });
    spawnOn(h.world, eid, part('eyes'), { name: 'eyes' });
    h.ticks(5);
    expect(order).toEqual(['eyes finally', 'brain child finally', 'legs finally', 'brain finally']);
    expect(h.scheduler.liveCount).toBe(2);
    h.expectBystanderUndisturbed();
  });
});
