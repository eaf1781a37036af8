// tickflow, through its public API only. The same workloads run on this checkout's src (`tickflow`) and, with
// `--baseline <dir>`, on another checkout's src (`tickflow-baseline`), so a change is measured before and after
// in one run.
import { pathToFileURL } from 'node:url';
import { join, resolve } from 'node:path';
import * as here from '../../../src/index.js';
import { BASELINE_ENV, counter, FRAME_MS, sleepMsFor, type Driver, type Implementation } from '../lib/common.js';

/** The part of tickflow's public API the workloads use. */
type TickflowApi = Pick<typeof here, 'createScheduler' | 'waitFrames' | 'waitMs'> & { nextFrame?: here.Instruction };
type Scheduler = here.Scheduler;


/**
 * The workloads on one build of tickflow. Each build gets its own behaviour functions (made once, not per
 * behaviour), so in a shared isolate (--same-isolate) neither build's call sites see the other's objects.
 */
function tickflowOn(name: string, load: () => TickflowApi | Promise<TickflowApi>): Implementation {
  let made: ReturnType<typeof behaviours> | undefined;
  const get = async () => (made ??= behaviours(await load()));
  return {
    name,
    kind: 'tickflow',
    async prepare() {
      await get();
    },
    async frame(n) {
      const { api, everyFrame } = await get();
      const scheduler = api.createScheduler();
      for (let i = 0; i < n; i++) scheduler.spawn(everyFrame());
      return ticking(scheduler);
    },
    async timers(n) {
      const { api, sleeper } = await get();
      const scheduler = api.createScheduler();
      for (let i = 0; i < n; i++) scheduler.spawn(sleeper(i));
      return ticking(scheduler);
    },
    async idle(n) {
      const { api, idle } = await get();
      const scheduler = api.createScheduler();
      for (let i = 0; i < n; i++) scheduler.spawn(idle());
      return ticking(scheduler);
    },
    async churn(perFrame) {
      const { api, short } = await get();
      // Each frame: the tick finishes last frame's behaviours, then this frame's are spawned.
      return ticking(api.createScheduler(), (scheduler) => {
        for (let i = 0; i < perFrame; i++) scheduler.spawn(short());
      });
    },
  };
}

function behaviours(api: TickflowApi) {
  const { waitFrames, waitMs } = api;
  const nextFrame = api.nextFrame as here.Instruction;
  function* everyFrame(): here.Behaviour {
    for (;;) {
      counter.count++;
      yield* waitFrames(1);
    }
  }
  function* sleeper(index: number): here.Behaviour {
    for (let k = 0; ; k++) {
      counter.count++;
      yield* waitMs(sleepMsFor(index, k));
    }
  }
  function* idle(): here.Behaviour {
    counter.count++;
    yield* waitMs(1e9);
  }
  function* short(): here.Behaviour {
    counter.count++;
    yield* waitFrames(1);
  }
  // The fast spelling of "next frame" (issue 14, round two): a bare yield of one instruction.
  function* everyFrameFast(): here.Behaviour {
    for (;;) {
      counter.count++;
      yield nextFrame;
    }
  }
  function* shortFast(): here.Behaviour {
    counter.count++;
    yield nextFrame;
  }
  return { api, everyFrame, sleeper, idle, short, everyFrameFast, shortFast };
}

function ticking(scheduler: Scheduler | null, afterTick?: (scheduler: Scheduler) => void): Driver {
  return {
    frame() {
      (scheduler as Scheduler).tick(FRAME_MS);
      afterTick?.(scheduler as Scheduler);
    },
    dispose() {
      // Dropping the scheduler drops every task with it; cancelAll would also run finally blocks (none here).
      scheduler = null;
    },
  };
}

/**
 * This checkout's tickflow with `yield nextFrame` instead of `yield* waitFrames(1)`, in the two workloads that
 * wait for the next frame (timers and idle have no other spelling: see tickflow's rows).
 */
export const tickflowNextFrame: Implementation = {
  name: 'tickflow-nextFrame',
  kind: 'tickflow',
  notes: { timers: 'waitMs has one spelling: see tickflow', idle: 'waitMs has one spelling: see tickflow' },
  frame(n) {
    const { everyFrameFast } = behaviours(here);
    const scheduler = here.createScheduler();
    for (let i = 0; i < n; i++) scheduler.spawn(everyFrameFast());
    return ticking(scheduler);
  },
  churn(perFrame) {
    const { shortFast } = behaviours(here);
    return ticking(here.createScheduler(), (scheduler) => {
      for (let i = 0; i < perFrame; i++) scheduler.spawn(shortFast());
    });
  },
};

/** This checkout's tickflow. */
export const tickflow: Implementation = tickflowOn('tickflow', () => here);

/**
 * Another checkout's tickflow (its src/index.ts, compiled by tsx like this one), named `tickflow-baseline`:
 * present when run.ts was given `--baseline <dir>`, else undefined.
 */
export const tickflowBaseline: Implementation | undefined = (() => {
  const dir = process.env[BASELINE_ENV];
  if (dir === undefined || dir === '') return undefined;
  const entry = pathToFileURL(join(resolve(dir), 'src', 'index.ts')).href;
  return tickflowOn('tickflow-baseline', async () => (await import(entry)) as TickflowApi);
})();
