import { addComponent, addEntity, createWorld, entityExists, hasComponent, observe, onRemove, query, removeComponent, removeEntity, type World } from 'bitecs';
import { describe, expect, it } from 'vitest';
import { createScheduler, waitFrames, waitMs, type Behaviour, type Scheduler } from '../../src/index.js';
import {
  HasBehaviours,
  attachBehaviours,
  behavioursOf,
  cancelOn,
  detachBehaviours,
  entityClock,
  setEntityTimeScale,
  spawnOn,
} from '../../src/ecs/index.js';

const Position = { x: [] as number[], y: [] as number[] };
const Health = { hp: [] as number[] };

function setup(): { world: World; scheduler: Scheduler } {
  const world = createWorld();
  const scheduler = createScheduler();
  attachBehaviours(world, scheduler);
  return { world, scheduler };
}

function* idle(): Behaviour {
  for (;;) yield* waitFrames(1);
}

function* counted(counter: { resumes: number; finallies: number }): Behaviour {
  try {
    for (;;) {
      yield* waitFrames(1);
      counter.resumes++;
    }
  } finally {
    counter.finallies++;
  }
}

function* logged(order: string[], label: string): Behaviour {
  order.push(`${label} start`);
  try {
    for (;;) yield* waitFrames(1);
  } finally {
    order.push(`${label} finally`);
  }
}

describe('attachBehaviours', () => {
  it('lets spawnOn run behaviours of the world on that scheduler', () => {
    const { world, scheduler } = setup();
    const eid = addEntity(world);
    const task = spawnOn(world, eid, idle());
    expect(scheduler.roots()).toEqual([task]);
  });

  it('does nothing when called again with the same scheduler', () => {
    const { world, scheduler } = setup();
    expect(() => attachBehaviours(world, scheduler)).not.toThrow();
  });

  it('refuses a second scheduler for the same world', () => {
    const { world } = setup();
    expect(() => attachBehaviours(world, createScheduler())).toThrow(/already attached to another scheduler/);
  });

  it('refuses to change the clock group of an attached world', () => {
    const { world, scheduler } = setup();
    expect(() => attachBehaviours(world, scheduler, { clock: scheduler.createClock('gameplay') })).toThrow(/cannot change/);
  });

  it('runs the world behaviours on the given clock group, so pausing it pauses them while ui ones go on', () => {
    const world = createWorld();
    const scheduler = createScheduler();
    const gameplay = scheduler.createClock('gameplay');
    const ui = scheduler.createClock('ui');
    attachBehaviours(world, scheduler, { clock: gameplay });
    const game = { resumes: 0, finallies: 0 };
    const menu = { resumes: 0, finallies: 0 };
    const eid = addEntity(world);
    const task = spawnOn(world, eid, counted(game));
    spawnOn(world, eid, counted(menu), { clock: ui });
    expect(task.clock).toBe(gameplay);
    scheduler.tick(16);
    gameplay.paused = true;
    scheduler.tick(16);
    scheduler.tick(16);
    expect(game.resumes).toBe(1);
    expect(menu.resumes).toBe(3);
    gameplay.paused = false;
    scheduler.tick(16);
    expect(game.resumes).toBe(2);
  });
});

describe('spawnOn', () => {
  it('runs the behaviour up to its first wait and tags the task with its entity and name', () => {
    const { world } = setup();
    const eid = addEntity(world);
    const order: string[] = [];
    const task = spawnOn(world, eid, logged(order, 'patrol'), { name: 'patrol' });
    expect(order).toEqual(['patrol start']);
    expect(task.entity).toBe(eid);
    expect(task.name).toBe('patrol');
    expect(task.status).toBe('running');
    expect(hasComponent(world, eid, HasBehaviours)).toBe(true);
  });

  it('cancels all the entity behaviours and their children inside removeEntity, finally blocks reading its components', () => {
    const { world, scheduler } = setup();
    const eid = addEntity(world);
    addComponent(world, eid, Position);
    Position.x[eid] = 42;
    const order: string[] = [];
    function* parent(): Behaviour {
      scheduler.spawn(child(), { name: 'child' });
      try {
        yield* waitMs(10_000);
      } finally {
        order.push(`parent finally x=${Position.x[eid]} has=${hasComponent(world, eid, Position)} exists=${entityExists(world, eid)}`);
      }
    }
    function* child(): Behaviour {
      try {
        yield* waitMs(10_000);
      } finally {
        order.push('child finally');
      }
    }
    const task = spawnOn(world, eid, parent(), { name: 'parent' });
    const [childTask] = task.children();
    expect(childTask.entity).toBe(eid);
    scheduler.tick(16);
    removeEntity(world, eid);
    order.push('after removeEntity');
    expect(order).toEqual(['child finally', 'parent finally x=42 has=true exists=true', 'after removeEntity']);
    expect(task.status).toBe('cancelled');
    expect(childTask.status).toBe('cancelled');
    expect(scheduler.liveCount).toBe(0);
  });

  it('with 10,000 entities, removing half cancels exactly those and the other half keep running', () => {
    const { world, scheduler } = setup();
    const counters: Array<{ resumes: number; finallies: number }> = [];
    const eids: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      const eid = addEntity(world);
      addComponent(world, eid, Health);
      const counter = { resumes: 0, finallies: 0 };
      spawnOn(world, eid, counted(counter), { name: 'tick' });
      counters.push(counter);
      eids.push(eid);
    }
    scheduler.tick(16);
    for (let i = 0; i < 10_000; i += 2) removeEntity(world, eids[i]);
    const finallies = counters.reduce((sum, counter) => sum + counter.finallies, 0);
    expect(finallies).toBe(5_000);
    expect(counters.filter((counter, i) => i % 2 === 0 && counter.finallies === 1)).toHaveLength(5_000);
    expect(scheduler.liveCount).toBe(5_000);
    scheduler.tick(16);
    scheduler.tick(16);
    expect(counters.filter((counter, i) => i % 2 === 1 && counter.resumes === 3 && counter.finallies === 0)).toHaveLength(5_000);
    expect(counters.filter((counter, i) => i % 2 === 0 && counter.resumes === 1)).toHaveLength(5_000);
    expect(query(world, [HasBehaviours])).toHaveLength(5_000);
  });

  it('never lets a new entity that reuses a removed id inherit its behaviours', () => {
    const { world, scheduler } = setup();
    const first = addEntity(world);
    const old = { resumes: 0, finallies: 0 };
    const oldTask = spawnOn(world, first, counted(old), { name: 'old' });
    removeEntity(world, first);
    const second = addEntity(world);
    expect(second).toBe(first); // bitECS recycles at once
    expect(behavioursOf(world, second)).toEqual([]);
    expect(hasComponent(world, second, HasBehaviours)).toBe(false);
    const fresh = { resumes: 0, finallies: 0 };
    const freshTask = spawnOn(world, second, counted(fresh), { name: 'fresh' });
    expect(behavioursOf(world, second)).toEqual([freshTask]);
    scheduler.tick(16);
    expect(oldTask.status).toBe('cancelled');
    expect(old).toEqual({ resumes: 0, finallies: 1 });
    expect(fresh).toEqual({ resumes: 1, finallies: 0 });
    removeEntity(world, second);
    expect(fresh.finallies).toBe(1);
    expect(old.finallies).toBe(1);
  });

  it('replaces the behaviour in the same slot: patrol finally runs, then chase starts', () => {
    const { world } = setup();
    const guard = addEntity(world);
    const order: string[] = [];
    const patrol = spawnOn(world, guard, logged(order, 'patrol'), { name: 'patrol', slot: 'brain' });
    const blink = spawnOn(world, guard, logged(order, 'blink'), { name: 'blink' });
    const chase = spawnOn(world, guard, logged(order, 'chase'), { name: 'chase', slot: 'brain' });
    expect(order).toEqual(['patrol start', 'blink start', 'patrol finally', 'chase start']);
    expect(patrol.status).toBe('cancelled');
    expect(behavioursOf(world, guard)).toEqual([blink, chase]);
  });

  it('lets a behaviour replace itself in its slot: it stops at its next yield*', () => {
    const { world, scheduler } = setup();
    const guard = addEntity(world);
    const order: string[] = [];
    function* patrol(): Behaviour {
      try {
        yield* waitFrames(2);
        order.push('patrol sees the player');
        spawnOn(world, guard, logged(order, 'chase'), { name: 'chase', slot: 'brain' });
        order.push('patrol goes on until its next wait');
        yield* waitFrames(1);
        order.push('never');
      } finally {
        order.push('patrol finally');
      }
    }
    spawnOn(world, guard, patrol(), { name: 'patrol', slot: 'brain' });
    scheduler.tick(16);
    scheduler.tick(16);
    scheduler.tick(16);
    expect(order).toEqual(['patrol sees the player', 'chase start', 'patrol goes on until its next wait', 'patrol finally']);
    expect(behavioursOf(world, guard).map((task) => task.name)).toEqual(['chase']);
  });

  it('is not a child of the behaviour that calls it: the spawner dying does not cancel it', () => {
    const { world, scheduler } = setup();
    const spawner = addEntity(world);
    const minion = addEntity(world);
    const counter = { resumes: 0, finallies: 0 };
    function* summon(): Behaviour {
      spawnOn(world, minion, counted(counter), { name: 'minion' });
      yield* waitMs(10_000);
    }
    const summoning = spawnOn(world, spawner, summon(), { name: 'summon' });
    expect(summoning.children()).toEqual([]);
    removeEntity(world, spawner);
    scheduler.tick(16);
    expect(counter).toEqual({ resumes: 1, finallies: 0 });
    expect(behavioursOf(world, minion)[0].parent).toBe(null);
  });

  it('throws a TickflowError naming the behaviour, the entity and the fix for a removed entity', () => {
    const { world } = setup();
    const eid = addEntity(world);
    removeEntity(world, eid);
    let error: unknown;
    try {
      spawnOn(world, eid, idle(), { name: 'patrol' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('TickflowError');
    expect((error as Error).message).toMatch(/behaviour "patrol"/);
    expect((error as Error).message).toMatch(/entity 1 does not exist/);
    expect((error as Error).message).toMatch(/entityExists\(world, eid\)/);
  });

  it('throws a TickflowError for a world that has no scheduler, saying how to attach one', () => {
    const world = createWorld();
    const eid = addEntity(world);
    expect(() => spawnOn(world, eid, idle())).toThrow(/attachBehaviours\(world, scheduler\)/);
  });

  it('throws for an id that is not an entity id', () => {
    const { world } = setup();
    expect(() => spawnOn(world, -1, idle(), { name: 'patrol' })).toThrow(/expected an entity id .* got -1/);
  });

  it('refuses to start a behaviour on the entity being removed, from a finally; a death effect goes on the scheduler', () => {
    const { world, scheduler } = setup();
    const eid = addEntity(world);
    const outcome: string[] = [];
    function* dies(): Behaviour {
      try {
        yield* waitMs(10_000);
      } finally {
        try {
          spawnOn(world, eid, idle(), { name: 'ghost' });
        } catch (error) {
          outcome.push((error as Error).message.includes('is being removed') ? 'refused' : 'other error');
        }
        scheduler.spawn(explosion(outcome), { name: 'explosion' });
      }
    }
    spawnOn(world, eid, dies(), { name: 'dies' });
    removeEntity(world, eid);
    scheduler.tick(16);
    expect(outcome).toEqual(['refused', 'explosion frame 1']);
    const reused = addEntity(world);
    expect(reused).toBe(eid);
    expect(() => spawnOn(world, reused, idle())).not.toThrow();
  });

  it('lets a finally remove other entities (cancelling theirs) and add new ones during a removal', () => {
    const { world, scheduler } = setup();
    const leader = addEntity(world);
    const follower = addEntity(world);
    const order: string[] = [];
    let spawned = -1;
    function* lead(): Behaviour {
      try {
        yield* waitMs(10_000);
      } finally {
        order.push('leader finally');
        removeEntity(world, follower);
        spawned = addEntity(world);
        spawnOn(world, spawned, logged(order, 'corpse'), { name: 'corpse' });
      }
    }
    spawnOn(world, leader, lead(), { name: 'lead' });
    spawnOn(world, follower, logged(order, 'follow'), { name: 'follow' });
    removeEntity(world, leader);
    // The follower's removal, made inside the leader's finally, is queued (no nesting per removal): its
    // behaviours are cancelled right after the leader's, still inside removeEntity(world, leader).
    expect(order).toEqual(['follow start', 'leader finally', 'corpse start', 'follow finally']);
    expect(spawned).not.toBe(leader);
    expect(behavioursOf(world, spawned).map((task) => task.name)).toEqual(['corpse']);
    expect(scheduler.liveCount).toBe(1);
  });

  it('cancels a behaviour that removes its own entity: it stops at its next yield*', () => {
    const { world, scheduler } = setup();
    const eid = addEntity(world);
    const order: string[] = [];
    function* expire(): Behaviour {
      try {
        yield* waitMs(100);
        removeEntity(world, eid);
        order.push('still running after removeEntity');
        yield* waitMs(100);
        order.push('never');
      } finally {
        order.push('finally');
      }
    }
    const task = spawnOn(world, eid, expire(), { name: 'expire' });
    for (let i = 0; i < 10; i++) scheduler.tick(16);
    expect(order).toEqual(['still running after removeEntity', 'finally']);
    expect(task.status).toBe('cancelled');
    expect(scheduler.liveCount).toBe(0);
  });

  it('cancels a behaviour whose first step removes its entity', () => {
    const { world, scheduler } = setup();
    const eid = addEntity(world);
    const order: string[] = [];
    function* instant(): Behaviour {
      try {
        removeEntity(world, eid);
        yield* waitFrames(1);
        order.push('never');
      } finally {
        order.push('finally');
      }
    }
    const task = spawnOn(world, eid, instant(), { name: 'instant' });
    scheduler.tick(16);
    expect(task.status).toBe('cancelled');
    expect(order).toEqual(['finally']);
    expect(scheduler.liveCount).toBe(0);
  });

  it('returns a finished task without listing it when the behaviour ends before waiting', () => {
    const { world } = setup();
    const eid = addEntity(world);
    function* quick(): Behaviour<number> {
      return 7;
    }
    const task = spawnOn(world, eid, quick(), { name: 'quick' });
    expect(task.status).toBe('done');
    expect(task.result).toBe(7);
    expect(behavioursOf(world, eid)).toEqual([]);
  });

  it('cancels the entity behaviours when HasBehaviours is removed, and starts afresh after', () => {
    const { world } = setup();
    const eid = addEntity(world);
    const order: string[] = [];
    spawnOn(world, eid, logged(order, 'a'), { name: 'a' });
    removeComponent(world, eid, HasBehaviours);
    expect(order).toEqual(['a start', 'a finally']);
    expect(behavioursOf(world, eid)).toEqual([]);
    spawnOn(world, eid, logged(order, 'b'), { name: 'b' });
    expect(behavioursOf(world, eid).map((task) => task.name)).toEqual(['b']);
  });

  it('runs finally blocks before onRemove observers registered after attachBehaviours', () => {
    const { world } = setup();
    const Sprite = { id: [] as number[] };
    const order: string[] = [];
    observe(world, onRemove(Sprite), (eid: number) => order.push(`sprite of ${eid} destroyed`));
    const eid = addEntity(world);
    addComponent(world, eid, Sprite);
    spawnOn(world, eid, logged(order, 'walk'));
    removeEntity(world, eid);
    expect(order).toEqual(['walk start', 'walk finally', `sprite of ${eid} destroyed`]);
  });

  it('rejects an empty slot name', () => {
    const { world } = setup();
    expect(() => spawnOn(world, addEntity(world), idle(), { slot: '' })).toThrow(/slot must be a non-empty string/);
  });
});

function* explosion(outcome: string[]): Behaviour {
  yield* waitFrames(1);
  outcome.push('explosion frame 1');
}

describe('behavioursOf', () => {
  it('lists the live behaviours of the entity, oldest first, without ended ones', () => {
    const { world, scheduler } = setup();
    const eid = addEntity(world);
    function* brief(): Behaviour {
      yield* waitFrames(1);
    }
    const a = spawnOn(world, eid, idle(), { name: 'a' });
    spawnOn(world, eid, brief(), { name: 'b' });
    const c = spawnOn(world, eid, idle(), { name: 'c' });
    scheduler.tick(16);
    expect(behavioursOf(world, eid)).toEqual([a, c]);
  });

  it('keeps listing correctly when an entity starts many short behaviours', () => {
    const { world, scheduler } = setup();
    const eid = addEntity(world);
    const keeper = spawnOn(world, eid, idle(), { name: 'keeper' });
    function* brief(): Behaviour {
      yield* waitFrames(1);
    }
    for (let i = 0; i < 50; i++) {
      spawnOn(world, eid, brief(), { name: 'brief' });
      scheduler.tick(16);
    }
    const last = spawnOn(world, eid, brief(), { name: 'brief' });
    expect(behavioursOf(world, eid)).toEqual([keeper, last]);
  });

  it('is empty for entities without behaviours and for removed ones', () => {
    const { world } = setup();
    const eid = addEntity(world);
    expect(behavioursOf(world, eid)).toEqual([]);
    spawnOn(world, eid, idle());
    removeEntity(world, eid);
    expect(behavioursOf(world, eid)).toEqual([]);
  });
});

describe('cancelOn', () => {
  it('cancels the behaviours with that name only and returns how many', () => {
    const { world } = setup();
    const eid = addEntity(world);
    const order: string[] = [];
    spawnOn(world, eid, logged(order, 'patrol'), { name: 'patrol' });
    spawnOn(world, eid, logged(order, 'blink'), { name: 'blink' });
    expect(cancelOn(world, eid, 'patrol')).toBe(1);
    expect(cancelOn(world, eid, 'patrol')).toBe(0);
    expect(order).toEqual(['patrol start', 'blink start', 'patrol finally']);
    expect(behavioursOf(world, eid).map((task) => task.name)).toEqual(['blink']);
  });

  it('without a name cancels all of them, newest first; the entity lives on', () => {
    const { world } = setup();
    const eid = addEntity(world);
    const order: string[] = [];
    spawnOn(world, eid, logged(order, 'a'), { name: 'a' });
    spawnOn(world, eid, logged(order, 'b'), { name: 'b' });
    expect(cancelOn(world, eid)).toBe(2);
    expect(order).toEqual(['a start', 'b start', 'b finally', 'a finally']);
    expect(entityExists(world, eid)).toBe(true);
  });

  it('returns 0 for an entity without behaviours', () => {
    const { world } = setup();
    expect(cancelOn(world, addEntity(world))).toBe(0);
  });
});

describe('setEntityTimeScale', () => {
  function* ticker(stamps: number[], scheduler: Scheduler): Behaviour {
    for (;;) {
      yield* waitMs(100);
      stamps.push(scheduler.nowMs);
    }
  }

  it('slows the behaviours spawned on the entity afterwards, and no other entity', () => {
    const { world, scheduler } = setup();
    const slow = addEntity(world);
    const normal = addEntity(world);
    setEntityTimeScale(world, slow, 0.5);
    const slowStamps: number[] = [];
    const normalStamps: number[] = [];
    spawnOn(world, slow, ticker(slowStamps, scheduler));
    spawnOn(world, normal, ticker(normalStamps, scheduler));
    for (let i = 0; i < 40; i++) scheduler.tick(10);
    expect(normalStamps).toEqual([100, 200, 300, 400]);
    expect(slowStamps).toEqual([200, 400]);
  });

  it('multiplies with the group scale and follows the group pause', () => {
    const world = createWorld();
    const scheduler = createScheduler();
    const gameplay = scheduler.createClock('gameplay', { timeScale: 0.5 });
    attachBehaviours(world, scheduler, { clock: gameplay });
    const eid = addEntity(world);
    setEntityTimeScale(world, eid, 0.5);
    expect(entityClock(world, eid).parent).toBe(gameplay);
    const stamps: number[] = [];
    spawnOn(world, eid, ticker(stamps, scheduler));
    for (let i = 0; i < 40; i++) scheduler.tick(10);
    expect(stamps).toEqual([400]);
    gameplay.paused = true;
    for (let i = 0; i < 40; i++) scheduler.tick(10);
    expect(stamps).toEqual([400]);
    gameplay.paused = false;
    for (let i = 0; i < 40; i++) scheduler.tick(10);
    expect(stamps).toEqual([400, 1200]);
  });

  it('changes the scale of behaviours already on the entity clock', () => {
    const { world, scheduler } = setup();
    const eid = addEntity(world);
    setEntityTimeScale(world, eid, 1);
    const stamps: number[] = [];
    spawnOn(world, eid, ticker(stamps, scheduler));
    for (let i = 0; i < 10; i++) scheduler.tick(10);
    setEntityTimeScale(world, eid, 0.25);
    for (let i = 0; i < 40; i++) scheduler.tick(10);
    expect(stamps).toEqual([100, 500]);
  });

  it('keeps an explicit other group on spawnOn off the entity clock, and the entity group on it', () => {
    const { world, scheduler } = setup();
    const ui = scheduler.createClock('ui');
    const eid = addEntity(world);
    setEntityTimeScale(world, eid, 0.5);
    const own = entityClock(world, eid);
    expect(spawnOn(world, eid, idle()).clock).toBe(own);
    expect(spawnOn(world, eid, idle(), { clock: scheduler.clock }).clock).toBe(own);
    expect(spawnOn(world, eid, idle(), { clock: ui }).clock).toBe(ui);
  });

  it('disposes the entity clock when the entity is removed, after its behaviours are cancelled', () => {
    const { world, scheduler } = setup();
    const eid = addEntity(world);
    setEntityTimeScale(world, eid, 0.5);
    const own = entityClock(world, eid);
    const order: string[] = [];
    spawnOn(world, eid, logged(order, 'slow'));
    removeEntity(world, eid);
    expect(order).toEqual(['slow start', 'slow finally']);
    expect(() => scheduler.spawn(idle(), { clock: own })).toThrow(/disposed/);
    const reused = addEntity(world);
    expect(entityClock(world, reused)).toBe(scheduler.clock);
  });

  it('refuses a bad scale and a different group once the entity clock exists', () => {
    const { world, scheduler } = setup();
    const eid = addEntity(world);
    expect(() => setEntityTimeScale(world, eid, Number.NaN)).toThrow(/timeScale must be a finite number >= 0, got NaN/);
    setEntityTimeScale(world, eid, 2);
    expect(() => setEntityTimeScale(world, eid, 1, { clock: scheduler.createClock('ui') })).toThrow(/cannot change its group/);
  });

  it('throws for a removed entity', () => {
    const { world } = setup();
    const eid = addEntity(world);
    removeEntity(world, eid);
    expect(() => setEntityTimeScale(world, eid, 0.5)).toThrow(/entity 1 does not exist/);
  });
});

describe('entityClock', () => {
  it('is the world group until the entity gets its own clock', () => {
    const { world, scheduler } = setup();
    const eid = addEntity(world);
    expect(entityClock(world, eid)).toBe(scheduler.clock);
    setEntityTimeScale(world, eid, 0.5);
    expect(entityClock(world, eid).name).toBe(`entity ${eid}`);
    expect(entityClock(world, eid).timeScale).toBe(0.5);
  });
});

describe('detachBehaviours', () => {
  it('cancels every entity behaviour and forgets the scheduler', () => {
    const { world, scheduler } = setup();
    const order: string[] = [];
    spawnOn(world, addEntity(world), logged(order, 'a'));
    spawnOn(world, addEntity(world), logged(order, 'b'));
    detachBehaviours(world);
    expect(order).toEqual(['a start', 'b start', 'a finally', 'b finally']);
    expect(scheduler.liveCount).toBe(0);
    expect(() => spawnOn(world, addEntity(world), idle())).toThrow(/has no scheduler/);
    attachBehaviours(world, createScheduler());
  });
});

describe('HasBehaviours', () => {
  it('tags exactly the entities that own behaviours', () => {
    const { world } = setup();
    const a = addEntity(world);
    addEntity(world);
    spawnOn(world, a, idle());
    expect([...query(world, [HasBehaviours])]).toEqual([a]);
  });
});
