import { describe, expect, it } from 'vitest';
import { createScheduler, sequence, waitMs, type Behaviour } from '../../../src/index.js';

describe('sequence', () => {
  it('starts items staggerMs apart and returns their results once all are done', () => {
    const scheduler = createScheduler();
    const order: string[] = [];
    function* flyIn(card: string, ms: number): Behaviour<string> {
      order.push(`${card} starts at ${scheduler.nowMs}`);
      yield* waitMs(ms);
      order.push(`${card} lands at ${scheduler.nowMs}`);
      return card;
    }
    let results: unknown;
    function* deal(): Behaviour {
      results = yield* sequence(100, flyIn('a', 300), flyIn('b', 50), flyIn('c', 10));
      order.push(`dealt at ${scheduler.nowMs}`);
    }
    scheduler.spawn(deal());
    for (let i = 0; i < 20; i++) scheduler.tick(20);
    expect(order).toEqual([
      'a starts at 0',
      'b starts at 100',
      'b lands at 160',
      'c starts at 200',
      'c lands at 220',
      'a lands at 300',
      'dealt at 300',
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
  });

  it('counts the stagger from deadlines, so odd frame lengths do not shift the starts', () => {
    const scheduler = createScheduler();
    const starts: number[] = [];
    function* mark(): Behaviour {
      starts.push(scheduler.nowMs);
    }
    function* run(): Behaviour {
      yield* waitMs(10); // resumes late, at 16 ms: the stagger still counts from 10
      yield* sequence(30, mark(), waitMs(0), mark());
    }
    scheduler.spawn(run());
    for (let i = 0; i < 10; i++) scheduler.tick(16);
    // Deadlines at 10 and 70; the ticks that see them are at 16 and 80.
    expect(starts).toEqual([16, 80]);
  });

  it('cancels the members still running, finally blocks included, when one fails (an item not yet started never runs)', () => {
    const errors: unknown[] = [];
    const scheduler = createScheduler({ onError: (error) => errors.push(error) });
    const order: string[] = [];
    function* long(name: string): Behaviour {
      try {
        yield* waitMs(1000);
      } finally {
        order.push(`${name} finally`);
      }
    }
    function* broken(): Behaviour {
      yield* waitMs(10);
      throw new Error('broken');
    }
    function* show(): Behaviour {
      try {
        yield* sequence(20, long('first'), broken(), long('not started'));
      } catch (error) {
        order.push(`caught ${(error as Error).message}`);
      }
    }
    scheduler.spawn(show());
    for (let i = 0; i < 5; i++) scheduler.tick(10);
    expect(order).toEqual(['first finally', 'caught broken']);
    expect(errors).toEqual([]);
  });

  it('rejects a bad stagger and items that are not awaitables, naming sequence', () => {
    function* item(): Behaviour {}
    expect(() => sequence(Number.NaN, item())).toThrow(/sequence expects staggerMs to be a finite number of milliseconds >= 0, got NaN/);
    expect(() => sequence(-1, item())).toThrow(/got -1/);
    expect(() => sequence(10, item as never)).toThrow(/sequence item 0 is not a behaviour or awaitable.*Call it: sequence\(10, item\(\.\.\.\)\)/);
  });
});
