/**
 * An easing: maps linear progress t in [0, 1] to eased progress. Every easing here returns exactly 0 at
 * t = 0 and exactly 1 at t = 1 (overshooting ones such as {@link easeOutBack} may leave [0, 1] between).
 *
 * @example
 * yield* tween(sprite, { x: 300 }, 400, easeOutQuad); // fast start, gentle stop
 */
export type Easing = (t: number) => number;

/**
 * Constant speed.
 *
 * @example
 * yield* tween(bar, { width: 200 }, 1000, linear); // 500 ms in: width halfway
 */
export function linear(t: number): number {
  return t;
}

/**
 * Starts slow, speeds up (t²).
 *
 * @example
 * yield* tween(sprite, { alpha: 0 }, 300, easeInQuad); // 150 ms in: alpha 0.75
 */
export function easeInQuad(t: number): number {
  return t * t;
}

/**
 * Starts fast, slows down: the usual choice for things arriving.
 *
 * @example
 * yield* tween(sprite, { x: 100 }, 500, easeOutQuad); // 250 ms in: x at 75% of the way
 */
export function easeOutQuad(t: number): number {
  return t * (2 - t);
}

/**
 * Slow, fast, slow.
 *
 * @example
 * yield* tween(camera, { x: 640 }, 800, easeInOutQuad); // 400 ms in: exactly halfway
 */
export function easeInOutQuad(t: number): number {
  return t < 0.5 ? 2 * t * t : 1 - 2 * (1 - t) * (1 - t);
}

/**
 * Starts slower than {@link easeInQuad} (t³).
 *
 * @example
 * yield* tween(rocket, { y: -100 }, 600, easeInCubic);
 */
export function easeInCubic(t: number): number {
  return t * t * t;
}

/**
 * Stops more softly than {@link easeOutQuad}.
 *
 * @example
 * yield* tween(panel, { y: 0 }, 350, easeOutCubic); // slides in, settles gently
 */
export function easeOutCubic(t: number): number {
  const u = 1 - t;
  return 1 - u * u * u;
}

/**
 * Cubic slow, fast, slow.
 *
 * @example
 * yield* tween(sprite, { x: 400 }, 700, easeInOutCubic);
 */
export function easeInOutCubic(t: number): number {
  if (t < 0.5) return 4 * t * t * t;
  const u = 1 - t;
  return 1 - 4 * u * u * u;
}

/**
 * A gentle sine-shaped in-out, good for breathing and bobbing loops.
 *
 * @example
 * for (;;) { yield* tween(coin, { y: 90 }, 600, easeInOutSine); yield* tween(coin, { y: 100 }, 600, easeInOutSine); }
 */
export function easeInOutSine(t: number): number {
  if (t >= 1) return 1;
  return (1 - Math.cos(Math.PI * t)) / 2;
}

/**
 * Overshoots the target a little and settles back: a pop.
 *
 * @example
 * yield* tween(icon.scale, { x: 1, y: 1 }, 250, easeOutBack); // peaks near 1.1 at about 150 ms
 */
export function easeOutBack(t: number): number {
  const c1 = 1.70158;
  const c3 = c1 + 1;
  if (t <= 0) return 0;
  const u = t - 1;
  return 1 + c3 * u * u * u + c1 * u * u;
}

/**
 * Springs past the target and wobbles into place.
 *
 * @example
 * yield* tween(badge, { rotation: 0 }, 900, easeOutElastic);
 */
export function easeOutElastic(t: number): number {
  if (t <= 0) return 0;
  if (t >= 1) return 1;
  return Math.pow(2, -10 * t) * Math.sin((t * 10 - 0.75) * ((2 * Math.PI) / 3)) + 1;
}

/**
 * Falls and bounces to rest.
 *
 * @example
 * yield* tween(crate, { y: floorY }, 800, easeOutBounce);
 */
export function easeOutBounce(t: number): number {
  const n1 = 7.5625;
  const d1 = 2.75;
  if (t >= 1) return 1;
  if (t < 1 / d1) return n1 * t * t;
  if (t < 2 / d1) {
    const u = t - 1.5 / d1;
    return n1 * u * u + 0.75;
  }
  if (t < 2.5 / d1) {
    const u = t - 2.25 / d1;
    return n1 * u * u + 0.9375;
  }
  const u = t - 2.625 / d1;
  return n1 * u * u + 0.984375;
}
