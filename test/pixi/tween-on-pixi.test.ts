// tween lives in tickflow/tween (engine-neutral); pixi display objects are among the things it animates.
import { Container } from 'pixi.js';
import { describe, expect, it } from 'vitest';
import { createScheduler, type Behaviour } from '../../src/index.js';
import { tween } from '../../src/tween/index.js';

describe('tween on pixi.js objects', () => {
  it('animates pixi display objects and their scale', () => {
    const scheduler = createScheduler();
    const sprite = new Container();
    function* pop(): Behaviour {
      yield* tween(sprite, { x: 40, alpha: 0.5 }, 20);
      yield* tween(sprite.scale, { x: 2, y: 3 }, 20);
    }
    scheduler.spawn(pop());
    scheduler.tick(20);
    scheduler.tick(20);
    expect([sprite.x, sprite.alpha, sprite.scale.x, sprite.scale.y]).toEqual([40, 0.5, 2, 3]);
  });

});
