// Not a vitest file (no .test.ts): test/package/package.test.ts compiles it in the consumer project and runs it with node --test.
// A consumer of the packed tarball: every entry point imported by its package name, option objects
// written the way exactOptionalPropertyTypes users write them (explicit undefined), and a small run.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { addComponent, addEntity, createWorld, removeEntity } from 'bitecs';
import type { Container } from 'pixi.js';
import { all, createScheduler, race, waitFrames, waitMs, type Behaviour, type SchedulerOptions, type SpawnOptions } from 'tickflow';
import type { BrowserLoopOptions } from 'tickflow/browser';
import { createDevTools, createTraceRecorder, inspect } from 'tickflow/debug';
import { createGameLoop, spawnOn } from 'tickflow/ecs';
import { playSound, type SoundLike } from 'tickflow/howler';
import type { SpriteSyncOptions } from 'tickflow/pixi';
import { easeOutQuad, tween } from 'tickflow/tween';

const maybeName: string | undefined = undefined;

function* patrol(log: string[], route: number[]): Behaviour<number> {
  for (const point of route) {
    yield* waitFrames(1);
    log.push(`at ${point}`);
    yield* waitMs(100);
  }
  return route.length;
}

function* cooldown(log: string[]): Behaviour {
  const first = yield* race([waitMs(250), waitFrames(100)]);
  log.push(`cooldown over (${first.index === 0 ? 'timer' : 'frames'})`);
}

test('behaviours run from the packed tarball, with explicit undefined options', () => {
  const options: SchedulerOptions = { maxDtMs: undefined, onError: undefined, onTrace: createTraceRecorder({ limit: undefined }).onTrace };
  const scheduler = createScheduler(options);
  const log: string[] = [];
  const spawnOptions: SpawnOptions = { name: maybeName, detached: undefined, clock: undefined, entity: undefined };
  const task = scheduler.spawn(patrol(log, [1, 2]), spawnOptions);
  scheduler.spawn(cooldown(log), { name: 'cooldown' });
  for (let frame = 0; frame < 30; frame++) scheduler.tick(16);
  assert.deepEqual(log, ['at 1', 'at 2', 'cooldown over (timer)']);
  assert.equal(task.status, 'done');
  assert.equal(task.result, 2);
  assert.deepEqual(inspect(scheduler), []);
});

test('tickflow/ecs runs on bitecs 0.4: removeEntity cancels the entity behaviour and runs its finally', () => {
  const world = createWorld();
  const scheduler = createScheduler();
  const loop = createGameLoop({ world, scheduler, fixedStepMs: undefined, maxDtMs: undefined, clock: undefined });
  const Position = { x: [] as number[] };
  const log: string[] = [];
  function* walk(eid: number): Behaviour {
    try {
      for (;;) {
        yield* waitMs(100);
        Position.x[eid] = (Position.x[eid] ?? 0) + 1;
      }
    } finally {
      log.push(`stopped at ${Position.x[eid]}`);
    }
  }
  const eid = addEntity(world);
  addComponent(world, eid, Position);
  Position.x[eid] = 0;
  spawnOn(world, eid, walk(eid), { name: 'walk', slot: undefined, clock: undefined });
  loop.runFor(350);
  removeEntity(world, eid);
  assert.deepEqual(log, ['stopped at 3']);
});

test('tickflow/pixi tweens a plain object; tickflow/howler waits for a sound through SoundLike', () => {
  const scheduler = createScheduler();
  const target = { x: 0, alpha: 1 };
  const fake: SoundLike & { ended?: () => void } = {
    play: () => 7,
    stop: () => undefined,
    seek: () => 0,
    loop: () => false,
    state: () => 'loaded',
    on(event, callback) {
      if (event === 'end') this.ended = () => callback(7);
    },
    off: () => undefined,
  };
  function* both(): Behaviour {
    yield* all([tween(target, { x: 10 }, 100, easeOutQuad), playSound(fake)]);
  }
  const task = scheduler.spawn(both());
  for (let frame = 0; frame < 10; frame++) scheduler.tick(16);
  assert.equal(target.x, 10);
  assert.equal(task.status, 'running');
  fake.ended?.();
  scheduler.tick(16); // playSound resumes in the first tick after the sound ended
  assert.equal(task.status, 'done');
});

test('dev tools and browser loop options take explicit undefined', () => {
  const devtools = createDevTools({ entityExists: undefined, onWarning: undefined, resumeBudgetMs: undefined });
  const scheduler = createScheduler({ ...devtools.schedulerOptions });
  scheduler.tick(16);
  devtools.afterTick(scheduler);
  assert.deepEqual(devtools.warnings, []);
  const browserOptions: BrowserLoopOptions = { maxDtMs: undefined, document: undefined, nowMs: undefined };
  assert.equal(browserOptions.maxDtMs, undefined);
});

// pixi.js 8 is only needed for its types: SpriteSyncOptions takes its Container.
export type SyncOfContainers = SpriteSyncOptions<Container>;
