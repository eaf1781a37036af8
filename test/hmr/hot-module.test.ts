// The live-editing runtime under a hand-driven clock: two "versions" of a module are two hotModule()
// evaluations, as the tickflow/vite plugin writes them; edited() is what Vite's accept callback calls.
import { addEntity, createWorld, removeEntity } from 'bitecs';
import { describe, expect, it } from 'vitest';
import { createScheduler, waitMs, type Behaviour } from 'tickflow';
import { attachBehaviours, behavioursOf, spawnOn } from 'tickflow/ecs';
import { enableLiveEditing, hotModule } from 'tickflow/hot';
import { makeHot } from 'tickflow/vite';

let nextModule = 0;

/** One module with a `blink(label, order)` behaviour whose pause and words differ between versions. */
function versionOf(moduleId: string, pauseMs: number, word: string) {
  const hot = hotModule(moduleId);
  function* blink(label: string, order: string[]): Behaviour {
    try {
      for (;;) {
        order.push(`${word} ${label}`);
        yield* waitMs(pauseMs);
      }
    } finally {
      order.push(`finally ${word} ${label}`);
    }
  }
  return { blink: hot.behaviour('blink', blink), edited: () => hot.edited() };
}

describe('enableLiveEditing', () => {
  it('restarts a running behaviour from the new version with the same arguments, name and clock', () => {
    const moduleId = `/m${nextModule++}.ts`;
    const scheduler = createScheduler();
    const live = enableLiveEditing(scheduler, { onEdit: () => {} });
    const order: string[] = [];
    const first = versionOf(moduleId, 100, 'old');
    const slow = scheduler.createClock('slow', { timeScale: 0.5 });
    const task = scheduler.spawn(first.blink('a', order), { name: 'blinker', clock: slow });
    scheduler.tick(100);
    scheduler.tick(100); // 100 ms of the slow clock
    const second = versionOf(moduleId, 30, 'new');
    second.edited();
    scheduler.tick(60); // 30 ms of the slow clock
    expect(order).toEqual(['old a', 'old a', 'finally old a', 'new a', 'new a']);
    expect(task.status).toBe('cancelled');
    const [restarted] = scheduler.roots();
    expect({ name: restarted.name, clock: restarted.clock.name, count: live.restartCount }).toEqual({ name: 'blinker', clock: 'slow', count: 1 });
    expect(live.edits.map((edit) => edit.restarted)).toEqual([[`blinker#${task.id}`]]);
  });

  it('makes old importers start the new code (the wrapper calls the newest version)', () => {
    const moduleId = `/m${nextModule++}.ts`;
    const scheduler = createScheduler();
    enableLiveEditing(scheduler, { onEdit: () => {} });
    const order: string[] = [];
    const first = versionOf(moduleId, 100, 'old');
    versionOf(moduleId, 100, 'new');
    scheduler.spawn(first.blink('late', order));
    expect(order).toEqual(['new late']);
  });

  it('leaves other modules and unrelated behaviours alone', () => {
    const scheduler = createScheduler();
    const live = enableLiveEditing(scheduler, { onEdit: () => {} });
    const order: string[] = [];
    const mine = versionOf(`/m${nextModule++}.ts`, 100, 'mine');
    const other = versionOf(`/m${nextModule++}.ts`, 100, 'other');
    scheduler.spawn(mine.blink('x', order));
    scheduler.spawn(other.blink('y', order));
    other.edited();
    expect(order).toEqual(['mine x', 'other y', 'finally other y', 'other y']);
    expect(live.restartCount).toBe(1);
  });

  it('restarts a tickflow/ecs behaviour on its entity and slot, so removing the entity still cancels it', () => {
    const moduleId = `/m${nextModule++}.ts`;
    const scheduler = createScheduler();
    const world = createWorld();
    attachBehaviours(world, scheduler);
    enableLiveEditing(scheduler, { onEdit: () => {} });
    const order: string[] = [];
    const first = versionOf(moduleId, 100, 'old');
    const eid = addEntity(world);
    spawnOn(world, eid, first.blink('guard', order), { name: 'brain', slot: 'brain' });
    versionOf(moduleId, 100, 'new').edited();
    expect(behavioursOf(world, eid).map((task) => [task.name, task.entity])).toEqual([['brain', eid]]);
    // The slot holds the new task: starting another behaviour there replaces it.
    spawnOn(world, eid, first.blink('chase', order), { name: 'chase', slot: 'brain' });
    removeEntity(world, eid);
    expect(order).toEqual(['old guard', 'finally old guard', 'new guard', 'finally new guard', 'new chase', 'finally new chase']);
    expect(scheduler.liveCount).toBe(0);
  });

  it('stops after dispose', () => {
    const moduleId = `/m${nextModule++}.ts`;
    const scheduler = createScheduler();
    const live = enableLiveEditing(scheduler, { onEdit: () => {} });
    const order: string[] = [];
    scheduler.spawn(versionOf(moduleId, 100, 'old').blink('a', order));
    live.dispose();
    versionOf(moduleId, 100, 'new').edited();
    expect(order).toEqual(['old a']);
  });
});

describe('makeHot', () => {
  it('wraps each top-level function* and accepts its own edits, keeping every line in place', () => {
    const code = "import { waitMs } from 'tickflow';\nexport const SPEED = 0.07;\nexport function* patrol(eid) {\n  yield* waitMs(500);\n}\nfunction* look() {}\nfunction helper() {}\n";
    const result = makeHot(code, '/src/guard.ts', 'tickflow/hot');
    expect(result.code).toBeDefined();
    const lines = (result.code as string).split('\n');
    expect(lines[0]).toBe(
      'import { hotModule as __tickflowHot } from "tickflow/hot";const __tickflowModule = __tickflowHot("/src/guard.ts");' +
        'patrol = __tickflowModule.behaviour("patrol", patrol);look = __tickflowModule.behaviour("look", look);' +
        "import { waitMs } from 'tickflow';",
    );
    expect(lines.slice(1, 7)).toEqual(code.split('\n').slice(1, 7));
    expect(result.code).toContain('import.meta.hot.accept(');
  });

  it('leaves alone a module that exports state (a component) or runs code at the top level', () => {
    expect(makeHot('export const Position = { x: [], y: [] };\nexport function* f() {}\n', '/a.ts', 'tickflow/hot')).toEqual({
      code: undefined,
      reason: 'it exports an object or array that may hold state (a component?): move it to a module without behaviours (line 1)',
    });
    expect(makeHot('const scheduler = createScheduler();\nfunction* f() {}\n', '/b.ts', 'tickflow/hot').code).toBeUndefined();
    expect(makeHot('start();\nfunction* f() {}\n', '/c.ts', 'tickflow/hot').code).toBeUndefined();
    // An enum-like object of plain values is fine.
    expect(makeHot('export const Layer = { glow: 0, smoke: 1 };\nexport function* f() {}\n', '/d.ts', 'tickflow/hot').code).toBeDefined();
  });
});
