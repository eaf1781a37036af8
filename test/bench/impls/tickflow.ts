// tickflow, through its public API only.
import { createScheduler, waitFrames, waitMs, type Behaviour, type Scheduler } from '../../../src/index.js';
import { counter, FRAME_MS, sleepMsFor, type Driver, type Implementation } from '../lib/common.js';

function* everyFrame(): Behaviour {
  for (;;) {
    counter.count++;
    yield* waitFrames(1);
  }
}

function* sleeper(index: number): Behaviour {
  for (let k = 0; ; k++) {
    counter.count++;
    yield* waitMs(sleepMsFor(index, k));
  }
}

function* idle(): Behaviour {
  counter.count++;
  yield* waitMs(1e9);
}

function* short(): Behaviour {
  counter.count++;
  yield* waitFrames(1);
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

export const tickflow: Implementation = {
  name: 'tickflow',
  kind: 'tickflow',
  frame(n) {
    const scheduler = createScheduler();
    for (let i = 0; i < n; i++) scheduler.spawn(everyFrame());
    return ticking(scheduler);
  },
  timers(n) {
    const scheduler = createScheduler();
    for (let i = 0; i < n; i++) scheduler.spawn(sleeper(i));
    return ticking(scheduler);
  },
  idle(n) {
    const scheduler = createScheduler();
    for (let i = 0; i < n; i++) scheduler.spawn(idle());
    return ticking(scheduler);
  },
  churn(perFrame) {
    // Each frame: the tick finishes last frame's behaviours, then this frame's are spawned.
    return ticking(createScheduler(), (scheduler) => {
      for (let i = 0; i < perFrame; i++) scheduler.spawn(short());
    });
  },
};
