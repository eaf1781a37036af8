// tickflow/pixi: the only module that imports pixi.js. The ECS-to-sprite bridge. Tweens and easings work on
// any object and live in tickflow/tween.
export { createSpriteSync } from './sprite-sync.js';
export type { SpriteSync, SpriteSyncOptions } from './sprite-sync.js';
