// The guards: a vision system computes what each guard sees every frame; each guard's mind is a
// behaviour that patrols, chases what it sees, checks out noises, and reels when a smoke bomb hits.
import { race, waitMs, waitSignal, waitUntil, waitWhile, type Behaviour, type Signal } from 'tickflow';
import { nextFrame } from './frames.js';
import type { Heist } from './heist.js';
import { angleDelta } from '../../shared/geometry.js';
import { clearLine, distance, findPath, segmentNearPoint, slide, type Point } from './level.js';

/** What a guard is doing, for the view (colour of the cone, the mark over his head). */
export type GuardMode = 'patrol' | 'alert' | 'chase' | 'search' | 'investigate' | 'return' | 'stunned' | 'caught';

/** One guard: where he is and looks, what he does, and the signals that interrupt him. */
export interface GuardState extends Point {
  readonly eid: number;
  readonly index: number;
  /** Radians, 0 = right. */
  facing: number;
  readonly route: readonly Point[];
  /** The route point he walks to next. */
  waypoint: number;
  mode: GuardMode;
  /** Written by {@link visionSystem} each frame. */
  seesPlayer: boolean;
  lastSeen: Point;
  /** He left his route (a chase, a noise): his rounds start by walking back to it. */
  offRoute: boolean;
  /** Emit a duration in ms to stun him. */
  readonly stun: Signal<number>;
  /** Emit a point: he goes to look, if he is on his rounds. */
  readonly heard: Signal<Point>;
}

/** A guard's body, for walls and paths. */
export const GUARD_RADIUS_PX = 12;
/** How far a guard sees. */
export const VIEW_RANGE_PX = 180;
/** Half the opening of his vision cone, radians (about 34°). */
export const VIEW_HALF_ANGLE = 0.6;
/** Walking his rounds. */
export const PATROL_SPEED_PX_PER_MS = 0.07;
/** Running after the player: a little slower than the player (0.17). */
export const CHASE_SPEED_PX_PER_MS = 0.16;
/** Going to check a noise. */
export const INVESTIGATE_SPEED_PX_PER_MS = 0.09;
/** The "!" moment between spotting the player and running: the player's chance to react. */
export const ALERT_MS = 450;
/** Out of sight this long, a chasing guard gives up. */
export const GIVE_UP_MS = 2_500;
/** How long he looks around after losing the player or reaching a noise. */
export const SEARCH_MS = 1_600;
/** The pause at each point of his route. */
export const WAYPOINT_PAUSE_MS = 900;
const CATCH_RANGE_PX = 21;
const TURN_RAD_PER_MS = 0.006;

/**
 * System (update phase): for each guard, can he see the player now? In range, inside his cone, no
 * wall or smoke in between, player not hidden in smoke, guard not stunned.
 *
 * @example
 * loop.addSystem('update', () => visionSystem(game)); // behaviours read guard.seesPlayer
 */
export function visionSystem(game: Heist): void {
  const { player, level, smokes } = game;
  for (const guard of game.guards) {
    let sees = false;
    if (game.phase === 'playing' && !player.hidden && guard.mode !== 'stunned' && distance(guard, player) <= VIEW_RANGE_PX) {
      const towards = Math.atan2(player.y - guard.y, player.x - guard.x);
      if (Math.abs(angleDelta(guard.facing, towards)) <= VIEW_HALF_ANGLE && clearLine(level, guard, player)) {
        sees = !smokes.some((smoke) => segmentNearPoint(guard, player, smoke, smoke.radiusPx * 0.8));
      }
    }
    guard.seesPlayer = sees;
    if (sees) {
      guard.lastSeen.x = player.x;
      guard.lastSeen.y = player.y;
    }
  }
}

/**
 * A guard's mind: his duty, until a smoke bomb stuns him; then, once he shakes it off, his duty again
 * (from the start: he walks back to his route). A race cancels whatever he was doing.
 *
 * @example
 * spawnOn(world, eid, guardMind(game, guard), { slot: 'brain' });
 * guard.stun.emit(2_800); // now: duty cancelled, mode 'stunned'; 2.8 s later back on duty
 */
export function* guardMind(game: Heist, guard: GuardState): Behaviour {
  for (;;) {
    const outcome = yield* race([guardDuty(game, guard), waitSignal(guard.stun)]);
    if (outcome.index === 0) return;
    guard.mode = 'stunned';
    guard.seesPlayer = false;
    game.events.push({ kind: 'stunned', guard: guard.index });
    yield* waitMs(outcome.value);
  }
}

/**
 * Rounds, until he sees the player (then a pursuit) or hears a noise (then he checks it out, and
 * pursues if he finds the player there). Returns when he has caught the player.
 *
 * @example
 * yield* guardDuty(game, guard); // returns the frame his hand reaches the player
 */
export function* guardDuty(game: Heist, guard: GuardState): Behaviour {
  for (;;) {
    const noticed = yield* race([rounds(game, guard), waitUntil(() => guard.seesPlayer), waitSignal(guard.heard)]);
    if (noticed.index === 2) {
      const found = yield* race([investigate(game, guard, noticed.value), waitUntil(() => guard.seesPlayer)]);
      if (found.index === 0) continue;
    }
    if (yield* pursue(game, guard)) return;
  }
}

/**
 * Walks back to his route if he left it, then patrols it forever, pausing to look around at each point.
 *
 * @example
 * yield* rounds(game, guard); // never returns; race it against what interrupts a patrol
 */
export function* rounds(game: Heist, guard: GuardState): Behaviour {
  if (guard.offRoute) {
    guard.mode = 'return';
    yield* walkTo(game, guard, guard.route[guard.waypoint], PATROL_SPEED_PX_PER_MS);
    guard.offRoute = false;
  }
  guard.mode = 'patrol';
  for (;;) {
    yield* walkTo(game, guard, guard.route[guard.waypoint], PATROL_SPEED_PX_PER_MS);
    yield* lookAround(guard, WAYPOINT_PAUSE_MS, 0.5);
    guard.waypoint = (guard.waypoint + 1) % guard.route.length;
  }
}

/**
 * "!" then a chase: he runs at the player (or where he last saw him) until he catches him, or until
 * he has not seen him for GIVE_UP_MS; then he searches the spot a moment. Returns true if caught.
 *
 * @example
 * const caught = yield* pursue(game, guard); // false: he lost the player and searched
 */
export function* pursue(game: Heist, guard: GuardState): Behaviour<boolean> {
  guard.mode = 'alert';
  guard.offRoute = true;
  game.events.push({ kind: 'alert', guard: guard.index });
  yield* waitMs(ALERT_MS);
  guard.mode = 'chase';
  const outcome = yield* race([runDown(game, guard), loseTrack(guard)]);
  if (outcome.index === 0) {
    guard.mode = 'caught';
    game.caught.emit(guard.index);
    return true;
  }
  guard.mode = 'search';
  game.events.push({ kind: 'giveUp', guard: guard.index });
  yield* lookAround(guard, SEARCH_MS, 1.1);
  return false;
}

/**
 * Runs at the player while he sees him; else takes the shortest way to where he last saw him.
 * Returns on catching him.
 *
 * @example
 * yield* runDown(game, guard); // returns the frame they touch
 */
export function* runDown(game: Heist, guard: GuardState): Behaviour {
  let path: Point[] = [];
  const pathTo = { x: NaN, y: NaN };
  for (;;) {
    const dtMs = yield* nextFrame();
    const stepPx = CHASE_SPEED_PX_PER_MS * dtMs;
    if (guard.seesPlayer) {
      path = [];
      moveToward(game, guard, game.player, stepPx, dtMs);
    } else {
      if (guard.lastSeen.x !== pathTo.x || guard.lastSeen.y !== pathTo.y) {
        path = findPath(game.level, guard, guard.lastSeen, GUARD_RADIUS_PX + 1);
        pathTo.x = guard.lastSeen.x;
        pathTo.y = guard.lastSeen.y;
      }
      while (path.length > 0 && distance(guard, path[0]) < 2) path.shift();
      if (path.length > 0) moveToward(game, guard, path[0], stepPx, dtMs);
    }
    if (game.phase === 'playing' && distance(guard, game.player) < CATCH_RANGE_PX + game.player.radiusPx) return;
  }
}

/**
 * Returns once the guard has not seen the player for GIVE_UP_MS in a row. Seeing him again restarts
 * the count (a race between the timer and the sighting).
 *
 * @example
 * yield* loseTrack(guard); // the player hides at 3 s: returns at 5.5 s
 */
export function* loseTrack(guard: GuardState): Behaviour {
  for (;;) {
    yield* waitWhile(() => guard.seesPlayer);
    const outcome = yield* race([waitMs(GIVE_UP_MS), waitUntil(() => guard.seesPlayer)]);
    if (outcome.index === 0) return;
  }
}

/**
 * "?" then the shortest walk to the noise and a look around.
 *
 * @example
 * yield* investigate(game, guard, { x: 300, y: 200 }); // about 4 s for a noise 200 px away
 */
export function* investigate(game: Heist, guard: GuardState, noise: Point): Behaviour {
  guard.mode = 'investigate';
  guard.offRoute = true;
  yield* lookAround(guard, 350, 0);
  yield* walkTo(game, guard, noise, INVESTIGATE_SPEED_PX_PER_MS);
  guard.mode = 'search';
  yield* lookAround(guard, SEARCH_MS, 1.1);
}

/**
 * Walks to `target` at `speedPxPerMs` by the shortest way around the walls, turning to face the way
 * he goes.
 *
 * @example
 * yield* walkTo(game, guard, { x: 400, y: 150 }, 0.065); // 100 px in a straight line: about 1.5 s
 */
export function* walkTo(game: Heist, guard: GuardState, target: Point, speedPxPerMs: number): Behaviour {
  for (const point of findPath(game.level, guard, target, GUARD_RADIUS_PX + 1)) yield* walkStraight(game, guard, point, speedPxPerMs);
}

/** Walks straight to `point`; gives up if something keeps him from getting closer for half a second. */
function* walkStraight(game: Heist, guard: GuardState, point: Point, speedPxPerMs: number): Behaviour {
  let bestPx = distance(guard, point);
  let stuckMs = 0;
  while (distance(guard, point) > 1) {
    const dtMs = yield* nextFrame();
    moveToward(game, guard, point, speedPxPerMs * dtMs, dtMs);
    const leftPx = distance(guard, point);
    if (leftPx < bestPx - 0.5) {
      bestPx = leftPx;
      stuckMs = 0;
    } else if ((stuckMs += dtMs) > 500) {
      return;
    }
  }
}

/**
 * Stands still and sweeps his gaze left and right around where he faces, `sweep` radians each way.
 *
 * @example
 * yield* lookAround(guard, 900, 0.5); // 0.9 s: right, left, back
 */
export function* lookAround(guard: GuardState, durationMs: number, sweep: number): Behaviour {
  const baseFacing = guard.facing;
  for (let elapsedMs = 0; elapsedMs < durationMs; ) {
    elapsedMs += yield* nextFrame();
    guard.facing = baseFacing + Math.sin(Math.min(1, elapsedMs / durationMs) * Math.PI * 2) * sweep;
  }
  guard.facing = baseFacing;
}

/** One step towards a point, sliding along walls and turning smoothly towards it. */
function moveToward(game: Heist, guard: GuardState, target: Point, stepPx: number, dtMs: number): void {
  const dx = target.x - guard.x;
  const dy = target.y - guard.y;
  const lengthPx = Math.hypot(dx, dy);
  if (lengthPx < 0.001) return;
  const movePx = Math.min(stepPx, lengthPx);
  slide(game.level, guard, (dx / lengthPx) * movePx, (dy / lengthPx) * movePx, GUARD_RADIUS_PX);
  const turn = angleDelta(guard.facing, Math.atan2(dy, dx));
  const maxTurn = TURN_RAD_PER_MS * dtMs;
  guard.facing += Math.max(-maxTurn, Math.min(maxTurn, turn));
}
