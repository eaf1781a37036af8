// Every code block of the README's "Games with bitECS" section, run. The text between
// `// readme:begin` and `// readme:end` is the block as printed in the README, minus its import lines
// (the README imports from 'tickflow', 'tickflow/ecs'; the imports of this file point at src/).
// The pixi.js / requestAnimationFrame block runs in Chromium: test/browser/ecs-readme.test.ts.
import { addComponent, addEntity, createWorld, query, removeEntity } from 'bitecs';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { createScheduler, waitFrames, waitMs, type Behaviour } from '../../src/index.js';
import { behavioursOf, cancelOn, createGameLoop, runOnQuery, setEntityTimeScale, spawnOn, waitPhase } from '../../src/ecs/index.js';

const Position = { x: [] as number[], y: [] as number[] };
const Velocity = { x: [] as number[], y: [] as number[] };

/** What the first block leaves behind (world, scheduler, loop with its movement system, the guard), for the blocks after it. */
function firstLoop() {
  const world = createWorld();
  const scheduler = createScheduler();
  const loop = createGameLoop({ world, scheduler, fixedStepMs: 1000 / 60 });
  loop.addSystem('fixed', (w, time) => {
    for (const eid of query(w, [Position, Velocity])) {
      Position.x[eid] += (Velocity.x[eid] * time.dtMs) / 1000;
      Position.y[eid] += (Velocity.y[eid] * time.dtMs) / 1000;
    }
  });
  const guard = addEntity(world);
  addComponent(world, guard, Position);
  addComponent(world, guard, Velocity);
  Velocity.x[guard] = 50;
  Position.x[guard] = Position.y[guard] = Velocity.y[guard] = 0;
  return { world, scheduler, loop, guard };
}

let log: MockInstance<typeof console.log>;
beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => {
  log.mockRestore();
});

function logged(): string[] {
  return log.mock.calls.map((call) => String(call[0]));
}

describe('README: Games with bitECS', () => {
  it('block 1, a loop with a world: the guard patrols and its finally runs inside removeEntity', () => {
    // readme:begin
    const Position = { x: [] as number[], y: [] as number[] };
    const Velocity = { x: [] as number[], y: [] as number[] };

    const world = createWorld();
    const scheduler = createScheduler();
    const loop = createGameLoop({ world, scheduler, fixedStepMs: 1000 / 60 });

    // A system: moves everything that has a velocity, 60 times per simulated second.
    loop.addSystem('fixed', (w, time) => {
      for (const eid of query(w, [Position, Velocity])) {
        Position.x[eid] += (Velocity.x[eid] * time.dtMs) / 1000;
        Position.y[eid] += (Velocity.y[eid] * time.dtMs) / 1000;
      }
    });

    // A behaviour: turns the guard around every 2 seconds, until the guard is removed.
    function* patrol(eid: number): Behaviour {
      let turns = 0;
      try {
        for (;;) {
          yield* waitMs(2000);
          Velocity.x[eid] = -Velocity.x[eid];
          turns++;
        }
      } finally {
        console.log(`guard ${eid} stopped after ${turns} turns, moving at ${Velocity.x[eid]} px/s`);
      }
    }

    const guard = addEntity(world);
    addComponent(world, guard, Position);
    addComponent(world, guard, Velocity);
    Velocity.x[guard] = 50; // px per second
    Position.x[guard] = Position.y[guard] = Velocity.y[guard] = 0;
    spawnOn(world, guard, patrol(guard), { name: 'patrol' });

    loop.runFor(5000);          // Node: 5 simulated seconds in frames of 1000/60 ms
    removeEntity(world, guard); // patrol's finally runs in here: "guard 1 stopped after 2 turns, moving at 50 px/s"
    // readme:end
    expect(logged()).toEqual(['guard 1 stopped after 2 turns, moving at 50 px/s']);
    expect(loop.frame).toBe(300);
    expect(scheduler.liveCount).toBe(0);
  });

  it('block 2, waitPhase: the camera follows after the fixed steps, before render', () => {
    const { world, loop, guard } = firstLoop();
    // readme:begin
    const camera = { x: 0 };

    function* cameraFollow(eid: number): Behaviour {
      for (;;) {
        yield* waitPhase(loop, 'late'); // every frame, after the fixed steps and update systems
        camera.x = Position.x[eid] - 400;
      }
    }
    spawnOn(world, guard, cameraFollow(guard), { name: 'camera' });
    // readme:end
    const seen: number[] = [];
    loop.addSystem('render', () => seen.push(camera.x));
    loop.runFor(1000);
    expect(seen).toHaveLength(60);
    expect(seen[59]).toBeCloseTo(50 - 400, 9);
    expect(camera.x).toBe(Position.x[guard] - 400);
  });

  it('block 3, behaviours on entities: the brain slot goes from wander to chase; blink is cancelled by name', () => {
    const { world, loop } = firstLoop();
    // readme:begin
    const Visible = { on: [] as number[] };

    function* wander(eid: number): Behaviour {
      for (;;) {
        yield* waitMs(1000);
        Velocity.x[eid] = -Velocity.x[eid];
      }
    }

    function* chase(eid: number, target: number): Behaviour {
      for (;;) {
        Velocity.x[eid] = Position.x[target] > Position.x[eid] ? 80 : -80;
        yield* waitFrames(1);
      }
    }

    function* blink(eid: number): Behaviour {
      for (let on = true; ; on = !on) {
        Visible.on[eid] = on ? 1 : 0;
        yield* waitMs(250);
      }
    }

    const player = addEntity(world);
    addComponent(world, player, Position);
    const enemy = addEntity(world);
    addComponent(world, enemy, Position);
    addComponent(world, enemy, Velocity);
    addComponent(world, enemy, Visible);
    spawnOn(world, enemy, wander(enemy), { name: 'wander', slot: 'brain' });
    spawnOn(world, enemy, blink(enemy), { name: 'blink' });

    // The player comes near: wander is cancelled (its finally runs), then chase starts.
    spawnOn(world, enemy, chase(enemy, player), { name: 'chase', slot: 'brain' });
    const names = behavioursOf(world, enemy).map((task) => task.name); // ['blink', 'chase']
    const cancelled = cancelOn(world, enemy, 'blink');                // 1: blink's finally has run
    // readme:end
    expect(names).toEqual(['blink', 'chase']);
    expect(cancelled).toBe(1);
    expect(behavioursOf(world, enemy).map((task) => task.name)).toEqual(['chase']);
    Position.x[player] = 1000;
    Position.x[enemy] = 0;
    loop.step(16);
    expect(Velocity.x[enemy]).toBe(80);
  });

  it('block 4, removing entities: a finally reads the components and starts smoke on the scheduler', () => {
    const { world, scheduler, loop } = firstLoop();
    // readme:begin
    function* smoke(x: number, y: number): Behaviour {
      yield* waitMs(500);
      console.log(`smoke at ${x}, ${y} cleared`);
    }

    function* burn(eid: number): Behaviour {
      try {
        yield* waitMs(60_000);
      } finally {
        // Inside removeEntity(world, eid): the entity and its components are still there.
        scheduler.spawn(smoke(Position.x[eid], Position.y[eid]), { name: 'smoke' }); // outlives the entity
      }
    }

    const torch = addEntity(world);
    addComponent(world, torch, Position);
    Position.x[torch] = 120;
    Position.y[torch] = 40;
    spawnOn(world, torch, burn(torch), { name: 'burn' });
    removeEntity(world, torch); // burn's finally ran; smoke was started on the scheduler
    loop.runFor(600);           // "smoke at 120, 40 cleared"
    // readme:end
    expect(logged()).toEqual(['smoke at 120, 40 cleared']);
  });

  it('block 5, runOnQuery: the spark lives 250 ms and is removed', () => {
    const { world, loop } = firstLoop();
    // readme:begin
    const Particle = { lifeMs: [] as number[] };

    function* particleLifetime(eid: number): Behaviour {
      yield* waitMs(Particle.lifeMs[eid]);
      removeEntity(world, eid);
    }
    const particles = runOnQuery(world, [Particle], particleLifetime);

    const spark = addEntity(world);
    addComponent(world, spark, Particle);
    Particle.lifeMs[spark] = 250; // read when particleLifetime starts, in the next behaviours phase
    loop.runFor(300);             // the spark lived 250 ms and was removed
    const alive = particles.size; // 0
    // readme:end
    expect(alive).toBe(0);
    expect(query(world, [Particle])).toHaveLength(0);
  });

  it('block 6, clocks: the pause menu stops gameplay while the ui keeps pulsing', () => {
    // readme:begin
    const scheduler = createScheduler();
    const gameplay = scheduler.createClock('gameplay');
    const ui = scheduler.createClock('ui');
    const world = createWorld();
    const loop = createGameLoop({ world, scheduler, clock: gameplay });

    function* pulse(label: string): Behaviour {
      for (;;) {
        yield* waitMs(500);
        console.log(`${label} pulse`);
      }
    }
    spawnOn(world, addEntity(world), pulse('enemy'), { name: 'pulse' }); // on gameplay
    scheduler.spawn(pulse('menu button'), { name: 'pulse', clock: ui });

    gameplay.paused = true;   // the pause menu: fixed steps and entity behaviours stop...
    loop.runFor(1200);        // ...while "menu button pulse" is logged twice
    gameplay.paused = false;
    // readme:end
    expect(logged()).toEqual(['menu button pulse', 'menu button pulse']);
    expect(loop.fixedSteps).toBe(0);
  });

  it('block 7, setEntityTimeScale: only the boss in slow motion', () => {
    const { world, loop } = firstLoop();
    // readme:begin
    function* stomp(eid: number): Behaviour {
      for (;;) {
        yield* waitMs(1000);
        console.log(`boss ${eid} stomps`);
      }
    }

    const boss = addEntity(world);
    setEntityTimeScale(world, boss, 1);    // its own clock, before its behaviours start
    spawnOn(world, boss, stomp(boss), { name: 'stomp' });
    loop.runFor(2500);                     // stomps twice (at 1000 and 2000 ms)
    setEntityTimeScale(world, boss, 0.25); // only the boss in slow motion
    loop.runFor(4000);                     // stomps once (boss time 2500 -> 3500 ms)
    // readme:end
    expect(logged()).toEqual([`boss ${boss} stomps`, `boss ${boss} stomps`, `boss ${boss} stomps`]);
  });

  it('block 8, driving the loop under Node: a minute at 144 Hz', () => {
    const { loop } = firstLoop();
    // readme:begin
    loop.step(16);                                  // one frame of 16 ms
    const frames = loop.runFor(60_000, 1000 / 144); // a minute at 144 Hz: 8640 frames...
    const steps = loop.fixedSteps;                  // ...and 3600 fixed steps of 1000/60 ms
    // readme:end
    expect(frames).toBe(8640);
    expect(steps).toBe(3600);
  });
});
