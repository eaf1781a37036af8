// The stress page's floor (`?engine=raw`): the same dots and the same per-resume work as sim/stress.ts, driven
// by raw generators and a hand loop instead of a scheduler. Movers are resumed by `for (g of movers) g.next()`;
// sleepers yield nothing and a dense scan of their wake times resumes them. The browser benchmark runs both
// engines in one Chromium and reports tickflow's ms per frame as a ratio to this one.
import { mulberry32 } from '../../shared/seeded-random.js';
import type { StressField, StressOptions, StressSim } from './stress.js';

// The same constants as sim/stress.ts: the two engines draw the same galaxy.
const TILT = 0.55;
const ARMS = 3;
const STAR_DIM = [0x2c3350, 0x3b2f4f, 0x45394a];
const STAR_BRIGHT = [0xfff1a8, 0xffc857, 0xff7a59, 0xffffff];
// tickflow clamps a tick to maxDtMs (default 100); the hand loop does the same, so a stalled frame moves dots alike.
const MAX_DT_MS = 100;

type RawBehaviour = Generator<undefined, void, unknown>;

/**
 * sim/stress.ts's mover with a bare `yield` for "next frame": one resume per frame, forever.
 *
 * @example
 * const dot = rawMover(field, 0); dot.next(); // started; each later next() is one frame
 */
export function* rawMover(field: StressField, slot: number): RawBehaviour {
  const { x, y, angle, radiusPx, radPerMs } = field;
  const centreX = field.widthPx / 2;
  const centreY = field.heightPx / 2;
  for (;;) {
    yield;
    field.resumes++;
    const turned = angle[slot] + radPerMs[slot] * field.dtMs;
    angle[slot] = turned;
    x[slot] = centreX + Math.cos(turned) * radiusPx[slot];
    y[slot] = centreY + Math.sin(turned) * radiusPx[slot] * TILT;
  }
}

/**
 * sim/stress.ts's sleeper without its wait: the hand loop keeps its wake time and resumes it when it is due.
 *
 * @example
 * const star = rawSleeper(field, 1, random); star.next(); // started; next() when its sleep ends twinkles it
 */
export function* rawSleeper(field: StressField, slot: number, random: () => number): RawBehaviour {
  const { colour } = field;
  for (;;) {
    yield;
    field.resumes++;
    colour[slot] = random() < 0.1 ? STAR_BRIGHT[(random() * STAR_BRIGHT.length) | 0] : STAR_DIM[(random() * STAR_DIM.length) | 0];
  }
}

/**
 * The stress simulation on raw generators and a hand loop, with {@link StressSim}'s interface: what the page
 * costs with no scheduler at all.
 *
 * @example
 * const sim = createRawStressSim({ widthPx: 1280, heightPx: 720 });
 * sim.setCount(100_000); // 50,000 movers and 50,000 sleepers
 * sim.step(16);          // frame 1, 16 ms: 50,000 resumes
 */
export function createRawStressSim(options: StressOptions): StressSim {
  const capacity = options.capacity ?? 200_000;
  const moverShare = options.moverShare ?? 0.5;
  const random = mulberry32(options.seed ?? 1);
  const field: StressField = {
    widthPx: options.widthPx,
    heightPx: options.heightPx,
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
  // Dense arrays, newest last, so shrinking pops from the end as the tickflow sim cancels newest first.
  const movers: RawBehaviour[] = [];
  const sleepers: RawBehaviour[] = [];
  const wakeMs = new Float64Array(capacity);
  const sleepMs = new Float64Array(capacity);
  let count = 0;
  let nowMs = 0;

  function spawnSlot(slot: number): void {
    const isMover = Math.floor((slot + 1) * moverShare) > Math.floor(slot * moverShare);
    field.isMover[slot] = isMover ? 1 : 0;
    if (isMover) {
      const maxRadiusPx = Math.min(field.widthPx * 0.47, (field.heightPx * 0.47) / TILT);
      const radiusPx = 12 + (maxRadiusPx - 12) * Math.pow(random(), 0.8);
      const angle = ((slot % ARMS) * Math.PI * 2) / ARMS + radiusPx * 0.014 + (random() + random() + random() - 1.5) * 0.5;
      field.radiusPx[slot] = radiusPx;
      field.angle[slot] = angle;
      field.radPerMs[slot] = 0.0009 * Math.sqrt(100 / (radiusPx + 20));
      field.x[slot] = field.widthPx / 2 + Math.cos(angle) * radiusPx;
      field.y[slot] = field.heightPx / 2 + Math.sin(angle) * radiusPx * TILT;
      const heat = radiusPx / maxRadiusPx;
      field.colour[slot] = heat < 0.12 ? 0xfff4d6 : heat < 0.45 ? (random() < 0.5 ? 0x9ab8ff : 0xc8d6ff) : random() < 0.5 ? 0x6f8bff : 0x9b7dff;
      const behaviour = rawMover(field, slot);
      behaviour.next();
      movers.push(behaviour);
    } else {
      field.x[slot] = random() * field.widthPx;
      field.y[slot] = random() * field.heightPx;
      field.colour[slot] = STAR_DIM[slot % STAR_DIM.length];
      const index = sleepers.length;
      sleepMs[index] = Math.round(400 + random() * 2600);
      wakeMs[index] = nowMs + sleepMs[index];
      const behaviour = rawSleeper(field, slot, random);
      behaviour.next();
      sleepers.push(behaviour);
    }
    count++;
  }

  function removeNewest(): void {
    count--;
    const behaviour = field.isMover[count] === 1 ? movers.pop() : sleepers.pop();
    behaviour?.return();
  }

  return {
    field,
    capacity,
    get count() {
      return count;
    },
    get movers() {
      return movers.length;
    },
    setCount(target: number): void {
      const wanted = Math.max(0, Math.min(capacity, Math.floor(target)));
      while (count < wanted) spawnSlot(count);
      while (count > wanted) removeNewest();
    },
    step(dtMs: number): number {
      field.resumes = 0;
      field.dtMs = dtMs > MAX_DT_MS ? MAX_DT_MS : dtMs;
      nowMs += field.dtMs;
      for (let i = 0; i < movers.length; i++) movers[i].next();
      // Catch-up as tickflow does it: a deadline already passed runs again, counted from the previous deadline.
      for (let i = 0; i < sleepers.length; i++) {
        while (wakeMs[i] <= nowMs) {
          wakeMs[i] += sleepMs[i];
          sleepers[i].next();
        }
      }
      return field.resumes;
    },
    dispose(): void {
      while (count > 0) removeNewest();
    },
  };
}
