import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScheduler, createSignal, waitFrames, waitMs, waitSignal, type Behaviour, type Signal } from '../../src/index.js';
import { createDevTools, type DevToolsOptions, type DevToolsWarning } from '../../src/debug/index.js';

// A hand-driven CPU clock: behaviours "take time" by advancing it, so budgets are tested without timing.
function setup(options: DevToolsOptions = {}) {
  const cpu = { nowMs: 0 };
  const warnings: DevToolsWarning[] = [];
  const devtools = createDevTools({ cpuClockMs: () => cpu.nowMs, onWarning: (warning) => warnings.push(warning), ...options });
  const scheduler = createScheduler({ ...devtools.schedulerOptions });
  const run = (frames: number, dtMs = 16): void => {
    for (let i = 0; i < frames; i++) {
      scheduler.tick(dtMs);
      devtools.afterTick(scheduler);
    }
  };
  return { cpu, warnings, devtools, scheduler, run };
}

function* idle(): Behaviour {
  for (;;) yield* waitMs(1000);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createDevTools', () => {
  describe('slow resumes', () => {
    it('warns once when one resume takes longer than the budget, naming the behaviour, entity and ms', () => {
      const { cpu, warnings, scheduler, run } = setup();
      function* boss(): Behaviour {
        for (;;) {
          yield* waitFrames(1);
          cpu.nowMs += 9; // every resume costs 9 ms
        }
      }
      scheduler.spawn(boss(), { name: 'boss', entity: 4 });
      run(3);
      expect(warnings.map((warning) => [warning.kind, warning.frame, warning.ms, warning.entity, warning.tasks.map((task) => task.path)])).toEqual([
        ['slow-resume', 1, 9, 4, ['boss#1']],
      ]);
      expect(warnings[0].message).toContain('behaviour "boss#1" (entity 4) ran 9 ms in one resume (budget 4 ms)');
    });

    it('uses resumeBudgetMs as the budget', () => {
      const { cpu, warnings, scheduler } = setup({ resumeBudgetMs: 20 });
      scheduler.spawn((function* (): Behaviour { cpu.nowMs += 15; yield* waitFrames(1); })(), { name: 'ok' });
      scheduler.spawn((function* (): Behaviour { cpu.nowMs += 25; yield* waitFrames(1); })(), { name: 'slow' });
      expect(warnings.map((warning) => warning.tasks[0].name)).toEqual(['slow']);
    });

    it('blames the slow child, not the parent whose resume started it', () => {
      const { cpu, warnings, scheduler } = setup();
      function* heavy(): Behaviour {
        cpu.nowMs += 10;
        yield* waitFrames(1);
      }
      function* spawner(): Behaviour {
        cpu.nowMs += 1;
        scheduler.spawn(heavy(), { name: 'heavy' });
        cpu.nowMs += 1;
        yield* waitFrames(1);
      }
      scheduler.spawn(spawner(), { name: 'spawner' });
      expect(warnings.map((warning) => [warning.tasks[0].path, warning.ms])).toEqual([['spawner#1 > heavy#2', 10]]);
    });

    it('stays quiet when every resume is within the budget', () => {
      const { cpu, warnings, scheduler, run } = setup();
      function* steady(): Behaviour {
        for (;;) {
          cpu.nowMs += 3;
          yield* waitFrames(1);
        }
      }
      for (let i = 0; i < 20; i++) scheduler.spawn(steady(), { name: 'steady' });
      run(100);
      expect(warnings).toEqual([]);
    });
  });

  describe('behaviours of removed entities', () => {
    it('warns when a behaviour outlives its entity, once, listing every behaviour of that entity', () => {
      const alive = new Set([1, 2]);
      const { warnings, scheduler, run } = setup({ entityExists: (eid) => alive.has(eid), checkEveryFrames: 10 });
      function* npc(): Behaviour {
        scheduler.spawn(idle(), { name: 'look' });
        yield* idle();
      }
      scheduler.spawn(npc(), { name: 'npc', entity: 1 });
      scheduler.spawn(npc(), { name: 'npc', entity: 2 });
      run(5);
      alive.delete(2); // removed, but its behaviours were not cancelled: a leak
      run(30);
      expect(warnings.map((warning) => [warning.kind, warning.entity, warning.tasks.map((task) => task.path)])).toEqual([
        ['dead-entity', 2, ['npc#3', 'npc#3 > look#4']],
      ]);
      expect(warnings[0].message).toMatch(/^entity 2 no longer exists, but 2 of its behaviours still run: "npc#3", "npc#3 > look#4"/);
      expect(warnings[0].frame).toBe(11);
    });

    it('stays quiet when behaviours are cancelled with their entity', () => {
      const alive = new Set([1]);
      const { warnings, scheduler, run } = setup({ entityExists: (eid) => alive.has(eid), checkEveryFrames: 1 });
      const npc = scheduler.spawn(idle(), { name: 'npc', entity: 1 });
      scheduler.spawn(idle(), { name: 'world' });
      run(5);
      alive.delete(1);
      npc.cancel();
      run(60);
      expect(warnings).toEqual([]);
    });
  });

  describe('long signal waits', () => {
    function* waitFor(signal: Signal<void>): Behaviour {
      for (;;) yield* waitSignal(signal);
    }

    it('warns once when a behaviour has waited on a signal longer than signalWaitWarnMs of its clock', () => {
      const { warnings, scheduler, run } = setup({ signalWaitWarnMs: 1000, checkEveryFrames: 5 });
      const doorOpened = createSignal('doorOpened');
      scheduler.spawn(waitFor(doorOpened), { name: 'guard', entity: 9 });
      run(60); // 960 ms: under the limit
      expect(warnings).toEqual([]);
      run(60); // 1920 ms
      expect(warnings.map((warning) => [warning.kind, warning.frame, warning.ms, warning.tasks[0].path])).toEqual([
        ['long-signal-wait', 66, 1056, 'guard#1'],
      ]);
      expect(warnings[0].message).toContain('behaviour "guard#1" (entity 9) has waited 1056 ms (clock game) for signal doorOpened (limit 1000 ms)');
    });

    it('stays quiet while the signal keeps coming, and does not count time its clock is paused', () => {
      const { warnings, scheduler, run } = setup({ signalWaitWarnMs: 1000, checkEveryFrames: 1 });
      const beat = createSignal('beat');
      const pausedSignal = createSignal('neverWhilePaused');
      const gameplay = scheduler.createClock('gameplay');
      scheduler.spawn(waitFor(beat), { name: 'dancer' });
      scheduler.spawn(waitFor(pausedSignal), { name: 'sleeper', clock: gameplay });
      gameplay.paused = true;
      for (let i = 0; i < 10; i++) {
        run(30); // 480 ms between beats
        beat.emit();
      }
      expect(warnings).toEqual([]);
    });
  });

  describe('leak trend', () => {
    it('warns when the live count grows at every sample of the window, naming the most common behaviours', () => {
      const { warnings, scheduler, run } = setup({ leakSampleEveryFrames: 10, leakSamples: 5 });
      function* spawner(): Behaviour {
        for (;;) {
          scheduler.spawn(idle(), { name: 'orphan', detached: true }); // never ends: the leak
          yield* waitFrames(3);
        }
      }
      scheduler.spawn(spawner(), { name: 'spawner' });
      run(40); // samples at frames 1, 11, 21, 31
      expect(warnings).toEqual([]);
      run(1); // frame 41: the fifth sample
      expect(warnings.map((warning) => [warning.kind, warning.frame, warning.liveCounts])).toEqual([['leak-trend', 41, [2, 5, 9, 12, 15]]]);
      expect(warnings[0].message).toContain('2 -> 15. Most common now: orphan x14, spawner x1.');
    });

    it('stays quiet when behaviours come and go at a steady rate', () => {
      const { warnings, scheduler, run } = setup({ leakSampleEveryFrames: 10, leakSamples: 5 });
      function* bullet(): Behaviour {
        yield* waitMs(100);
      }
      function* gun(): Behaviour {
        for (;;) {
          scheduler.spawn(bullet(), { name: 'bullet' });
          yield* waitFrames(2);
        }
      }
      scheduler.spawn(gun(), { name: 'gun' });
      run(600);
      expect(warnings).toEqual([]);
    });

    it('is off with leakSamples: 0', () => {
      const { warnings, scheduler, run } = setup({ leakSampleEveryFrames: 1, leakSamples: 0 });
      function* grower(): Behaviour {
        for (;;) {
          scheduler.spawn(idle(), { name: 'orphan', detached: true });
          yield* waitFrames(1);
        }
      }
      scheduler.spawn(grower(), { name: 'grower' });
      run(100);
      expect(warnings).toEqual([]);
    });
  });

  describe('reporting', () => {
    it('sends warnings to console.warn by default', () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      let cpuMs = 0;
      const devtools = createDevTools({ cpuClockMs: () => cpuMs });
      const scheduler = createScheduler({ ...devtools.schedulerOptions });
      scheduler.spawn((function* (): Behaviour { cpuMs += 5; yield* waitFrames(1); })(), { name: 'slow' });
      expect(warn.mock.calls).toEqual([[expect.stringMatching(/^tickflow: slow resume: behaviour "slow#1" ran 5 ms/)]]);
    });

    it('keeps recent warnings in devtools.warnings until cleared', () => {
      const { cpu, devtools, scheduler } = setup({ keepWarnings: 2 });
      for (let i = 0; i < 3; i++) scheduler.spawn((function* (): Behaviour { cpu.nowMs += 5; yield* waitFrames(1); })(), { name: `slow${i}` });
      expect(devtools.warnings.map((warning) => warning.tasks[0].name)).toEqual(['slow1', 'slow2']);
      devtools.clearWarnings();
      expect(devtools.warnings).toEqual([]);
    });

    it('prints failed behaviours with their behaviour stack by default', () => {
      const error = vi.spyOn(console, 'error').mockImplementation(() => {});
      const devtools = createDevTools();
      const scheduler = createScheduler({ ...devtools.schedulerOptions });
      function* fails(): Behaviour {
        yield* waitFrames(1);
        throw new Error('out of ammo');
      }
      scheduler.spawn(fails(), { name: 'gun', entity: 3 });
      scheduler.tick(16);
      expect(error).toHaveBeenCalledTimes(1);
      const text = String(error.mock.calls[0][0]);
      expect(text).toMatch(/^tickflow: behaviour "gun#1" \(entity 3\) failed: Error: out of ammo\n/);
      expect(text).toMatch(/body {3}fails/);
    });

    it('keeps the scheduler running when onWarning throws', () => {
      vi.spyOn(console, 'error').mockImplementation(() => {});
      let cpuMs = 0;
      const devtools = createDevTools({ cpuClockMs: () => cpuMs, onWarning: () => { throw new Error('handler bug'); } });
      const scheduler = createScheduler({ ...devtools.schedulerOptions });
      const order: string[] = [];
      scheduler.spawn((function* (): Behaviour { cpuMs += 5; yield* waitFrames(1); order.push('resumed'); })(), { name: 'slow' });
      scheduler.tick(16);
      expect(order).toEqual(['resumed']);
    });

    it('rejects invalid options with a message naming the option', () => {
      expect(() => createDevTools({ resumeBudgetMs: -1 })).toThrow(/resumeBudgetMs must be a number of milliseconds >= 0/);
      expect(() => createDevTools({ checkEveryFrames: 0 })).toThrow(/checkEveryFrames must be a whole number >= 1, got 0/);
    });
  });

  describe('check', () => {
    it('runs the entity and signal checks at once', () => {
      const { warnings, devtools, scheduler } = setup({ entityExists: () => false });
      scheduler.spawn(idle(), { name: 'ghost', entity: 8 });
      devtools.check(scheduler);
      expect(warnings.map((warning) => warning.kind)).toEqual(['dead-entity']);
    });
  });
});
