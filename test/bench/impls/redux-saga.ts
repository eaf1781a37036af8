// redux-saga: sagas forked from one root saga started with runSaga on a stdChannel.
//
// A frame is an action: each frame the driver puts { type: 'FRAME' } on the channel, and a saga
// waits one frame with `yield take('FRAME')` (puts run the matching takers synchronously). Timers are
// redux-saga's own `delay(ms)`, which calls the global setTimeout and resolves a promise: while this
// peer runs, setTimeout is the simulated FakeHost, and each frame awaits a full microtask drain
// (setImmediate) so the promise callbacks that resume the sagas are inside the measured frame.
import { counter, FRAME_MS, sleepMsFor, type Driver, type Implementation } from '../lib/common.js';
import { drainMicrotasks, FakeHost } from '../lib/fake-host.js';

type SagaModule = typeof import('redux-saga');
type EffectsModule = typeof import('redux-saga/effects');
type Channel = ReturnType<SagaModule['stdChannel']>;
type SagaTask = ReturnType<SagaModule['runSaga']>;

let saga: SagaModule | null = null;
let effects: EffectsModule | null = null;
const host = new FakeHost();
const FRAME_ACTION = { type: 'FRAME' };
const SPAWN_ACTION = { type: 'SPAWN' };

async function load(): Promise<{ saga: SagaModule; effects: EffectsModule }> {
  if (saga === null || effects === null) {
    saga = await import('redux-saga');
    effects = await import('redux-saga/effects');
  }
  return { saga, effects };
}

function* everyFrame(): Generator<unknown, void, unknown> {
  const frame = (effects as EffectsModule).take('FRAME');
  for (;;) {
    counter.count++;
    yield frame;
  }
}

function* sleeper(index: number): Generator<unknown, void, unknown> {
  const { delay } = effects as EffectsModule;
  for (let k = 0; ; k++) {
    counter.count++;
    yield delay(sleepMsFor(index, k));
  }
}

function* idle(): Generator<unknown, void, unknown> {
  counter.count++;
  yield (effects as EffectsModule).delay(1e9);
}

function* short(): Generator<unknown, void, unknown> {
  counter.count++;
  yield (effects as EffectsModule).take('FRAME');
}

/** Forks `count` sagas made by `make(i)`, then stays alive so they stay attached. */
function* forkAll(count: number, make: (index: number) => Generator<unknown, void, unknown>): Generator<unknown, void, unknown> {
  const { fork, take } = effects as EffectsModule;
  for (let i = 0; i < count; i++) yield fork(make, i);
  for (;;) yield take('NEVER');
}

/** Each SPAWN action forks `perFrame` short sagas. */
function* spawnOnDemand(perFrame: number): Generator<unknown, void, unknown> {
  const { fork, take } = effects as EffectsModule;
  for (;;) {
    yield take('SPAWN');
    for (let i = 0; i < perFrame; i++) yield fork(short);
  }
}

async function start(root: () => Generator<unknown, void, unknown>): Promise<{ channel: Channel; task: SagaTask }> {
  const { saga: { runSaga, stdChannel } } = await load();
  host.clear();
  host.install();
  const channel = stdChannel();
  const task = runSaga({ channel, dispatch: (action: unknown) => channel.put(action as { type: string }), getState: () => null }, root);
  await drainMicrotasks();
  return { channel, task };
}

function driving(running: { channel: Channel; task: SagaTask } | null, spawnAfter: boolean): Driver {
  return {
    async frame() {
      const { channel } = running as { channel: Channel };
      host.advance(FRAME_MS);
      channel.put(FRAME_ACTION);
      if (spawnAfter) channel.put(SPAWN_ACTION);
      await drainMicrotasks();
    },
    async dispose() {
      const task = (running as { task: SagaTask }).task;
      running = null;
      host.clear();
      task.cancel();
      await drainMicrotasks();
      host.uninstall();
    },
  };
}

export const reduxSaga: Implementation = {
  name: 'redux-saga',
  kind: 'peer',
  async frame(n) {
    return driving(await start(() => forkAll(n, everyFrame)), false);
  },
  async timers(n) {
    return driving(await start(() => forkAll(n, sleeper)), false);
  },
  async idle(n) {
    return driving(await start(() => forkAll(n, idle)), false);
  },
  async churn(perFrame) {
    return driving(await start(() => spawnOnDemand(perFrame)), true);
  },
};
