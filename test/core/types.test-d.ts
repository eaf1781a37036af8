import { describe, expectTypeOf, it } from 'vitest';
import {
  all,
  createScheduler,
  createSignal,
  currentTask,
  race,
  waitFrames,
  waitMs,
  waitRealMs,
  lateness,
  waitSignal,
  waitUntil,
  type Behaviour,
  type Task,
} from '../../src/index.js';

function* walk(): Behaviour<{ x: number }> {
  yield* waitFrames(1);
  return { x: 1 };
}

function* talk(): Behaviour<string> {
  yield* waitMs(10);
  return 'hi';
}

describe('awaitable result types', () => {
  it('infers each awaitable result through yield*', () => {
    function* behaviour(): Behaviour {
      expectTypeOf(yield* waitMs(250)).toEqualTypeOf<void>();
      expectTypeOf(yield* waitRealMs(250)).toEqualTypeOf<void>();
      expectTypeOf(yield* lateness()).toEqualTypeOf<number>();
      expectTypeOf(yield* waitFrames(3)).toEqualTypeOf<void>();
      expectTypeOf(yield* waitUntil(() => true)).toEqualTypeOf<void>();
      const onHit = createSignal<{ damage: number }>('onHit');
      expectTypeOf(yield* waitSignal(onHit)).toEqualTypeOf<{ damage: number }>();
      expectTypeOf(yield* currentTask()).toEqualTypeOf<Task<unknown>>();
    }
    expectTypeOf(behaviour).returns.toEqualTypeOf<Behaviour>();
  });

  it('types a join as the task result, all as a tuple and race as a union by index', () => {
    const scheduler = createScheduler();
    function* behaviour(): Behaviour {
      const task = scheduler.spawn(talk());
      expectTypeOf(task).toEqualTypeOf<Task<string>>();
      expectTypeOf(yield* task).toEqualTypeOf<string>();
      const [a, b, late] = yield* all([walk(), talk(), waitMs(5)]);
      expectTypeOf(a).toEqualTypeOf<{ x: number }>();
      expectTypeOf(b).toEqualTypeOf<string>();
      expectTypeOf(late).toEqualTypeOf<void>();
      const first = yield* race([walk(), talk()]);
      if (first.index === 0) expectTypeOf(first.value).toEqualTypeOf<{ x: number }>();
      else expectTypeOf(first.value).toEqualTypeOf<string>();
    }
    expectTypeOf(behaviour).toBeFunction();
  });
});

describe('what does not compile', () => {
  it('rejects yield 500, a bare yield and yield without the star in a Behaviour', () => {
    function* numbers(): Behaviour {
      // @ts-expect-error a number is not a tickflow instruction: write yield* waitMs(500)
      yield 500;
    }
    function* bare(): Behaviour {
      // @ts-expect-error a bare yield yields undefined: write yield* waitFrames(1)
      yield;
    }
    function* noStar(): Behaviour {
      // @ts-expect-error an awaitable must be delegated to with yield*
      yield waitMs(500);
    }
    expectTypeOf(numbers).toBeFunction();
    expectTypeOf(bare).toBeFunction();
    expectTypeOf(noStar).toBeFunction();
  });

  it('rejects spawning a generator that yields plain values', () => {
    const scheduler = createScheduler();
    function* excaliburStyle() {
      yield 200;
    }
    // @ts-expect-error yield 200 makes a Generator<number>, which is not a Behaviour
    scheduler.spawn(excaliburStyle());
    // @ts-expect-error spawn needs the generator object, not the function
    scheduler.spawn(walk);
  });
});
