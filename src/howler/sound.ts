import { Howl, type HowlOptions } from 'howler';
import { waitUntil } from '../core/awaitables.js';
import { TickflowError, describeValue } from '../core/errors.js';
import { isFiniteFrom } from '../core/numbers.js';
import { whereNow, type Behaviour } from '../core/wait.js';

/** A howler event listener: sound id, and for errors the error howler reports. */
export type SoundListener = (soundId: number, error?: unknown) => void;

/**
 * The part of a howler `Howl` that tickflow/howler uses. A `Howl` satisfies it; tests can pass a fake.
 */
export interface SoundLike {
  /** Starts the sound (or a sprite of it); returns the new sound id, or null when howler could not start it. */
  play(spriteOrId?: string | number): number | null;
  /** Stops one sound id, or every sound of this Howl. */
  stop(id?: number): unknown;
  /** With a sound id only: that sound's playback position in seconds (howler's audio clock). */
  seek(id?: number): number;
  /** Whether the sound id loops (a looping sound never ends by itself). */
  loop(id?: number): boolean;
  /** Loading state: `'loaded'` once the audio can play. */
  state(): 'unloaded' | 'loading' | 'loaded';
  /** Adds a listener for a howler event (`'end'`, `'stop'`, `'loaderror'`, ...), for one sound id or all. */
  on(event: string, callback: SoundListener, id?: number): unknown;
  /** Removes a listener added with `on`. */
  off(event: string, callback?: SoundListener, id?: number): unknown;
}

// Load failures of sounds made by createSound/loadSound. Howler keeps no record (a failed Howl stays
// 'loading' forever), so without this a later playSound would wait for ever instead of failing.
const loadErrors = new WeakMap<object, string>();
// The first source of sounds made here, for error messages.
const sources = new WeakMap<object, string>();

/**
 * Makes a howler `Howl` and remembers if it fails to load, so that {@link playSound} on it fails at once
 * with a clear error instead of waiting for a sound that never comes. Loading starts now.
 *
 * Make sounds after the first user gesture (a click or key): browsers refuse to start audio before it.
 *
 * @example
 * const blip = createSound({ src: ['sounds/blip.wav'], volume: 0.4 });
 * scheduler.spawn(playSound(blip)); // plays once loaded; resumes when the blip ends
 */
export function createSound(options: HowlOptions): Howl {
  if (options === null || typeof options !== 'object' || options.src === undefined || options.src.length === 0) {
    throw new TickflowError(`createSound expects howler options with a src, e.g. { src: ['sounds/blip.wav'] }, got ${describeValue(options)}.`);
  }
  const howl = new Howl(options);
  sources.set(howl, typeof options.src === 'string' ? options.src : String(options.src[0]));
  howl.once('loaderror', (_id: number, error: unknown) => {
    loadErrors.set(howl, String(error));
  });
  return howl;
}

/**
 * Makes a sound like {@link createSound} and waits until it has loaded. Fails the behaviour with a
 * TickflowError naming the file when it cannot load (missing file, no codec, no audio support).
 *
 * @example
 * function* intro(): Behaviour {
 *   const theme = yield* loadSound({ src: ['sounds/theme.wav'] }); // resumes in the first tick after load
 *   yield* playSound(theme);
 * }
 */
export function* loadSound(options: HowlOptions): Behaviour<Howl> {
  const howl = createSound(options);
  // The load listener is ours, not a record: a Howl already loaded by howler's cache says so in state().
  let loaded = false;
  const onLoad = (): void => {
    loaded = true;
  };
  howl.on('load', onLoad);
  try {
    yield* waitUntil(() => loaded || howl.state() === 'loaded' || loadErrors.has(howl));
  } finally {
    howl.off('load', onLoad);
  }
  const error = loadErrors.get(howl);
  if (error !== undefined) throw loadError(howl, error);
  return howl;
}

/**
 * Plays a sound (or a sprite of it) and resumes in the first tick after it ends.
 *
 * - Fails the behaviour with a TickflowError when the sound cannot load or play (howler's `loaderror`
 *   or `playerror`), or when the sprite does not exist.
 * - Cancelled (the behaviour was cancelled, or lost a `race`): the sound stops at once.
 * - A looping sound plays until the behaviour is cancelled; stopping it from elsewhere ends the wait.
 *
 * It resumes from the game loop's tick rather than inside howler's callback, so the code after it
 * runs in the same phase of the frame as everything else.
 *
 * @example
 * function* door(): Behaviour {
 *   yield* playSound(sfx, 'creak'); // creak is 600 ms: resumes in the first tick after it ends
 *   openDoor();
 * }
 */
export function* playSound(howl: SoundLike, sprite?: string): Behaviour<void> {
  checkSound('playSound', howl);
  const earlier = loadErrors.get(howl);
  if (earlier !== undefined) throw loadError(howl, earlier);
  const watch = new SoundWatch(howl);
  try {
    const id = howl.play(sprite);
    if (typeof id !== 'number') {
      const what = sprite === undefined ? 'the sound' : `sprite "${sprite}"`;
      throw new TickflowError(`playSound could not start ${what} of ${describeSound(howl)}${whereNow()}. Check the sprite name in the Howl's sprite map.`);
    }
    watch.follow(id);
    yield* waitUntil(watch.isOver);
    if (watch.error !== undefined) throw loadError(howl, watch.error, watch.errorEvent);
  } finally {
    // Reached when it ended, failed, or the behaviour was cancelled: a sound still playing is stopped.
    watch.close(true);
  }
}

/**
 * Waits until a playing sound reaches `positionMs` on its own playback clock (the audio clock, not the
 * game clock), for music-synced timing. Returns how far past that position it resumed, in ms.
 * Fails the behaviour if the sound stops or ends before reaching it.
 *
 * @example
 * const id = music.play();
 * for (const beatMs of [0, 500, 1000, 1500]) {
 *   const lateMs = yield* waitSoundAt(music, id, beatMs); // first tick at or after each beat
 *   flash(lateMs);
 * }
 */
export function* waitSoundAt(howl: SoundLike, soundId: number, positionMs: number): Behaviour<number> {
  checkSound('waitSoundAt', howl);
  if (!isFiniteFrom(positionMs, 0)) {
    throw new TickflowError(`waitSoundAt expects a finite position in milliseconds >= 0, got ${describeValue(positionMs)}${whereNow()}.`);
  }
  const watch = new SoundWatch(howl);
  let reachedMs = 0;
  try {
    watch.follow(soundId);
    yield* waitUntil(() => {
      reachedMs = howl.seek(soundId) * 1000;
      return reachedMs >= positionMs || watch.isOver();
    });
  } finally {
    // Only listening: the sound is not ours to stop.
    watch.close(false);
  }
  if (watch.error !== undefined) throw loadError(howl, watch.error, watch.errorEvent);
  if (reachedMs < positionMs) {
    throw new TickflowError(
      `waitSoundAt: sound ${soundId} of ${describeSound(howl)} ended at ${Math.round(reachedMs)} ms, before reaching ${positionMs} ms${whereNow()}.`,
    );
  }
  return reachedMs - positionMs;
}

/** Listens to one sound's end, stop and errors; on close, can stop it if it is still playing. */
class SoundWatch {
  readonly #howl: SoundLike;
  #id: number | undefined = undefined;
  #over = false;
  error: string | undefined = undefined;
  errorEvent = 'loaderror';

  readonly #onEnd: SoundListener = (id) => {
    // Howler reports 'end' after every pass of a looping sound; only the last pass ends it.
    if (id === this.#id && !this.#howl.loop(id)) this.#over = true;
  };
  readonly #onStop: SoundListener = (id) => {
    if (id === this.#id) this.#over = true;
  };
  readonly #onLoadError: SoundListener = (_id, error) => {
    this.#fail('loaderror', error);
  };
  readonly #onPlayError: SoundListener = (id, error) => {
    if (id === this.#id) this.#fail('playerror', error);
  };

  constructor(howl: SoundLike) {
    this.#howl = howl;
  }

  readonly isOver = (): boolean => this.#over;

  follow(id: number): void {
    this.#id = id;
    const howl = this.#howl;
    howl.on('end', this.#onEnd, id);
    howl.on('stop', this.#onStop, id);
    // Howler emits loaderror with no sound id, so that listener must not be tied to one.
    howl.on('loaderror', this.#onLoadError);
    howl.on('playerror', this.#onPlayError, id);
  }

  close(stopIfPlaying: boolean): void {
    const id = this.#id;
    if (id === undefined) return;
    const howl = this.#howl;
    // Listeners go first, so our own stop() below is not reported back to us.
    howl.off('end', this.#onEnd, id);
    howl.off('stop', this.#onStop, id);
    howl.off('loaderror', this.#onLoadError);
    howl.off('playerror', this.#onPlayError, id);
    if (stopIfPlaying && !this.#over) howl.stop(id);
    this.#id = undefined;
  }

  #fail(event: string, error: unknown): void {
    this.errorEvent = event;
    this.error = String(error);
    this.#over = true;
  }
}

function checkSound(name: string, howl: unknown): void {
  const candidate = howl as Partial<SoundLike> | null;
  if (candidate === null || typeof candidate !== 'object' || typeof candidate.play !== 'function' || typeof candidate.on !== 'function') {
    throw new TickflowError(`${name} expects a howler Howl (make one with createSound or loadSound), got ${describeValue(howl)}${whereNow()}.`);
  }
}

function describeSound(howl: SoundLike): string {
  const src = sources.get(howl);
  return src === undefined ? 'a Howl' : `"${src}"`;
}

function loadError(howl: SoundLike, error: string, event = 'loaderror'): TickflowError {
  const what = event === 'playerror' ? 'could not play' : 'could not load';
  const hint = event === 'playerror' ? 'Start audio after a user gesture (click or key press).' : 'Check the file path and format (wav, mp3, ogg).';
  return new TickflowError(`sound ${describeSound(howl)} ${what}: ${error}${whereNow()}. ${hint}`);
}
