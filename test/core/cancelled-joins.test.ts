// The rule for an uncaught CancelledError (src/core/lifecycle.ts, failTask): it ends its behaviour as cancelled,
// quietly (Kotlin-style), instead of failing it and reporting to onError.
import { describe, expect, it } from 'vitest';
import { CancelledError, createScheduler, race, settle, waitFrames, waitMs, type Behaviour, type Task } from '../../src/index.js';

function* wander(): Behaviour<string> {
  yield* waitMs(1e9);
  return 'never';
}

describe('joining a task that was cancelled', () => {
  it('ends an uncaught joiner as cancelled, its finally run, nothing reported', () => {
    const errors: unknown[] = [];
    const scheduler = createScheduler({ onError: (error) => errors.push(error) });
    const order: string[] = [];
    const leader = scheduler.spawn(wander(), { name: 'leader' });
    function* follower(): Behaviour {
      try {
        yield* leader;
        order.push('never');
      } finally {
        order.push('follower finally');
      }
    }
    const task = scheduler.spawn(follower(), { name: 'follower' });
    leader.cancel();
    expect(order).toEqual(['follower finally']);
    expect(task.status).toBe('cancelled');
    expect(task.error).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('passes the cancellation along a chain of joiners, each ending cancelled', () => {
    const errors: unknown[] = [];
    const scheduler = createScheduler({ onError: (error) => errors.push(error) });
    const leader = scheduler.spawn(wander());
    function* join(task: Task<unknown>): Behaviour {
      yield* task;
    }
    const middle = scheduler.spawn(join(leader));
    const last = scheduler.spawn(join(middle));
    leader.cancel();
    expect([leader.status, middle.status, last.status]).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(errors).toEqual([]);
  });

  it('treats a caught and rethrown CancelledError the same way', () => {
    const errors: unknown[] = [];
    const scheduler = createScheduler({ onError: (error) => errors.push(error) });
    const leader = scheduler.spawn(wander());
    const seen: string[] = [];
    function* follower(): Behaviour {
      try {
        yield* leader;
      } catch (error) {
        seen.push((error as Error).name);
        throw error;
      }
    }
    const task = scheduler.spawn(follower());
    leader.cancel();
    expect(seen).toEqual(['CancelledError']);
    expect(task.status).toBe('cancelled');
    expect(errors).toEqual([]);
  });

  it('cancels the joiner\'s children first, as a cancel does', () => {
    const scheduler = createScheduler();
    const order: string[] = [];
    function* child(): Behaviour {
      try {
        yield* waitMs(1e9);
      } finally {
        order.push('child finally');
      }
    }
    const leader = scheduler.spawn(wander());
    function* follower(): Behaviour {
      scheduler.spawn(child());
      try {
        yield* leader;
      } finally {
        order.push('follower finally');
      }
    }
    scheduler.spawn(follower());
    leader.cancel();
    // The follower's finally runs as the error unwinds its body, then its children are cancelled.
    expect(order).toEqual(['follower finally', 'child finally']);
  });

  it('ends a race waiter quietly when a member it joined is cancelled', () => {
    const errors: unknown[] = [];
    const scheduler = createScheduler({ onError: (error) => errors.push(error) });
    const leader = scheduler.spawn(wander());
    function* racer(): Behaviour {
      yield* race([leader, waitMs(1000)]);
    }
    const task = scheduler.spawn(racer());
    leader.cancel();
    expect(task.status).toBe('cancelled');
    expect(errors).toEqual([]);
  });

  it('still fails and reports any other error', () => {
    const errors: unknown[] = [];
    const scheduler = createScheduler({ onError: (error) => errors.push(error) });
    function* crash(): Behaviour {
      yield* waitFrames(1);
      throw new Error('boom');
    }
    const leader = scheduler.spawn(crash());
    function* follower(): Behaviour {
      yield* leader;
    }
    const task = scheduler.spawn(follower());
    scheduler.tick(16);
    expect(task.status).toBe('failed');
    // Joined: handled by the follower, whose own failure is reported once.
    expect(errors.map(String)).toEqual(['Error: boom']);
  });

  it('leaves settle() as the way to go on: the outcome says cancelled and the behaviour continues', () => {
    const scheduler = createScheduler();
    const leader = scheduler.spawn(wander());
    const order: string[] = [];
    function* follower(): Behaviour<string> {
      const outcome = yield* settle(leader);
      order.push(outcome.status);
      return 'looked around';
    }
    const task = scheduler.spawn(follower());
    leader.cancel();
    expect(order).toEqual(['cancelled']);
    expect(task.result).toBe('looked around');
  });

  it('ends a behaviour that throws a CancelledError of its own as cancelled', async () => {
    const errors: unknown[] = [];
    const scheduler = createScheduler({ onError: (error) => errors.push(error) });
    function* giveUp(): Behaviour {
      yield* waitFrames(1);
      throw new CancelledError('the player left the area');
    }
    const task = scheduler.spawn(giveUp());
    const done = task.done();
    scheduler.tick(16);
    expect(task.status).toBe('cancelled');
    expect(errors).toEqual([]);
    await expect(done).rejects.toThrow(CancelledError);
  });
});
