import { afterEach, describe, expect, it } from 'vitest';
import { createScheduler, waitUntil, type Behaviour, type Scheduler, type Task } from '../../src/index.js';
import { createSound, loadSound, playSound, waitSoundAt } from '../../src/howler/index.js';

// Real howler in real Chromium: headless audio plays into nothing, but its events still fire.
const blipUrl = '/assets/sounds/blip.wav';
const winUrl = '/assets/sounds/win.wav'; // 520 ms

let stopLoop: (() => void) | undefined;

/** Ticks the scheduler from requestAnimationFrame, as a game loop would. */
function runLoop(scheduler: Scheduler): void {
  let last = performance.now();
  let handle = requestAnimationFrame(function frame(nowMs) {
    scheduler.tick(Math.max(0, nowMs - last));
    last = nowMs;
    handle = requestAnimationFrame(frame);
  });
  stopLoop = () => cancelAnimationFrame(handle);
}

/** Resolves when the task has ended (checked each animation frame). */
function ended(task: Task<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => (task.status === 'running' ? void requestAnimationFrame(check) : resolve());
    check();
  });
}

afterEach(() => {
  stopLoop?.();
  stopLoop = undefined;
});

describe('playSound', () => {
  it('resumes after a real WAV has played to its end', async () => {
    const errors: unknown[] = [];
    const scheduler = createScheduler({ onError: (error) => errors.push(error) });
    runLoop(scheduler);
    const marks: string[] = [];
    function* blip(): Behaviour {
      const howl = yield* loadSound({ src: [blipUrl] });
      marks.push('loaded');
      const startMs = performance.now();
      yield* playSound(howl);
      marks.push(performance.now() - startMs >= 30 ? 'ended after its length' : 'ended too soon');
    }
    const task = scheduler.spawn(blip());
    await ended(task);
    expect(errors).toEqual([]);
    expect(marks).toEqual(['loaded', 'ended after its length']);
  });

  it('stops the sound when the behaviour is cancelled', async () => {
    const scheduler = createScheduler();
    runLoop(scheduler);
    const howl = createSound({ src: [winUrl] });
    function* music(): Behaviour {
      yield* waitUntil(() => howl.state() === 'loaded');
      yield* playSound(howl);
    }
    const task = scheduler.spawn(music());
    await new Promise<void>((resolve) => {
      const check = (): void => (howl.playing() ? resolve() : void requestAnimationFrame(check));
      check();
    });
    task.cancel();
    expect(howl.playing()).toBe(false);
    expect(task.status).toBe('cancelled');
  });

  it('fails the behaviour with a TickflowError when the file cannot load', async () => {
    const errors: Error[] = [];
    const scheduler = createScheduler({ onError: (error) => errors.push(error as Error) });
    runLoop(scheduler);
    const task = scheduler.spawn(playSound(createSound({ src: ['/assets/sounds/no-such-file.wav'] })), { name: 'missing' });
    await ended(task);
    expect(task.status).toBe('failed');
    expect(errors[0].name).toBe('TickflowError');
    expect(errors[0].message).toMatch(/sound "\/assets\/sounds\/no-such-file.wav" could not load: .*missing#1/);
  });
});

describe('waitSoundAt', () => {
  it('resumes once the sound has played past the position on its own clock', async () => {
    const errors: unknown[] = [];
    const scheduler = createScheduler({ onError: (error) => errors.push(error) });
    runLoop(scheduler);
    let positionMs = -1;
    function* cue(): Behaviour {
      const howl = yield* loadSound({ src: [winUrl] });
      const id = howl.play();
      yield* waitSoundAt(howl, id, 250);
      positionMs = howl.seek(id) * 1000;
      howl.stop(id);
    }
    const task = scheduler.spawn(cue());
    await ended(task);
    expect(errors).toEqual([]);
    expect(positionMs).toBeGreaterThanOrEqual(250);
    expect(positionMs).toBeLessThan(520);
  });
});
