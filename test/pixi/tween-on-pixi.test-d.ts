import { Container } from 'pixi.js';
import { describe, expectTypeOf, it } from 'vitest';
import type { Behaviour } from '../../src/index.js';
import { tween, type TweenProps } from '../../src/tween/index.js';

describe('tween on pixi.js objects', () => {
  it('accepts numeric properties of a display object and is a Behaviour<void>', () => {
    const sprite = new Container();
    expectTypeOf(tween(sprite, { x: 1, alpha: 0, rotation: 2 }, 100)).toEqualTypeOf<Behaviour<void>>();
    expectTypeOf(tween(sprite.scale, { x: 2, y: 2 }, 100)).toEqualTypeOf<Behaviour<void>>();
  });

  it('rejects properties that are not numbers', () => {
    const sprite = new Container();
    // @ts-expect-error label is a string
    tween(sprite, { label: 1 }, 100);
    // @ts-expect-error scale is a point: tween sprite.scale instead
    tween(sprite, { scale: 2 }, 100);
    expectTypeOf<TweenProps<{ x: number; name: string }>>().toEqualTypeOf<{ x?: number }>();
  });
});
