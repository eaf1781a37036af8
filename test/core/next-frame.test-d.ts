// `yield nextFrame` compiles in a Behaviour; the mistakes it sits beside still do not.
import { describe, expectTypeOf, it } from 'vitest';
import { nextFrame, waitFrames, type Behaviour, type Instruction } from 'tickflow';

describe('nextFrame', () => {
  it('is an Instruction, yielded without the star', () => {
    expectTypeOf(nextFrame).toEqualTypeOf<Instruction>();
    function* spin(sprite: { rotation: number }): Behaviour {
      for (;;) {
        sprite.rotation += 0.1;
        yield nextFrame;
      }
    }
    function* mixed(): Behaviour<number> {
      yield nextFrame;
      yield* waitFrames(1);
      return 1;
    }
    expectTypeOf(spin).returns.toEqualTypeOf<Behaviour>();
    expectTypeOf(mixed).returns.toEqualTypeOf<Behaviour<number>>();
  });

  it('is not an awaitable: yield* nextFrame does not compile', () => {
    function* starred(): Behaviour {
      // @ts-expect-error nextFrame is yielded without the star
      yield* nextFrame;
    }
    function* noStar(): Behaviour {
      // @ts-expect-error waitFrames(1) is an Awaitable: it needs the star
      yield waitFrames(1);
    }
    expectTypeOf(starred).returns.toEqualTypeOf<Behaviour>();
    expectTypeOf(noStar).returns.toEqualTypeOf<Behaviour>();
  });
});
