// Effection 4: operations spawned into one scope, with Effection's own `sleep` for timers.
//
// Effection has no frame clock; it waits through the host. Its `sleep(ms)` calls the global
// setTimeout, so while this peer runs, setTimeout is the simulated FakeHost (a timer heap advanced
// 16.67 ms per frame). "Wait one frame" is what an Effection game would write around
// requestAnimationFrame: an `action` whose resolver the host calls on the next frame.
//
// Effection's reducer resumes operations synchronously when an action resolves, so most of a frame's
// work happens inside host.advance(); the frame still awaits a full microtask drain (setImmediate)
// before it stops the clock, so any promise-based follow-up work is counted too.
import type { Operation, Scope, Task } from 'effection';
import { counter, FRAME_MS, sleepMsFor, type Driver, type Implementation } from '../lib/common.js';
import { drainMicrotasks, FakeHost } from '../lib/fake-host.js';

type EffectionModule = typeof import('effection');

let effection: EffectionModule | null = null;
const host = new FakeHost();
let nextFrame: Operation<void> | null = null;

async function load(): Promise<EffectionModule> {
  if (effection === null) {
    effection = await import('effection');
    const { action } = effection;
    // One operation object, evaluated again at every wait (Effection actions are stateless).
    nextFrame = action<void>((resolve) => {
      host.requestFrame(() => resolve());
      return () => {};
    }, 'nextFrame');
  }
  return effection;
}

function* everyFrame(): Operation<void> {
  const frame = nextFrame as Operation<void>;
  for (;;) {
    counter.count++;
    yield* frame;
  }
}

function* sleeper(index: number): Operation<void> {
  const { sleep } = effection as EffectionModule;
  for (let k = 0; ; k++) {
    counter.count++;
    yield* sleep(sleepMsFor(index, k));
  }
}

function* idle(): Operation<void> {
  counter.count++;
  yield* (effection as EffectionModule).sleep(1e9);
}

function* short(): Operation<void> {
  counter.count++;
  yield* nextFrame as Operation<void>;
}

interface Running {
  scope: Scope;
  main: Task<void>;
}

async function start(): Promise<Running> {
  const { run, useScope, suspend } = await load();
  host.clear();
  host.install();
  let scope: Scope | null = null;
  const main = run(function* root(): Operation<void> {
    scope = yield* useScope();
    yield* suspend();
  });
  await drainMicrotasks();
  if (scope === null) throw new Error('effection: the root operation did not start');
  return { scope, main };
}

function driving(running: Running | null, afterFrame?: (scope: Scope) => void): Driver {
  return {
    async frame() {
      host.advance(FRAME_MS);
      afterFrame?.((running as Running).scope);
      await drainMicrotasks();
    },
    async dispose() {
      const main = (running as Running).main;
      running = null;
      host.clear();
      await main.halt();
      host.uninstall();
    },
  };
}

export const effectionPeer: Implementation = {
  name: 'Effection 4',
  kind: 'peer',
  async frame(n) {
    const running = await start();
    for (let i = 0; i < n; i++) running.scope.run(everyFrame);
    await drainMicrotasks();
    return driving(running);
  },
  async timers(n) {
    const running = await start();
    for (let i = 0; i < n; i++) running.scope.run(() => sleeper(i));
    await drainMicrotasks();
    return driving(running);
  },
  async idle(n) {
    const running = await start();
    for (let i = 0; i < n; i++) running.scope.run(idle);
    await drainMicrotasks();
    return driving(running);
  },
  async churn(perFrame) {
    return driving(await start(), (scope) => {
      for (let i = 0; i < perFrame; i++) scope.run(short);
    });
  },
};
