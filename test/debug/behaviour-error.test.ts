import { describe, expect, it } from 'vitest';
import { createScheduler, waitFrames, type Behaviour, type Task } from '../../src/index.js';
import { behaviourStack, formatBehaviourError } from '../../src/debug/index.js';

function pickTarget(route: number[]): number {
  if (route.length === 0) throw new Error('empty route');
  return route[0];
}

function* walkTo(route: number[]): Behaviour<number> {
  yield* waitFrames(1);
  return pickTarget(route);
}

function* followRoute(route: number[]): Behaviour {
  yield* walkTo(route);
}

function* patrol(route: number[]): Behaviour {
  for (;;) yield* followRoute(route);
}

// Runs `level > patrol` on entity 12 with an empty route: walkTo throws on frame 1.
function failInPatrol(): { error: unknown; task: Task<unknown> } {
  const reports: Array<{ error: unknown; task: Task<unknown> }> = [];
  const scheduler = createScheduler({ onError: (error, task) => reports.push({ error, task }) });
  function* level(): Behaviour {
    scheduler.spawn(patrol([]), { name: 'patrol', entity: 12 });
    yield* waitFrames(100);
  }
  scheduler.spawn(level(), { name: 'level' });
  scheduler.tick(16);
  expect(reports).toHaveLength(1);
  return reports[0];
}

describe('behaviourStack', () => {
  it('lists the task chain outermost first with the owning entity', () => {
    const { error, task } = failInPatrol();
    const stack = behaviourStack(error, task);
    expect(stack.tasks.map((level) => [level.path, level.entity])).toEqual([
      ['level#1', undefined],
      ['level#1 > patrol#2', 12],
    ]);
    expect(stack.entity).toBe(12);
    expect(stack.raisedIn).toBeUndefined();
  });

  it('reads the yield* delegations from the JS stack: body, each yield*, then the plain call that threw', () => {
    const { error, task } = failInPatrol();
    const frames = behaviourStack(error, task).frames;
    expect(frames.map((frame) => [frame.kind, frame.functionName])).toEqual([
      ['body', 'patrol'],
      ['yield*', 'followRoute'],
      ['yield*', 'walkTo'],
      ['call', 'pickTarget'],
    ]);
    expect(frames[3].location).toMatch(/behaviour-error\.test\.ts:\d+:\d+$/);
  });

  it('names the behaviour an error was raised in when a join carried it into another', () => {
    const reports: Array<{ error: unknown; task: Task<unknown> }> = [];
    const scheduler = createScheduler({ onError: (error, task) => reports.push({ error, task }) });
    function* failsWithTickflowError(): Behaviour {
      yield* waitFrames(1);
      yield* waitFrames(-1); // a TickflowError raised inside this behaviour
    }
    function* boss(): Behaviour {
      yield* scheduler.spawn(failsWithTickflowError(), { name: 'phase' });
    }
    scheduler.spawn(boss(), { name: 'boss' });
    scheduler.tick(16);
    expect(reports.map((report) => [report.task.path, behaviourStack(report.error, report.task).raisedIn])).toEqual([
      ['boss#1', 'boss#1 > phase#2'],
    ]);
  });

  it('reads SpiderMonkey-style stacks too', () => {
    const error = { stack: 'pickTarget@game.js:3:9\nwalkTo@game.js:8:10\nnext@[native code]\npatrol@game.js:12:5\nnext@[native code]\n#drive@tickflow.js:300:20' };
    const task = createScheduler().spawn((function* (): Behaviour { yield* waitFrames(1); })(), { name: 'npc' });
    expect(behaviourStack(error, task).frames.map((frame) => [frame.kind, frame.functionName, frame.location])).toEqual([
      ['body', 'patrol', 'game.js:12:5'],
      ['yield*', 'walkTo', 'game.js:8:10'],
      ['call', 'pickTarget', 'game.js:3:9'],
    ]);
  });
});

describe('formatBehaviourError', () => {
  it('prints what failed, the task chain with the entity, and the yield* chain ending where it threw', () => {
    const { error, task } = failInPatrol();
    const lines = formatBehaviourError(error, task).split('\n');
    expect(lines.map((line) => line.replace(/ {2}\(.*\)/, ''))).toEqual([
      'tickflow: behaviour "level#1 > patrol#2" (entity 12) failed: Error: empty route',
      '  behaviour stack, outermost first:',
      '    task level#1',
      '    task patrol#2  entity 12',
      '      body   patrol',
      '      yield* followRoute',
      '      yield* walkTo',
      '      call   pickTarget  <- threw here',
    ]);
  });

  it('says so when the thrown value has no stack', () => {
    const reports: Array<{ error: unknown; task: Task<unknown> }> = [];
    const scheduler = createScheduler({ onError: (error, task) => reports.push({ error, task }) });
    scheduler.spawn((function* (): Behaviour { throw 'not an error'; })(), { name: 'odd' });
    expect(formatBehaviourError(reports[0].error, reports[0].task).split('\n')).toEqual([
      'tickflow: behaviour "odd#1" failed: "not an error" (thrown value, not an Error)',
      '  behaviour stack, outermost first:',
      '    task odd#1',
      '      (no JavaScript stack: the thrown value was not an Error)',
    ]);
  });
});
