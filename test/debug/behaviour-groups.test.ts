// The overlay's list model, walked a few behaviours at a time while behaviours end and start between
// steps (the overlay spreads a count of 200,000 over frames). Internal module: the overlay's Chromium
// tests cover what users see; these pin the counting itself.
import { describe, expect, it } from 'vitest';
import { createScheduler, race, waitFrames, waitMs, type Behaviour, type Scheduler } from 'tickflow';
import { inspect } from 'tickflow/debug';
import { GroupWalker } from '../../src/debug/behaviour-groups.js';
import type { SchedulerState } from '../../src/core/scheduler.js';

function* sleep(ms: number): Behaviour {
  yield* waitMs(ms);
}

function* ticker(): Behaviour {
  for (;;) yield* waitFrames(1);
}

function* racer(): Behaviour {
  for (;;) yield* race([sleep(50), ticker()]);
}

function counts(groups: readonly { key: string; count: number }[]): Record<string, number> {
  return Object.fromEntries(groups.map((group) => [group.key, group.count]));
}

function expected(scheduler: Scheduler): Record<string, number> {
  const byKey: Record<string, number> = {};
  for (const info of inspect(scheduler)) byKey[`${info.name} · ${info.wait}`] = (byKey[`${info.name} · ${info.wait}`] ?? 0) + 1;
  return byKey;
}

describe('GroupWalker', () => {
  it('counts behaviours by name and wait, largest group first, over as many steps as the budget needs', () => {
    const scheduler = createScheduler();
    for (let i = 0; i < 30; i++) scheduler.spawn(ticker(), { name: 'dust' });
    for (let i = 0; i < 10; i++) scheduler.spawn(racer(), { name: 'racer' });
    scheduler.tick(16);
    const walker = new GroupWalker(scheduler as unknown as SchedulerState, 5);
    let steps = 1;
    while (!walker.step(7)) steps++;
    expect(steps).toBeGreaterThan(5);
    expect(counts(walker.groups)).toEqual(expected(scheduler));
    // Ties (10 each) go by name.
    expect(walker.groups.map((group) => group.key)).toEqual(['dust · waitFrames', 'race[0] · waitMs', 'race[1] · waitFrames', 'racer · race']);
    expect(walker.groups[0].tasks).toHaveLength(5); // the sample limit
    expect(walker.total).toBe(scheduler.liveCount);
  });

  it('keeps its place when the roots it walked last end between steps', () => {
    const scheduler = createScheduler();
    for (let i = 0; i < 200; i++) scheduler.spawn(sleep(16 * (1 + (i % 7))), { name: i % 2 === 0 ? 'even' : 'odd' });
    const walker = new GroupWalker(scheduler as unknown as SchedulerState, 10);
    let passes = 0;
    for (let frame = 0; frame < 40 && passes < 3; frame++) {
      if (walker.step(25)) passes++;
      scheduler.tick(16); // some sleepers end; new ones start at the end of the root list
      for (let i = 0; i < 5; i++) scheduler.spawn(sleep(64), { name: 'late' });
    }
    expect(passes).toBeGreaterThanOrEqual(2);
    // No behaviour counted twice: a pass never counts more than were alive at any time during it.
    expect(walker.total).toBeLessThanOrEqual(200 + 40 * 5);
    // With nothing changing, one more pass agrees with inspect() exactly.
    walker.restart();
    while (!walker.step(25));
    expect(counts(walker.groups)).toEqual(expected(scheduler));
  });

  it('counts only what the filter accepts', () => {
    const scheduler = createScheduler();
    for (let i = 0; i < 6; i++) scheduler.spawn(ticker(), { name: 'dust', entity: i });
    const walker = new GroupWalker(scheduler as unknown as SchedulerState, 10);
    walker.setFilter((task) => task.entity !== undefined && task.entity < 2);
    while (!walker.step(100));
    expect({ total: walker.total, shown: walker.shown, groups: counts(walker.groups) }).toEqual({ total: 6, shown: 2, groups: { 'dust · waitFrames': 2 } });
  });
});
