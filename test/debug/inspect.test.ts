import { describe, expect, it } from 'vitest';
import {
  all,
  createScheduler,
  createSignal,
  currentTask,
  race,
  waitFrames,
  waitMs,
  waitRealMs,
  waitSignal,
  waitUntil,
  waitWhile,
  type Behaviour,
  type Task,
} from '../../src/index.js';
import { formatInspection, inspect, type BehaviourInfo } from '../../src/debug/index.js';

function* sleepMs(ms: number): Behaviour {
  yield* waitMs(ms);
}

function* sleepFrames(frames: number): Behaviour {
  yield* waitFrames(frames);
}

function byName(list: BehaviourInfo[], name: string): BehaviourInfo {
  const found = list.find((info) => info.name === name);
  if (found === undefined) throw new Error(`no behaviour named ${name} in\n${formatInspection(list)}`);
  return found;
}

describe('inspect', () => {
  it('lists one entry per live behaviour with its name path, parents before children', () => {
    const scheduler = createScheduler();
    function* level(): Behaviour {
      scheduler.spawn(sleepMs(1000), { name: 'patrol' });
      scheduler.spawn(sleepMs(1000), { name: 'guard' });
      yield* waitMs(5000);
    }
    scheduler.spawn(level(), { name: 'level' });
    scheduler.spawn(sleepFrames(10), { name: 'music' });
    const list = inspect(scheduler);
    expect(list.map((info) => [info.path, info.depth, info.parentId])).toEqual([
      ['level#1', 0, undefined],
      ['level#1 > patrol#2', 1, 1],
      ['level#1 > guard#3', 1, 1],
      ['music#4', 0, undefined],
    ]);
  });

  it('describes each kind of wait in words', () => {
    const scheduler = createScheduler();
    const onHit = createSignal<number>('onHit');
    let open = false;
    const doorOpen = (): boolean => open;
    let patrol: Task<void> | undefined;
    function* joiner(): Behaviour {
      patrol = scheduler.spawn(sleepMs(5000), { name: 'patrol', detached: true });
      yield* patrol;
    }
    function* waitsForAll(): Behaviour {
      yield* all([sleepFrames(1), sleepMs(1000), sleepMs(2000)]);
    }
    function* waitsForRace(): Behaviour {
      yield* race([sleepMs(1000), waitSignal(onHit)]);
    }
    function* parent(): Behaviour {
      scheduler.spawn(sleepMs(3000), { name: 'child' });
      scheduler.spawn(sleepMs(3000), { name: 'child' });
    }
    scheduler.spawn(sleepMs(500), { name: 'ms' });
    scheduler.spawn(sleepFrames(5), { name: 'frames5' });
    scheduler.spawn(sleepFrames(1), { name: 'frames1' });
    scheduler.spawn((function* (): Behaviour { yield* waitRealMs(800); })(), { name: 'real' });
    scheduler.spawn((function* (): Behaviour { yield* waitSignal(onHit); })(), { name: 'sig' });
    scheduler.spawn((function* (): Behaviour { yield* waitUntil(() => open); })(), { name: 'until' });
    scheduler.spawn((function* (): Behaviour { yield* waitUntil(doorOpen); })(), { name: 'untilNamed' });
    scheduler.spawn((function* (): Behaviour { yield* waitUntil(() => open, 'door open'); })(), { name: 'untilLabelled' });
    scheduler.spawn((function* (): Behaviour { yield* waitWhile(() => !open); })(), { name: 'while' });
    scheduler.spawn(joiner(), { name: 'joiner' });
    scheduler.spawn(waitsForAll(), { name: 'allOf' });
    scheduler.spawn(waitsForRace(), { name: 'raceOf' });
    scheduler.spawn(parent(), { name: 'parent' });
    scheduler.tick(16);
    scheduler.tick(16);
    scheduler.tick(18); // frame 3, 50 ms: frames1 and all[0] are done
    const list = inspect(scheduler);
    const words = (name: string): string => byName(list, name).waitingFor;
    expect({
      ms: words('ms'),
      frames5: words('frames5'),
      real: words('real'),
      sig: words('sig'),
      until: words('until'),
      untilNamed: words('untilNamed'),
      untilLabelled: words('untilLabelled'),
      while: words('while'),
      joiner: words('joiner'),
      allOf: words('allOf'),
      raceOf: words('raceOf'),
      parent: words('parent'),
    }).toEqual({
      ms: 'waitMs 450 ms left',
      frames5: 'waitFrames 2 left',
      real: 'waitRealMs 750 ms left',
      sig: 'signal onHit',
      until: 'waitUntil () => open',
      untilNamed: 'waitUntil doorOpen',
      untilLabelled: 'waitUntil door open',
      while: 'waitWhile () => !open',
      joiner: `join patrol#${patrol?.id}`,
      allOf: 'all 2 of 3 left',
      raceOf: 'race of 2',
      parent: 'children 2 left',
    });
    expect(list.some((info) => info.name === 'frames1')).toBe(false);
    expect(byName(list, 'parent').state).toBe('finishing');
    expect(byName(list, 'ms').state).toBe('waiting');
    expect(byName(list, 'ms').leftMs).toBe(450);
  });

  it('counts frames left for waitFrames, and says so when its clock is paused', () => {
    const scheduler = createScheduler();
    const ui = scheduler.createClock('ui');
    scheduler.spawn(sleepFrames(5), { name: 'fade', clock: ui });
    scheduler.tick(16);
    scheduler.tick(16);
    expect(inspect(scheduler)[0]).toMatchObject({ wait: 'waitFrames', leftFrames: 3, waitingFor: 'waitFrames 3 left', clock: 'ui' });
    ui.paused = true;
    scheduler.tick(16);
    expect(inspect(scheduler)[0].waitingFor).toBe('waitFrames 3 left (clock ui paused)');
  });

  it('reports the owning entity, inherited by children', () => {
    const scheduler = createScheduler();
    function* npc(): Behaviour {
      scheduler.spawn(sleepMs(100), { name: 'look' });
      yield* waitMs(100);
    }
    scheduler.spawn(npc(), { name: 'npc', entity: 12 });
    expect(inspect(scheduler).map((info) => [info.path, info.entity])).toEqual([
      ['npc#1', 12],
      ['npc#1 > look#2', 12],
    ]);
  });

  it('reports age in frames and real-clock ms, resumes and frames waited', () => {
    const scheduler = createScheduler();
    function* ticker(): Behaviour {
      yield* waitFrames(1);
      yield* waitFrames(1);
      yield* waitMs(1000);
    }
    scheduler.tick(10); // spawned at frame 1, 10 ms
    scheduler.spawn(ticker(), { name: 'ticker' });
    for (let i = 0; i < 4; i++) scheduler.tick(20); // frame 5, 90 ms
    expect(inspect(scheduler)[0]).toMatchObject({ ageFrames: 4, ageMs: 80, resumes: 3, waitedFrames: 2 });
  });

  it('says running for the behaviour that calls it from its own body', () => {
    const scheduler = createScheduler();
    let seen: BehaviourInfo[] = [];
    function* introspect(): Behaviour {
      const me = yield* currentTask();
      seen = inspect(scheduler).filter((info) => info.id === me.id);
    }
    scheduler.spawn(introspect(), { name: 'self' });
    expect(seen).toMatchObject([{ state: 'running', wait: 'running', waitingFor: 'running' }]);
  });

  it('leaves out behaviours that finished or were cancelled', () => {
    const scheduler = createScheduler();
    scheduler.spawn(sleepFrames(1), { name: 'short' });
    const cancelled = scheduler.spawn(sleepMs(1000), { name: 'cancelled' });
    scheduler.spawn(sleepMs(1000), { name: 'kept' });
    cancelled.cancel();
    scheduler.tick(16);
    expect(inspect(scheduler).map((info) => info.name)).toEqual(['kept']);
  });

  it('reports CPU time in total and for the worst resume when the scheduler measures it', () => {
    let nowMs = 0;
    const scheduler = createScheduler({ cpuClockMs: () => nowMs });
    function* worker(): Behaviour {
      nowMs += 2; // the first step costs 2 ms
      yield* waitFrames(1);
      nowMs += 5; // the second 5 ms
      yield* waitFrames(1);
    }
    scheduler.spawn(worker(), { name: 'worker' });
    scheduler.tick(16);
    expect(inspect(scheduler)[0]).toMatchObject({ cpuMs: 7, worstResumeMs: 5, resumes: 2 });
  });

  it('returns a plain array that JSON round-trips', () => {
    const scheduler = createScheduler();
    scheduler.spawn(sleepMs(200), { name: 'a', entity: 3 });
    const list = inspect(scheduler);
    expect(JSON.parse(JSON.stringify(list))).toEqual(JSON.parse(JSON.stringify(list)));
    expect(Array.isArray(list)).toBe(true);
    expect(Object.getPrototypeOf(list[0])).toBe(Object.prototype);
  });

  it('throws a TickflowError naming itself when given something that is not a scheduler', () => {
    expect(() => inspect({} as never)).toThrow(/inspect expects a scheduler made by createScheduler\(\), got a plain object/);
  });
});

describe('formatInspection', () => {
  it('prints one indented line per behaviour with its wait in words', () => {
    const scheduler = createScheduler();
    function* npc(): Behaviour {
      scheduler.spawn(sleepMs(350), { name: 'patrol' });
    }
    scheduler.spawn(npc(), { name: 'npc', entity: 12 });
    const lines = formatInspection(inspect(scheduler)).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^npc#1 +entity 12 +finishing +children 1 left +age 0 f +resumes 1$/);
    expect(lines[1]).toMatch(/^ {2}patrol#2 +entity 12 +waiting +waitMs 350 ms left +age 0 f +resumes 1$/);
  });
});

describe('waitUntil labels', () => {
  it('rejects a label that is not a string, saying how to write one', () => {
    expect(() => waitUntil(() => true, 5 as unknown as string)).toThrow("waitUntil expects its label to be a string, got 5. Write waitUntil(() => condition, 'door open').");
  });
});
