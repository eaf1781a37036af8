import { describe, expect, it } from 'vitest';
import { all, createScheduler, createSignal, race, waitFrames, waitMs, waitSignal, type Behaviour } from '../../src/index.js';

function* after(frames: number, value: string, log?: string[]): Behaviour<string> {
  try {
    yield* waitFrames(frames);
    return value;
  } finally {
    log?.push(`${value} finally`);
  }
}

describe('all', () => {
  it('returns the results as a tuple in item order, resuming in the tick the slowest finishes', () => {
    const scheduler = createScheduler();
    let resumedAt = -1;
    function* both(): Behaviour<[string, void]> {
      const result = yield* all([after(3, 'walked'), waitMs(20)]);
      resumedAt = scheduler.frame;
      return result;
    }
    const task = scheduler.spawn(both());
    for (let i = 0; i < 5; i++) scheduler.tick(16);
    expect(resumedAt).toBe(3);
    expect(task.result).toEqual(['walked', undefined]);
  });

  it('returns [] at once for all([])', () => {
    const scheduler = createScheduler();
    function* none(): Behaviour<unknown[]> {
      return yield* all([]);
    }
    expect(scheduler.spawn(none()).result).toEqual([]);
  });

  it('cancels the other members and throws into the waiter when one fails', () => {
    const scheduler = createScheduler({ onError: () => {} });
    const log: string[] = [];
    function* broken(): Behaviour<string> {
      yield* waitFrames(1);
      throw new Error('member broke');
    }
    function* group(): Behaviour<string> {
      try {
        yield* all([after(5, 'slow', log), broken()]);
        return 'no error';
      } catch (error) {
        return `caught ${(error as Error).message}`;
      }
    }
    const task = scheduler.spawn(group());
    scheduler.tick(16);
    expect(log).toEqual(['slow finally']);
    expect(task.result).toBe('caught member broke');
  });

  it('joins tasks passed in without owning them', () => {
    const scheduler = createScheduler();
    const shared = scheduler.spawn(after(2, 'shared'), { detached: true });
    function* waiter(): Behaviour<[string, string]> {
      return yield* all([shared, after(1, 'own')]);
    }
    const task = scheduler.spawn(waiter());
    scheduler.tick(16);
    scheduler.tick(16);
    expect(task.result).toEqual(['shared', 'own']);
  });

  it('rejects items that are not behaviours, tasks or awaitables', () => {
    expect(() => all([42 as never])).toThrow(/all item 0 is not a behaviour, task or awaitable: got 42/);
    function* walk(): Behaviour {}
    expect(() => all([walk as never])).toThrow(/Call it: all\(\[walk\(\.\.\.\)\]\)/);
  });
});

describe('race', () => {
  it('returns the winner index and value and cancels the losers before resuming', () => {
    const scheduler = createScheduler();
    const log: string[] = [];
    function* contest(): Behaviour<string> {
      const outcome = yield* race([after(4, 'slow', log), after(2, 'fast', log)]);
      log.push(`winner ${outcome.index} ${outcome.value}`);
      return outcome.value;
    }
    scheduler.spawn(contest());
    for (let i = 0; i < 3; i++) scheduler.tick(16);
    expect(log).toEqual(['fast finally', 'slow finally', 'winner 1 fast']);
  });

  it('gives up a chase after a timeout: waitMs against a signal', () => {
    const scheduler = createScheduler();
    const sawPlayer = createSignal<string>('sawPlayer');
    const outcomes: string[] = [];
    function* lookout(): Behaviour {
      for (let round = 0; round < 2; round++) {
        const outcome = yield* race([waitMs(3000), waitSignal(sawPlayer)]);
        outcomes.push(outcome.index === 0 ? `gave up at ${scheduler.nowMs}` : `saw ${outcome.value}`);
      }
    }
    scheduler.spawn(lookout());
    for (let i = 0; i < 40; i++) scheduler.tick(100);
    sawPlayer.emit('thief');
    expect(outcomes).toEqual(['gave up at 3000', 'saw thief']);
  });

  it('rejects race([]) because it would wait forever', () => {
    expect(() => race([])).toThrow(/race\(\[\]\) has nothing to race and would wait forever/);
  });

  it('throws the error of a member that fails first', () => {
    const scheduler = createScheduler({ onError: () => {} });
    function* broken(): Behaviour<string> {
      yield* waitFrames(1);
      throw new Error('tripped');
    }
    function* contest(): Behaviour<string> {
      try {
        yield* race([broken(), after(3, 'slow')]);
        return 'no error';
      } catch (error) {
        return (error as Error).message;
      }
    }
    const task = scheduler.spawn(contest());
    scheduler.tick(16);
    expect(task.result).toBe('tripped');
  });
});

describe('all and race with tasks that cannot end first', () => {
  it('fails instead of waiting forever when given the waiter itself or its ancestor', () => {
    const scheduler = createScheduler({ onError: () => {} });
    let parentTask: ReturnType<typeof scheduler.spawn<void>> | undefined;
    const messages: string[] = [];
    function* child(): Behaviour {
      try {
        yield* race([parentTask!]);
      } catch (error) {
        messages.push((error as Error).message);
      }
    }
    function* parent(): Behaviour {
      yield* waitFrames(1);
      scheduler.spawn(child(), { name: 'child' });
      yield* waitFrames(1);
    }
    parentTask = scheduler.spawn(parent(), { name: 'parent' });
    scheduler.tick(16);
    expect(messages).toEqual([expect.stringMatching(/passes its ancestor "parent#1" to race\(\) as item 0.*would wait forever/)]);
  });
});
