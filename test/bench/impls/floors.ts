// The floors: what the workloads cost with no scheduler at all. No library can do the same work for
// less, so each scheduler's figure is read as a ratio to these.
import { counter, FRAME_MS, sleepMsFor, type Driver, type Implementation } from '../lib/common.js';

// ---- raw generators: an array of generator objects and a loop calling next() ----

function* rawFrame(): Generator<undefined, void, unknown> {
  for (;;) {
    counter.count++;
    yield;
  }
}

// Yields how long to sleep; the driver keeps the wake times.
function* rawSleeper(index: number): Generator<number, void, unknown> {
  for (let k = 0; ; k++) {
    counter.count++;
    yield sleepMsFor(index, k);
  }
}

function* rawIdle(): Generator<number, void, unknown> {
  counter.count++;
  yield 1e9;
}

function* rawShort(): Generator<undefined, void, unknown> {
  counter.count++;
  yield;
}

/** Raw generators: the frame loop is `for (g of gens) g.next()`; sleeps are a dense scan of wake times. */
export const rawGenerators: Implementation = {
  name: 'raw generators',
  kind: 'floor',
  frame(n) {
    let gens: Array<Generator<undefined, void, unknown>> = [];
    for (let i = 0; i < n; i++) gens.push(started(rawFrame()));
    return {
      frame() {
        for (let i = 0; i < gens.length; i++) gens[i].next();
      },
      dispose() {
        gens = [];
      },
    };
  },
  // The "dense per-frame scan of wake times": every frame looks at every behaviour's wake time.
  // Deadlines add up from the previous deadline (no drift), like tickflow's waitMs.
  timers(n) {
    return denseScan(n, (i) => rawSleeper(i));
  },
  idle(n) {
    return denseScan(n, () => rawIdle());
  },
  // The bare generator: created, run to its yield, and on the next frame run to completion.
  churn(perFrame) {
    return churnOf(perFrame, () => started(rawShort()), finishRaw);
  },
};

function denseScan(n: number, make: (index: number) => Generator<number, void, unknown>): Driver {
  let gens: Array<Generator<number, void, unknown>> = [];
  let wakeMs = new Float64Array(n);
  let nowMs = 0;
  for (let i = 0; i < n; i++) {
    const generator = make(i);
    wakeMs[i] = generator.next().value as number;
    gens.push(generator);
  }
  return {
    frame() {
      nowMs += FRAME_MS;
      for (let i = 0; i < wakeMs.length; i++) {
        // Catch-up: a deadline already passed runs again in this frame, as tickflow does.
        while (wakeMs[i] <= nowMs) wakeMs[i] += gens[i].next().value as number;
      }
    },
    dispose() {
      gens = [];
      wakeMs = new Float64Array(0);
    },
  };
}

// ---- a typed-array timer wheel over raw generators: the floor a timer structure can reach ----

// What the wheel sleeper asks for: it writes its next sleep here and yields nothing (a bare `yield`), so no
// value crosses the generator boundary (a number yielded is read from a result object the generator makes).
let requestedSleepMs = 0;

function* wheelSleeper(index: number): Generator<undefined, void, unknown> {
  for (let k = 0; ; k++) {
    counter.count++;
    requestedSleepMs = sleepMsFor(index, k);
    yield;
  }
}

// 1 ms slots; the window covers the longest sleep (2000 ms) plus the slot being drained.
const WHEEL_SLOTS = 2048;
const WHEEL_MASK = WHEEL_SLOTS - 1;

// The same sleeper waiting through a typed awaitable with yield*, as tickflow behaviours do (OneSleep answers
// like tickflow's cached waits; the sleep still travels in requestedSleepMs).
function* wheelDelegatingSleeper(index: number): Generator<OneSleep, void, unknown> {
  for (let k = 0; ; k++) {
    counter.count++;
    requestedSleepMs = sleepMsFor(index, k);
    yield* ONE_SLEEP;
  }
}

/**
 * The timers workload on the simplest fast timer structure: a hashed wheel of 1 ms slots whose buckets are
 * singly linked lists of task ids in an Int32Array, deadlines in a Float64Array, generators in one dense array,
 * each behaviour writing its sleep to a variable and yielding nothing. A wake costs a few typed-array reads and
 * one generator resume, and nothing is allocated. It keeps no order inside a slot (tickflow resumes equal slots
 * in deadline order), and knows no sleeps longer than its window: it is a floor, not a scheduler.
 */
export const typedWheel: Implementation = {
  name: 'typed-array timer wheel',
  kind: 'floor',
  timers(n) {
    return wheelOf(n, wheelSleeper, undefined);
  },
};

/**
 * The typed-array wheel with behaviours that wait through `yield*` of an awaitable: a generator suspended inside
 * `yield*` keeps more registers than one at a bare `yield`, and a cold wake pays for the larger state. The step
 * from the wheel above to this one is what the typed `yield*` protocol costs per timer wake with no scheduler.
 */
export const typedWheelDelegating: Implementation = {
  name: 'typed-array timer wheel, yield* awaitable',
  kind: 'floor',
  timers(n) {
    return wheelOf(n, wheelDelegatingSleeper, RESUME);
  },
};

function wheelOf(n: number, make: (index: number) => Generator<unknown, void, unknown>, sent: unknown): Driver {
  let gens: Array<Generator<unknown, void, unknown>> = [];
  const wakeMs = new Float64Array(n);
  const nextInSlot = new Int32Array(n);
  const slotHead = new Int32Array(WHEEL_SLOTS).fill(-1);
  let nowMs = 0;
  // The first slot not yet drained.
  let cursor = 0;
  const insert = (id: number): void => {
    const slot = Math.floor(wakeMs[id]) & WHEEL_MASK;
    nextInSlot[id] = slotHead[slot];
    slotHead[slot] = id;
  };
  for (let i = 0; i < n; i++) {
    gens.push(started(make(i)));
    wakeMs[i] = requestedSleepMs;
    insert(i);
  }
  return {
    frame() {
      nowMs += FRAME_MS;
      const lastSlot = Math.floor(nowMs);
      // Whole slots before nowMs: everything in them is due. A woken behaviour sleeps at least 1 ms, so its
      // next deadline lands in a later slot; if that slot is still before nowMs it runs again in this frame
      // (catch-up, as in tickflow and the dense scan).
      for (; cursor < lastSlot; cursor++) {
        const slot = cursor & WHEEL_MASK;
        let id = slotHead[slot];
        slotHead[slot] = -1;
        while (id !== -1) {
          const following = nextInSlot[id];
          gens[id].next(sent);
          wakeMs[id] += requestedSleepMs;
          insert(id);
          id = following;
        }
      }
      // The slot nowMs falls in: only deadlines <= nowMs are due; the rest stay for the next frame.
      const slot = lastSlot & WHEEL_MASK;
      let id = slotHead[slot];
      slotHead[slot] = -1;
      while (id !== -1) {
        const following = nextInSlot[id];
        if (wakeMs[id] <= nowMs) {
          gens[id].next(sent);
          wakeMs[id] += requestedSleepMs;
          insert(id);
        } else {
          nextInSlot[id] = slotHead[slot];
          slotHead[slot] = id;
        }
        id = following;
      }
    },
    dispose() {
      gens = [];
    },
  };
}

// ---- raw generators waiting through a typed awaitable with yield*, as tickflow behaviours do ----

// The same protocol as tickflow's cached waits: the awaitable answers the first next() with its own
// preallocated result, which yield* hands out unchanged, and answers the resume with a shared done result.
const RESUME = {};
const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };
class OneFrame implements Iterator<OneFrame, undefined, unknown> {
  readonly yielded: IteratorYieldResult<OneFrame> = { value: this, done: false };
  [Symbol.iterator](): this {
    return this;
  }
  next(sent?: unknown): IteratorResult<OneFrame, undefined> {
    return sent === RESUME ? DONE : this.yielded;
  }
}
const ONE_FRAME = new OneFrame();

class OneSleep implements Iterator<OneSleep, undefined, unknown> {
  readonly yielded: IteratorYieldResult<OneSleep> = { value: this, done: false };
  [Symbol.iterator](): this {
    return this;
  }
  next(sent?: unknown): IteratorResult<OneSleep, undefined> {
    return sent === RESUME ? DONE : this.yielded;
  }
}
const ONE_SLEEP = new OneSleep();

function* delegatingFrame(): Generator<OneFrame, void, unknown> {
  for (;;) {
    counter.count++;
    yield* ONE_FRAME;
  }
}

function* delegatingShort(): Generator<OneFrame, void, unknown> {
  counter.count++;
  yield* ONE_FRAME;
}

/**
 * Raw generators whose wait is `yield* awaitable` instead of a bare `yield`: the price of typed,
 * allocation-free `yield*` waits alone, with no scheduler. Frame and churn only.
 */
export const rawDelegating: Implementation = {
  name: 'raw generators, yield* awaitable',
  kind: 'floor',
  frame(n) {
    let gens: Array<Generator<OneFrame, void, unknown>> = [];
    for (let i = 0; i < n; i++) gens.push(started(delegatingFrame()));
    return {
      frame() {
        for (let i = 0; i < gens.length; i++) gens[i].next(RESUME);
      },
      dispose() {
        gens = [];
      },
    };
  },
  churn(perFrame) {
    return churnOf(perFrame, () => started(delegatingShort()), finishDelegating);
  },
};

// ---- the same, each behaviour with a 200-byte record beside its generator ----

/**
 * A record of 22 fields (200 bytes on 64-bit V8 without pointer compression, as Node ships), the size of
 * tickflow's TaskState, made right after its generator as spawn() makes it. The loop reads and writes three of
 * its fields per resume and does no scheduling at all: what carrying a task record costs in memory traffic and
 * garbage collection alone.
 */
class Record {
  generator: Generator<OneFrame, void, unknown>;
  waiting = 0;
  flags = 0;
  resumes = 0;
  f4 = 0;
  f5 = 0;
  f6 = 0;
  f7 = 0;
  f8 = 0;
  f9 = 0;
  f10 = 0;
  f11 = 0;
  f12 = 0;
  f13 = 0;
  f14 = 0;
  f15 = 0;
  f16 = 0;
  f17 = 0;
  f18 = 0;
  f19 = 0;
  f20 = 0;
  f21 = 0;

  constructor(generator: Generator<OneFrame, void, unknown>) {
    this.generator = generator;
  }
}

function resumeRecord(record: Record): void {
  if (record.waiting !== 0) return;
  record.flags = 1;
  record.generator.next(RESUME);
  record.flags = 0;
  record.resumes++;
}

export const rawRecords: Implementation = {
  name: 'raw generators, yield* awaitable, 200-byte record',
  kind: 'floor',
  frame(n) {
    let records: Record[] = [];
    for (let i = 0; i < n; i++) records.push(new Record(started(delegatingFrame())));
    return {
      frame() {
        for (let i = 0; i < records.length; i++) resumeRecord(records[i]);
      },
      dispose() {
        records = [];
      },
    };
  },
  churn(perFrame) {
    return churnOf(perFrame, () => new Record(started(delegatingShort())), resumeRecord);
  },
};

/** Runs a new generator to its first yield, as spawn() does. */
function started<G extends Generator<unknown, void, unknown>>(generator: G): G {
  generator.next();
  return generator;
}

function finishRaw(generator: Generator<undefined, void, unknown>): void {
  generator.next();
}

function finishDelegating(generator: Generator<OneFrame, void, unknown>): void {
  generator.next(RESUME);
}

/** Each frame: finish last frame's behaviours, then create and start `perFrame` new ones. */
function churnOf<T>(perFrame: number, start: () => T, finish: (behaviour: T) => void): Driver {
  // Two fixed arrays, overwritten in place: no array growth in the measured frames.
  let previous: Array<T | null> = new Array(perFrame).fill(null);
  let next: Array<T | null> = new Array(perFrame).fill(null);
  return {
    frame() {
      for (let i = 0; i < perFrame; i++) {
        const behaviour = previous[i];
        if (behaviour !== null) finish(behaviour);
      }
      const swap = previous;
      previous = next;
      next = swap;
      for (let i = 0; i < perFrame; i++) previous[i] = start();
    },
    dispose() {
      previous = [];
      next = [];
    },
  };
}

// ---- a bitECS-style state machine: behaviour state lives in typed arrays, one system loops over it ----

/**
 * The same workloads written as a data-oriented state machine (no generators): what a bitECS system
 * would do. Frame: count every entity. Timers and idle: a dense scan of a Float64Array of wake times.
 * Churn: entities taken from and returned to a free list.
 */
export const stateMachine: Implementation = {
  name: 'typed-array state machine',
  kind: 'floor',
  frame(n) {
    let wakeFrame = new Int32Array(n);
    let frame = 0;
    counter.count += n;
    return {
      frame() {
        frame++;
        for (let i = 0; i < wakeFrame.length; i++) {
          if (wakeFrame[i] < frame) {
            counter.count++;
            wakeFrame[i] = frame;
          }
        }
      },
      dispose() {
        wakeFrame = new Int32Array(0);
      },
    };
  },
  timers(n) {
    let wakeMs = new Float64Array(n);
    let sleeps = new Uint32Array(n);
    let nowMs = 0;
    for (let i = 0; i < n; i++) {
      counter.count++;
      wakeMs[i] = sleepMsFor(i, sleeps[i]++);
    }
    return {
      frame() {
        nowMs += FRAME_MS;
        for (let i = 0; i < wakeMs.length; i++) {
          while (wakeMs[i] <= nowMs) {
            counter.count++;
            wakeMs[i] += sleepMsFor(i, sleeps[i]++);
          }
        }
      },
      dispose() {
        wakeMs = new Float64Array(0);
        sleeps = new Uint32Array(0);
      },
    };
  },
  idle(n) {
    let wakeMs = new Float64Array(n).fill(1e9);
    let nowMs = 0;
    counter.count += n;
    return {
      frame() {
        nowMs += FRAME_MS;
        for (let i = 0; i < wakeMs.length; i++) {
          if (wakeMs[i] <= nowMs) {
            counter.count++;
            wakeMs[i] = Infinity;
          }
        }
      },
      dispose() {
        wakeMs = new Float64Array(0);
      },
    };
  },
  churn(perFrame) {
    // Entity ids recycled through a free list; `bornFrame` is the only component.
    const capacity = perFrame * 2;
    let bornFrame = new Int32Array(capacity);
    let alive = new Uint8Array(capacity);
    let free = new Int32Array(capacity);
    let freeCount = capacity;
    for (let i = 0; i < capacity; i++) free[i] = capacity - 1 - i;
    let frame = 0;
    return {
      frame() {
        frame++;
        for (let e = 0; e < capacity; e++) {
          if (alive[e] === 1 && bornFrame[e] < frame) {
            alive[e] = 0;
            free[freeCount++] = e;
          }
        }
        for (let i = 0; i < perFrame; i++) {
          const e = free[--freeCount];
          alive[e] = 1;
          bornFrame[e] = frame;
          counter.count++;
        }
      },
      dispose() {
        bornFrame = new Int32Array(0);
        alive = new Uint8Array(0);
        free = new Int32Array(0);
      },
    };
  },
};
