// Excalibur's ex.coroutine, driven by its own TestClock.
//
// ex.coroutine(engine, fn) reads nothing from the engine but `engine.clock` (schedule / elapsed), and
// the Engine constructor needs a DOM canvas that Node has not got. So the engine passed in is an
// object with Engine's prototype (coroutine() checks `instanceof Engine`) whose clock is a real
// ex.TestClock; each frame is `clock.step(16.67)`, which runs the clock's scheduled callbacks exactly
// as a running game would. A coroutine's `yield` waits one frame and `yield ms` sleeps ms.
import { counter, FRAME_MS, sleepMsFor, type Driver, type Implementation } from '../lib/common.js';

// The coroutine API types, as far as this benchmark uses them.
interface ExClock {
  start(): void;
  step(overrideUpdateMs?: number): void;
}
interface ExModule {
  coroutine(thisArg: unknown, engine: unknown, fn: () => Generator<unknown, void, number>): unknown;
  coroutine(engine: unknown, fn: () => Generator<unknown, void, number>): unknown;
  TestClock: new (options: { tick: (elapsedMs: number) => void; defaultUpdateMs: number; maxFps?: number }) => ExClock;
  Engine: { prototype: object };
}

let loaded: ExModule | null = null;

async function load(): Promise<ExModule> {
  if (loaded === null) {
    // Excalibur's polyfill assigns to a global `window` at import time (an error in an ES module when
    // there is none). A plain object is enough for the parts used here.
    const host = globalThis as unknown as { window?: object };
    host.window ??= { audioContext() {} };
    loaded = (await import('excalibur')) as unknown as ExModule;
  }
  return loaded;
}

// Top-level generator functions; the per-behaviour index travels as `this` (coroutine's thisArg).
function* everyFrame(): Generator<unknown, void, number> {
  for (;;) {
    counter.count++;
    yield;
  }
}

function* sleeper(this: { index: number }): Generator<unknown, void, number> {
  const index = this.index;
  for (let k = 0; ; k++) {
    counter.count++;
    yield sleepMsFor(index, k);
  }
}

function* idle(): Generator<unknown, void, number> {
  counter.count++;
  yield 1e9;
}

function* short(): Generator<unknown, void, number> {
  counter.count++;
  yield;
}

interface Setup {
  ex: ExModule;
  engine: { clock: ExClock };
}

async function setup(): Promise<Setup> {
  const ex = await load();
  const clock = new ex.TestClock({ tick: () => {}, defaultUpdateMs: FRAME_MS, maxFps: Infinity });
  clock.start();
  const engine = Object.create(ex.Engine.prototype) as { clock: ExClock };
  engine.clock = clock;
  return { ex, engine };
}

function stepping(state: Setup | null, afterStep?: (state: Setup) => void): Driver {
  return {
    frame() {
      (state as Setup).engine.clock.step(FRAME_MS);
      afterStep?.(state as Setup);
    },
    dispose() {
      state = null;
    },
  };
}

export const excalibur: Implementation = {
  name: 'Excalibur ex.coroutine',
  kind: 'peer',
  async frame(n) {
    const state = await setup();
    for (let i = 0; i < n; i++) state.ex.coroutine(state.engine, everyFrame);
    return stepping(state);
  },
  async timers(n) {
    const state = await setup();
    for (let i = 0; i < n; i++) state.ex.coroutine({ index: i }, state.engine, sleeper as () => Generator<unknown, void, number>);
    return stepping(state);
  },
  async idle(n) {
    const state = await setup();
    for (let i = 0; i < n; i++) state.ex.coroutine(state.engine, idle);
    return stepping(state);
  },
  async churn(perFrame) {
    return stepping(await setup(), (state) => {
      for (let i = 0; i < perFrame; i++) state.ex.coroutine(state.engine, short);
    });
  },
};
