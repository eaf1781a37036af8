// The three common mistakes do not compile; test/core/yield-messages.test.ts pins their messages.
import { describe, expectTypeOf, it } from 'vitest';
import { waitFrames, waitMs, type Behaviour, type Instruction } from 'tickflow';

describe('Instruction', () => {
  it('has one property, named as the fix', () => {
    expectTypeOf<keyof Instruction>().toEqualTypeOf<'Use yield* (with the star) and an awaitable: yield* waitMs(500)'>();
  });

  it('rejects yield without the star, a bare yield and a number', () => {
    function* noStar(): Behaviour {
      // @ts-expect-error Property ''Use yield* (with the star) and an awaitable: yield* waitMs(500)'' is missing in type 'Awaitable<void>'
      yield waitMs(100);
    }
    function* bare(): Behaviour {
      // @ts-expect-error Type 'undefined' is not assignable to type '{ readonly 'Use yield* (with the star) ...': true; }'
      yield;
    }
    function* number(): Behaviour {
      // @ts-expect-error Type 'number' is not assignable to type '{ readonly 'Use yield* (with the star) ...': true; }'
      yield 500;
    }
    function* right(): Behaviour {
      yield* waitFrames(1);
    }
    expectTypeOf(noStar).returns.toEqualTypeOf<Behaviour>();
    expectTypeOf(bare).returns.toEqualTypeOf<Behaviour>();
    expectTypeOf(number).returns.toEqualTypeOf<Behaviour>();
    expectTypeOf(right).returns.toEqualTypeOf<Behaviour>();
  });
});
