// 2D geometry the demos share: points, axis-aligned walls, segment clipping and angles. No DOM.

/** A point, px. */
export interface Point {
  x: number;
  y: number;
}

/** An axis-aligned rectangle, px. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Where the segment from (x1, y1) to (x2, y2) first enters `rect`, as a fraction of its length
 * (0..1), or Infinity if it misses. Liang-Barsky clipping.
 *
 * @example
 * segmentEntry(0, 5, 20, 5, { x: 10, y: 0, w: 5, h: 10 }); // 0.5: the wall starts halfway along
 */
export function segmentEntry(x1: number, y1: number, x2: number, y2: number, rect: Rect): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  let enter = 0;
  let leave = 1;
  const edges: Array<[number, number]> = [
    [-dx, x1 - rect.x],
    [dx, rect.x + rect.w - x1],
    [-dy, y1 - rect.y],
    [dy, rect.y + rect.h - y1],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return Infinity;
      continue;
    }
    const t = q / p;
    if (p < 0) {
      if (t > leave) return Infinity;
      if (t > enter) enter = t;
    } else {
      if (t < enter) return Infinity;
      if (t < leave) leave = t;
    }
  }
  return enter;
}

/**
 * The smallest signed difference from angle `from` to angle `to`, in (-π, π].
 *
 * @example
 * angleDelta(0.1, -0.1); // -0.2, not 2π - 0.2
 */
export function angleDelta(from: number, to: number): number {
  let delta = (to - from) % (Math.PI * 2);
  if (delta > Math.PI) delta -= Math.PI * 2;
  if (delta <= -Math.PI) delta += Math.PI * 2;
  return delta;
}
