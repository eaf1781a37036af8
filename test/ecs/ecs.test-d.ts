import { createWorld, type World } from 'bitecs';
import { describe, expectTypeOf, it } from 'vitest';
import { createScheduler, waitMs, type Awaitable, type Behaviour, type Task } from '../../src/index.js';
import { createGameLoop, runOnQuery, spawnOn, waitPhase, type GameLoop, type LoopTime, type Phase } from '../../src/ecs/index.js';

function* findPath(eid: number): Behaviour<number[]> {
  yield* waitMs(10);
  return [eid];
}

describe('spawnOn', () => {
  it('returns a task typed by the behaviour result', () => {
    const world = createWorld();
    expectTypeOf(spawnOn(world, 1, findPath(1))).toEqualTypeOf<Task<number[]>>();
  });

  it('takes a generator object, not the function', () => {
    const world = createWorld();
    // @ts-expect-error call the function*: spawnOn(world, eid, findPath(eid))
    spawnOn(world, 1, findPath);
  });
});

describe('createGameLoop', () => {
  it('types systems with the world type given', () => {
    const world = createWorld({ score: 0 });
    const loop = createGameLoop({ world, scheduler: createScheduler() });
    expectTypeOf(loop).toEqualTypeOf<GameLoop<World<{ score: number }>>>();
    loop.addSystem('update', (w, time) => {
      expectTypeOf(w.score).toEqualTypeOf<number>();
      expectTypeOf(time).toEqualTypeOf<LoopTime>();
    });
    // @ts-expect-error not a phase
    loop.addSystem('physics', () => {});
  });
});

describe('runOnQuery', () => {
  it('passes the entity and the typed world to the start function', () => {
    const world = createWorld({ gravity: 9.8 });
    runOnQuery(world, [{}], (eid, w) => {
      expectTypeOf(eid).toEqualTypeOf<number>();
      expectTypeOf(w.gravity).toEqualTypeOf<number>();
      return findPath(eid);
    });
  });
});

describe('waitPhase', () => {
  it('is an awaitable of nothing, used with yield*', () => {
    const loop = createGameLoop({ world: createWorld(), scheduler: createScheduler() });
    expectTypeOf(waitPhase(loop, 'late')).toEqualTypeOf<Awaitable<void>>();
    expectTypeOf<Parameters<typeof waitPhase>[1]>().toEqualTypeOf<Phase>();
    function* follow(): Behaviour {
      const nothing = yield* waitPhase(loop, 'render');
      expectTypeOf(nothing).toEqualTypeOf<void>();
    }
    expectTypeOf(follow()).toEqualTypeOf<Behaviour<void>>();
  });
});
