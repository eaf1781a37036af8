/**
 * Awaitable tweens, easings, and the ECS-to-sprite bridge for pixi.js 8 (imports only its types).
 *
 * @module tickflow/pixi
 */
// tickflow/pixi: the only module that imports pixi.js. Awaitable tweens and the ECS-to-sprite bridge.
export { tween } from './tween.js';
export type { NumericKeys, TweenProps } from './tween.js';
export {
  linear,
  easeInQuad,
  easeOutQuad,
  easeInOutQuad,
  easeInCubic,
  easeOutCubic,
  easeInOutCubic,
  easeInOutSine,
  easeOutBack,
  easeOutElastic,
  easeOutBounce,
} from './easing.js';
export type { Easing } from './easing.js';
export { createSpriteSync } from './sprite-sync.js';
export type { SpriteSync, SpriteSyncOptions } from './sprite-sync.js';
