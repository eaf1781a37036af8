import { describe, expect, it } from 'vitest';
import { TickflowError, createScheduler, createSignal, deltaMs, timeNowMs, waitFrames, waitMs, waitRealMs, waitSignal, type Behaviour } from '../../src/index.js';

describe('deltaMs', () => {
  it('gives the clock step of the latest tick: scaled by timeScale, read after waitFrames(1)', () => {
    const scheduler = createScheduler();
    const steps: number[] = [];
    function* mover(): Behaviour {
      for (;;) {
        yield* waitFrames(1);
        steps.push(yield* deltaMs());
      }
    }
    scheduler.spawn(mover());
    scheduler.tick(16);
    scheduler.timeScale = 0.5;
    scheduler.tick(20);
    scheduler.tick(250); // clamped to maxDtMs (100)
    expect(steps).toEqual([16, 10, 50]);
  });

  it('sums to the clock time passed, so x += speed * dtMs follows nowMs', () => {
    const scheduler = createScheduler();
    let travelledMs = 0;
    function* mover(): Behaviour {
      for (;;) {
        yield* waitFrames(1);
        travelledMs += yield* deltaMs();
      }
    }
    scheduler.spawn(mover());
    for (let i = 0; i < 60; i++) scheduler.tick(1000 / 60);
    expect(travelledMs).toBeCloseTo(scheduler.nowMs, 9);
  });

  it('is 0 in a tick where the clock was paused (a signal wakes the behaviour there)', () => {
    const scheduler = createScheduler();
    const poke = createSignal('poke');
    const seen: number[] = [];
    function* listener(): Behaviour {
      for (;;) {
        yield* waitSignal(poke);
        seen.push(yield* deltaMs());
      }
    }
    scheduler.spawn(listener());
    scheduler.tick(16);
    poke.emit();
    scheduler.paused = true;
    scheduler.tick(16);
    poke.emit();
    expect(seen).toEqual([16, 0]);
  });

  it('is the real clock step, unscaled and running while paused, for a behaviour on the real clock', () => {
    const scheduler = createScheduler();
    const steps: number[] = [];
    function* menuPulse(): Behaviour {
      for (;;) {
        yield* waitFrames(1);
        steps.push(yield* deltaMs());
      }
    }
    scheduler.spawn(menuPulse(), { clock: scheduler.realClock });
    scheduler.timeScale = 0.25;
    scheduler.paused = true;
    scheduler.tick(16);
    expect(steps).toEqual([16]);
  });

  it('can be read in a finally block during cancel (it does not wait)', () => {
    const errors: unknown[] = [];
    const scheduler = createScheduler({ onError: (error) => errors.push(error) });
    const seen: number[] = [];
    function* mover(): Behaviour {
      try {
        yield* waitMs(1e9);
      } finally {
        seen.push(yield* deltaMs(), yield* timeNowMs());
      }
    }
    const task = scheduler.spawn(mover());
    scheduler.tick(16);
    task.cancel();
    expect(seen).toEqual([16, 16]);
    expect(errors).toEqual([]);
  });

  it('throws a TickflowError outside a behaviour', () => {
    expect(() => [...deltaMs()]).toThrow(TickflowError);
    expect(() => [...deltaMs()]).toThrow('deltaMs() reads the clock of the running behaviour, but no behaviour is running');
  });
});

describe('timeNowMs', () => {
  it('is the deadline inside a timer resume, so times read from it never drift', () => {
    const scheduler = createScheduler();
    const times: number[] = [];
    function* metronome(): Behaviour {
      times.push(yield* timeNowMs());
      for (let i = 0; i < 3; i++) {
        yield* waitMs(100);
        times.push(yield* timeNowMs());
      }
    }
    scheduler.spawn(metronome());
    for (let i = 0; i < 20; i++) scheduler.tick(16);
    expect(times).toEqual([0, 100, 200, 300]);
  });

  it('is the clock now after a frame wait, and reads the behaviour\'s own clock', () => {
    const scheduler = createScheduler();
    const slow = scheduler.createClock('slow', { timeScale: 0.5 });
    const seen: Array<[string, number]> = [];
    function* reader(label: string): Behaviour {
      yield* waitFrames(2);
      seen.push([label, yield* timeNowMs()]);
    }
    scheduler.spawn(reader('game'));
    scheduler.spawn(reader('slow'), { clock: slow });
    scheduler.tick(10);
    scheduler.tick(10);
    expect(seen).toEqual([
      ['game', 20],
      ['slow', 10],
    ]);
  });

  it('is the clock now for a game-clock behaviour woken by a real-clock timer', () => {
    const scheduler = createScheduler();
    scheduler.timeScale = 0.5;
    const seen: number[] = [];
    function* reader(): Behaviour {
      yield* waitRealMs(20);
      seen.push(yield* timeNowMs());
    }
    scheduler.spawn(reader());
    scheduler.tick(16);
    scheduler.tick(16);
    expect(seen).toEqual([16]);
  });
});
