// A scripted player for the heist that wins by playing: it reads the game as a player reads the
// screen, and answers with keys, frame by frame (held arrows). It never writes to the game.
//
// How it plans: it knows the guards' rounds the way a player who has watched them does. It watches
// them in a copy of the game with nobody to see (same level, same start), noting every 96 ms which
// 16 px tiles each guard's cone could reach (with margins in distance, angle and time). Then a
// breadth-first search over (tile, time step) finds the earliest way from gem to gem to the exit
// that only steps on tiles no guard can see at that moment, waiting in safe tiles for the gaps.
import { createHeist, PLAYER_SPEED_PX_PER_MS, type Heist } from '../../demos/heist/sim/heist.js';
import { VIEW_HALF_ANGLE, VIEW_RANGE_PX } from '../../demos/heist/sim/guards.js';
import { hitsWall, insideRect, walkableLine, type Level, type Point } from '../../demos/heist/sim/level.js';

/** One frame's keys: codes held down, and codes pressed (tapped) this frame. */
export interface KeysThisFrame {
  held: string[];
  presses: string[];
}

/** What the pilot reads of the game: what a player sees on screen (a Heist has all of it). */
export interface PilotView {
  readonly phase: string;
  readonly gameplay: { readonly nowMs: number };
  readonly player: Point;
}

/** The scripted player. */
export interface Autopilot {
  /** The keys for this frame, from what the game shows now. */
  decide(game: PilotView): KeysThisFrame;
  /** How late its keys reach the game, ms (a remote browser); it judges from where they will act. */
  latencyMs: number;
  /** Where the mouse points (level px); the pilot throws no pebbles, so it stays put. */
  readonly aim: Point;
  readonly plan: HeistPlan;
}

/** A planned win. */
export interface HeistPlan {
  /** Where to stand at each time step (STEP_MS) from gameplay time 0: tile centres. */
  readonly at: readonly Point[];
  /** The steps at which the plan stands on a gem, then in the exit. */
  readonly goalSteps: readonly number[];
}

/** Tile size of the plan. */
export const TILE_PX = 16;
/**
 * One move of the plan: a tile's width at 85 % of the player's speed, in whole 16 ms frames (112 ms).
 * The spare speed lets the player catch up after a late frame or a late key.
 */
export const STEP_MS = Math.ceil(TILE_PX / (0.85 * PLAYER_SPEED_PX_PER_MS) / 16) * 16;
const FRAME_MS = 16;
// How far the real player may be from the tile centre (lag, sliding): the cones are widened by this.
const SLACK_PX = 14;
// A tile seen at step s is unsafe from s - TIME_MARGIN to s + TIME_MARGIN.
const TIME_MARGIN = 2;
const PLAYER_RADIUS_PX = 11;
// The plan walks right onto a gem (a tile centre within 12 px; the game picks it up within 33 px), so
// a late or cut corner still takes it.
const PICKUP_REACH_PX = 12;

/** Options for {@link planHeist}. */
export interface PlanOptions {
  /** The game's seed (the copy must match the game played). */
  seed?: number;
  /** How long the plan may take, ms of gameplay. */
  horizonMs?: number;
}

/**
 * Plans a win: gems in the order that gets out soonest, then the exit. Returns one tile centre per
 * time step from gameplay time 0, or throws if no safe way exists within the horizon.
 *
 * @example
 * const plan = planHeist({ seed: 7 }); // plan.at[i]: where to stand at i * STEP_MS ms of gameplay
 */
export function planHeist(options: PlanOptions = {}): HeistPlan {
  const horizonMs = options.horizonMs ?? 32_000;
  const watch = createHeist({ skipBriefing: true, seed: options.seed });
  const level = watch.level;
  const columns = Math.ceil(level.widthPx / TILE_PX);
  const rows = Math.ceil(level.heightPx / TILE_PX);
  const tiles = columns * rows;
  const centre = (tile: number): Point => ({ x: ((tile % columns) + 0.5) * TILE_PX, y: (Math.floor(tile / columns) + 0.5) * TILE_PX });
  const open = new Uint8Array(tiles);
  for (let tile = 0; tile < tiles; tile++) {
    const at = centre(tile);
    open[tile] = hitsWall(level, at.x, at.y, PLAYER_RADIUS_PX + 2) ? 0 : 1;
  }
  const steps = Math.ceil(horizonMs / STEP_MS);
  const seen = seenTiles(watch, steps, columns, rows);
  // Unsafe at step s if seen anywhere in [s - TIME_MARGIN, s + TIME_MARGIN].
  const unsafe = new Uint8Array(steps * tiles);
  for (let step = 0; step < steps; step++) {
    for (let tile = 0; tile < tiles; tile++) {
      if (seen[step * tiles + tile] === 0) continue;
      for (let s = Math.max(0, step - TIME_MARGIN); s <= Math.min(steps - 1, step + TIME_MARGIN); s++) unsafe[s * tiles + tile] = 1;
    }
  }
  const neighbours = (tile: number): number[] => {
    const result = [tile];
    const column = tile % columns;
    const row = Math.floor(tile / columns);
    for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
      const c = column + dx;
      const r = row + dy;
      if (c < 0 || r < 0 || c >= columns || r >= rows) continue;
      const next = r * columns + c;
      if (open[next] === 1 && walkableLine(level, centre(tile), centre(next), PLAYER_RADIUS_PX + 1)) result.push(next);
    }
    return result;
  };
  const links = Array.from({ length: tiles }, (_, tile) => (open[tile] === 1 ? neighbours(tile) : []));

  /** Earliest safe way from `from` at `fromStep` to any tile where `goal` holds: the tiles, step by step. */
  const leg = (from: number, fromStep: number, goal: (at: Point) => boolean): number[] | null => {
    const cameFrom = new Map<number, Int32Array>();
    let frontier = [from];
    for (let step = fromStep; step < steps - 1; step++) {
      for (const tile of frontier) {
        if (goal(centre(tile))) {
          const path = [tile];
          for (let s = step, t = tile; s > fromStep; s--) path.push((t = (cameFrom.get(s) as Int32Array)[t]));
          return path.reverse();
        }
      }
      const parents = new Int32Array(tiles).fill(-1);
      const next: number[] = [];
      for (const tile of frontier) {
        for (const to of links[tile]) {
          if (parents[to] >= 0 || unsafe[(step + 1) * tiles + to] === 1) continue;
          parents[to] = tile;
          next.push(to);
        }
      }
      cameFrom.set(step + 1, parents);
      frontier = next;
      if (frontier.length === 0) return null;
    }
    return null;
  };

  const startTile = Math.floor(level.playerStart.y / TILE_PX) * columns + Math.floor(level.playerStart.x / TILE_PX);
  const exit = { x: level.exit.x + 6, y: level.exit.y + 6, w: level.exit.w - 12, h: level.exit.h - 12 };
  let best: { tiles: number[]; goalSteps: number[] } | null = null;
  for (const order of permutations(level.gems.map((_, index) => index))) {
    let tiles: number[] = [startTile];
    const goalSteps: number[] = [];
    for (const goal of [...order.map((index) => (at: Point) => Math.hypot(at.x - level.gems[index].x, at.y - level.gems[index].y) < PICKUP_REACH_PX), (at: Point) => insideRect(exit, at)]) {
      const path = leg(tiles[tiles.length - 1], tiles.length - 1, goal);
      if (path === null) {
        tiles = [];
        break;
      }
      tiles.push(...path.slice(1));
      goalSteps.push(tiles.length - 1);
    }
    if (tiles.length > 0 && (best === null || tiles.length < best.tiles.length)) best = { tiles, goalSteps };
  }
  if (best === null) throw new Error(`planHeist: no safe way through ${level.gems.length} gems to the exit within ${horizonMs} ms`);
  return { at: best.tiles.map(centre), goalSteps: best.goalSteps };
}

/** For each time step, the tiles any guard could see (1), watching the copy of the game frame by frame. */
function seenTiles(watch: Heist, steps: number, columns: number, rows: number): Uint8Array {
  const tiles = columns * rows;
  const seen = new Uint8Array(steps * tiles);
  const reachPx = VIEW_RANGE_PX + SLACK_PX;
  const reachTiles = Math.ceil(reachPx / TILE_PX);
  const framesPerStep = STEP_MS / FRAME_MS;
  // A reused point: this loop runs millions of times, and allocating here made the GC the main cost.
  const eye = { x: 0, y: 0 };
  for (let step = 0; step < steps; step++) {
    const seenNow = seen.subarray(step * tiles, (step + 1) * tiles);
    for (let frame = 0; frame < framesPerStep; frame++) {
      for (const guard of watch.guards) {
        eye.x = guard.x;
        eye.y = guard.y;
        const column0 = Math.floor(guard.x / TILE_PX);
        const row0 = Math.floor(guard.y / TILE_PX);
        for (let row = Math.max(0, row0 - reachTiles); row <= Math.min(rows - 1, row0 + reachTiles); row++) {
          for (let column = Math.max(0, column0 - reachTiles); column <= Math.min(columns - 1, column0 + reachTiles); column++) {
            const tile = row * columns + column;
            if (seenNow[tile] === 1) continue;
            const x = (column + 0.5) * TILE_PX;
            const y = (row + 0.5) * TILE_PX;
            const distancePx = Math.hypot(x - guard.x, y - guard.y);
            if (distancePx > reachPx) continue;
            if (distancePx > SLACK_PX) {
              let delta = Math.abs(Math.atan2(y - guard.y, x - guard.x) - guard.facing) % (Math.PI * 2);
              if (delta > Math.PI) delta = Math.PI * 2 - delta;
              if (delta > VIEW_HALF_ANGLE + Math.atan(SLACK_PX / distancePx)) continue;
              if (!clearLineNear(watch.level, eye, x, y)) continue;
            }
            seenNow[tile] = 1;
          }
        }
      }
      watch.step(FRAME_MS);
    }
  }
  return seen;
}

// The tile counts as visible if the line to its centre, or to a point SLACK_PX off it, is clear.
const OFFSETS = [0, 0, SLACK_PX, 0, -SLACK_PX, 0, 0, SLACK_PX, 0, -SLACK_PX];
function clearLineNear(level: Level, eye: Point, x: number, y: number): boolean {
  for (let i = 0; i < OFFSETS.length; i += 2) if (clearSegment(level, eye.x, eye.y, x + OFFSETS[i], y + OFFSETS[i + 1])) return true;
  return false;
}

// level.ts's clearLine, without its per-call allocations (this runs a few million times per plan).
function clearSegment(level: Level, x1: number, y1: number, x2: number, y2: number): boolean {
  const dx = x2 - x1;
  const dy = y2 - y1;
  for (const wall of level.walls) {
    // Liang-Barsky: the part of the segment inside the slab of each axis; empty overlap = a miss.
    let enter = 0;
    let leave = 1;
    let hit = true;
    for (let axis = 0; axis < 2 && hit; axis++) {
      const delta = axis === 0 ? dx : dy;
      const from = axis === 0 ? x1 : y1;
      const low = axis === 0 ? wall.x : wall.y;
      const high = low + (axis === 0 ? wall.w : wall.h);
      if (delta === 0) {
        if (from < low || from > high) hit = false;
        continue;
      }
      let t1 = (low - from) / delta;
      let t2 = (high - from) / delta;
      if (t1 > t2) [t1, t2] = [t2, t1];
      if (t1 > enter) enter = t1;
      if (t2 < leave) leave = t2;
      if (enter > leave) hit = false;
    }
    if (hit) return false;
  }
  return true;
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

/**
 * A scripted player that follows `plan` by gameplay time: each frame it holds the arrows towards
 * where the plan says to be next. `latencyMs`: how late its keys reach the game (a remote browser);
 * it then judges from where the keys it holds will have taken the player by then.
 *
 * @example
 * const pilot = createAutopilot(planHeist({ seed: 7 }));
 * const { held } = pilot.decide(game); // e.g. ['ArrowUp']
 */
export function createAutopilot(plan: HeistPlan, latencyMs = 0): Autopilot {
  let moveX = 0;
  let moveY = 0;
  // The next gem (or the exit) of the plan: a late player walks to it before following on.
  let goal = 0;
  const pilot: Autopilot = {
    aim: { x: 0, y: 0 },
    plan,
    latencyMs,
    decide(game: PilotView): KeysThisFrame {
      const latencyMs = pilot.latencyMs;
      const keys: KeysThisFrame = { held: [], presses: [] };
      if (game.phase !== 'playing') return keys;
      // Aim for where the plan stands one step ahead of when these keys will act.
      let step = Math.min(plan.at.length - 1, Math.floor((game.gameplay.nowMs + latencyMs) / STEP_MS) + 1);
      while (goal < plan.goalSteps.length && Math.hypot(plan.at[plan.goalSteps[goal]].x - game.player.x, plan.at[plan.goalSteps[goal]].y - game.player.y) < 6) goal++;
      if (goal < plan.goalSteps.length && step > plan.goalSteps[goal]) step = plan.goalSteps[goal];
      const target = plan.at[step];
      const length = Math.hypot(moveX, moveY);
      const aheadPx = length === 0 ? 0 : (PLAYER_SPEED_PX_PER_MS * latencyMs) / length;
      const dx = target.x - (game.player.x + moveX * aheadPx);
      const dy = target.y - (game.player.y + moveY * aheadPx);
      moveX = dx > 1.5 ? 1 : dx < -1.5 ? -1 : 0;
      moveY = dy > 1.5 ? 1 : dy < -1.5 ? -1 : 0;
      if (moveX === 1) keys.held.push('ArrowRight');
      if (moveX === -1) keys.held.push('ArrowLeft');
      if (moveY === 1) keys.held.push('ArrowDown');
      if (moveY === -1) keys.held.push('ArrowUp');
      return keys;
    },
  };
  return pilot;
}
