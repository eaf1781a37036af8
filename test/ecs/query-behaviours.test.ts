import { addComponent, addEntity, createWorld, entityExists, hasComponent, removeComponent, removeEntity, type World } from 'bitecs';
import { describe, expect, it } from 'vitest';
import { createScheduler, waitFrames, waitMs, type Behaviour, type Scheduler } from '../../src/index.js';
import { attachBehaviours, behavioursOf, createGameLoop, runOnQuery, startEnteredBehaviours } from '../../src/ecs/index.js';

const Particle = { lifeMs: [] as number[] };
const Burning = {};

function setup(): { world: World; scheduler: Scheduler; log: string[] } {
  const world = createWorld();
  const scheduler = createScheduler();
  attachBehaviours(world, scheduler);
  return { world, scheduler, log: [] };
}

/** A particle's life: reads its lifetime when it starts, logs its finally with what it can still read. */
function makeLifetime(world: World, log: string[]): (eid: number) => Behaviour {
  return function* particleLifetime(eid: number): Behaviour {
    log.push(`start ${eid} life=${Particle.lifeMs[eid]}`);
    try {
      yield* waitMs(Particle.lifeMs[eid]);
      log.push(`expired ${eid}`);
    } finally {
      log.push(`finally ${eid} alive=${entityExists(world, eid)} particle=${hasComponent(world, eid, Particle)} life=${Particle.lifeMs[eid]}`);
    }
  };
}

function addParticle(world: World, lifeMs: number): number {
  const eid = addEntity(world);
  addComponent(world, eid, Particle);
  Particle.lifeMs[eid] = lifeMs;
  return eid;
}

describe('runOnQuery', () => {
  it('starts one behaviour per entering entity at the next flush, after its components were set', () => {
    const { world, log } = setup();
    const particles = runOnQuery(world, [Particle], makeLifetime(world, log));
    const a = addParticle(world, 100);
    const b = addParticle(world, 200);
    expect(log).toEqual([]);
    startEnteredBehaviours(world);
    expect(log).toEqual([`start ${a} life=100`, `start ${b} life=200`]);
    expect(particles.size).toBe(2);
    expect(particles.taskOf(a)?.entity).toBe(a);
    expect(particles.taskOf(a)?.name).toBe('particleLifetime');
    expect(behavioursOf(world, a)).toEqual([particles.taskOf(a)]);
  });

  it('starts entities already in the query at the first flush', () => {
    const { world, log } = setup();
    const a = addParticle(world, 100);
    runOnQuery(world, [Particle], makeLifetime(world, log));
    startEnteredBehaviours(world);
    expect(log).toEqual([`start ${a} life=100`]);
  });

  it('cancels the behaviour at once when the component is removed; the entity lives on', () => {
    const { world, log } = setup();
    const particles = runOnQuery(world, [Particle], makeLifetime(world, log));
    const a = addParticle(world, 100);
    startEnteredBehaviours(world);
    removeComponent(world, a, Particle);
    expect(log).toEqual([`start ${a} life=100`, `finally ${a} alive=true particle=false life=100`]);
    expect(particles.taskOf(a)).toBeUndefined();
    expect(entityExists(world, a)).toBe(true);
  });

  it('cancels the behaviour inside removeEntity, with the components still readable', () => {
    const { world, log } = setup();
    const particles = runOnQuery(world, [Particle], makeLifetime(world, log));
    const a = addParticle(world, 100);
    startEnteredBehaviours(world);
    removeEntity(world, a);
    expect(log).toEqual([`start ${a} life=100`, `finally ${a} alive=true particle=true life=100`]);
    expect(particles.size).toBe(0);
  });

  it('starts a new behaviour when the entity enters again', () => {
    const { world, log } = setup();
    runOnQuery(world, [Particle], makeLifetime(world, log));
    const a = addParticle(world, 100);
    startEnteredBehaviours(world);
    removeComponent(world, a, Particle);
    addComponent(world, a, Particle);
    Particle.lifeMs[a] = 300;
    startEnteredBehaviours(world);
    expect(log).toEqual([`start ${a} life=100`, `finally ${a} alive=true particle=false life=100`, `start ${a} life=300`]);
  });

  it('never starts a behaviour for an entity that entered and left before the flush', () => {
    const { world, log } = setup();
    runOnQuery(world, [Particle], makeLifetime(world, log));
    const a = addParticle(world, 100);
    const b = addParticle(world, 100);
    removeEntity(world, a);
    removeComponent(world, b, Particle);
    startEnteredBehaviours(world);
    expect(log).toEqual([]);
  });

  it('does not start a recycled id for the removed entity that entered before it', () => {
    const { world, log } = setup();
    runOnQuery(world, [Particle], makeLifetime(world, log));
    const a = addParticle(world, 100);
    removeEntity(world, a);
    const reused = addEntity(world);
    expect(reused).toBe(a);
    startEnteredBehaviours(world);
    expect(log).toEqual([]);
  });

  it('does not restart a behaviour that returned while the entity stays in the query', () => {
    const { world, scheduler, log } = setup();
    const particles = runOnQuery(world, [Particle], makeLifetime(world, log));
    const a = addParticle(world, 32);
    startEnteredBehaviours(world);
    scheduler.tick(16);
    scheduler.tick(16);
    startEnteredBehaviours(world);
    scheduler.tick(16);
    expect(log).toEqual([`start ${a} life=32`, `expired ${a}`, `finally ${a} alive=true particle=true life=32`]);
    expect(particles.size).toBe(0);
  });

  it('follows queries of several terms: enters when all are present, leaves when one goes', () => {
    const { world, log } = setup();
    runOnQuery(world, [Particle, Burning], function* burn(eid: number): Behaviour {
      log.push(`burn ${eid}`);
      try {
        for (;;) yield* waitFrames(1);
      } finally {
        log.push(`extinguished ${eid}`);
      }
    });
    const a = addParticle(world, 100);
    startEnteredBehaviours(world);
    addComponent(world, a, Burning);
    startEnteredBehaviours(world);
    removeComponent(world, a, Burning);
    expect(log).toEqual([`burn ${a}`, `extinguished ${a}`]);
  });

  it('stop() cancels the behaviours it started and stops following the query', () => {
    const { world, scheduler, log } = setup();
    const particles = runOnQuery(world, [Particle], makeLifetime(world, log));
    const a = addParticle(world, 100);
    startEnteredBehaviours(world);
    particles.stop();
    addParticle(world, 100);
    startEnteredBehaviours(world);
    expect(log).toEqual([`start ${a} life=100`, `finally ${a} alive=true particle=true life=100`]);
    expect(scheduler.liveCount).toBe(0);
  });

  it('names behaviours after options.name over the start function', () => {
    const { world } = setup();
    const particles = runOnQuery(world, [Particle], (eid) => makeLifetime(world, [])(eid), { name: 'spark' });
    const a = addParticle(world, 100);
    startEnteredBehaviours(world);
    expect(particles.name).toBe('spark');
    expect(particles.taskOf(a)?.name).toBe('spark');
  });

  it('starts entities that entered before the tick, then those that behaviours added during it, in the behaviours phase', () => {
    const world = createWorld();
    const scheduler = createScheduler();
    const loop = createGameLoop({ world, scheduler });
    const log: string[] = [];
    runOnQuery(world, [Particle], makeLifetime(world, log));
    function* emitter(): Behaviour {
      yield* waitFrames(1);
      const spark = addParticle(world, 1000);
      log.push(`emitted ${spark}`);
    }
    scheduler.spawn(emitter(), { name: 'emitter' });
    const first = addParticle(world, 500);
    loop.addSystem('update', () => log.push('update'));
    loop.step(16);
    expect(log).toEqual([`start ${first} life=500`, `emitted ${first + 1}`, `start ${first + 1} life=1000`, 'update']);
  });

  it('rejects an empty query and a start that is not a function', () => {
    const { world } = setup();
    expect(() => runOnQuery(world, [], function* nothing(): Behaviour {})).toThrow(/non-empty array of query terms/);
    expect(() => runOnQuery(world, [Particle], 5 as never)).toThrow(/expects a function that makes each entity's behaviour/);
  });
});

describe('startEnteredBehaviours', () => {
  it('throws for a world without a scheduler', () => {
    expect(() => startEnteredBehaviours(createWorld())).toThrow(/attachBehaviours/);
  });
});
