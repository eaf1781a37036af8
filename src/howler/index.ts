// tickflow/howler: the only module that imports howler. Sounds as awaitables.
export { createSound, loadSound, playSound, waitSoundAt } from './sound.js';
export type { SoundLike, SoundListener } from './sound.js';
