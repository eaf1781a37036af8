// Sound effects for the demos: our generated WAVs (assets/sounds, served at /sounds), made only after
// the first click or key press, because browsers refuse to start audio before a user gesture.
import type { Howl } from 'howler';
import { createSound } from 'tickflow/howler';

/** Names of the WAVs scripts/gen-assets.ts writes. */
export type SoundName =
  | 'blip' | 'blip-low' | 'select' | 'hit' | 'pickup' | 'cast' | 'ready' | 'denied' | 'alert' | 'lost' | 'explosion' | 'win' | 'lose';

/** Options for one fire-and-forget play. */
export interface PlayOptions {
  /** Playback rate: 1 normal, 1.2 a little higher. */
  rate?: number;
  volume?: number;
}

/** A demo's sounds. Until the first gesture they are silent no-ops. */
export interface Sfx {
  /** Plays a sound and forgets it (for one-shots that nothing waits on). */
  play(name: SoundName, options?: PlayOptions): void;
  /** The Howl, once audio is unlocked: for `yield* playSound(sfx.howl('select'))`. */
  howl(name: SoundName): Howl | undefined;
  readonly unlocked: boolean;
}

/**
 * Loads `names` after the first user gesture and plays them on request.
 *
 * @example
 * const sfx = createSfx(['blip', 'select'], 0.6);
 * sfx.play('blip', { rate: 1.1 }); // silent until the player has clicked or pressed a key
 */
export function createSfx(names: readonly SoundName[], volume = 0.7): Sfx {
  const howls = new Map<SoundName, Howl>();
  let unlocked = false;
  const unlock = (): void => {
    if (unlocked) return;
    unlocked = true;
    window.removeEventListener('pointerdown', unlock, true);
    window.removeEventListener('keydown', unlock, true);
    for (const name of names) howls.set(name, createSound({ src: [soundUrl(name)], volume, preload: true }));
  };
  window.addEventListener('pointerdown', unlock, true);
  window.addEventListener('keydown', unlock, true);
  return {
    get unlocked() {
      return unlocked;
    },
    howl: (name) => howls.get(name),
    play(name, options = {}) {
      const howl = howls.get(name);
      if (howl === undefined || howl.state() !== 'loaded') return;
      const id = howl.play();
      if (options.rate !== undefined) howl.rate(options.rate, id);
      if (options.volume !== undefined) howl.volume(options.volume * volume, id);
    },
  };
}

function soundUrl(name: SoundName): string {
  // Pages live one folder down (demos/<name>/), the sounds at the site root's sounds/ (vite publicDir).
  return new URL(`../sounds/${name}.wav`, window.location.href).href;
}
