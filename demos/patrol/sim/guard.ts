// A guard's whole life as one behaviour that reads top to bottom. The mover and facing systems
// (world.ts) do the walking; these behaviours decide where to walk, when to wait, and when to stop.
import { race, waitFrames, waitMs, waitUntil, type Behaviour } from 'tickflow';
import { WALLS, lineOfSight, type Point, type Route } from './map.js';
import { Facing, Guard, Mode, Mover, Position, canSee, distanceToPlayer, respawnPlayer, type PatrolSim } from './world.js';

export const PATROL_SPEED = 0.07; // px per ms
export const CHASE_SPEED = 0.15; // a little slower than the player (0.2): you can get away
export const REACTION_MS = 450;
export const GIVE_UP_MS = 3000;
export const CATCH_DISTANCE_PX = 24;

/** Patrol until the player is seen; chase; give up (or catch them); walk back; repeat. */
export function* guardBrain(sim: PatrolSim, eid: number, route: Route): Behaviour {
  const progress = { next: 1 };
  for (;;) {
    Guard.mode[eid] = Mode.patrol;
    yield* race([patrol(eid, route, progress), waitUntil(() => canSee(sim, eid))]);

    // Spotted: stop, turn to the player, shout, and give them a moment to run.
    Guard.mode[eid] = Mode.alert;
    rememberPlayer(sim, eid);
    faceTowards(eid, Guard.seenX[eid], Guard.seenY[eid]);
    sim.events.spotted(eid);
    yield* waitMs(REACTION_MS);

    // Chase, dropping breadcrumbs to find the way back.
    const trail: Point[] = [{ x: Position.x[eid], y: Position.y[eid] }];
    const chased = yield* race([chase(sim, eid), leaveTrail(eid, trail)]);
    if (chased.value === 'caught') {
      Guard.mode[eid] = Mode.caught;
      sim.score.caught++;
      sim.events.caught(eid);
      respawnPlayer(sim);
      yield* waitMs(900);
    } else {
      Guard.mode[eid] = Mode.gaveUp;
      sim.events.gaveUp(eid);
      yield* lookAround(eid);
    }

    Guard.mode[eid] = Mode.returning;
    yield* retrace(eid, trail);
  }
}

/** Walk the route for ever, waiting (and glancing about) at each point. */
function* patrol(eid: number, route: Route, progress: { next: number }): Behaviour {
  for (;;) {
    const point = route.points[progress.next];
    yield* moveTo(eid, point.x, point.y, PATROL_SPEED);
    const ahead = Facing.angle[eid];
    Facing.target[eid] = ahead + 0.7;
    yield* waitMs(point.waitMs / 2);
    Facing.target[eid] = ahead - 0.7;
    yield* waitMs(point.waitMs / 2);
    progress.next = (progress.next + 1) % route.points.length;
  }
}

/** Run at the player while they are in sight; search where they vanished; give up after a while. */
function* chase(sim: PatrolSim, eid: number): Behaviour<'caught' | 'lost'> {
  for (;;) {
    Guard.mode[eid] = Mode.chase;
    const run = yield* race([runAtPlayer(sim, eid), waitUntil(() => !canSee(sim, eid))]);
    if (run.index === 0) return 'caught';

    // Out of sight: whichever comes first, the give-up timer or seeing them again.
    Guard.mode[eid] = Mode.search;
    const search = yield* race([searchLastSeen(eid), waitMs(GIVE_UP_MS), waitUntil(() => canSee(sim, eid))]);
    if (search.index === 1) return 'lost';
  }
}

/** Each frame: head for where the player was last seen. Ends when close enough to catch them. */
function* runAtPlayer(sim: PatrolSim, eid: number): Behaviour {
  try {
    for (;;) {
      // No cheating: a player who just slipped out of sight is not tracked (the race ends this frame).
      if (canSee(sim, eid)) rememberPlayer(sim, eid);
      if (distanceToPlayer(sim, eid) < CATCH_DISTANCE_PX) return;
      walk(eid, Guard.seenX[eid], Guard.seenY[eid], CHASE_SPEED);
      yield* waitFrames(1);
    }
  } finally {
    Mover.moving[eid] = 0;
  }
}

/** Go to the last place the player was seen, then look around there (until cancelled). */
function* searchLastSeen(eid: number): Behaviour {
  yield* moveTo(eid, Guard.seenX[eid], Guard.seenY[eid], CHASE_SPEED);
  for (;;) yield* lookAround(eid);
}

/** Record where the guard has been every 250 ms. */
function* leaveTrail(eid: number, trail: Point[]): Behaviour {
  for (;;) {
    yield* waitMs(250);
    const last = trail[trail.length - 1];
    if (Math.hypot(Position.x[eid] - last.x, Position.y[eid] - last.y) > 16) trail.push({ x: Position.x[eid], y: Position.y[eid] });
  }
}

/** Walk the trail back to where the chase began, cutting corners where no wall is in the way. */
function* retrace(eid: number, trail: Point[]): Behaviour {
  while (trail.length > 0) {
    // The earliest breadcrumb in plain sight: everything after it is a detour.
    let index = trail.length - 1;
    for (let i = 0; i < trail.length - 1; i++) {
      if (lineOfSight(WALLS, Position.x[eid], Position.y[eid], trail[i].x, trail[i].y)) {
        index = i;
        break;
      }
    }
    yield* moveTo(eid, trail[index].x, trail[index].y, PATROL_SPEED);
    trail.length = index;
  }
}

/** Glance left, right, and back. */
function* lookAround(eid: number): Behaviour {
  const ahead = Facing.angle[eid];
  Facing.target[eid] = ahead + 1.1;
  yield* waitMs(600);
  Facing.target[eid] = ahead - 1.1;
  yield* waitMs(800);
  Facing.target[eid] = ahead;
  yield* waitMs(400);
}

/** Walks to (x, y); resumes on arrival. Cancelled: stops where it is. */
export function* moveTo(eid: number, x: number, y: number, speed: number): Behaviour {
  walk(eid, x, y, speed);
  try {
    yield* waitUntil(() => Mover.moving[eid] === 0);
  } finally {
    Mover.moving[eid] = 0;
  }
}

function walk(eid: number, x: number, y: number, speed: number): void {
  Mover.tx[eid] = x;
  Mover.ty[eid] = y;
  Mover.speed[eid] = speed;
  Mover.moving[eid] = 1;
}

function rememberPlayer(sim: PatrolSim, eid: number): void {
  Guard.seenX[eid] = Position.x[sim.player];
  Guard.seenY[eid] = Position.y[sim.player];
}

function faceTowards(eid: number, x: number, y: number): void {
  Facing.target[eid] = Math.atan2(y - Position.y[eid], x - Position.x[eid]);
}
