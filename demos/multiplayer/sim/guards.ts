// The guards' minds: server behaviours. Each guard patrols its posts; when it sees a player it
// chases the nearest one; when it catches them it sends them back to the start and rests on a
// cooldown; when a player shouts, the nearest patrolling guard goes to look. Everything is in steps
// of the room (STEP_MS), so the same inputs give the same game.
import { race, waitFrames, waitMs, waitSignal, waitUntil, type Behaviour, type Signal } from 'tickflow';
import { STEP_MS, distance, respawn, type ArenaState, type Guard, type Player, type Point } from './arena.js';

const PATROL_PX_PER_S = 70;
const CHASE_PX_PER_S = 115; // slower than a player (160): a player who keeps running gets away
const SIGHT_PX = 150;
const LOSE_PX = 240;
const CATCH_PX = 20;
const CATCH_COOLDOWN_MS = 1500;
const POST_PAUSE_MS = 400;
const LOOK_AROUND_MS = 800;

/** The sessionId of the nearest player within `rangePx` of the guard (ties: the first joined), or undefined. */
export function nearestPlayer(arena: ArenaState, guard: Guard, rangePx: number): string | undefined {
  let best: string | undefined;
  let bestPx = rangePx;
  arena.players.forEach((player: Player, sessionId: string) => {
    const px = distance(guard, player);
    if (px <= bestPx && (best === undefined || px < bestPx)) {
      best = sessionId;
      bestPx = px;
    }
  });
  return best;
}

/** Moves `body` up to `stepPx` towards `target`; true once it is there. */
function stepTowards(body: Point, target: Point, stepPx: number): boolean {
  const px = distance(body, target);
  if (px <= stepPx) {
    body.x = target.x;
    body.y = target.y;
    return true;
  }
  body.x += ((target.x - body.x) / px) * stepPx;
  body.y += ((target.y - body.y) / px) * stepPx;
  return false;
}

function* walkTo(guard: Guard, target: Point, pxPerS: number): Behaviour {
  while (!stepTowards(guard, target, (pxPerS * STEP_MS) / 1000)) yield* waitFrames(1);
}

/** Walks the posts in a loop, pausing at each. Never returns: the mind races it against what wakes the guard. */
export function* patrol(guard: Guard, route: readonly Point[]): Behaviour {
  for (let post = 0; ; post = (post + 1) % route.length) {
    yield* walkTo(guard, route[post], PATROL_PX_PER_S);
    yield* waitMs(POST_PAUSE_MS);
  }
}

/** Runs after the player until it catches them, loses them, or they leave the room. */
export function* chase(guard: Guard, arena: ArenaState, sessionId: string): Behaviour {
  guard.mode = 'chase';
  guard.target = sessionId;
  try {
    for (;;) {
      const player = arena.players.get(sessionId);
      // The player left the room mid-chase: nothing to chase.
      if (player === undefined) return;
      const px = distance(guard, player);
      if (px > LOSE_PX) return;
      if (px <= CATCH_PX) {
        player.caught++;
        respawn(player);
        guard.mode = 'cooldown';
        guard.target = '';
        yield* waitMs(CATCH_COOLDOWN_MS);
        return;
      }
      stepTowards(guard, player, (CHASE_PX_PER_S * STEP_MS) / 1000);
      yield* waitFrames(1);
    }
  } finally {
    guard.target = '';
  }
}

/** Goes to where a shout came from and looks around; a player seen on the way is chased instead. */
export function* investigate(guard: Guard, arena: ArenaState, where: Point): Behaviour {
  guard.mode = 'investigate';
  const seen = () => nearestPlayer(arena, guard, SIGHT_PX) !== undefined;
  const outcome = yield* race([walkTo(guard, where, CHASE_PX_PER_S), waitUntil(seen)]);
  if (outcome.index === 0) yield* race([waitMs(LOOK_AROUND_MS), waitUntil(seen)]);
  const sessionId = nearestPlayer(arena, guard, SIGHT_PX);
  if (sessionId !== undefined) yield* chase(guard, arena, sessionId);
}

/**
 * A guard's whole mind: patrol until a player is seen (chase) or a shout is heard (investigate),
 * then patrol again from the nearest post.
 */
export function* guardMind(guard: Guard, arena: ArenaState, route: readonly Point[], heard: Signal<Point>): Behaviour {
  for (;;) {
    guard.mode = 'patrol';
    const woke = yield* race([patrol(guard, route), waitUntil(() => nearestPlayer(arena, guard, SIGHT_PX) !== undefined), waitSignal(heard)]);
    if (woke.index === 1) {
      const sessionId = nearestPlayer(arena, guard, SIGHT_PX);
      if (sessionId !== undefined) yield* chase(guard, arena, sessionId);
    } else if (woke.index === 2) {
      yield* investigate(guard, arena, woke.value as Point);
    }
  }
}
