import { describe, expect, it } from 'vitest';
import { CancelledError, createScheduler, waitFrames, waitSignal, createSignal, type Behaviour } from '../../src/index.js';

function* finishIn(frames: number, value: string): Behaviour<string> {
  yield* waitFrames(frames);
  return value;
}

function* failIn(frames: number, error: Error): Behaviour<string> {
  yield* waitFrames(frames);
  throw error;
}

/** Lets every pending promise callback run (real macrotask turn; no time is asserted). */
function flushPromises(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

describe('Task.done', () => {
  it('resolves with the result once the task is done, not before', async () => {
    const scheduler = createScheduler();
    const task = scheduler.spawn(finishIn(2, 'level-2'));
    const seen: string[] = [];
    void task.done().then((value) => seen.push(value));
    scheduler.tick(16);
    await flushPromises();
    expect(seen).toEqual([]);
    scheduler.tick(16);
    await flushPromises();
    expect(seen).toEqual(['level-2']);
  });

  it('rejects with the error of a failed task and keeps it away from onError', async () => {
    const errors: unknown[] = [];
    const scheduler = createScheduler({ onError: (error) => errors.push(error) });
    const boom = new Error('asset missing');
    const task = scheduler.spawn(failIn(1, boom));
    const done = task.done();
    scheduler.tick(16);
    await expect(done).rejects.toBe(boom);
    expect(errors).toEqual([]);
  });

  it('rejects with a CancelledError naming the task when it is cancelled', async () => {
    const scheduler = createScheduler();
    const task = scheduler.spawn(finishIn(5, 'never'), { name: 'loader' });
    const done = task.done();
    task.cancel();
    await expect(done).rejects.toThrow(CancelledError);
    await expect(done).rejects.toThrow('behaviour "loader#1" was cancelled before it finished');
  });

  it('gives the same promise on every call, and a settled one for a task that has already ended', async () => {
    const scheduler = createScheduler();
    const running = scheduler.spawn(finishIn(1, 'a'));
    expect(running.done()).toBe(running.done());
    function* instant(): Behaviour<string> {
      return 'b';
    }
    const ended = scheduler.spawn(instant());
    expect(ended.status).toBe('done');
    expect(ended.done()).toBe(ended.done());
    scheduler.tick(16);
    expect(await Promise.all([running.done(), ended.done()])).toEqual(['a', 'b']);
  });

  it('settles after the joiners inside the tick have resumed, when the awaiting code next runs', async () => {
    const scheduler = createScheduler();
    const order: string[] = [];
    const task = scheduler.spawn(finishIn(1, 'x'), { detached: true });
    function* joiner(): Behaviour {
      yield* task;
      order.push('joiner resumed');
    }
    scheduler.spawn(joiner());
    void task.done().then(() => order.push('done() resolved'));
    scheduler.tick(16);
    order.push('tick returned');
    await flushPromises();
    expect(order).toEqual(['joiner resumed', 'tick returned', 'done() resolved']);
  });

  it('makes no promise when nobody asks: cancelled and failed tasks leave no unhandled rejection', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown): void => {
      rejections.push(reason);
    };
    process.on('unhandledRejection', onRejection);
    try {
      const errors: unknown[] = [];
      const scheduler = createScheduler({ onError: (error) => errors.push(error) });
      scheduler.spawn(finishIn(3, 'never')).cancel();
      scheduler.spawn(failIn(1, new Error('nobody listens')));
      scheduler.tick(16);
      await flushPromises();
      expect(rejections).toEqual([]);
      // Without done(), a failure is reported as before.
      expect(errors).toHaveLength(1);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  it('lets a loading screen outside the scheduler wait for a behaviour woken by a signal', async () => {
    const scheduler = createScheduler();
    const loaded = createSignal<number>('loaded');
    function* loading(): Behaviour<number> {
      const count = yield* waitSignal(loaded);
      return count;
    }
    const task = scheduler.spawn(loading());
    const result = task.done();
    loaded.emit(12);
    expect(await result).toBe(12);
  });
});
