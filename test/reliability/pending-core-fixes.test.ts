// Known core bugs found by the reliability tests, each reported in /work/notes/core-requests.md. These tests
// fail until the core is fixed; then they move to regressions.test.ts (or hostile-inputs.test.ts).
import { describe, expect, it } from 'vitest';
import { all, createScheduler, race, waitFrames, type Behaviour, type Scheduler, type Task } from '../../src/index.js';

describe('createScheduler (pending core fixes)', () => {
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
