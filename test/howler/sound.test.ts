import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createScheduler, race, waitMs, type Behaviour, type Scheduler } from '../../src/index.js';
import { createSound, loadSound, playSound, waitSoundAt, type SoundLike, type SoundListener } from '../../src/howler/index.js';

// A stand-in for howler's Howl: records calls, and lets the test fire howler's events by hand.
const fake = vi.hoisted(() => {
  interface Listener { event: string; callback: (id: number, error?: unknown) => void; id: number | undefined; once: boolean }
  interface FakeHowl {
    options: { src: string[]; sprite?: Record<string, unknown>; loop?: boolean };
    listeners: Listener[];
    calls: string[];
    positionSec: number;
    loaded: boolean;
    looping: boolean;
    nextId: number;
    emit(event: string, id?: number, error?: unknown): void;
  }
  const made: FakeHowl[] = [];
  // A `function` constructor: the code under test calls `new Howl(options)`.
  function Howl(this: FakeHowl, options: FakeHowl['options']) {
    this.options = options;
    this.listeners = [];
    this.calls = [];
    this.positionSec = 0;
    this.loaded = false;
    this.looping = options.loop === true;
    this.nextId = 1000;
    made.push(this);
  }
  Howl.prototype.play = function (this: FakeHowl, sprite?: string) {
    if (sprite !== undefined && !(this.options.sprite && sprite in this.options.sprite)) return null;
    const id = this.nextId++;
    this.calls.push(`play ${sprite ?? ''} -> ${id}`.replace('  ', ' '));
    return id;
  };
  Howl.prototype.stop = function (this: FakeHowl, id?: number) {
    this.calls.push(`stop ${id}`);
    this.emit('stop', id);
    return this;
  };
  Howl.prototype.seek = function (this: FakeHowl) {
    return this.positionSec;
  };
  Howl.prototype.loop = function (this: FakeHowl) {
    return this.looping;
  };
  Howl.prototype.state = function (this: FakeHowl) {
    return this.loaded ? 'loaded' : 'loading';
  };
  Howl.prototype.on = function (this: FakeHowl, event: string, callback: Listener['callback'], id?: number) {
    this.listeners.push({ event, callback, id, once: false });
    return this;
  };
  Howl.prototype.once = function (this: FakeHowl, event: string, callback: Listener['callback'], id?: number) {
    this.listeners.push({ event, callback, id, once: true });
    return this;
  };
  Howl.prototype.off = function (this: FakeHowl, event: string, callback?: Listener['callback'], id?: number) {
    const index = this.listeners.findIndex((l) => l.event === event && l.callback === callback && l.id === id);
    if (index >= 0) this.listeners.splice(index, 1);
    return this;
  };
  // Like howler's _emit: listeners without an id hear every sound; 'loaderror' comes with no id.
  Howl.prototype.emit = function (this: FakeHowl, event: string, id?: number, error?: unknown) {
    if (event === 'load') this.loaded = true;
    for (const listener of [...this.listeners]) {
      if (listener.event !== event || (listener.id !== undefined && listener.id !== id)) continue;
      if (listener.once) this.listeners.splice(this.listeners.indexOf(listener), 1);
      listener.callback(id as number, error);
    }
  };
  return { Howl, made };
});

vi.mock('howler', () => ({ Howl: fake.Howl, Howler: {} }));

type Fake = SoundLike & { calls: string[]; listeners: unknown[]; positionSec: number; looping: boolean; emit(event: string, id?: number, error?: unknown): void };

function last(): Fake {
  return fake.made[fake.made.length - 1] as unknown as Fake;
}

let errors: unknown[];
let scheduler: Scheduler;

beforeEach(() => {
  errors = [];
  scheduler = createScheduler({ onError: (error) => errors.push(error) });
});

describe('createSound', () => {
  it('makes a Howl with the given options', () => {
    createSound({ src: ['sounds/blip.wav'], volume: 0.5 });
    expect(last()).toMatchObject({ options: { src: ['sounds/blip.wav'], volume: 0.5 } });
  });

  it('rejects options without a src', () => {
    expect(() => createSound({} as never)).toThrow(/createSound expects howler options with a src/);
  });
});

describe('loadSound', () => {
  it('resumes with the Howl in the first tick after it loaded', () => {
    const order: string[] = [];
    function* boot(): Behaviour {
      const howl = yield* loadSound({ src: ['sounds/hit.wav'] });
      order.push(`loaded ${howl === (last() as unknown) ? 'same' : 'other'}`);
    }
    scheduler.spawn(boot());
    scheduler.tick(16);
    order.push('tick 1');
    last().emit('load');
    scheduler.tick(16);
    expect(order).toEqual(['tick 1', 'loaded same']);
  });

  it('fails the behaviour with a TickflowError naming the file when loading fails', () => {
    scheduler.spawn(loadSound({ src: ['sounds/missing.wav'] }), { name: 'boot' });
    last().emit('loaderror', undefined, 'Failed loading audio file with status: 404.');
    scheduler.tick(16);
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).name).toBe('TickflowError');
    expect((errors[0] as Error).message).toMatch(/sound "sounds\/missing.wav" could not load: Failed loading audio file with status: 404.*boot#1/);
  });
});

describe('playSound', () => {
  it('resumes in the first tick after the sound ends', () => {
    const howl = createSound({ src: ['sounds/blip.wav'] }) as unknown as Fake;
    const order: string[] = [];
    function* beep(): Behaviour {
      yield* playSound(howl);
      order.push('after sound');
    }
    scheduler.spawn(beep());
    scheduler.tick(16);
    order.push('tick 1');
    howl.emit('end', 1000);
    order.push('end event');
    scheduler.tick(16);
    expect(order).toEqual(['tick 1', 'end event', 'after sound']);
    expect(howl.calls).toEqual(['play -> 1000']);
    expect(howl.listeners).toHaveLength(1); // only createSound's own loaderror record remains
  });

  it('plays the named sprite and ignores the end of other sounds', () => {
    const howl = createSound({ src: ['sounds/sfx.wav'], sprite: { hit: [0, 200] } }) as unknown as Fake;
    const task = scheduler.spawn(playSound(howl, 'hit'));
    howl.emit('end', 999);
    scheduler.tick(16);
    expect(task.status).toBe('running');
    howl.emit('end', 1000);
    scheduler.tick(16);
    expect(task.status).toBe('done');
    expect(howl.calls).toEqual(['play hit -> 1000']);
  });

  it('fails with a TickflowError for a sprite the sound does not have', () => {
    const howl = createSound({ src: ['sounds/sfx.wav'], sprite: { hit: [0, 200] } });
    scheduler.spawn(playSound(howl, 'jump'), { name: 'sfx' });
    expect((errors[0] as Error).message).toMatch(/could not start sprite "jump" of "sounds\/sfx.wav".*sfx#1/);
  });

  it('stops the sound when the behaviour is cancelled', () => {
    const howl = createSound({ src: ['sounds/blip.wav'] }) as unknown as Fake;
    const task = scheduler.spawn(playSound(howl));
    scheduler.tick(16);
    task.cancel();
    expect(howl.calls).toEqual(['play -> 1000', 'stop 1000']);
    expect(task.status).toBe('cancelled');
  });

  it('stops the sound when it loses a race', () => {
    const howl = createSound({ src: ['sounds/music.wav'], loop: true }) as unknown as Fake;
    function* scene(): Behaviour {
      yield* race([playSound(howl), waitMs(100)]);
    }
    const task = scheduler.spawn(scene());
    for (let i = 0; i < 7; i++) scheduler.tick(16);
    expect(task.status).toBe('done');
    expect(howl.calls).toEqual(['play -> 1000', 'stop 1000']);
  });

  it('keeps a looping sound going past the end of each pass', () => {
    const howl = createSound({ src: ['sounds/music.wav'], loop: true }) as unknown as Fake;
    const task = scheduler.spawn(playSound(howl));
    howl.emit('end', 1000);
    scheduler.tick(16);
    expect(task.status).toBe('running');
  });

  it('ends the wait without stopping again when something else stopped the sound', () => {
    const howl = createSound({ src: ['sounds/blip.wav'] }) as unknown as Fake;
    const task = scheduler.spawn(playSound(howl));
    howl.stop(1000);
    scheduler.tick(16);
    expect(task.status).toBe('done');
    expect(howl.calls).toEqual(['play -> 1000', 'stop 1000']);
  });

  it('fails the behaviour with a clear TickflowError when the sound cannot load', () => {
    const howl = createSound({ src: ['sounds/missing.wav'] }) as unknown as Fake;
    scheduler.spawn(playSound(howl), { name: 'blip' });
    howl.emit('loaderror', undefined, 'Decoding audio data failed.');
    scheduler.tick(16);
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).name).toBe('TickflowError');
    expect((errors[0] as Error).message).toMatch(/sound "sounds\/missing.wav" could not load: Decoding audio data failed.*blip#1.*Check the file path/);
  });

  it('fails at once for a sound whose load failed earlier', () => {
    const howl = createSound({ src: ['sounds/missing.wav'] }) as unknown as Fake;
    howl.emit('loaderror', undefined, 'No codec support for selected audio sources.');
    const task = scheduler.spawn(playSound(howl));
    expect(task.status).toBe('failed');
    expect(howl.calls).toEqual([]);
    expect((errors[0] as Error).message).toMatch(/could not load: No codec support/);
  });

  it('fails the behaviour when the sound cannot play', () => {
    const howl = createSound({ src: ['sounds/blip.wav'] }) as unknown as Fake;
    scheduler.spawn(playSound(howl));
    howl.emit('playerror', 1000, 'Playback was unable to start.');
    scheduler.tick(16);
    expect((errors[0] as Error).message).toMatch(/could not play: Playback was unable to start.*user gesture/);
  });

  it('accepts any object with the SoundLike methods', () => {
    const listeners: Array<[string, SoundListener]> = [];
    const sound: SoundLike = {
      play: () => 7,
      stop: () => undefined,
      seek: () => 0,
      loop: () => false,
      state: () => 'loaded',
      on: (event, callback) => listeners.push([event, callback]),
      off: () => undefined,
    };
    const task = scheduler.spawn(playSound(sound));
    for (const [event, callback] of listeners) if (event === 'end') callback(7);
    scheduler.tick(16);
    expect(task.status).toBe('done');
  });

  it('rejects something that is not a sound', () => {
    scheduler.spawn(playSound('blip.wav' as never));
    expect((errors[0] as Error).message).toMatch(/playSound expects a howler Howl.*got "blip.wav"/);
  });
});

describe('waitSoundAt', () => {
  it('resumes in the first tick at or past the position on the sound clock and returns how far past', () => {
    const music = createSound({ src: ['sounds/music.wav'] }) as unknown as Fake;
    const beats: number[] = [];
    function* onBeats(id: number): Behaviour {
      for (const beatMs of [500, 1000]) beats.push(yield* waitSoundAt(music, id, beatMs));
    }
    const id = music.play() as number;
    scheduler.spawn(onBeats(id));
    music.positionSec = 0.49;
    scheduler.tick(16);
    expect(beats).toEqual([]);
    music.positionSec = 0.52;
    scheduler.tick(16);
    expect(beats.map(Math.round)).toEqual([20]);
    music.positionSec = 1.0;
    scheduler.tick(16);
    expect(beats.map(Math.round)).toEqual([20, 0]);
  });

  it('leaves the sound playing, whether it resumes or is cancelled', () => {
    const music = createSound({ src: ['sounds/music.wav'] }) as unknown as Fake;
    const id = music.play() as number;
    const reached = scheduler.spawn(waitSoundAt(music, id, 100));
    const cancelled = scheduler.spawn(waitSoundAt(music, id, 900));
    music.positionSec = 0.2;
    scheduler.tick(16);
    cancelled.cancel();
    expect([reached.status, cancelled.status]).toEqual(['done', 'cancelled']);
    expect(music.calls).toEqual([`play -> ${id}`]);
  });

  it('fails when the sound ends before reaching the position', () => {
    const music = createSound({ src: ['sounds/music.wav'] }) as unknown as Fake;
    const id = music.play() as number;
    scheduler.spawn(waitSoundAt(music, id, 5000));
    music.positionSec = 2;
    music.emit('end', id);
    scheduler.tick(16);
    expect((errors[0] as Error).message).toMatch(/ended at 2000 ms, before reaching 5000 ms/);
  });

  it('rejects a position that is not a finite number', () => {
    const music = createSound({ src: ['sounds/music.wav'] });
    scheduler.spawn(waitSoundAt(music, 1, -1));
    expect((errors[0] as Error).message).toMatch(/finite position in milliseconds >= 0, got -1/);
  });
});
