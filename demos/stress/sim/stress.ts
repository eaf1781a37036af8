// The stress test's simulation: N behaviours on one scheduler, each owning one dot in flat typed
// arrays: movers orbit in a spiral galaxy (a resume every frame), sleepers are background stars that
// twinkle when their waitMs ends. No DOM: the page renders the arrays, tests drive the scheduler by hand.
import { waitFrames, waitMs, type Behaviour, type Clock, type Scheduler, type Task } from 'tickflow';
import { mulberry32 } from '../../shared/seeded-random.js';

/** What the stress page publishes as `window.__stress`, for the browser tests and the browser benchmark. */
export interface StressFigures {
  behaviours: number;
  movers: number;
  sleepers: number;
  /** Milliseconds scheduler.tick took, averaged over the last 60 frames. */
  schedulerMsPerFrame: number;
  resumesPerFrame: number;
  /** Frames the browser drew per second (requestAnimationFrame calls) over the last second or more. */
  fps: number;
  samples: number;
}

/** Dots live here, one slot per behaviour; a view reads slots [0, count). */
export interface StressField {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly x: Float32Array;
  readonly y: Float32Array;
  /** Movers orbit the centre: their angle (radians), orbit radius (px) and angular speed (rad per ms). */
  readonly angle: Float32Array;
  readonly radiusPx: Float32Array;
  readonly radPerMs: Float32Array;
  /** 0xRRGGBB; sleepers change it when they wake, so the view re-reads colours every frame. */
  readonly colour: Uint32Array;
  /** 1 for a per-frame mover, 0 for a sleeper. */
  readonly isMover: Uint8Array;
  /** This tick's game-clock dtMs (scaled, clamped), written by {@link frameTimer}, read by movers. */
  dtMs: number;
  /** Resumes counted by the behaviours themselves since the last {@link StressSim.step}. */
  resumes: number;
}

/** Options for {@link createStressSim}. */
export interface StressOptions {
  widthPx: number;
  heightPx: number;
  /** Most behaviours the field can hold. Default 200,000. */
  capacity?: number;
  /** Share of per-frame movers; the rest sleep. Default 0.5. */
  moverShare?: number;
  /** Seed for orbits and sleep lengths. Default 1. */
  seed?: number;
}

/** The stress simulation: change the count, step it, read its figures. */
export interface StressSim {
  readonly field: StressField;
  /** Live behaviours of this sim (slot i is driven by one behaviour). */
  readonly count: number;
  /** Movers among them. */
  readonly movers: number;
  readonly capacity: number;
  /** Spawns or cancels behaviours (newest first) until `count` run. Clamped to [0, capacity]. */
  setCount(count: number): void;
  /** One frame: ticks the scheduler; returns the resumes the behaviours made in it. */
  step(dtMs: number): number;
  /** Cancels every behaviour of the sim. */
  dispose(): void;
}

// The galaxy seen at a slant: orbits are ellipses this much flatter than they are wide.
export const TILT = 0.55;
const ARMS = 3;
// Stars dim most of the time; a wake makes one flash now and then.
export const STAR_DIM = [0x2c3350, 0x3b2f4f, 0x45394a];
export const STAR_BRIGHT = [0xfff1a8, 0xffc857, 0xff7a59, 0xffffff];

/**
 * Writes each tick's game-clock step into `field.dtMs`. Spawned before any mover, it stays first in
 * the frame waiters (they resume in the order they began waiting), so movers read this tick's value.
 *
 * @example
 * scheduler.spawn(frameTimer(field, scheduler.clock)); // frame 1, 16 ms: field.dtMs = 16
 */
export function* frameTimer(field: StressField, clock: Clock): Behaviour {
  let lastMs = clock.nowMs;
  for (;;) {
    yield* waitFrames(1);
    field.dtMs = clock.nowMs - lastMs;
    lastMs = clock.nowMs;
  }
}

/**
 * Carries one dot around the galaxy's centre every frame: one resume per frame, forever. Inner
 * orbits turn faster, so the spiral arms wind up as you watch.
 *
 * @example
 * scheduler.spawn(mover(field, 0)); // frame 1, 16 ms: angle += radPerMs * 16
 */
export function* mover(field: StressField, slot: number): Behaviour {
  const { x, y, angle, radiusPx, radPerMs } = field;
  const centreX = field.widthPx / 2;
  const centreY = field.heightPx / 2;
  for (;;) {
    yield* waitFrames(1);
    field.resumes++;
    const turned = angle[slot] + radPerMs[slot] * field.dtMs;
    angle[slot] = turned;
    x[slot] = centreX + Math.cos(turned) * radiusPx[slot];
    y[slot] = centreY + Math.sin(turned) * radiusPx[slot] * TILT;
  }
}

/**
 * A background star: sleeps `sleepMs`, then wakes to twinkle (usually dim, sometimes a flash); repeats.
 * Costs nothing while asleep.
 *
 * @example
 * scheduler.spawn(sleeper(field, 1, 1500, random)); // wakes at 1500, 3000, 4500 ms ...
 */
export function* sleeper(field: StressField, slot: number, sleepMs: number, random: () => number): Behaviour {
  const { colour } = field;
  for (;;) {
    yield* waitMs(sleepMs);
    field.resumes++;
    colour[slot] = random() < 0.1 ? STAR_BRIGHT[(random() * STAR_BRIGHT.length) | 0] : STAR_DIM[(random() * STAR_DIM.length) | 0];
  }
}

/** The typed arrays of `capacity` dots on a `widthPx` x `heightPx` field, all zero. */
export function createStressField(widthPx: number, heightPx: number, capacity: number): StressField {
  return {
    widthPx,
    heightPx,
    x: new Float32Array(capacity),
    y: new Float32Array(capacity),
    angle: new Float32Array(capacity),
    radiusPx: new Float32Array(capacity),
    radPerMs: new Float32Array(capacity),
    colour: new Uint32Array(capacity),
    isMover: new Uint8Array(capacity),
    dtMs: 0,
    resumes: 0,
  };
}

/**
 * Places dot `slot` on the field: a mover on a galaxy arm, or a star that sleeps. Returns 0 for a mover, else
 * the star's sleep in ms. Both sims (tickflow and raw generators) place their dots here, so the same seed
 * gives the same picture and the same work.
 */
export function placeDot(field: StressField, slot: number, moverShare: number, random: () => number): number {
  // Movers and sleepers interleave by a fixed pattern, so any count has the requested share.
  const isMover = Math.floor((slot + 1) * moverShare) > Math.floor(slot * moverShare);
  field.isMover[slot] = isMover ? 1 : 0;
  if (isMover) {
    // Denser towards the centre; each arm a log-ish spiral with some scatter.
    const maxRadiusPx = Math.min(field.widthPx * 0.47, (field.heightPx * 0.47) / TILT);
    const radiusPx = 12 + (maxRadiusPx - 12) * Math.pow(random(), 0.8);
    const arm = slot % ARMS;
    const angle = (arm * Math.PI * 2) / ARMS + radiusPx * 0.014 + (random() + random() + random() - 1.5) * 0.5;
    field.radiusPx[slot] = radiusPx;
    field.angle[slot] = angle;
    field.radPerMs[slot] = 0.0009 * Math.sqrt(100 / (radiusPx + 20));
    field.x[slot] = field.widthPx / 2 + Math.cos(angle) * radiusPx;
    field.y[slot] = field.heightPx / 2 + Math.sin(angle) * radiusPx * TILT;
    const heat = radiusPx / maxRadiusPx;
    field.colour[slot] = heat < 0.12 ? 0xfff4d6 : heat < 0.45 ? (random() < 0.5 ? 0x9ab8ff : 0xc8d6ff) : random() < 0.5 ? 0x6f8bff : 0x9b7dff;
    return 0;
  }
  field.x[slot] = random() * field.widthPx;
  field.y[slot] = random() * field.heightPx;
  field.colour[slot] = STAR_DIM[slot % STAR_DIM.length];
  return Math.round(400 + random() * 2600);
}

/**
 * Makes a stress field on `scheduler` and the controls to grow or shrink it.
 *
 * @example
 * const sim = createStressSim(scheduler, { widthPx: 1280, heightPx: 720 });
 * sim.setCount(100_000); // 50,000 movers and 50,000 sleepers, spawned now
 * sim.step(16);          // frame 1: the movers resume (50,000 resumes), no sleeper does
 */
export function createStressSim(scheduler: Scheduler, options: StressOptions): StressSim {
  const capacity = options.capacity ?? 200_000;
  const moverShare = options.moverShare ?? 0.5;
  const random = mulberry32(options.seed ?? 1);
  const field = createStressField(options.widthPx, options.heightPx, capacity);
  const tasks: Task[] = [];
  let movers = 0;
  const timer = scheduler.spawn(frameTimer(field, scheduler.clock), { name: 'frameTimer' });

  function spawnSlot(slot: number): void {
    const sleepMs = placeDot(field, slot, moverShare, random);
    if (sleepMs === 0) {
      movers++;
      tasks.push(scheduler.spawn(mover(field, slot), { name: 'mover' }));
    } else {
      tasks.push(scheduler.spawn(sleeper(field, slot, sleepMs, random), { name: 'sleeper' }));
    }
  }

  return {
    field,
    capacity,
    get count() {
      return tasks.length;
    },
    get movers() {
      return movers;
    },
    setCount(count: number): void {
      const target = Math.max(0, Math.min(capacity, Math.floor(count)));
      while (tasks.length < target) spawnSlot(tasks.length);
      while (tasks.length > target) {
        const slot = tasks.length - 1;
        (tasks.pop() as Task).cancel();
        if (field.isMover[slot] === 1) movers--;
      }
    },
    step(dtMs: number): number {
      field.resumes = 0;
      scheduler.tick(dtMs);
      return field.resumes;
    },
    dispose(): void {
      while (tasks.length > 0) (tasks.pop() as Task).cancel();
      movers = 0;
      timer.cancel();
    },
  };
}
