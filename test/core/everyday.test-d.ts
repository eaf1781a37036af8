import { describe, expectTypeOf, it } from 'vitest';
import {
  createQueue,
  createScheduler,
  every,
  forFrames,
  forMs,
  sequence,
  settle,
  timeout,
  waitMs,
  waitPromise,
  type AbortSignalLike,
  type Awaitable,
  type Behaviour,
  type Queue,
  type Settled,
  type TimeoutResult,
} from '../../src/index.js';
import { spring, tween } from '../../src/tween/index.js';

function* walk(): Behaviour<{ x: number }> {
  yield* waitMs(1);
  return { x: 1 };
}

function* talk(): Behaviour<string> {
  yield* waitMs(1);
  return 'hi';
}

describe('everyday result types', () => {
  it('types waitPromise by the promise, and hands the function the host AbortSignal', () => {
    function* behaviour(): Behaviour {
      expectTypeOf(yield* waitPromise(Promise.resolve(42))).toEqualTypeOf<number>();
      const body = yield* waitPromise((signal) => {
        expectTypeOf(signal).toEqualTypeOf<AbortSignal>();
        return fetch('/x', { signal }).then((response) => response.text());
      });
      expectTypeOf(body).toEqualTypeOf<string>();
      expectTypeOf(yield* waitPromise(async () => ({ hp: 3 }))).toEqualTypeOf<{ hp: number }>();
    }
    expectTypeOf<AbortSignalLike>().toEqualTypeOf<AbortSignal>();
    expectTypeOf(behaviour).returns.toEqualTypeOf<Behaviour>();
    // @ts-expect-error a number is not a promise
    waitPromise(5);
  });

  it('types settle as a union narrowed by status', () => {
    const scheduler = createScheduler();
    function* behaviour(): Behaviour {
      const outcome = yield* settle(scheduler.spawn(talk()));
      expectTypeOf(outcome).toEqualTypeOf<Settled<string>>();
      if (outcome.status === 'done') expectTypeOf(outcome.value).toEqualTypeOf<string>();
      else if (outcome.status === 'failed') expectTypeOf(outcome.error).toEqualTypeOf<unknown>();
      else expectTypeOf(outcome).toEqualTypeOf<{ status: 'cancelled' }>();
    }
    expectTypeOf(behaviour).returns.toEqualTypeOf<Behaviour>();
    // @ts-expect-error settle takes a task, not a behaviour
    settle(talk());
  });

  it('types a queue by its values', () => {
    const clicks = createQueue<{ x: number; y: number }>('clicks', { capacity: 8, overflow: 'drop-oldest' });
    expectTypeOf(clicks).toEqualTypeOf<Queue<{ x: number; y: number }>>();
    expectTypeOf(clicks.take()).toEqualTypeOf<Awaitable<{ x: number; y: number }>>();
    expectTypeOf(clicks.push({ x: 1, y: 2 })).toEqualTypeOf<boolean>();
    expectTypeOf(clicks.drain()).toEqualTypeOf<Array<{ x: number; y: number }>>();
    // @ts-expect-error the wrong value type
    clicks.push('click');
    // @ts-expect-error not an overflow policy
    createQueue('bad', { overflow: 'drop-all' });
  });

  it('types the flow helpers', () => {
    function* behaviour(): Behaviour {
      const [a, b, c] = yield* sequence(100, walk(), talk(), waitMs(5));
      expectTypeOf(a).toEqualTypeOf<{ x: number }>();
      expectTypeOf(b).toEqualTypeOf<string>();
      expectTypeOf(c).toEqualTypeOf<void>();
      const reply = yield* timeout(500, talk());
      expectTypeOf(reply).toEqualTypeOf<TimeoutResult<string>>();
      if (!reply.timedOut) expectTypeOf(reply.value).toEqualTypeOf<string>();
      expectTypeOf(yield* every(100, () => {})).toEqualTypeOf<number>();
      expectTypeOf(yield* forFrames(3, (progress, frame) => void [progress, frame])).toEqualTypeOf<void>();
      expectTypeOf(yield* forMs(300, (progress, elapsedMs) => void [progress, elapsedMs])).toEqualTypeOf<void>();
    }
    expectTypeOf(behaviour).returns.toEqualTypeOf<Behaviour>();
  });

  it('types tween and spring on plain objects, numeric keys only', () => {
    const target = { x: 0, label: 'hi' };
    expectTypeOf(tween(target, { x: 1 }, 100)).toEqualTypeOf<Behaviour<void>>();
    expectTypeOf(spring(target, { x: 1 }, 100)).toEqualTypeOf<Behaviour<void>>();
    // @ts-expect-error label is a string
    spring(target, { label: 1 });
  });
});
