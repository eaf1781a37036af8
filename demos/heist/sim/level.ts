// The heist's map and the geometry the game asks of it: walls as rectangles, movement that slides
// along them, and line of sight. Plain data and functions, no DOM.

import { segmentEntry, type Point, type Rect } from '../../shared/geometry.js';

export type { Point, Rect };

/** Everything fixed about the level. */
export interface Level {
  widthPx: number;
  heightPx: number;
  walls: Rect[];
  playerStart: Point;
  npc: Point;
  exit: Rect;
  gems: Point[];
  /** One closed route per guard (the last point leads back to the first without crossing a wall). */
  guardRoutes: Point[][];
}

const WALL = 16;

/** The museum: a hideout bottom left, three gems, four guards, the way out top right. */
export const museum: Level = {
  widthPx: 960,
  heightPx: 540,
  walls: [
    { x: 0, y: 0, w: 960, h: WALL },
    { x: 0, y: 540 - WALL, w: 960, h: WALL },
    { x: 0, y: 0, w: WALL, h: 540 },
    { x: 960 - WALL, y: 0, w: WALL, h: 540 },
    // Display cases and walls inside: cover from the guards' eyes.
    { x: 16, y: 330, w: 150, h: 20 },
    { x: 200, y: 110, w: 24, h: 240 },
    { x: 330, y: 16, w: 24, h: 150 },
    { x: 330, y: 250, w: 24, h: 140 },
    { x: 430, y: 190, w: 170, h: 30 },
    { x: 430, y: 420, w: 24, h: 104 },
    { x: 560, y: 330, w: 150, h: 24 },
    { x: 680, y: 90, w: 24, h: 180 },
    { x: 790, y: 190, w: 154, h: 24 },
    { x: 800, y: 380, w: 24, h: 90 },
  ],
  playerStart: { x: 60, y: 470 },
  npc: { x: 130, y: 400 },
  exit: { x: 880, y: 30, w: 56, h: 60 },
  gems: [
    { x: 70, y: 60 },
    { x: 515, y: 270 },
    { x: 900, y: 480 },
  ],
  guardRoutes: [
    [
      { x: 60, y: 260 },
      { x: 160, y: 260 },
      { x: 160, y: 60 },
      { x: 270, y: 60 },
      { x: 270, y: 260 },
      { x: 270, y: 60 },
      { x: 160, y: 60 },
      { x: 160, y: 260 },
    ],
    [
      { x: 400, y: 150 },
      { x: 630, y: 150 },
      { x: 630, y: 290 },
      { x: 400, y: 290 },
    ],
    [
      { x: 392, y: 240 },
      { x: 392, y: 495 },
    ],
    [
      { x: 750, y: 60 },
      { x: 750, y: 300 },
      { x: 900, y: 300 },
      { x: 750, y: 300 },
      { x: 750, y: 470 },
      { x: 560, y: 470 },
      { x: 750, y: 470 },
    ],
  ],
};

/**
 * True if a circle at (x, y) with `radiusPx` overlaps any wall.
 *
 * @example
 * hitsWall(museum, 20, 20, 11); // true: inside the corner walls
 */
export function hitsWall(level: Level, x: number, y: number, radiusPx: number): boolean {
  const walls = level.walls;
  for (let i = 0; i < walls.length; i++) {
    const wall = walls[i];
    const nearestX = x < wall.x ? wall.x : x > wall.x + wall.w ? wall.x + wall.w : x;
    const nearestY = y < wall.y ? wall.y : y > wall.y + wall.h ? wall.y + wall.h : y;
    const dx = x - nearestX;
    const dy = y - nearestY;
    if (dx * dx + dy * dy < radiusPx * radiusPx) return true;
  }
  return false;
}

/**
 * Moves a circle by (dx, dy), sliding along walls: each axis moves on its own and stops at a wall.
 * Writes the result into `at`.
 *
 * @example
 * slide(museum, player, 3, 3, 11); // against a wall on x: moves 3 px down only
 */
export function slide(level: Level, at: Point, dx: number, dy: number, radiusPx: number): void {
  if (dx !== 0 && !hitsWall(level, at.x + dx, at.y, radiusPx)) at.x += dx;
  if (dy !== 0 && !hitsWall(level, at.x, at.y + dy, radiusPx)) at.y += dy;
}

/**
 * True if the segment from a to b crosses no wall.
 *
 * @example
 * clearLine(museum, guard, player); // false when a display case is in between
 */
export function clearLine(level: Level, a: Point, b: Point): boolean {
  const walls = level.walls;
  for (let i = 0; i < walls.length; i++) if (segmentEntry(a.x, a.y, b.x, b.y, walls[i]) !== Infinity) return false;
  return true;
}

/**
 * True if the segment from a to b passes within `radiusPx` of `centre`.
 *
 * @example
 * segmentNearPoint(guard, player, smoke, 64); // true: the look passes through the smoke
 */
export function segmentNearPoint(a: Point, b: Point, centre: Point, radiusPx: number): boolean {
  const abx = b.x - a.x;
  const aby = b.y - a.y;
  const lengthSq = abx * abx + aby * aby;
  const t = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, ((centre.x - a.x) * abx + (centre.y - a.y) * aby) / lengthSq));
  const dx = a.x + abx * t - centre.x;
  const dy = a.y + aby * t - centre.y;
  return dx * dx + dy * dy <= radiusPx * radiusPx;
}

/**
 * Distance between two points.
 *
 * @example
 * distance({ x: 0, y: 0 }, { x: 3, y: 4 }); // 5
 */
export function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/**
 * True if a point lies inside a rectangle.
 *
 * @example
 * insideRect(museum.exit, player); // true once the player stands in the doorway
 */
export function insideRect(rect: Rect, point: Point): boolean {
  return point.x >= rect.x && point.x <= rect.x + rect.w && point.y >= rect.y && point.y <= rect.y + rect.h;
}

/**
 * How far a ray from `from` at `angle` travels before it meets a wall, at most `maxPx` (for vision
 * cones that stop at walls).
 *
 * @example
 * rayLength(museum, guard, guard.facing, 165); // 40 when a wall stands 40 px ahead
 */
export function rayLength(level: Level, from: Point, angle: number, maxPx: number): number {
  const dx = Math.cos(angle);
  const dy = Math.sin(angle);
  let best = maxPx;
  for (const wall of level.walls) {
    // Slab method: where the ray enters the rectangle, if it does within `best`.
    let tMin = 0;
    let tMax = best;
    if (Math.abs(dx) < 1e-9) {
      if (from.x < wall.x || from.x > wall.x + wall.w) continue;
    } else {
      const t1 = (wall.x - from.x) / dx;
      const t2 = (wall.x + wall.w - from.x) / dx;
      tMin = Math.max(tMin, Math.min(t1, t2));
      tMax = Math.min(tMax, Math.max(t1, t2));
    }
    if (Math.abs(dy) < 1e-9) {
      if (from.y < wall.y || from.y > wall.y + wall.h) continue;
    } else {
      const t1 = (wall.y - from.y) / dy;
      const t2 = (wall.y + wall.h - from.y) / dy;
      tMin = Math.max(tMin, Math.min(t1, t2));
      tMax = Math.min(tMax, Math.max(t1, t2));
    }
    if (tMin <= tMax && tMin < best) best = tMin;
  }
  return best;
}

const CELL_PX = 12;
// Walkable cells per level and body radius, computed on first use.
const grids = new WeakMap<Level, Map<number, Uint8Array>>();

function walkableGrid(level: Level, radiusPx: number): Uint8Array {
  let byRadius = grids.get(level);
  if (byRadius === undefined) grids.set(level, (byRadius = new Map()));
  let grid = byRadius.get(radiusPx);
  if (grid !== undefined) return grid;
  const columns = Math.ceil(level.widthPx / CELL_PX);
  const rows = Math.ceil(level.heightPx / CELL_PX);
  grid = new Uint8Array(columns * rows);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      grid[row * columns + column] = hitsWall(level, (column + 0.5) * CELL_PX, (row + 0.5) * CELL_PX, radiusPx) ? 0 : 1;
    }
  }
  byRadius.set(radiusPx, grid);
  return grid;
}

/**
 * True if a body of `radiusPx` can move in a straight line from a to b without touching a wall.
 *
 * @example
 * walkableLine(museum, guard, target, 13); // false if a corner would catch his shoulder
 */
export function walkableLine(level: Level, a: Point, b: Point, radiusPx: number): boolean {
  const steps = Math.ceil(distance(a, b) / 4);
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    if (hitsWall(level, a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, radiusPx)) return false;
  }
  return true;
}

/**
 * A walkable path for a body of `radiusPx` from `from` to `to`: A* over a 12 px grid, then shortened
 * to the corners that matter. The last point is `to` itself (or the nearest walkable spot). Empty
 * when `to` cannot be reached.
 *
 * @example
 * findPath(museum, guard, noise, 13); // e.g. [corner of the case, the noise]: walk the legs in order
 */
export function findPath(level: Level, from: Point, to: Point, radiusPx: number): Point[] {
  if (walkableLine(level, from, to, radiusPx)) return [{ x: to.x, y: to.y }];
  const grid = walkableGrid(level, radiusPx);
  const columns = Math.ceil(level.widthPx / CELL_PX);
  const rows = Math.ceil(level.heightPx / CELL_PX);
  const cellOf = (point: Point): number => {
    const column = Math.max(0, Math.min(columns - 1, Math.floor(point.x / CELL_PX)));
    const row = Math.max(0, Math.min(rows - 1, Math.floor(point.y / CELL_PX)));
    return nearestWalkable(grid, columns, rows, row * columns + column);
  };
  const start = cellOf(from);
  const goal = cellOf(to);
  if (start < 0 || goal < 0) return [];
  const cost = new Float64Array(grid.length).fill(Infinity);
  const cameFrom = new Int32Array(grid.length).fill(-1);
  const open: number[] = [start];
  const estimate = new Float64Array(grid.length);
  cost[start] = 0;
  const heuristic = (cell: number): number => Math.hypot((cell % columns) - (goal % columns), Math.floor(cell / columns) - Math.floor(goal / columns));
  estimate[start] = heuristic(start);
  while (open.length > 0) {
    // The grid is small (a few thousand cells): a linear scan for the best open cell is fast enough.
    let bestIndex = 0;
    for (let i = 1; i < open.length; i++) if (estimate[open[i]] < estimate[open[bestIndex]]) bestIndex = i;
    const cell = open[bestIndex];
    open[bestIndex] = open[open.length - 1];
    open.pop();
    if (cell === goal) break;
    const column = cell % columns;
    const row = Math.floor(cell / columns);
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        if (dx === 0 && dy === 0) continue;
        const nextColumn = column + dx;
        const nextRow = row + dy;
        if (nextColumn < 0 || nextRow < 0 || nextColumn >= columns || nextRow >= rows) continue;
        const next = nextRow * columns + nextColumn;
        if (grid[next] === 0) continue;
        // Diagonals only between two open sides, so paths never cut a wall's corner.
        if (dx !== 0 && dy !== 0 && (grid[row * columns + nextColumn] === 0 || grid[nextRow * columns + column] === 0)) continue;
        const nextCost = cost[cell] + (dx !== 0 && dy !== 0 ? Math.SQRT2 : 1);
        if (nextCost >= cost[next]) continue;
        if (cost[next] === Infinity) open.push(next);
        cost[next] = nextCost;
        cameFrom[next] = cell;
        estimate[next] = nextCost + heuristic(next);
      }
    }
  }
  if (cost[goal] === Infinity) return [];
  const cells: Point[] = [];
  for (let cell = goal; cell !== start; cell = cameFrom[cell]) {
    cells.push({ x: ((cell % columns) + 0.5) * CELL_PX, y: (Math.floor(cell / columns) + 0.5) * CELL_PX });
  }
  cells.reverse();
  if (!hitsWall(level, to.x, to.y, radiusPx)) cells.push({ x: to.x, y: to.y });
  // String pulling: from each kept point, skip ahead to the farthest point still in a straight line.
  const path: Point[] = [];
  let at: Point = from;
  let index = 0;
  while (index < cells.length) {
    let farthest = index;
    for (let j = cells.length - 1; j > index; j--) {
      if (walkableLine(level, at, cells[j], radiusPx)) {
        farthest = j;
        break;
      }
    }
    at = cells[farthest];
    path.push(at);
    index = farthest + 1;
  }
  return path;
}

function nearestWalkable(grid: Uint8Array, columns: number, rows: number, cell: number): number {
  if (grid[cell] === 1) return cell;
  const column = cell % columns;
  const row = Math.floor(cell / columns);
  for (let ring = 1; ring < 6; ring++) {
    for (let dy = -ring; dy <= ring; dy++) {
      for (let dx = -ring; dx <= ring; dx++) {
        const c = column + dx;
        const r = row + dy;
        if (c >= 0 && r >= 0 && c < columns && r < rows && grid[r * columns + c] === 1) return r * columns + c;
      }
    }
  }
  return -1;
}
