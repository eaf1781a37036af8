// The particles demo's simulation: every particle is an entity (bitECS) whose whole life (move,
// fade, shrink, die) is one behaviour; emitters (fountain, fire, click bursts) are behaviours too.
// No DOM: the page draws the components, tests tick the scheduler by hand.
import { addComponent, addEntity, query, removeEntity, type World } from 'bitecs';
import { race, waitFrames, waitMs, waitSignal, type Behaviour, type Clock, type Scheduler, type Signal } from 'tickflow';
import { runOnQuery, type GameLoop } from 'tickflow/ecs';
import { mulberry32 } from '../../shared/seeded-random.js';

/** Which layer a particle is drawn on: glowing (additive) or smoke (normal blending). */
export const Layer = { glow: 0, smoke: 1 } as const;

/** Component stores, one typed array per field, indexed by entity id. */
export interface ParticleComponents {
  Position: { x: Float32Array; y: Float32Array };
  /** px per ms. */
  Velocity: { vx: Float32Array; vy: Float32Array };
  /** How a particle lives: set once when it is emitted. */
  Particle: {
    lifeMs: Float32Array;
    /** px per ms², added to vy (negative rises). */
    gravity: Float32Array;
    /** Share of speed lost per ms. */
    drag: Float32Array;
    sizeFromPx: Float32Array;
    sizeToPx: Float32Array;
    colourFrom: Uint32Array;
    colourTo: Uint32Array;
    alphaFrom: Float32Array;
    layer: Uint8Array;
    /** The particle dies when it falls below this y (a basin, the ground). */
    floorY: Float32Array;
  };
  /** What the view draws, written by the particle's behaviour each frame. */
  Look: { sizePx: Float32Array; alpha: Float32Array; colour: Uint32Array };
}

/** What {@link emit} needs to start one particle. Speeds in px per ms. */
export interface ParticleSpec {
  x: number;
  y: number;
  vx: number;
  vy: number;
  lifeMs: number;
  gravity?: number;
  drag?: number;
  sizeFromPx: number;
  sizeToPx: number;
  colourFrom: number;
  colourTo: number;
  alphaFrom?: number;
  layer?: number;
  /** Dies on falling below this y. Default: never. */
  floorY?: number;
}

/** The particles of one world: their components, the clock their behaviours run on. */
export interface ParticleSim {
  readonly world: World;
  readonly scheduler: Scheduler;
  readonly clock: Clock;
  readonly components: ParticleComponents;
  /** Most particles alive at once; {@link emit} drops particles beyond it. */
  readonly capacity: number;
  /** Particles alive now. */
  readonly liveCount: number;
  /** The entities to draw, in a stable order (a fresh bitECS query result). */
  particles(): ArrayLike<number>;
  /** Seeded random numbers in [0, 1), so tests and screenshots repeat. */
  random(): number;
}

/** Options for {@link createParticleSim}. */
export interface ParticleSimOptions {
  /** Default 20,000. */
  capacity?: number;
  /** Default 1. */
  seed?: number;
  /** The clock particle lives run on. Default: the loop's clock. */
  clock?: Clock;
}

/**
 * Adds particles to a game loop's world: every entity that gets the Particle component starts its own
 * {@link particleLife} (runOnQuery), in the frame it was emitted.
 *
 * @example
 * const loop = createGameLoop({ world: createWorld(), scheduler: createScheduler() });
 * const sim = createParticleSim(loop);
 * loop.scheduler.spawn(burst(sim, 320, 200, 0.6)); // frame 0: 90 particle entities
 * loop.step(16);                                    // frame 1: each one's life starts, then moves it
 */
export function createParticleSim(loop: GameLoop, options: ParticleSimOptions = {}): ParticleSim {
  const capacity = options.capacity ?? 20_000;
  // bitECS recycles ids, so live ids stay below capacity + 1: size the stores one larger.
  const size = capacity + 1;
  const f32 = (): Float32Array => new Float32Array(size);
  const components: ParticleComponents = {
    Position: { x: f32(), y: f32() },
    Velocity: { vx: f32(), vy: f32() },
    Particle: {
      lifeMs: f32(),
      gravity: f32(),
      drag: f32(),
      sizeFromPx: f32(),
      sizeToPx: f32(),
      colourFrom: new Uint32Array(size),
      colourTo: new Uint32Array(size),
      alphaFrom: f32(),
      layer: new Uint8Array(size),
      floorY: f32(),
    },
    Look: { sizePx: f32(), alpha: f32(), colour: new Uint32Array(size) },
  };
  const world = loop.world;
  const random = mulberry32(options.seed ?? 1);
  const { Position, Look, Particle } = components;
  const sim: ParticleSim = {
    world,
    scheduler: loop.scheduler,
    clock: options.clock ?? loop.clock,
    components,
    capacity,
    get liveCount() {
      return query(world, [Particle]).length;
    },
    particles: () => query(world, [Particle, Position, Look]),
    random,
  };
  // One behaviour per particle, started for every entity that gains the Particle component.
  runOnQuery(world, [Particle], (eid) => particleLife(sim, eid), { name: 'particle', clock: sim.clock });
  return sim;
}

/**
 * Adds one particle entity; its {@link particleLife} starts at the loop's next flush (this frame).
 * Returns its entity id, or -1 when the world is full.
 *
 * @example
 * emit(sim, { x: 100, y: 100, vx: 0, vy: -0.2, lifeMs: 800, sizeFromPx: 12, sizeToPx: 2,
 *             colourFrom: 0xffffff, colourTo: 0xff4000 }); // gone at 800 ms
 */
export function emit(sim: ParticleSim, spec: ParticleSpec): number {
  if (sim.liveCount >= sim.capacity) return -1;
  const { world, components } = sim;
  const { Position, Velocity, Particle, Look } = components;
  const eid = addEntity(world);
  addComponent(world, eid, Position);
  addComponent(world, eid, Velocity);
  addComponent(world, eid, Look);
  Position.x[eid] = spec.x;
  Position.y[eid] = spec.y;
  Velocity.vx[eid] = spec.vx;
  Velocity.vy[eid] = spec.vy;
  Particle.lifeMs[eid] = spec.lifeMs;
  Particle.gravity[eid] = spec.gravity ?? 0;
  Particle.drag[eid] = spec.drag ?? 0;
  Particle.sizeFromPx[eid] = spec.sizeFromPx;
  Particle.sizeToPx[eid] = spec.sizeToPx;
  Particle.colourFrom[eid] = spec.colourFrom;
  Particle.colourTo[eid] = spec.colourTo;
  Particle.alphaFrom[eid] = spec.alphaFrom ?? 1;
  Particle.layer[eid] = spec.layer ?? Layer.glow;
  Particle.floorY[eid] = spec.floorY ?? Infinity;
  Look.sizePx[eid] = spec.sizeFromPx;
  Look.alpha[eid] = spec.alphaFrom ?? 1;
  Look.colour[eid] = spec.colourFrom;
  // Added last, once every field is set: this starts its behaviour.
  addComponent(world, eid, Particle);
  return eid;
}

/**
 * One particle's whole life: each frame it falls (gravity), slows (drag), moves, fades, shrinks and
 * shifts colour; when its time is up it removes its entity. Started by runOnQuery for each particle.
 *
 * @example
 * // lifeMs 500 at 16 ms frames: alpha 1 at 0 ms, about 0.75 at 250 ms, entity removed at 512 ms
 * runOnQuery(world, [Particle], (eid) => particleLife(sim, eid));
 */
export function* particleLife(sim: ParticleSim, eid: number): Behaviour {
  const { Position, Velocity, Particle, Look } = sim.components;
  const clock = sim.clock;
  const lifeMs = Particle.lifeMs[eid];
  const bornMs = clock.nowMs;
  let lastMs = bornMs;
  for (;;) {
    yield* waitFrames(1);
    const nowMs = clock.nowMs;
    const dtMs = nowMs - lastMs;
    lastMs = nowMs;
    const progress = (nowMs - bornMs) / lifeMs;
    if (progress >= 1) break;
    const keep = Math.max(0, 1 - Particle.drag[eid] * dtMs);
    Velocity.vx[eid] *= keep;
    Velocity.vy[eid] = (Velocity.vy[eid] + Particle.gravity[eid] * dtMs) * keep;
    Position.x[eid] += Velocity.vx[eid] * dtMs;
    Position.y[eid] += Velocity.vy[eid] * dtMs;
    if (Position.y[eid] > Particle.floorY[eid]) break;
    // Fade slowly at first and fast at the end, so particles stay bright most of their life.
    Look.alpha[eid] = Particle.alphaFrom[eid] * (1 - progress * progress);
    Look.sizePx[eid] = Particle.sizeFromPx[eid] + (Particle.sizeToPx[eid] - Particle.sizeFromPx[eid]) * progress;
    Look.colour[eid] = mixColour(Particle.colourFrom[eid], Particle.colourTo[eid], progress);
  }
  // Removing the entity also cancels this behaviour (it is the entity's); it has nothing left to do.
  removeEntity(sim.world, eid);
}

/**
 * A fountain that breathes: a steady spray, then a tall jet, forever. Water falls back into a basin
 * at `basinY`. Emits every 16 ms of game time.
 *
 * @example
 * scheduler.spawn(fountain(sim, 320, 300, 380)); // 0-2400 ms spray, 2400-3200 ms jet, repeat
 */
export function* fountain(sim: ParticleSim, x: number, y: number, basinY: number): Behaviour {
  for (;;) {
    yield* spray(sim, x, y, basinY, 0.5, 2400);
    yield* spray(sim, x, y, basinY, 0.68, 800);
  }
}

/**
 * Sprays water-coloured particles upwards from (x, y) at `speed` px per ms for `durationMs`; each
 * drop dies when it falls below `basinY`.
 *
 * @example
 * yield* spray(sim, 320, 300, 380, 0.5, 1000); // returns at 1000 ms, about 250 drops later
 */
export function* spray(sim: ParticleSim, x: number, y: number, basinY: number, speed: number, durationMs: number): Behaviour {
  const random = () => sim.random();
  for (let elapsedMs = 0; elapsedMs < durationMs; elapsedMs += 16) {
    for (let i = 0; i < 4; i++) {
      const angle = -Math.PI / 2 + (random() - 0.5) * 0.4;
      const launch = speed * (0.85 + random() * 0.3);
      emit(sim, {
        x: x + (random() - 0.5) * 8,
        y,
        vx: Math.cos(angle) * launch,
        vy: Math.sin(angle) * launch,
        gravity: 0.0011,
        lifeMs: 1700 + random() * 600,
        sizeFromPx: 9 + random() * 5,
        sizeToPx: 4,
        colourFrom: random() < 0.2 ? 0xffffff : 0x8fd8ff,
        colourTo: 0x3a78ff,
        alphaFrom: 0.8,
        floorY: basinY,
      });
    }
    yield* waitMs(16);
  }
}

/**
 * A campfire: flames that rise, shrink and cool from white-yellow to red, embers now and then, and
 * smoke above. Emits every 16 ms of game time.
 *
 * @example
 * scheduler.spawn(fire(sim, 960, 520)); // about 300 flame particles alive at any time
 */
export function* fire(sim: ParticleSim, x: number, y: number): Behaviour {
  const random = () => sim.random();
  for (let frame = 0; ; frame++) {
    for (let i = 0; i < 5; i++) {
      emit(sim, {
        x: x + (random() - 0.5) * 36,
        y: y - random() * 6,
        vx: (random() - 0.5) * 0.05,
        vy: -0.06 - random() * 0.08,
        gravity: -0.00022,
        lifeMs: 550 + random() * 450,
        sizeFromPx: 20 + random() * 10,
        sizeToPx: 4,
        colourFrom: 0xffc86a,
        colourTo: 0xb01800,
        alphaFrom: 0.42,
      });
    }
    if (random() < 0.12) {
      emit(sim, {
        x: x + (random() - 0.5) * 30,
        y: y - 10,
        vx: (random() - 0.5) * 0.12,
        vy: -0.22 - random() * 0.12,
        gravity: 0.00005,
        lifeMs: 1300 + random() * 700,
        sizeFromPx: 5,
        sizeToPx: 2,
        colourFrom: 0xffe27a,
        colourTo: 0xff5a00,
      });
    }
    if (frame % 3 === 0) {
      emit(sim, {
        x: x + (random() - 0.5) * 20,
        y: y - 70 - random() * 20,
        vx: 0.01 + random() * 0.03,
        vy: -0.05 - random() * 0.03,
        lifeMs: 1800 + random() * 800,
        sizeFromPx: 12,
        sizeToPx: 40,
        colourFrom: 0x6b6b78,
        colourTo: 0x3a3a44,
        alphaFrom: 0.3,
        layer: Layer.smoke,
      });
    }
    yield* waitMs(16);
  }
}

/**
 * A firework burst at (x, y): a ring of coloured sparks, then, 90 ms later, white glitter.
 * `hue` in [0, 1) picks the colour.
 *
 * @example
 * scheduler.spawn(burst(sim, 200, 150, 0.1)); // frame 0: 90 sparks; 90 ms: 40 glitter
 */
export function* burst(sim: ParticleSim, x: number, y: number, hue: number): Behaviour {
  const random = () => sim.random();
  const bright = hslToRgb(hue, 1, 0.62);
  const dark = hslToRgb((hue + 0.08) % 1, 0.9, 0.35);
  for (let i = 0; i < 90; i++) {
    const angle = (i / 90) * Math.PI * 2 + random() * 0.1;
    const speed = 0.22 + random() * 0.24;
    emit(sim, {
      x,
      y,
      vx: Math.cos(angle) * speed,
      vy: Math.sin(angle) * speed,
      gravity: 0.00035,
      drag: 0.0018,
      lifeMs: 900 + random() * 600,
      sizeFromPx: 18,
      sizeToPx: 4,
      colourFrom: bright,
      colourTo: dark,
    });
  }
  yield* waitMs(90);
  for (let i = 0; i < 40; i++) {
    const angle = random() * Math.PI * 2;
    const speed = random() * 0.16;
    emit(sim, {
      x,
      y,
      vx: Math.cos(angle) * speed,
      vy: Math.sin(angle) * speed,
      gravity: 0.0002,
      drag: 0.001,
      lifeMs: 500 + random() * 700,
      sizeFromPx: 11,
      sizeToPx: 2,
      colourFrom: 0xffffff,
      colourTo: bright,
    });
  }
}

/**
 * The demo scene: a fountain on the left and a fire on the right, as children of this behaviour
 * (cancel it and both stop; particles already emitted live out their lives).
 *
 * @example
 * const task = scheduler.spawn(scene(sim, 1280, 720), { name: 'scene' });
 * task.cancel(); // no more emitting
 */
export function* scene(sim: ParticleSim, widthPx: number, heightPx: number): Behaviour {
  const { fountainAt, fireAt } = sceneLayout(widthPx, heightPx);
  sim.scheduler.spawn(fountain(sim, fountainAt.x, fountainAt.y, fountainAt.basinY), { name: 'fountain' });
  sim.scheduler.spawn(fire(sim, fireAt.x, fireAt.y), { name: 'fire' });
}

/**
 * Where the scene puts its fountain and fire (the view draws the basin and the logs there).
 *
 * @example
 * sceneLayout(896, 504).fireAt; // { x: 654, y: 403 }
 */
export function sceneLayout(widthPx: number, heightPx: number): { fountainAt: { x: number; y: number; basinY: number }; fireAt: { x: number; y: number } } {
  return {
    fountainAt: { x: widthPx * 0.27, y: heightPx * 0.7, basinY: heightPx * 0.8 },
    fireAt: { x: widthPx * 0.73, y: heightPx * 0.8 },
  };
}

/**
 * Linear mix of two 0xRRGGBB colours; t in [0, 1].
 *
 * @example
 * mixColour(0x000000, 0xff8040, 0.5); // 0x7f4020
 */
export function mixColour(from: number, to: number, t: number): number {
  const r = ((from >> 16) & 0xff) + (((to >> 16) & 0xff) - ((from >> 16) & 0xff)) * t;
  const g = ((from >> 8) & 0xff) + (((to >> 8) & 0xff) - ((from >> 8) & 0xff)) * t;
  const b = (from & 0xff) + ((to & 0xff) - (from & 0xff)) * t;
  return ((r & 0xff) << 16) | ((g & 0xff) << 8) | (b & 0xff);
}

function hslToRgb(h: number, s: number, l: number): number {
  const k = (n: number) => (n + h * 12) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return (Math.round(f(0) * 255) << 16) | (Math.round(f(8) * 255) << 8) | Math.round(f(4) * 255);
}

/**
 * Fireworks while nobody clicks: after `idleMs` without a click, a burst at a random spot, then one
 * every `idleMs` until the next click. A click (the signal) restarts the wait.
 *
 * @example
 * scheduler.spawn(idleFireworks(sim, 960, 540, clicked, 2500)); // bursts at 2.5 s, 5 s ... if idle
 */
export function* idleFireworks(sim: ParticleSim, widthPx: number, heightPx: number, clicked: Signal<unknown>, idleMs: number): Behaviour {
  for (;;) {
    const outcome = yield* race([waitMs(idleMs), waitSignal(clicked)]);
    if (outcome.index === 1) continue;
    const x = widthPx * (0.15 + sim.random() * 0.7);
    const y = heightPx * (0.15 + sim.random() * 0.35);
    sim.scheduler.spawn(burst(sim, x, y, sim.random()), { name: 'burst' });
  }
}
