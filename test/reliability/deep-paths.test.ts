// Name paths at depth: a task 100,000 levels deep has a path (computed without recursion), and an error raised
// there names it in one readable line instead of a 1.5 MB message.
import { describe, expect, it } from 'vitest';
import { createScheduler, createSignal, waitFrames, waitMs, waitSignal, type Behaviour, type Task } from '../../src/index.js';

const N = 100_000;

describe('name paths of deep tasks', () => {
  it('computes the path of a task 100,000 levels deep and shortens it in error messages', () => {
    const errors: unknown[] = [];
    const scheduler = createScheduler({ onError: (error) => errors.push(error) });
    const never = createSignal('never');
    let deepest: Task<unknown> | null = null;
    function* level(k: number): Behaviour {
      if (k < N - 1) {
        yield* waitFrames(1);
        scheduler.spawn(level(k + 1), { name: `level${k + 1}` });
        yield* waitSignal(never);
        return;
      }
      deepest = scheduler.current;
      yield* waitFrames(1);
      yield* waitMs(Number.NaN); // a bad wait at the bottom of the chain
    }
    const root = scheduler.spawn(level(0), { name: 'level0' });
    for (let i = 0; i < N + 5 && errors.length === 0; i++) scheduler.tick(16);

    const path = (deepest as Task<unknown> | null)?.path ?? '';
    expect(path.split(' > ')).toHaveLength(N);
    expect(path.startsWith('level0#1 > level1#2 > level2#3 > ')).toBe(true);
    expect(errors).toHaveLength(1);
    const message = (errors[0] as Error).message;
    expect(message).toContain(`"level0#1 > level1#2 > level2#3 > … (${N - 6} more) … > level${N - 3}#${N - 2} > level${N - 2}#${N - 1} > level${N - 1}#${N}"`);
    expect(message.length).toBeLessThan(400);
    root.cancel();
    expect(scheduler.liveCount).toBe(0);
  }, 60_000);

  it('keeps paths of up to 8 names whole in messages', () => {
    const errors: unknown[] = [];
    const scheduler = createScheduler({ onError: (error) => errors.push(error) });
    function* bad(): Behaviour {
      yield* waitMs(-1);
    }
    function* outer(): Behaviour {
      scheduler.spawn(bad(), { name: 'bad' });
      yield* waitFrames(1);
    }
    scheduler.spawn(outer(), { name: 'outer' });
    expect((errors[0] as Error).message).toContain('(in behaviour "outer#1 > bad#2")');
  });
});
