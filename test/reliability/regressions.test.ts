// Core bugs found by the reliability tests (reported in /work/notes/core-requests.md as R1-R8, now fixed).
// Each test is the minimal repro from that report, so the bug cannot come back unnoticed.
import { describe, expect, it } from 'vitest';
import {
  all,
  createScheduler,
  createSignal,
  currentTask,
  race,
  waitFrames,
  waitMs,
  waitSignal,
  waitUntil,
  type Behaviour,
  type Scheduler,
  type Task,
  lateness,
} from '../../src/index.js';

describe('createScheduler (regressions found by the reliability tests)', () => {
  // R1: a timer's deadline must not leak into later, unrelated resumes (waitMs firing a whole tick early).
  it('R1a: counts waitMs after joining an already-finished task from now, not from that task\'s old deadline', () => {
    const scheduler = createScheduler();
    const log: string[] = [];
    function* quick(): Behaviour<number> {
      yield* waitMs(100);
      return 1;
    }
    const quickTask = scheduler.spawn(quick());
    function* joiner(): Behaviour {
      yield* waitFrames(50); // frame 50, 800 ms
      yield* quickTask;
      yield* waitMs(50); // due at 850 ms: resumes at frame 54, 864 ms
      const lateMs = yield* lateness();
      log.push(`${scheduler.nowMs} ${lateMs}`);
    }
    scheduler.spawn(joiner());
    for (let i = 0; i < 60; i++) scheduler.tick(16);
    expect(log).toEqual(['864 14']);
  });

  it('R1b: counts waitMs after joining a task cancelled from outside from now', () => {
    const scheduler = createScheduler();
    const log: string[] = [];
    function* sleeper(): Behaviour {
      yield* waitMs(100);
      yield* waitFrames(1000);
    }
    const sleeperTask = scheduler.spawn(sleeper());
    function* joiner(): Behaviour {
      try {
        yield* sleeperTask;
      } catch (error) {
        log.push((error as Error).name);
      }
      yield* waitMs(50);
      const lateMs = yield* lateness();
      log.push(`${scheduler.nowMs} ${lateMs}`);
    }
    scheduler.spawn(joiner());
    for (let i = 0; i < 50; i++) scheduler.tick(16);
    sleeperTask.cancel(); // at 800 ms
    for (let i = 0; i < 10; i++) scheduler.tick(16);
    expect(log).toEqual(['CancelledError', '864 14']);
  });

  it('R1c: counts waitMs after joining a parent that completed with its last child from the child\'s time', () => {
    const scheduler = createScheduler();
    const log: string[] = [];
    function* child(): Behaviour {
      yield* waitFrames(50);
    }
    function* parent(): Behaviour {
      yield* waitMs(100); // frame 7, 112 ms
      scheduler.spawn(child(), { name: 'child' }); // ends at frame 57, 912 ms
    }
    const parentTask = scheduler.spawn(parent(), { name: 'parent' });
    function* joiner(): Behaviour {
      yield* parentTask;
      yield* waitMs(50); // due at 962 ms: resumes at 976 ms
      const lateMs = yield* lateness();
      log.push(`${scheduler.nowMs} ${lateMs}`);
    }
    scheduler.spawn(joiner());
    for (let i = 0; i < 70; i++) scheduler.tick(16);
    expect(log).toEqual(['976 14']);
  });

  it('R1d: counts waitMs after a throwing waitUntil predicate from now', () => {
    const scheduler = createScheduler();
    const log: string[] = [];
    let broken = false;
    function* watcher(): Behaviour {
      yield* waitMs(100);
      try {
        yield* waitUntil(() => {
          if (broken) throw new Error('sensor broke');
          return false;
        });
      } catch (error) {
        log.push((error as Error).message);
      }
      yield* waitMs(50);
      const lateMs = yield* lateness();
      log.push(`${scheduler.nowMs} ${lateMs}`);
    }
    scheduler.spawn(watcher());
    for (let i = 0; i < 50; i++) scheduler.tick(16);
    broken = true; // the predicate throws at frame 51, 816 ms; 866 ms is due at frame 55, 880 ms
    for (let i = 0; i < 10; i++) scheduler.tick(16);
    expect(log).toEqual(['sensor broke', '880 14']);
  });

  it('R2: checks a waitUntil predicate once per tick after 65+ predicate waiters are cancelled mid-phase', () => {
    const scheduler = createScheduler();
    let flag = false;
    const evaluatedAt: number[] = [];
    const victims: Task[] = [];
    function* early(): Behaviour {
      yield* waitUntil(() => flag);
      yield* waitFrames(1000);
    }
    function* watched(): Behaviour {
      yield* waitUntil(() => {
        evaluatedAt.push(scheduler.frame);
        return false;
      });
    }
    function* killer(): Behaviour {
      yield* waitUntil(() => flag);
      for (const victim of victims) victim.cancel();
    }
    function* victim(): Behaviour {
      yield* waitUntil(() => false);
    }
    scheduler.spawn(early());
    scheduler.spawn(watched());
    scheduler.spawn(killer());
    for (let i = 0; i < 70; i++) victims.push(scheduler.spawn(victim()));
    scheduler.tick(16);
    flag = true;
    scheduler.tick(16);
    scheduler.tick(16);
    scheduler.tick(16);
    expect(evaluatedAt).toEqual([0, 1, 2, 3, 4]);
  });

  it('R3: keeps signal.waiting exact when a woken waiter cancels one not yet woken', () => {
    const scheduler = createScheduler();
    const signal = createSignal<number>('signal');
    let other!: Task;
    function* first(): Behaviour {
      yield* waitSignal(signal);
      other.cancel();
    }
    function* second(): Behaviour {
      yield* waitSignal(signal);
    }
    scheduler.spawn(first());
    other = scheduler.spawn(second());
    expect(signal.waiting).toBe(2);
    signal.emit(1);
    expect(signal.waiting).toBe(0);
    expect(other.status).toBe('cancelled');
  });

  it('R4: ends a task once when it cancels itself after joining a child that just ended', () => {
    const scheduler = createScheduler();
    const order: string[] = [];
    function* intro(): Behaviour {
      yield* waitFrames(1);
    }
    function* cutscene(): Behaviour {
      try {
        const me = yield* currentTask();
        yield* scheduler.spawn(intro(), { name: 'intro' });
        me.cancel();
      } finally {
        order.push(`cutscene finally f${scheduler.frame}`);
      }
    }
    function* bystander(): Behaviour {
      for (;;) {
        yield* waitMs(100);
        order.push(`bystander ${scheduler.nowMs}`);
      }
    }
    const kept = scheduler.spawn(bystander(), { name: 'bystander' });
    const cutsceneTask = scheduler.spawn(cutscene(), { name: 'cutscene' });
    scheduler.tick(16);
    expect(cutsceneTask.status).toBe('cancelled');
    expect(scheduler.liveCount).toBe(1);
    expect(scheduler.roots().map((task) => task.id)).toEqual([kept.id]);
    for (let i = 0; i < 6; i++) scheduler.tick(16);
    expect(order).toEqual(['cutscene finally f1', 'bystander 112']);
  });

  it('R4: ends a task once when it cancels itself after its race settled', () => {
    const scheduler = createScheduler();
    function* impatient(): Behaviour {
      const me = yield* currentTask();
      yield* race([waitFrames(1), waitFrames(1)]);
      me.cancel();
    }
    function* idle(): Behaviour {
      yield* waitMs(10_000);
    }
    const kept = scheduler.spawn(idle(), { name: 'idle' });
    scheduler.spawn(impatient(), { name: 'impatient' });
    scheduler.tick(16);
    expect(scheduler.liveCount).toBe(1);
    expect(scheduler.roots().map((task) => task.id)).toEqual([kept.id]);
  });

  it('R5: has no current behaviour while onError reports a task that threw after waitFrames(1)', () => {
    const seen: string[] = [];
    const scheduler = createScheduler({ onError: () => seen.push(String(scheduler.current?.path)) });
    function* failing(): Behaviour {
      yield* waitFrames(1);
      throw new Error('boom');
    }
    scheduler.spawn(failing(), { name: 'failing' });
    scheduler.tick(16);
    expect(seen).toEqual(['undefined']);
  });

  it('R5: rejects tick() from onError as "while a tick was running"', () => {
    let scheduler!: Scheduler;
    const seen: string[] = [];
    scheduler = createScheduler({
      onError: () => {
        try {
          scheduler.tick(16);
        } catch (error) {
          seen.push((error as Error).message);
        }
      },
    });
    function* failing(): Behaviour {
      yield* waitFrames(1);
      throw new Error('boom');
    }
    scheduler.spawn(failing(), { name: 'failing' });
    for (let i = 0; i < 4; i++) scheduler.tick(16);
    expect(seen).toEqual(['tick() was called while a tick was running (from onError or a signal handler?). Call it once per frame from the game loop.']);
    expect(scheduler.frame).toBe(4);
  });

  it('R8: does not resume an all() waiter that a loser\'s finally cancelled; the failure is reported under the member', () => {
    const errors: string[] = [];
    const scheduler = createScheduler({ onError: (error, task) => errors.push(`${task.path}: ${(error as Error).message}`) });
    const order: string[] = [];
    let waiterTask!: Task;
    function* winner(): Behaviour {
      yield* waitFrames(1);
      throw new Error('winner failed');
    }
    function* loser(): Behaviour {
      try {
        yield* waitFrames(10);
      } finally {
        order.push('loser finally cancels the waiter');
        waiterTask.cancel();
      }
    }
    function* waiter(): Behaviour {
      try {
        yield* all([winner(), loser()]);
      } catch (error) {
        order.push(`caught ${(error as Error).message} (never: the waiter is cancelled)`);
      } finally {
        order.push('waiter finally');
      }
    }
    waiterTask = scheduler.spawn(waiter(), { name: 'waiter' });
    scheduler.tick(16);
    expect(order).toEqual(['loser finally cancels the waiter', 'waiter finally']);
    expect(waiterTask.status).toBe('cancelled');
    expect(errors).toEqual(['waiter#1 > all[0]#2: winner failed']);
  });

  it('R8: does not resume a race() waiter that a loser\'s finally cancelled', () => {
    const resumes: string[] = [];
    const scheduler = createScheduler({ onTrace: (event, task) => event === 'resume' && resumes.push(task.path) });
    let waiterTask!: Task;
    function* winner(): Behaviour {
      yield* waitFrames(1);
    }
    function* loser(): Behaviour {
      try {
        yield* waitFrames(10);
      } finally {
        waiterTask.cancel();
      }
    }
    function* waiter(): Behaviour {
      yield* race([winner(), loser()]);
    }
    waiterTask = scheduler.spawn(waiter(), { name: 'waiter' });
    scheduler.tick(16);
    expect(waiterTask.status).toBe('cancelled');
    expect(resumes).toEqual(['waiter#1 > race[0]#2']);
  });
});
