// Types of the engine's issue-13 additions: task.done(), the background spawn option, deltaMs and timeNowMs.
import { describe, expectTypeOf, it } from 'vitest';
import { createScheduler, deltaMs, timeNowMs, waitFrames, type Behaviour, type SpawnOptions, type Task } from '../../src/index.js';

function* load(): Behaviour<{ tiles: number[] }> {
  yield* waitFrames(1);
  return { tiles: [1, 2] };
}

describe('Task.done', () => {
  it('is a promise of the task result type', () => {
    const scheduler = createScheduler();
    const task = scheduler.spawn(load());
    expectTypeOf(task.done()).toEqualTypeOf<Promise<{ tiles: number[] }>>();
    expectTypeOf<Task<string>['done']>().returns.toEqualTypeOf<Promise<string>>();
  });
});

describe('SpawnOptions.background', () => {
  it('is an optional boolean, read back as task.background', () => {
    expectTypeOf<SpawnOptions['background']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<Task<unknown>['background']>().toEqualTypeOf<boolean>();
  });
});

describe('deltaMs and timeNowMs', () => {
  it('give numbers through yield*', () => {
    function* mover(): Behaviour {
      const dtMs = yield* deltaMs();
      const nowMs = yield* timeNowMs();
      expectTypeOf(dtMs).toEqualTypeOf<number>();
      expectTypeOf(nowMs).toEqualTypeOf<number>();
    }
    expectTypeOf(mover).returns.toEqualTypeOf<Behaviour>();
  });
});
