import { addEntity, createWorld, type World } from 'bitecs';
import { describe, expect, it } from 'vitest';
import { createScheduler, race, waitFrames, waitMs, type Behaviour } from '../../src/index.js';
import { attachBehaviours, createGameLoop, phases, spawnOn, waitPhase, type GameLoop } from '../../src/ecs/index.js';
import { mulberry32 as seeded } from '../../demos/shared/seeded-random.js';

function makeLoop(options: { fixedStepMs?: number; maxFixedStepsPerFrame?: number; maxDtMs?: number } = {}): GameLoop<World> {
  return createGameLoop({ world: createWorld(), scheduler: createScheduler({ maxDtMs: 1000 }), ...options });
}

function countFixedSteps(loop: GameLoop<World>): { steps: number } {
  const counter = { steps: 0 };
  loop.addSystem('fixed', () => {
    counter.steps++;
  });
  return counter;
}

describe('createGameLoop', () => {
  it('runs the phases in order: input, fixed (each step), behaviours (tick, then its systems), update, late, render', () => {
    const world = createWorld();
    const scheduler = createScheduler();
    const loop = createGameLoop({ world, scheduler, fixedStepMs: 10 });
    const order: string[] = [];
    for (const phase of phases) loop.addSystem(phase, (_world, time) => order.push(`${time.phase} ${time.dtMs}`));
    function* behaviour(): Behaviour {
      for (;;) {
        yield* waitFrames(1);
        order.push(`behaviour frame ${scheduler.frame}`);
      }
    }
    scheduler.spawn(behaviour(), { name: 'behaviour' });
    loop.step(25);
    expect(order).toEqual(['input 25', 'fixed 10', 'fixed 10', 'behaviour frame 1', 'behaviours 25', 'update 25', 'late 25', 'render 25']);
    expect(loop.frame).toBe(1);
    expect(loop.phase).toBe(null);
  });

  it('passes systems the world and a time with the frame and the interpolation alpha', () => {
    const world = createWorld();
    const loop = createGameLoop({ world, scheduler: createScheduler(), fixedStepMs: 10 });
    const seen: Array<[World, number, number]> = [];
    loop.addSystem('render', (w, time) => seen.push([w, time.frame, time.alpha]));
    loop.step(25);
    loop.step(10);
    expect(seen).toEqual([
      [world, 1, 0.5],
      [world, 2, 0.5],
    ]);
  });

  it.each([
    [30, 1000 / 60, 3600],
    [60, 1000 / 60, 3600],
    [144, 1000 / 60, 3600],
    [144, 20, 3000],
    [60, 1000 / 144, 8640],
  ])('runs the exact number of fixed steps over a simulated minute: frames at %i Hz, step %f ms -> %i', (hz, stepMs, expected) => {
    const loop = makeLoop({ fixedStepMs: stepMs, maxFixedStepsPerFrame: 8 });
    const counter = countFixedSteps(loop);
    const frames = loop.runFor(60_000, 1000 / hz);
    expect(frames).toBe(60 * hz);
    expect(counter.steps).toBe(expected);
    expect(loop.fixedSteps).toBe(expected);
    expect(loop.droppedFixedMs).toBe(0);
  });

  it('runs exactly 3600 steps of 1000/60 ms over a minute of seeded jittered frames (8 to 25 ms)', () => {
    const loop = makeLoop({ fixedStepMs: 1000 / 60 });
    const counter = countFixedSteps(loop);
    const random = seeded(20240611);
    let totalMs = 0;
    let frames = 0;
    while (totalMs < 60_000) {
      const dtMs = Math.min(8 + random() * 17, 60_000 - totalMs);
      loop.step(dtMs);
      totalMs += dtMs;
      frames++;
    }
    expect(frames).toBeGreaterThan(3000);
    expect(counter.steps).toBe(3600);
    expect(loop.droppedFixedMs).toBe(0);
  });

  it('caps steps per frame under seeded jitter with spikes, dropping whole steps, exactly as the written rule says', () => {
    const stepMs = 10;
    const cap = 3;
    const maxDtMs = 100;
    const loop = makeLoop({ fixedStepMs: stepMs, maxFixedStepsPerFrame: cap, maxDtMs });
    const counter = countFixedSteps(loop);
    const random = seeded(7);
    // The rule, in integers: accumulate min(dt, maxDtMs); run up to `cap` whole steps; beyond the
    // cap drop whole steps and keep the part below one step.
    let accumulatorMs = 0;
    let expectedSteps = 0;
    let expectedDroppedMs = 0;
    for (let frame = 0; frame < 3600; frame++) {
      const dtMs = random() < 0.05 ? 40 + Math.floor(random() * 210) : 16 + Math.floor(random() * 2);
      loop.step(dtMs);
      accumulatorMs += Math.min(dtMs, maxDtMs);
      const due = Math.floor(accumulatorMs / stepMs);
      const run = Math.min(due, cap);
      expectedSteps += run;
      expectedDroppedMs += (due - run) * stepMs;
      accumulatorMs -= due * stepMs;
    }
    expect(counter.steps).toBe(expectedSteps);
    expect(loop.droppedFixedMs).toBe(expectedDroppedMs);
    // The same numbers, written down, so a change to the rule itself shows up here.
    expect([expectedSteps, expectedDroppedMs]).toEqual([6204, 11270]);
  });

  it('keeps the part below one step when a slow frame hits the cap, so the next frame is not a burst', () => {
    const loop = makeLoop({ fixedStepMs: 10, maxFixedStepsPerFrame: 3, maxDtMs: 1000 });
    const counter = countFixedSteps(loop);
    const alphas: number[] = [];
    loop.addSystem('render', (_world, time) => alphas.push(time.alpha));
    loop.step(105);
    expect(counter.steps).toBe(3);
    expect(loop.droppedFixedMs).toBe(70);
    loop.step(10);
    expect(counter.steps).toBe(4);
    expect(alphas).toEqual([0.5, 0.5]);
  });

  it('clamps a long frame to maxDtMs for every phase and the scheduler', () => {
    const world = createWorld();
    const scheduler = createScheduler();
    const loop = createGameLoop({ world, scheduler, maxDtMs: 100 });
    const seen: number[] = [];
    loop.addSystem('update', (_world, time) => seen.push(time.dtMs));
    loop.step(5000);
    expect(seen).toEqual([100]);
    expect(loop.nowMs).toBe(100);
    expect(scheduler.nowMs).toBe(100);
  });

  it('pauses and scales the fixed phase with its clock, and gives systems the clock dt (pause menu: ui goes on)', () => {
    const world = createWorld();
    const scheduler = createScheduler();
    const gameplay = scheduler.createClock('gameplay');
    const ui = scheduler.createClock('ui');
    const loop = createGameLoop({ world, scheduler, clock: gameplay, fixedStepMs: 10 });
    const counter = countFixedSteps(loop);
    const clockDts: number[] = [];
    loop.addSystem('update', (_world, time) => clockDts.push(time.clockDtMs));
    const stamps: string[] = [];
    function* pulse(label: string): Behaviour {
      for (;;) {
        yield* waitMs(20);
        stamps.push(label);
      }
    }
    spawnOn(world, addEntity(world), pulse('enemy'));
    scheduler.spawn(pulse('menu'), { clock: ui });
    loop.step(20);
    gameplay.paused = true;
    loop.step(20);
    gameplay.paused = false;
    gameplay.timeScale = 0.5;
    loop.step(20);
    loop.step(20);
    expect(counter.steps).toBe(4);
    expect(clockDts).toEqual([20, 0, 10, 10]);
    expect(stamps).toEqual(['enemy', 'menu', 'menu', 'menu', 'enemy', 'menu']);
    expect(loop.clock).toBe(gameplay);
  });

  it('nests clock scales: the loop follows a group under a slowed game clock', () => {
    const world = createWorld();
    const scheduler = createScheduler();
    const gameplay = scheduler.createClock('gameplay', { timeScale: 0.5 });
    scheduler.timeScale = 0.5;
    const loop = createGameLoop({ world, scheduler, clock: gameplay, fixedStepMs: 10 });
    const counter = countFixedSteps(loop);
    loop.runFor(400, 20);
    expect(counter.steps).toBe(10);
    expect(gameplay.nowMs).toBe(100);
  });

  it('runFor steps whole frames and a last shorter one, and returns the frame count', () => {
    const loop = makeLoop();
    const dts: number[] = [];
    loop.addSystem('input', (_world, time) => dts.push(time.dtMs));
    expect(loop.runFor(100, 16)).toBe(7);
    expect(dts).toEqual([16, 16, 16, 16, 16, 16, 4]);
    expect(loop.nowMs).toBe(100);
  });

  it('lets a system throw out of step, leaving the loop usable', () => {
    const loop = makeLoop();
    let fail = true;
    loop.addSystem('update', () => {
      if (fail) throw new Error('boom');
    });
    expect(() => loop.step(16)).toThrow('boom');
    expect(loop.phase).toBe(null);
    fail = false;
    expect(() => loop.step(16)).not.toThrow();
    expect(loop.frame).toBe(2);
  });

  it('refuses to be stepped from a system or from a behaviour', () => {
    const world = createWorld();
    const scheduler = createScheduler();
    const loop = createGameLoop({ world, scheduler });
    const remove = loop.addSystem('late', () => loop.step(16));
    expect(() => loop.step(16)).toThrow(/during the "late" phase/);
    remove();
    const errors: unknown[] = [];
    const failing = createScheduler({ onError: (error) => errors.push(error) });
    const otherLoop = createGameLoop({ world: createWorld(), scheduler: failing });
    function* stepper(): Behaviour {
      otherLoop.step(16);
      yield* waitFrames(1);
    }
    failing.spawn(stepper(), { name: 'stepper' });
    expect(String(errors[0])).toMatch(/loop.step\(\) was called from inside behaviour "stepper#1"/);
    expect(otherLoop.frame).toBe(0);
  });

  it('rejects bad options with what to write instead', () => {
    const scheduler = createScheduler();
    expect(() => createGameLoop({ world: createWorld(), scheduler, fixedStepMs: 0 })).toThrow(/fixedStepMs must be a finite number > 0/);
    expect(() => createGameLoop({ world: createWorld(), scheduler, maxFixedStepsPerFrame: 0 })).toThrow(/maxFixedStepsPerFrame must be an integer >= 1/);
    expect(() => createGameLoop({ world: createWorld(), scheduler, maxDtMs: Number.NaN })).toThrow(/createGameLoop: maxDtMs must be a finite number of milliseconds > 0, got NaN\. The default is 100\./);
    expect(() => createGameLoop({ world: null as never, scheduler })).toThrow(/world must be a bitECS world/);
    const world = createWorld();
    attachBehaviours(world, createScheduler());
    expect(() => createGameLoop({ world, scheduler })).toThrow(/already attached to another scheduler/);
    expect(() => makeLoop().step(-1)).toThrow(/finite number of milliseconds >= 0, got -1/);
  });

  describe('addSystem', () => {
    it('returns a remover, rejects duplicates and unknown phases, and applies changes from the next run of the phase', () => {
      const loop = makeLoop();
      const order: string[] = [];
      const late = (): void => {
        order.push('late');
      };
      const remove = loop.addSystem('update', () => {
        order.push('update');
        loop.addSystem('update', () => order.push('added during update'));
      });
      loop.addSystem('late', late);
      expect(() => loop.addSystem('late', late)).toThrow(/already registered/);
      expect(() => loop.addSystem('physics' as never, late)).toThrow(/unknown phase "physics"\. The phases are 'input', 'fixed'/);
      loop.step(16);
      remove();
      loop.step(16);
      expect(order).toEqual(['update', 'late', 'added during update', 'late']);
    });
  });
});

describe('waitPhase', () => {
  it('resumes when the phase begins, before its systems, one phase after another within a frame', () => {
    const world = createWorld();
    const scheduler = createScheduler();
    const loop = createGameLoop({ world, scheduler, fixedStepMs: 10 });
    const order: string[] = [];
    for (const phase of phases) loop.addSystem(phase, () => order.push(`system ${phase}`));
    function* walker(): Behaviour {
      for (const phase of phases) {
        yield* waitPhase(loop, phase);
        order.push(`resumed ${phase}`);
      }
    }
    scheduler.spawn(walker(), { name: 'walker' });
    loop.step(10);
    expect(order).toEqual([
      'resumed input',
      'system input',
      'resumed fixed',
      'system fixed',
      'resumed behaviours',
      'system behaviours',
      'resumed update',
      'system update',
      'resumed late',
      'system late',
      'resumed render',
      'system render',
    ]);
  });

  it('waits for the next frame when asked for the phase that runs now', () => {
    const world = createWorld();
    const scheduler = createScheduler();
    const loop = createGameLoop({ world, scheduler });
    const frames: number[] = [];
    function* eachLate(): Behaviour {
      for (;;) {
        yield* waitPhase(loop, 'late');
        frames.push(loop.frame);
      }
    }
    scheduler.spawn(eachLate(), { name: 'eachLate' });
    loop.runFor(48, 16);
    expect(frames).toEqual([1, 2, 3]);
  });

  it('keeps waiting while the behaviour clock is paused', () => {
    const world = createWorld();
    const scheduler = createScheduler();
    const gameplay = scheduler.createClock('gameplay');
    const loop = createGameLoop({ world, scheduler, clock: gameplay });
    const frames: string[] = [];
    function* eachRender(label: string): Behaviour {
      for (;;) {
        yield* waitPhase(loop, 'render');
        frames.push(`${label} ${loop.frame}`);
      }
    }
    spawnOn(world, addEntity(world), eachRender('game'));
    scheduler.spawn(eachRender('ui'), { clock: scheduler.createClock('ui') });
    loop.step(16);
    gameplay.paused = true;
    loop.step(16);
    gameplay.paused = false;
    loop.step(16);
    expect(frames).toEqual(['game 1', 'ui 1', 'ui 2', 'game 3', 'ui 3']);
  });

  it('is an awaitable that races with others', () => {
    const world = createWorld();
    const scheduler = createScheduler();
    const loop = createGameLoop({ world, scheduler });
    const results: number[] = [];
    function* racer(): Behaviour {
      const winner = yield* race([waitMs(1000), waitPhase(loop, 'render')]);
      results.push(winner.index);
    }
    scheduler.spawn(racer(), { name: 'racer' });
    loop.step(16);
    expect(results).toEqual([1]);
    expect(scheduler.liveCount).toBe(0);
  });

  it('rejects an unknown phase and something that is not a loop', () => {
    const loop = makeLoop();
    expect(() => waitPhase(loop, 'draw' as never)).toThrow(/unknown phase "draw"/);
    expect(() => waitPhase({} as GameLoop, 'late')).toThrow(/expects a loop from createGameLoop/);
  });
});

describe('phases', () => {
  it('lists the phases in run order and cannot be changed', () => {
    expect(phases).toEqual(['input', 'fixed', 'behaviours', 'update', 'late', 'render']);
    expect(Object.isFrozen(phases)).toBe(true);
  });
});
