import { createWorld, removeEntity } from 'bitecs';
import { createScheduler, createSignal } from 'tickflow';
import { createGameLoop } from 'tickflow/ecs';
import { describe, expect, it } from 'vitest';
import { burst, createParticleSim, emit, fire, fountain, idleFireworks, mixColour, particleLife, scene, spray, type ParticleSpec } from '../../demos/particles/sim/particles.js';

function setUp(capacity?: number) {
  const loop = createGameLoop({ world: createWorld(), scheduler: createScheduler() });
  const sim = createParticleSim(loop, capacity === undefined ? {} : { capacity });
  return { loop, sim, scheduler: loop.scheduler };
}

const still: ParticleSpec = { x: 0, y: 0, vx: 0, vy: 0, lifeMs: 100, sizeFromPx: 4, sizeToPx: 4, colourFrom: 0, colourTo: 0 };

describe('burst', () => {
  it('adds a ring of sparks at once, glitter 90 ms later, and all of them are gone within 1.6 s', () => {
    const { loop, sim, scheduler } = setUp();
    scheduler.spawn(burst(sim, 100, 100, 0.3));
    const counts = [sim.liveCount];
    loop.runFor(96, 16);
    counts.push(sim.liveCount);
    loop.runFor(1_600, 16);
    counts.push(sim.liveCount);
    expect(counts).toEqual([90, 130, 0]);
    expect(scheduler.liveCount).toBe(0);
  });
});

describe('particleLife', () => {
  it('moves, fades, shrinks and removes its entity when its life is over', () => {
    const { loop, sim, scheduler } = setUp();
    const { Position, Look } = sim.components;
    const eid = emit(sim, { ...still, vx: 0.1, lifeMs: 160, sizeFromPx: 10, sizeToPx: 2, colourFrom: 0xffffff, colourTo: 0x000000 });
    loop.step(16); // its life starts in the flush before this frame's tick, which moves it
    expect(Position.x[eid]).toBeCloseTo(1.6);
    expect(Look.alpha[eid]).toBeCloseTo(0.99);
    expect(Look.sizePx[eid]).toBeCloseTo(9.2);
    loop.runFor(64, 16); // 80 ms into its life: halfway
    expect(Position.x[eid]).toBeCloseTo(8);
    expect(Look.alpha[eid]).toBeCloseTo(0.75);
    expect(Look.sizePx[eid]).toBeCloseTo(6);
    expect(Look.colour[eid]).toBe(0x7f7f7f);
    loop.runFor(64, 16);
    expect(sim.liveCount).toBe(1);
    loop.runFor(32, 16); // 160 ms
    expect([sim.liveCount, scheduler.liveCount]).toEqual([0, 0]);
  });

  it('falls with gravity and slows with drag', () => {
    const { loop, sim } = setUp();
    const { Velocity } = sim.components;
    const eid = emit(sim, { ...still, vx: 1, gravity: 0.01, drag: 0.01, lifeMs: 1000 });
    loop.step(10);
    // vx * (1 - 0.01 * 10); vy = (0 + 0.01 * 10) * 0.9
    expect(Velocity.vx[eid]).toBeCloseTo(0.9);
    expect(Velocity.vy[eid]).toBeCloseTo(0.09);
  });

  it('freezes while the clock is paused and goes on after', () => {
    const { loop, sim, scheduler } = setUp();
    emit(sim, still);
    loop.step(16);
    scheduler.paused = true;
    loop.runFor(1_000, 16);
    expect(sim.liveCount).toBe(1);
    scheduler.paused = false;
    loop.runFor(112, 16);
    expect(sim.liveCount).toBe(0);
  });

  it('stops when its entity is removed early', () => {
    const { loop, sim, scheduler } = setUp();
    const eid = emit(sim, { ...still, lifeMs: 1000 });
    loop.step(16);
    expect(scheduler.liveCount).toBe(1);
    removeEntity(sim.world, eid);
    expect([sim.liveCount, scheduler.liveCount]).toEqual([0, 0]);
  });

  it('is what runOnQuery starts for each particle', () => {
    const { loop, sim, scheduler } = setUp();
    const eid = emit(sim, still);
    loop.step(16);
    expect(scheduler.roots().map((task) => [task.name, task.entity])).toEqual([['particle', eid]]);
    expect(typeof particleLife).toBe('function');
  });
});

describe('emit', () => {
  it('drops particles beyond the capacity', () => {
    const { sim, scheduler } = setUp(100);
    scheduler.spawn(burst(sim, 0, 0, 0));
    expect(sim.liveCount).toBe(90);
    scheduler.spawn(burst(sim, 0, 0, 0));
    expect(sim.liveCount).toBe(100);
    expect(emit(sim, still)).toBe(-1);
  });
});

describe('fountain', () => {
  it('keeps a steady population of drops that die in the basin, and none after it stops', () => {
    const { loop, sim, scheduler } = setUp();
    const task = scheduler.spawn(fountain(sim, 300, 300, 380));
    const counts: number[] = [];
    const lowestY: number[] = [];
    for (let second = 0; second < 6; second++) {
      loop.runFor(1_008, 16);
      counts.push(sim.liveCount);
      lowestY.push(Math.max(...Array.from(sim.particles(), (eid) => sim.components.Position.y[eid])));
    }
    // Drops fall back into the basin after about a second (their lives would last 1.7 s and more).
    expect(Math.min(...counts)).toBeGreaterThan(200);
    expect(Math.max(...counts)).toBeLessThan(400);
    expect(Math.max(...lowestY)).toBeLessThanOrEqual(380);
    task.cancel();
    loop.runFor(2_300, 16);
    expect(sim.liveCount).toBe(0);
  });
});

describe('spray', () => {
  it('emits four particles every 16 ms for its duration, then returns', () => {
    const { loop, sim, scheduler } = setUp();
    const task = scheduler.spawn(spray(sim, 0, 0, 1_000, 0.5, 160));
    loop.runFor(160, 16);
    expect([task.status, sim.liveCount]).toEqual(['done', 40]);
  });
});

describe('fire', () => {
  it('keeps flames, embers and smoke alive', () => {
    const { loop, sim, scheduler } = setUp();
    scheduler.spawn(fire(sim, 300, 500));
    loop.runFor(3_000, 16);
    const layers = new Set(Array.from(sim.particles(), (eid) => sim.components.Particle.layer[eid]));
    expect(sim.liveCount).toBeGreaterThan(250);
    expect(layers).toEqual(new Set([0, 1]));
  });
});

describe('scene', () => {
  it('runs the fountain and the fire as its children', () => {
    const { sim, scheduler } = setUp();
    const task = scheduler.spawn(scene(sim, 1280, 720), { name: 'scene' });
    expect(task.children().map((child) => child.name)).toEqual(['fountain', 'fire']);
    task.cancel();
    expect(task.children()).toEqual([]);
  });
});

describe('mixColour', () => {
  it('mixes each channel linearly', () => {
    expect([mixColour(0x000000, 0xffffff, 0), mixColour(0x000000, 0xff8040, 0.5), mixColour(0x102030, 0x102030, 0.7)]).toEqual([0x000000, 0x7f4020, 0x102030]);
  });
});

describe('idleFireworks', () => {
  it('bursts after the idle time and waits again after each click', () => {
    const { loop, sim, scheduler } = setUp();
    const clicked = createSignal('clicked');
    scheduler.spawn(idleFireworks(sim, 960, 540, clicked, 1_000));
    loop.runFor(992, 16);
    clicked.emit(undefined);
    loop.runFor(992, 16); // 1984 ms: only 992 ms since the click
    expect(sim.liveCount).toBe(0);
    loop.runFor(32, 16);
    expect(sim.liveCount).toBe(90);
  });
});
