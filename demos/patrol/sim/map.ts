// The level: walls, guard routes, gems, and the geometry the guards see and walk with. No DOM.
import { segmentEntry, type Point, type Rect } from '../../shared/geometry.js';

export type { Point, Rect };

/** A guard's route: points it walks to in order (then back to the first), waiting `waitMs` at each. */
export interface Route {
  points: Array<Point & { waitMs: number }>;
}

export const ARENA = { widthPx: 960, heightPx: 600 } as const;

export const PLAYER_START: Point = { x: 56, y: 548 };

export const WALLS: Rect[] = [
  { x: 190, y: 110, w: 36, h: 210 },
  { x: 300, y: 410, w: 230, h: 34 },
  { x: 430, y: 170, w: 120, h: 70 },
  { x: 640, y: 90, w: 34, h: 200 },
  { x: 690, y: 410, w: 170, h: 34 },
  { x: 820, y: 190, w: 70, h: 70 },
  { x: 70, y: 400, w: 64, h: 64 },
];

export const ROUTES: Route[] = [
  // Top left, around the first wall.
  { points: [{ x: 110, y: 70, waitMs: 1200 }, { x: 400, y: 70, waitMs: 900 }, { x: 300, y: 330, waitMs: 1200 }, { x: 110, y: 340, waitMs: 900 }] },
  // The middle, between the block and the long wall.
  { points: [{ x: 360, y: 300, waitMs: 1000 }, { x: 600, y: 320, waitMs: 1400 }, { x: 600, y: 520, waitMs: 900 }, { x: 360, y: 530, waitMs: 1100 }] },
  // The right side, up and down past the crate.
  { points: [{ x: 760, y: 60, waitMs: 1300 }, { x: 910, y: 120, waitMs: 900 }, { x: 760, y: 340, waitMs: 1200 }, { x: 920, y: 540, waitMs: 1000 }] },
];

export const GEMS: Point[] = [
  { x: 120, y: 200 },
  { x: 490, y: 110 },
  { x: 500, y: 370 },
  { x: 760, y: 200 },
  { x: 900, y: 380 },
  { x: 610, y: 560 },
];

/** True when no wall stands between the two points. */
export function lineOfSight(walls: readonly Rect[], x1: number, y1: number, x2: number, y2: number): boolean {
  for (const wall of walls) if (segmentEntry(x1, y1, x2, y2, wall) <= 1) return false;
  return true;
}

/** How far a ray from (x, y) at `angle` travels (up to `maxPx`) before it hits a wall. */
export function raycast(walls: readonly Rect[], x: number, y: number, angle: number, maxPx: number): number {
  const x2 = x + Math.cos(angle) * maxPx;
  const y2 = y + Math.sin(angle) * maxPx;
  let nearest = 1;
  for (const wall of walls) {
    const t = segmentEntry(x, y, x2, y2, wall);
    if (t < nearest) nearest = t;
  }
  return nearest * maxPx;
}

/** Pushes a circle at (x, y) out of every wall and the arena's edges; returns the corrected point. */
export function collide(walls: readonly Rect[], x: number, y: number, radiusPx: number, out: Point): Point {
  let px = Math.min(ARENA.widthPx - radiusPx, Math.max(radiusPx, x));
  let py = Math.min(ARENA.heightPx - radiusPx, Math.max(radiusPx, y));
  for (const wall of walls) {
    const nearestX = Math.min(wall.x + wall.w, Math.max(wall.x, px));
    const nearestY = Math.min(wall.y + wall.h, Math.max(wall.y, py));
    const dx = px - nearestX;
    const dy = py - nearestY;
    const distanceSq = dx * dx + dy * dy;
    if (distanceSq >= radiusPx * radiusPx) continue;
    if (distanceSq > 1e-9) {
      const distance = Math.sqrt(distanceSq);
      px = nearestX + (dx / distance) * radiusPx;
      py = nearestY + (dy / distance) * radiusPx;
    } else {
      // The centre is inside the wall: leave by the nearest side.
      const left = px - wall.x;
      const right = wall.x + wall.w - px;
      const top = py - wall.y;
      const bottom = wall.y + wall.h - py;
      const least = Math.min(left, right, top, bottom);
      if (least === left) px = wall.x - radiusPx;
      else if (least === right) px = wall.x + wall.w + radiusPx;
      else if (least === top) py = wall.y - radiusPx;
      else py = wall.y + wall.h + radiusPx;
    }
  }
  out.x = px;
  out.y = py;
  return out;
}
