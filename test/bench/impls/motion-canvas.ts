// Motion Canvas threads (@motion-canvas/core): `threads()` with `waitFor`, driven frame by frame.
//
// It loads under Node with one fix: its ES modules import named exports from the CommonJS chroma-js,
// which Node rejects, so a module resolve hook (motion-canvas-node/hooks.mjs) points those imports at
// a re-exporting shim. A scene is a generator that Motion Canvas's player steps once per frame; here
// the driver calls next() on the threads() generator once per frame, with a PlaybackStatus at 60 fps
// (16.67 ms frames) on the playback stack, as the player does. In a thread, a bare `yield` waits one
// frame, `yield generator` spawns a child thread, and waitFor(seconds) sleeps.
import { register } from 'node:module';
import { counter, sleepMsFor, type Driver, type Implementation } from '../lib/common.js';

interface McModule {
  threads(factory: () => Generator<unknown, void, unknown>): Generator<unknown, void, unknown>;
  waitFor(seconds: number): Generator<unknown, void, unknown>;
  PlaybackStatus: new (playback: { fps: number; speed: number; frame: number; state: number }) => object;
  startPlayback(playback: object): void;
  endPlayback(playback: object): void;
}

let mc: McModule | null = null;

async function load(): Promise<McModule> {
  if (mc === null) {
    register('./motion-canvas-node/hooks.mjs', import.meta.url);
    mc = (await import('@motion-canvas/core')) as unknown as McModule;
  }
  return mc;
}

function* everyFrame(): Generator<unknown, void, unknown> {
  for (;;) {
    counter.count++;
    yield;
  }
}

function* sleeper(index: number): Generator<unknown, void, unknown> {
  const { waitFor } = mc as McModule;
  for (let k = 0; ; k++) {
    counter.count++;
    yield* waitFor(sleepMsFor(index, k) / 1000);
  }
}

function* idle(): Generator<unknown, void, unknown> {
  counter.count++;
  yield* (mc as McModule).waitFor(1e6);
}

function* short(): Generator<unknown, void, unknown> {
  counter.count++;
  yield;
}

/** The root thread: spawns `count` threads, then stays alive (children end with their parent). */
function* spawnAll(count: number, make: (index: number) => Generator<unknown, void, unknown>): Generator<unknown, void, unknown> {
  for (let i = 0; i < count; i++) yield make(i);
  for (;;) yield;
}

/** The root thread for churn: every frame it spawns `perFrame` short threads. */
function* spawnEveryFrame(perFrame: number): Generator<unknown, void, unknown> {
  for (;;) {
    yield;
    for (let i = 0; i < perFrame; i++) yield short();
  }
}

async function start(root: () => Generator<unknown, void, unknown>): Promise<Driver> {
  const { threads, PlaybackStatus, startPlayback, endPlayback } = await load();
  const playback = new PlaybackStatus({ fps: 60, speed: 1, frame: 0, state: 0 });
  startPlayback(playback);
  let runner: Generator<unknown, void, unknown> | null = threads(root);
  // The first step starts the root thread (and, for spawnAll, every behaviour up to its first wait).
  runner.next();
  return {
    frame() {
      (runner as Generator<unknown, void, unknown>).next();
    },
    dispose() {
      runner = null;
      endPlayback(playback);
    },
  };
}

export const motionCanvas: Implementation = {
  name: 'Motion Canvas threads',
  kind: 'peer',
  frame(n) {
    return start(() => spawnAll(n, everyFrame));
  },
  timers(n) {
    return start(() => spawnAll(n, sleeper));
  },
  idle(n) {
    return start(() => spawnAll(n, idle));
  },
  churn(perFrame) {
    return start(() => spawnEveryFrame(perFrame));
  },
};
