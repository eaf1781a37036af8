import { describe, expect, it } from 'vitest';
import { createScheduler, settle, waitFrames, waitMs, type Behaviour, type Settled } from '../../src/index.js';

function* finishIn(frames: number, value: string): Behaviour<string> {
  yield* waitFrames(frames);
  return value;
}

function* failIn(frames: number, error: Error): Behaviour<string> {
  yield* waitFrames(frames);
  throw error;
}

describe('settle', () => {
  it('returns done with the value, in the tick the task finishes', () => {
    const scheduler = createScheduler();
    const seen: Array<[number, Settled<string>]> = [];
    const leader = scheduler.spawn(finishIn(2, 'arrived'), { detached: true });
    function* follower(): Behaviour {
      const outcome = yield* settle(leader);
      seen.push([scheduler.frame, outcome]);
    }
    scheduler.spawn(follower());
    scheduler.tick(16);
    scheduler.tick(16);
    expect(seen).toEqual([[2, { status: 'done', value: 'arrived' }]]);
  });

  it('returns failed with the error and keeps it away from onError', () => {
    const errors: unknown[] = [];
    const scheduler = createScheduler({ onError: (error) => errors.push(error) });
    const boom = new Error('fell in a pit');
    const leader = scheduler.spawn(failIn(1, boom));
    const outcomes: Settled<string>[] = [];
    function* follower(): Behaviour {
      outcomes.push(yield* settle(leader));
    }
    scheduler.spawn(follower());
    scheduler.tick(16);
    expect(outcomes).toEqual([{ status: 'failed', error: boom }]);
    expect(errors).toEqual([]);
  });

  it('returns cancelled without throwing or reporting when the joined task is cancelled', () => {
    const errors: unknown[] = [];
    const scheduler = createScheduler({ onError: (error) => errors.push(error) });
    const npc = scheduler.spawn(finishIn(100, 'never'), { name: 'npc' });
    const order: string[] = [];
    function* follower(): Behaviour {
      const outcome = yield* settle(npc);
      order.push(`follower saw ${outcome.status}`);
      yield* waitMs(16);
      order.push('follower goes on');
    }
    scheduler.spawn(follower());
    scheduler.tick(16);
    npc.cancel();
    order.push('cancel returned');
    scheduler.tick(16);
    expect(order).toEqual(['follower saw cancelled', 'cancel returned', 'follower goes on']);
    expect(errors).toEqual([]);
  });

  it('answers at once for a task that has already ended', () => {
    const scheduler = createScheduler({ onError: () => {} });
    const done = scheduler.spawn(finishIn(0, 'instant'));
    const cancelled = scheduler.spawn(finishIn(5, 'late'));
    cancelled.cancel();
    const outcomes: unknown[] = [];
    function* reader(): Behaviour {
      outcomes.push(yield* settle(done));
      outcomes.push(yield* settle(cancelled));
    }
    const task = scheduler.spawn(reader());
    expect(task.status).toBe('done');
    expect(outcomes).toEqual([{ status: 'done', value: 'instant' }, { status: 'cancelled' }]);
  });

  it('still throws what is a bug in the caller: settling itself', () => {
    const errors: unknown[] = [];
    const scheduler = createScheduler({ onError: (error) => errors.push(error) });
    const holder: { self?: ReturnType<typeof scheduler.spawn> } = {};
    function* selfish(): Behaviour {
      yield* waitFrames(1);
      yield* settle(holder.self!);
    }
    holder.self = scheduler.spawn(selfish(), { name: 'selfish' });
    scheduler.tick(16);
    expect((errors[0] as Error).message).toMatch(/joins itself/);
  });

  it('rejects what is not a task with a TickflowError that says to spawn it', () => {
    expect(() => settle(finishIn(1, 'x') as never)).toThrow(/settle expects a task returned by spawn\(\), got a Generator.*Spawn it first/);
  });
});
