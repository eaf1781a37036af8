// Two behaviours every example shares: a guard that patrols waypoints, and an ability on a cooldown.
// No engine in here: they read and write plain objects, and the engine draws those objects.
import { waitFrames, waitMs, type Behaviour, type Clock } from 'tickflow';

export interface Point {
  x: number;
  y: number;
}

/** Calls `onFrame(t)` once per frame for `durationMs` of the clock's time, t rising from 0 towards 1. */
function* during(clock: Clock, durationMs: number, onFrame: (t: number) => void): Behaviour {
  const startMs = clock.nowMs;
  while (clock.nowMs - startMs < durationMs) {
    onFrame((clock.nowMs - startMs) / durationMs);
    yield* waitFrames(1);
  }
}

/** Walks `route` at `speedPxPerS`, looking around for 400 ms at every waypoint, for ever. */
export function* patrol(body: Point, route: readonly Point[], clock: Clock, speedPxPerS: number): Behaviour {
  for (;;) {
    for (const target of route) {
      const from = { x: body.x, y: body.y };
      const walkMs = (Math.hypot(target.x - from.x, target.y - from.y) / speedPxPerS) * 1000;
      yield* during(clock, walkMs, (t) => {
        body.x = from.x + (target.x - from.x) * t;
        body.y = from.y + (target.y - from.y) * t;
      });
      body.x = target.x;
      body.y = target.y;
      yield* waitMs(400); // look around
    }
  }
}

export interface Ability {
  /** 0 while idle, rising from 0 to 1 during the cast. */
  castProgress: number;
  /** 1 right after a cast, falling to 0 when the ability is ready again. */
  cooldownLeft: number;
  casts: number;
}

/** Casts for `castMs`, waits out `cooldownMs`, and casts again as soon as it is ready. */
export function* cooldown(ability: Ability, clock: Clock, castMs: number, cooldownMs: number): Behaviour {
  for (;;) {
    yield* during(clock, castMs, (t) => (ability.castProgress = t));
    ability.castProgress = 0;
    ability.casts++;
    yield* during(clock, cooldownMs, (t) => (ability.cooldownLeft = 1 - t));
    ability.cooldownLeft = 0;
  }
}
