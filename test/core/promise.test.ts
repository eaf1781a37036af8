import { describe, expect, it } from 'vitest';
import { createScheduler, race, waitFrames, waitMs, waitPromise, waitUntil, type AbortSignalLike, type Behaviour } from '../../src/index.js';

/** Lets pending promise callbacks run, as the host does between two frames (no timers involved). */
async function betweenFrames(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

/** A promise with its resolve and reject functions. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('waitPromise', () => {
  it('resumes with the value in the predicates phase of the first tick after the promise settles', async () => {
    const scheduler = createScheduler();
    const texture = deferred<{ width: number }>();
    const order: string[] = [];
    function* load(): Behaviour {
      const loaded = yield* waitPromise(texture.promise);
      order.push(`loaded ${loaded.width}`);
    }
    function* ticker(): Behaviour {
      for (;;) {
        yield* waitFrames(1);
        order.push(`frame ${scheduler.frame}`);
      }
    }
    scheduler.spawn(load());
    scheduler.spawn(ticker());
    scheduler.tick(16);
    texture.resolve({ width: 64 });
    order.push('resolved');
    // Settled, but only recorded: nothing resumes between ticks.
    await betweenFrames();
    order.push('between frames');
    scheduler.tick(16);
    expect(order).toEqual(['frame 1', 'resolved', 'between frames', 'frame 2', 'loaded 64']);
  });

  it('throws a rejection at the yield*, where try/catch sees it', async () => {
    const scheduler = createScheduler();
    const request = deferred<string>();
    const seen: unknown[] = [];
    function* fetchName(): Behaviour {
      try {
        yield* waitPromise(request.promise);
      } catch (error) {
        seen.push((error as Error).message);
      }
    }
    const task = scheduler.spawn(fetchName());
    request.reject(new Error('404'));
    await betweenFrames();
    scheduler.tick(16);
    expect(seen).toEqual(['404']);
    expect(task.status).toBe('done');
  });

  it('fails the behaviour with the rejection when nothing catches it', async () => {
    const errors: unknown[] = [];
    const scheduler = createScheduler({ onError: (error) => errors.push(error) });
    const boom = new Error('decode failed');
    function* decode(): Behaviour {
      yield* waitPromise(Promise.reject(boom));
    }
    const real = scheduler.spawn(decode(), { name: 'decode' });
    await betweenFrames();
    scheduler.tick(16);
    expect(real.status).toBe('failed');
    expect(real.error).toBe(boom);
    expect(errors).toEqual([boom]);
  });

  it('aborts the signal and runs finally at once when the behaviour is cancelled mid-flight', async () => {
    const scheduler = createScheduler();
    const order: string[] = [];
    let received: AbortSignalLike | undefined;
    const slow = deferred<string>();
    function* download(): Behaviour {
      try {
        const body = yield* waitPromise((signal) => {
          received = signal;
          signal.addEventListener('abort', () => order.push('aborted'));
          return slow.promise;
        });
        order.push(`got ${body}`);
      } finally {
        order.push('finally');
      }
    }
    const task = scheduler.spawn(download());
    scheduler.tick(16);
    expect(received?.aborted).toBe(false);
    task.cancel();
    order.push('cancel returned');
    expect(received?.aborted).toBe(true);
    expect((received?.reason as Error).name).toBe('CancelledError');
    // The work rejects after the abort, as fetch does: nobody hears it, nothing is reported.
    slow.reject(new Error('AbortError'));
    await betweenFrames();
    scheduler.tick(16);
    expect(order).toEqual(['aborted', 'finally', 'cancel returned']);
    expect(task.status).toBe('cancelled');
  });

  it('aborts a loser of race and lets the winner through', async () => {
    const scheduler = createScheduler();
    let signal: AbortSignalLike | undefined;
    const outcomes: unknown[] = [];
    function* loadOrGiveUp(): Behaviour {
      const outcome = yield* race([
        waitPromise((abort) => {
          signal = abort;
          return new Promise<string>(() => {});
        }),
        waitMs(100),
      ]);
      outcomes.push(outcome.index);
    }
    scheduler.spawn(loadOrGiveUp());
    for (let i = 0; i < 7; i++) scheduler.tick(16);
    expect(outcomes).toEqual([1]);
    expect(signal?.aborted).toBe(true);
  });

  it('calls a function source when the wait begins, once per yield*', async () => {
    const scheduler = createScheduler();
    let calls = 0;
    const awaitable = waitPromise(() => Promise.resolve(++calls));
    const results: number[] = [];
    function* twice(): Behaviour {
      results.push(yield* awaitable);
      results.push(yield* awaitable);
    }
    expect(calls).toBe(0);
    scheduler.spawn(twice());
    expect(calls).toBe(1);
    await betweenFrames();
    scheduler.tick(16);
    await betweenFrames();
    scheduler.tick(16);
    expect(results).toEqual([1, 2]);
  });

  it('waits while its clock is paused, like waitUntil', async () => {
    const scheduler = createScheduler();
    let done = false;
    function* load(): Behaviour {
      yield* waitPromise(Promise.resolve('ok'));
      done = true;
    }
    scheduler.spawn(load());
    scheduler.paused = true;
    await betweenFrames();
    scheduler.tick(16);
    expect(done).toBe(false);
    scheduler.paused = false;
    scheduler.tick(16);
    expect(done).toBe(true);
  });

  it('resumes in the order behaviours began waiting, whatever order the promises settled in, run after run', async () => {
    async function run(settleOrder: number[]): Promise<string[]> {
      const scheduler = createScheduler();
      const order: string[] = [];
      const loads = [deferred<string>(), deferred<string>(), deferred<string>()];
      function* loader(index: number): Behaviour {
        const name = yield* waitPromise(loads[index].promise);
        order.push(`${scheduler.frame}: ${name}`);
      }
      function* watcher(): Behaviour {
        yield* waitUntil(() => scheduler.frame >= 1);
        order.push(`${scheduler.frame}: waitUntil`);
      }
      scheduler.spawn(loader(0));
      scheduler.spawn(watcher());
      scheduler.spawn(loader(1));
      scheduler.spawn(loader(2));
      for (const index of settleOrder) {
        loads[index].resolve(`asset ${index}`);
        await Promise.resolve();
      }
      await betweenFrames();
      scheduler.tick(16);
      return order;
    }
    const first = await run([2, 0, 1]);
    const second = await run([2, 0, 1]);
    const reversed = await run([1, 0, 2]);
    expect(first).toEqual(['1: asset 0', '1: waitUntil', '1: asset 1', '1: asset 2']);
    expect(second).toEqual(first);
    expect(reversed).toEqual(first);
  });

  it('rejects what is neither a promise nor a function, naming the behaviour', async () => {
    const errors: unknown[] = [];
    const scheduler = createScheduler({ onError: (error) => errors.push(error) });
    function* bad(): Behaviour {
      yield* waitPromise(42 as unknown as Promise<number>);
    }
    function* badFunction(): Behaviour {
      yield* waitPromise((() => 'not a promise') as unknown as () => Promise<string>);
    }
    scheduler.spawn(bad(), { name: 'loader' });
    scheduler.spawn(badFunction(), { name: 'fetcher' });
    expect(errors.map((error) => (error as Error).name)).toEqual(['TickflowError', 'TickflowError']);
    expect((errors[0] as Error).message).toMatch(/waitPromise expects a promise or a function.*got 42.*loader#1/);
    expect((errors[1] as Error).message).toMatch(/waitPromise: the function .* returned "not a promise".*fetcher#2/);
    expect(() => waitPromise(undefined as unknown as Promise<void>)).toThrow(/waitPromise expects/);
  });
});
