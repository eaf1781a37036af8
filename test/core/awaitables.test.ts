import { describe, expect, it } from 'vitest';
import { createScheduler, currentTask, waitFrames, waitMs, waitUntil, waitWhile, type Behaviour, type Task } from '../../src/index.js';

describe('waitUntil', () => {
  it('does not suspend when the predicate is already true', () => {
    const scheduler = createScheduler();
    function* ready(): Behaviour<string> {
      yield* waitUntil(() => true);
      return 'at once';
    }
    expect(scheduler.spawn(ready()).result).toBe('at once');
  });

  it('checks the predicate once per tick and resumes in the first tick that sees it true', () => {
    const scheduler = createScheduler();
    let checks = 0;
    let open = false;
    let openedAt = -1;
    function* door(): Behaviour {
      yield* waitUntil(() => {
        checks++;
        return open;
      });
      openedAt = scheduler.frame;
    }
    scheduler.spawn(door());
    scheduler.tick(16);
    scheduler.tick(16);
    open = true;
    scheduler.tick(16);
    scheduler.tick(16);
    expect([checks, openedAt]).toEqual([4, 3]);
  });

  it('resumes after timers and frame waiters of the same tick, so it sees their effects', () => {
    const scheduler = createScheduler();
    const order: string[] = [];
    let flag = false;
    function* setter(): Behaviour {
      yield* waitFrames(1);
      flag = true;
      order.push('frame waiter sets flag');
    }
    function* watcher(): Behaviour {
      yield* waitUntil(() => flag);
      order.push('predicate sees it in the same tick');
    }
    scheduler.spawn(watcher());
    scheduler.spawn(setter());
    scheduler.tick(16);
    expect(order).toEqual(['frame waiter sets flag', 'predicate sees it in the same tick']);
  });

  it('throws a predicate error into the behaviour at its wait', () => {
    const scheduler = createScheduler({ onError: () => {} });
    function* guarded(): Behaviour<string> {
      try {
        yield* waitUntil(() => {
          if (scheduler.frame === 2) throw new Error('sensor broke');
          return false;
        });
        return 'unreachable';
      } catch (error) {
        return `caught ${(error as Error).message}`;
      }
    }
    const task = scheduler.spawn(guarded());
    scheduler.tick(16);
    scheduler.tick(16);
    expect(task.result).toBe('caught sensor broke');
  });

  it('rejects a predicate that is not a function, naming the fix', () => {
    expect(() => waitUntil(true as never)).toThrow(/waitUntil expects a function returning a boolean, got true\. Write waitUntil\(\(\) => condition\)/);
  });
});

describe('waitWhile', () => {
  it('waits while the predicate holds', () => {
    const scheduler = createScheduler();
    let stunned = true;
    let freedAt = -1;
    function* recover(): Behaviour {
      yield* waitWhile(() => stunned);
      freedAt = scheduler.frame;
    }
    scheduler.spawn(recover());
    scheduler.tick(16);
    stunned = false;
    scheduler.tick(16);
    expect(freedAt).toBe(2);
  });
});

describe('waitMs', () => {
  it('does not suspend for waitMs(0)', () => {
    const scheduler = createScheduler();
    function* zero(): Behaviour<string> {
      yield* waitMs(0);
      return 'went on';
    }
    const task = scheduler.spawn(zero());
    expect(task.status).toBe('done');
    expect(task.result).toBe('went on');
  });

  it('can be stored and waited on again (cached waits are immutable)', () => {
    const scheduler = createScheduler();
    const fired: number[] = [];
    const second = waitMs(1000);
    function* reuse(): Behaviour {
      for (let i = 0; i < 3; i++) {
        yield* second;
        fired.push(scheduler.nowMs);
      }
    }
    scheduler.spawn(reuse());
    waitMs(5); // another wait made in between does not change the stored one
    for (let i = 0; i < 40; i++) scheduler.tick(100);
    expect(fired).toEqual([1000, 2000, 3000]);
  });

  it('handles fractional durations drift-free too', () => {
    const scheduler = createScheduler();
    let count = 0;
    function* fast(): Behaviour {
      for (;;) {
        yield* waitMs(16.5);
        count++;
      }
    }
    scheduler.spawn(fast());
    for (let i = 0; i < 600; i++) scheduler.tick(16.67);
    expect(count).toBe(Math.floor(scheduler.nowMs / 16.5));
  });
});

describe('currentTask', () => {
  it('gives the running behaviour its own task without suspending', () => {
    const scheduler = createScheduler();
    let seen: Task<unknown> | undefined;
    function* introspective(): Behaviour {
      seen = yield* currentTask();
    }
    const task = scheduler.spawn(introspective(), { name: 'me' });
    expect(seen).toBe(task);
  });
});

describe('awaitables outside a behaviour', () => {
  it('iterate as empty collections, so spread and deep equality end at once', () => {
    const scheduler = createScheduler();
    function* idle(): Behaviour {
      yield* waitMs(10_000);
    }
    const task = scheduler.spawn(idle());
    expect([...waitFrames(1)]).toEqual([]);
    expect([...task]).toEqual([]);
    expect(Object.keys(task)).not.toContain("generator");
  });
});

describe('cached waits', () => {
  it('reuses one awaitable per whole number, large ones included, and keeps kinds apart', () => {
    expect(waitMs(250)).toBe(waitMs(250));
    expect(waitMs(1e9)).toBe(waitMs(1e9));
    expect(waitFrames(100_000)).toBe(waitFrames(100_000));
    expect(waitMs(100_000)).not.toBe(waitFrames(100_000));
    expect(waitMs(12.5)).not.toBe(waitMs(12.5));
  });
});
