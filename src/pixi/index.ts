/**
 * The ECS-to-sprite bridge for pixi.js 8 (imports only its types). Tweens and easings work on any object and
 * live in tickflow/tween.
 *
 * @module tickflow/pixi
 */
// tickflow/pixi: the only module that imports pixi.js.
export { createSpriteSync } from './sprite-sync.js';
export type { SpriteSync, SpriteSyncOptions } from './sprite-sync.js';
