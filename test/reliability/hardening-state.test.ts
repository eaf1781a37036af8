// Hooks, hangs, deadlocks, state that lies, cancel-time cleanup and named bad yields: the families of issue 12
// beyond depth. Each test is what a hostile user would try, and asserts what happens now.
import { addEntity, createWorld, deleteWorld } from 'bitecs';
import { describe, expect, it, vi } from 'vitest';
import {
  TickflowError,
  all,
  createScheduler,
  createSignal,
  currentTask,
  lateness,
  race,
  waitFrames,
  waitMs,
  waitSignal,
  waitUntil,
  type Behaviour,
  type SchedulerOptions,
  type Task,
} from '../../src/index.js';
import { attachBehaviours, behavioursOf, spawnOn } from '../../src/ecs/index.js';

function recorder(options: Omit<SchedulerOptions, 'onError'> = {}) {
  const errors: string[] = [];
  const scheduler = createScheduler({
    ...options,
    onError: (error, task) => errors.push(`${task.path}: ${error instanceof Error ? error.message : String(error)}`),
  });
  return { scheduler, errors };
}

function* frameCounter(log: string[], name: string): Behaviour {
  for (;;) {
    yield* waitFrames(1);
    log.push(name);
  }
}

describe('hooks: a throwing hook is reported once and the frame completes', () => {
  for (const hook of ['onTrace', 'onResumeMeasured', 'cpuClockMs'] as const) {
    it(`${hook} that throws every time: spawn and tick do not throw, every waiter resumes, one report`, () => {
      let calls = 0;
      const throwing = (): never => {
        calls++;
        throw new Error(`${hook} broke`);
      };
      const options: Omit<SchedulerOptions, 'onError'> =
        hook === 'onTrace' ? { onTrace: throwing } : hook === 'cpuClockMs' ? { cpuClockMs: throwing } : { cpuClockMs: () => 0, onResumeMeasured: throwing };
      const { scheduler, errors } = recorder(options);
      const log: string[] = [];
      expect(() => {
        scheduler.spawn(frameCounter(log, 'a'), { name: 'a' });
        scheduler.spawn(frameCounter(log, 'b'), { name: 'b' });
      }).not.toThrow();
      expect(() => scheduler.tick(16)).not.toThrow();
      expect(() => scheduler.tick(16)).not.toThrow();
      expect(log).toEqual(['a', 'b', 'a', 'b']);
      expect(calls).toBeGreaterThan(0);
      expect(errors.length).toBe(1);
      expect(errors[0]).toContain(`${hook} threw`);
      expect(errors[0]).toContain(`${hook} broke`);
    });
  }

  it('onError that throws is logged to the console once per failure, and the tick goes on', () => {
    const scheduler = createScheduler({
      onError: () => {
        throw new Error('onError broke');
      },
    });
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const log: string[] = [];
    function* failing(): Behaviour {
      yield* waitFrames(1);
      throw new Error('boom');
    }
    scheduler.spawn(failing());
    scheduler.spawn(frameCounter(log, 'after'));
    expect(() => scheduler.tick(16)).not.toThrow();
    expect(log).toEqual(['after']);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });

  it('a waitUntil predicate that cancels its own task and returns true leaves it cancelled', () => {
    const { scheduler, errors } = recorder();
    let me: Task<unknown> | undefined;
    let armed = false;
    const finallies: string[] = [];
    function* waiter(): Behaviour {
      try {
        yield* waitUntil(() => {
          if (!armed) return false;
          me?.cancel();
          return true;
        });
        finallies.push('resumed');
      } finally {
        finallies.push('finally');
      }
    }
    me = scheduler.spawn(waiter());
    armed = true;
    scheduler.tick(16);
    expect(me.status).toBe('cancelled');
    expect(finallies).toEqual(['finally']);
    expect(errors).toEqual([]);
  });

  it('a waitUntil predicate that cancels its own task and throws leaves it cancelled, nothing reported', () => {
    const { scheduler, errors } = recorder();
    let me: Task<unknown> | undefined;
    let armed = false;
    function* waiter(): Behaviour {
      yield* waitUntil(() => {
        if (!armed) return false;
        me?.cancel();
        throw new Error('predicate broke');
      });
    }
    me = scheduler.spawn(waiter());
    armed = true;
    scheduler.tick(16);
    expect(me.status).toBe('cancelled');
    expect(errors).toEqual([]);
  });
});

describe('hangs', () => {
  it('refuses an async generator at spawn with a TickflowError that says what to write instead', () => {
    const { scheduler } = recorder();
    async function* fetchLoop(): AsyncGenerator<number> {
      yield 1;
    }
    expect(() => scheduler.spawn(fetchLoop() as unknown as Behaviour)).toThrow(TickflowError);
    expect(() => scheduler.spawn(fetchLoop() as unknown as Behaviour)).toThrow(/async generator.*function\*/);
    expect(scheduler.liveCount).toBe(0);
  });

  it('refuses an async generator given to all() or race()', () => {
    const { scheduler, errors } = recorder();
    async function* fetchLoop(): AsyncGenerator<number> {
      yield 1;
    }
    function* waiter(): Behaviour {
      yield* all([fetchLoop() as unknown as Behaviour]);
    }
    const task = scheduler.spawn(waiter(), { name: 'waiter' });
    expect(task.status).toBe('failed');
    expect(errors[0]).toMatch(/async generator/);
  });

  it('fails a behaviour that catches the bad-yield error and yields a bad value again; its finally runs', () => {
    const { scheduler, errors } = recorder();
    const order: string[] = [];
    function* stubborn(): Generator<unknown, void, unknown> {
      try {
        for (;;) {
          try {
            yield 500;
          } catch {
            order.push('caught');
          }
        }
      } finally {
        order.push('finally');
      }
    }
    const task = scheduler.spawn(stubborn() as unknown as Behaviour, { name: 'stubborn' });
    expect(task.status).toBe('failed');
    expect(order).toEqual(['caught', 'finally']);
    expect(errors.length).toBe(1);
    expect(errors[0]).toContain('yielded 500');
  });

  it('keeps nowMs finite and the tick bounded with timeScale 1e306', () => {
    const { scheduler } = recorder();
    let resumes = 0;
    function* loop(): Behaviour {
      for (;;) {
        yield* waitMs(100);
        resumes++;
      }
    }
    scheduler.spawn(loop());
    scheduler.timeScale = 1e306;
    for (let i = 0; i < 20; i++) scheduler.tick(16);
    expect(Number.isFinite(scheduler.nowMs)).toBe(true);
    expect(resumes).toBeGreaterThan(0);
    expect(resumes).toBeLessThan(1_000_000);
  });

  it('keeps two nested clocks at 1e200 each finite, and their waits bounded', () => {
    const { scheduler } = recorder();
    const outer = scheduler.createClock('outer', { timeScale: 1e200 });
    const inner = scheduler.createClock('inner', { parent: outer, timeScale: 1e200 });
    let resumes = 0;
    function* loop(): Behaviour {
      for (;;) {
        yield* waitMs(1);
        resumes++;
      }
    }
    scheduler.spawn(loop(), { clock: inner });
    for (let i = 0; i < 5; i++) scheduler.tick(16);
    expect(Number.isFinite(inner.nowMs)).toBe(true);
    expect(Number.isNaN(scheduler.nowMs)).toBe(false);
    expect(resumes).toBeLessThan(1_000_000);
  });

  it('bounds the catch-up of a waitMs(1e-300) loop inside one tick', () => {
    const { scheduler } = recorder();
    let resumes = 0;
    function* loop(): Behaviour {
      for (;;) {
        yield* waitMs(1e-300);
        resumes++;
      }
    }
    scheduler.spawn(loop());
    scheduler.tick(16);
    scheduler.tick(16);
    expect(resumes).toBeGreaterThan(0);
    expect(resumes).toBeLessThan(1_000_000);
  });
});

describe('deadlocks: join cycles are refused when the closing join is made', { timeout: 60_000 }, () => {
  it('A joins B, then B joins A: B fails naming the cycle', () => {
    const { scheduler, errors } = recorder();
    const tasks: Task<unknown>[] = [];
    function* joinOther(index: number): Behaviour {
      yield* waitFrames(index + 1);
      yield* tasks[1 - index];
    }
    tasks.push(scheduler.spawn(joinOther(0), { name: 'A', detached: true }));
    tasks.push(scheduler.spawn(joinOther(1), { name: 'B', detached: true }));
    scheduler.tick(16);
    scheduler.tick(16);
    expect(tasks[1].status).toBe('failed');
    expect(String((tasks[1].error as Error).message)).toMatch(/cycle/);
    expect(String((tasks[1].error as Error).message)).toContain('"A#1"');
    expect(String((tasks[1].error as Error).message)).toContain('"B#2"');
    // A was waiting for B: it gets B's error.
    expect(tasks[0].status).toBe('failed');
    expect(errors.length).toBe(1);
  });

  it('detects a cycle of three, and one closed through all() and race()', () => {
    for (const via of ['join', 'all', 'race'] as const) {
      const { scheduler } = recorder();
      const tasks: Task<unknown>[] = [];
      function* joinNext(index: number): Behaviour {
        yield* waitFrames(index + 1);
        const next = tasks[(index + 1) % 3];
        if (via === 'join' || index !== 0) yield* next;
        else if (via === 'all') yield* all([next]);
        else yield* race([next]);
      }
      for (let i = 0; i < 3; i++) tasks.push(scheduler.spawn(joinNext(i), { name: `T${i}`, detached: true }));
      for (let i = 0; i < 3; i++) scheduler.tick(16);
      const message = String((tasks[2].error as Error | undefined)?.message);
      expect(message).toMatch(/cycle/);
      expect(message).toContain('T0#1');
      expect(message).toContain('T1#2');
      expect(message).toContain('T2#3');
      expect(scheduler.liveCount).toBe(0);
    }
  });

  it('names every task of a cycle closed at the end of a 10,000-link chain, through a parent whose body returned', () => {
    // The check searches from both ends of the chain at once; the message still lists the cycle in wait order.
    const { scheduler, errors } = recorder();
    const links: Task<unknown>[] = [];
    let parent: Task<unknown> | undefined;
    let child: Task<unknown> | undefined;
    function* head(): Behaviour {
      yield* waitFrames(1);
      yield* parent as Task<unknown>; // closes: head -> parent -> child -> link 10,000 -> ... -> link 1 -> head
    }
    function* link(previous: Task<unknown>): Behaviour {
      yield* previous;
    }
    function* holder(): Behaviour {
      child = scheduler.spawn(link(links[links.length - 1]), { name: 'child' });
    }
    const first = scheduler.spawn(head(), { name: 'head', detached: true });
    for (let i = 0; i < 10_000; i++) links.push(scheduler.spawn(link(i === 0 ? first : links[i - 1]), { name: 'link', detached: true }));
    parent = scheduler.spawn(holder(), { name: 'parent', detached: true });
    scheduler.tick(16);
    expect(first.status).toBe('failed');
    const cycle = [first, parent, child as Task<unknown>, ...links.slice().reverse(), first];
    const message = String((first.error as Error).message);
    expect(message).toContain(`joining closes a cycle ${cycle.map((task) => `"${task.path}"`).join(' waits for ')}. None of them`);
    expect(message.startsWith(`behaviour "${first.path}" would wait forever`)).toBe(true);
    // Every other task waited (directly or not) on head: each gets its error, which is reported once, for head.
    expect(scheduler.liveCount).toBe(0);
    expect(errors.length).toBe(1);
  });

  it('does not refuse a cycle through a race() that another member can end', () => {
    const { scheduler, errors } = recorder();
    const tasks: Task<unknown>[] = [];
    function* first(): Behaviour {
      yield* waitFrames(1);
      yield* race([tasks[1], waitFrames(3)]);
    }
    function* second(): Behaviour {
      yield* waitFrames(2);
      yield* tasks[0];
    }
    tasks.push(scheduler.spawn(first(), { detached: true }), scheduler.spawn(second(), { detached: true }));
    for (let i = 0; i < 5; i++) scheduler.tick(16);
    expect(tasks.map((task) => task.status)).toEqual(['done', 'done']);
    expect(errors).toEqual([]);
  });

  it('does not refuse joins that only look alike (diamonds, shared members)', () => {
    const { scheduler, errors } = recorder();
    function* sleeper(): Behaviour<number> {
      yield* waitFrames(2);
      return 1;
    }
    function* top(): Behaviour<number> {
      const shared = scheduler.spawn(sleeper());
      const a = scheduler.spawn((function* () { return yield* shared; })());
      const b = scheduler.spawn((function* () { return yield* shared; })());
      const [x, y] = yield* all([a, b, shared]);
      return x + y;
    }
    const task = scheduler.spawn(top());
    scheduler.tick(16);
    scheduler.tick(16);
    expect(task.result).toBe(2);
    expect(errors).toEqual([]);
  });
});

describe('state that lies', () => {
  it('createClock with a NaN timeScale throws and leaves the parent disposable', () => {
    const { scheduler } = recorder();
    const parent = scheduler.createClock('parent');
    expect(() => scheduler.createClock('child', { parent, timeScale: Number.NaN })).toThrow(TickflowError);
    expect(() => parent.dispose()).not.toThrow();
  });

  it('refuses a spawn on a clock disposed during the tick', () => {
    const { scheduler, errors } = recorder();
    const doomed = scheduler.createClock('doomed');
    let refused: unknown;
    function* disposer(): Behaviour {
      yield* waitFrames(1);
      doomed.dispose();
      try {
        scheduler.spawn(waitForever(), { clock: doomed });
      } catch (error) {
        refused = error;
      }
    }
    function* waitForever(): Behaviour {
      yield* waitFrames(1_000);
    }
    scheduler.spawn(disposer());
    scheduler.tick(16);
    expect(refused).toBeInstanceOf(TickflowError);
    expect(String((refused as Error).message)).toMatch(/disposed/);
    expect(scheduler.liveCount).toBe(0);
    expect(errors).toEqual([]);
  });

  it("a slot occupant whose finally starts a behaviour in the same slot leaves one behaviour in the slot", () => {
    const { scheduler, errors } = recorder();
    const world = createWorld();
    attachBehaviours(world, scheduler);
    const eid = addEntity(world);
    function* idle(): Behaviour {
      yield* waitFrames(1_000);
    }
    function* patrol(): Behaviour {
      try {
        yield* waitFrames(1_000);
      } finally {
        spawnOn(world, eid, idle(), { name: 'idle', slot: 'brain' });
      }
    }
    spawnOn(world, eid, patrol(), { name: 'patrol', slot: 'brain' });
    spawnOn(world, eid, idle(), { name: 'chase', slot: 'brain' });
    expect(behavioursOf(world, eid).map((task) => task.name)).toEqual(['chase']);
    expect(errors.length).toBe(1);
    expect(errors[0]).toMatch(/slot "brain"/);
  });

  it('spawnOn after deleteWorld throws a TickflowError, not a TypeError', () => {
    const { scheduler } = recorder();
    const world = createWorld();
    attachBehaviours(world, scheduler);
    const eid = addEntity(world);
    deleteWorld(world);
    function* idle(): Behaviour {
      yield* waitFrames(1);
    }
    expect(() => spawnOn(world, eid, idle())).toThrow(TickflowError);
    expect(() => spawnOn(world, eid, idle())).toThrow(/deleteWorld/);
  });

  it("an ended task's status never changes: a woken waiter cancelled by a group loser stays cancelled", () => {
    const { scheduler } = recorder();
    const statuses: string[] = [];
    let waiterTask: Task<unknown> | undefined;
    function* loser(): Behaviour {
      try {
        yield* waitMs(1e9);
      } finally {
        waiterTask?.cancel();
      }
    }
    function* waiter(): Behaviour {
      yield* race([waitFrames(1), loser()]);
      statuses.push('resumed');
    }
    waiterTask = scheduler.spawn(waiter());
    scheduler.tick(16);
    expect(waiterTask.status).toBe('cancelled');
    scheduler.tick(16);
    expect(waiterTask.status).toBe('cancelled');
    expect(scheduler.liveCount).toBe(0);
  });
});

describe('cancel-time cleanup', () => {
  it('currentTask() and lateness() work inside a finally run by cancel; the rest of the finally runs', () => {
    const { scheduler, errors } = recorder();
    const log: string[] = [];
    function* cleanup(): Behaviour {
      try {
        yield* waitMs(1e9);
      } finally {
        const me = yield* currentTask();
        log.push(me.name);
        log.push(`late ${yield* lateness()}`);
        log.push('end of finally');
      }
    }
    const task = scheduler.spawn(cleanup(), { name: 'cleanup' });
    task.cancel();
    expect(log).toEqual(['cleanup', 'late 0', 'end of finally']);
    expect(errors).toEqual([]);
  });

  it('a real wait inside a cancel-finally is skipped, and the report names the wait and what was skipped', () => {
    const { scheduler, errors } = recorder();
    const log: string[] = [];
    function* cleanup(): Behaviour {
      try {
        try {
          yield* waitMs(1e9);
        } finally {
          log.push('inner');
          yield* waitMs(500);
          log.push('after wait');
        }
      } finally {
        log.push('outer');
      }
    }
    const task = scheduler.spawn(cleanup(), { name: 'fader' });
    task.cancel();
    expect(log).toEqual(['inner', 'outer']);
    expect(errors.length).toBe(1);
    expect(errors[0]).toContain('waitMs');
    expect(errors[0]).toContain('rest of that finally block');
  });
});

describe('named bad yields', () => {
  function failsWith(body: () => Generator<unknown, void, unknown>, pattern: RegExp): void {
    const { scheduler, errors } = recorder();
    const task = scheduler.spawn(body() as unknown as Behaviour, { name: 'oops' });
    expect(task.status).toBe('failed');
    expect(errors.length).toBe(1);
    expect(errors[0]).toMatch(pattern);
  }

  it('yield task (no star) says to write yield* task', () => {
    const { scheduler } = recorder();
    const other = scheduler.spawn((function* () { yield* waitFrames(5); })());
    failsWith(function* () { yield other; }, /yielded a Task; write `yield\* task` to wait for it/);
  });

  it('yield all([...]) and yield race([...]) name the combinator', () => {
    failsWith(function* () { yield all([waitFrames(1)]); }, /yield\* all\(/);
    failsWith(function* () { yield race([waitFrames(1)]); }, /yield\* race\(/);
  });

  it('yield signal says to write yield* waitSignal(signal)', () => {
    const signal = createSignal('hit');
    failsWith(function* () { yield signal; }, /yielded a Signal.*yield\* waitSignal\(hit\)/);
  });

  it('yield gen() says to write yield* or spawn it', () => {
    function* walk(): Behaviour { yield* waitFrames(1); }
    failsWith(function* () { yield walk(); }, /yielded a generator.*yield\*/);
  });

  it('yield promise says tickflow behaviours do not await promises', () => {
    failsWith(function* () { yield Promise.resolve(1); }, /yielded a Promise/);
  });

  it('yield waitFrames (the function) says to call it', () => {
    failsWith(function* () { yield waitFrames; }, /yielded the function waitFrames.*yield\* waitFrames\(/);
  });

  it('yield waitSignal(signal) names the awaitable', () => {
    const signal = createSignal('hit');
    failsWith(function* () { yield waitSignal(signal); }, /yield\* waitSignal/);
  });
});

describe('ECS hooks', () => {
  it('a runOnQuery start function that throws fails that entity alone: reported once, the others start', async () => {
    const { addComponent } = await import('bitecs');
    const { runOnQuery, startEnteredBehaviours } = await import('../../src/ecs/index.js');
    const { scheduler, errors } = recorder();
    const world = createWorld();
    attachBehaviours(world, scheduler);
    const Marker = {};
    const started: number[] = [];
    const bad = addEntity(world);
    const good = addEntity(world);
    function* wander(eid: number): Behaviour {
      started.push(eid);
      yield* waitFrames(1_000);
    }
    runOnQuery(world, [Marker], (eid) => {
      if (eid === bad) throw new Error('no route for this entity');
      return wander(eid);
    }, { name: 'wander' });
    addComponent(world, bad, Marker);
    addComponent(world, good, Marker);
    expect(() => startEnteredBehaviours(world)).not.toThrow();
    expect(started).toEqual([good]);
    expect(errors.length).toBe(1);
    expect(errors[0]).toContain('no route for this entity');
    expect(errors[0]).toContain('wander');
  });
});
