/**
 * Sounds as awaitables: `yield* playSound(howl)`, loading, and waits on the audio clock (howler 2).
 *
 * @module tickflow/howler
 */
// tickflow/howler: the only module that imports howler. Sounds as awaitables.
export { createSound, loadSound, playSound, waitSoundAt } from './sound.js';
export type { SoundLike, SoundListener } from './sound.js';
