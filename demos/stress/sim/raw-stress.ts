// The stress page's floor (`?engine=raw`): the same dots and the same per-resume work as sim/stress.ts, driven
// by raw generators and a hand loop instead of a scheduler. Movers are resumed by `for (g of movers) g.next()`;
// sleepers yield nothing and a dense scan of their wake times resumes them. The browser benchmark runs both
// engines in one Chromium and reports tickflow's ms per frame as a ratio to this one.
import { mulberry32 } from '../../shared/seeded-random.js';
// The constants, the field and the dots' placement come from sim/stress.ts: the two engines draw the same galaxy.
import { STAR_BRIGHT, STAR_DIM, TILT, createStressField, placeDot, type StressField, type StressOptions, type StressSim } from './stress.js';
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
  const field = createStressField(options.widthPx, options.heightPx, capacity);
  // Dense arrays, newest last, so shrinking pops from the end as the tickflow sim cancels newest first.
  const movers: RawBehaviour[] = [];
  const sleepers: RawBehaviour[] = [];
  const wakeMs = new Float64Array(capacity);
  const sleepMs = new Float64Array(capacity);
  let count = 0;
  let nowMs = 0;

  function spawnSlot(slot: number): void {
    const dotSleepMs = placeDot(field, slot, moverShare, random);
    if (dotSleepMs === 0) {
      const behaviour = rawMover(field, slot);
      behaviour.next();
      movers.push(behaviour);
    } else {
      const index = sleepers.length;
      sleepMs[index] = dotSleepMs;
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
