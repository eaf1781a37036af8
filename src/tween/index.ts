/**
 * Engine-neutral tweens, springs and easings that animate numeric properties of any object on a behaviour's clock.
 *
 * @module tickflow/tween
 */
// tickflow/tween: engine-neutral tweens, springs and easings. They animate numeric properties of any
// object (a pixi.js sprite, a three.js position, a plain object), on a behaviour's clock.
export { tween } from './tween.js';
export type { NumericKeys, TweenProps } from './tween.js';
export { spring } from './spring.js';
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
