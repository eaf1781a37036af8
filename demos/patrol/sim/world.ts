// The patrol demo's world: bitECS components, the systems that move things, and the sim object the
// behaviours (guard.ts) and the view share. No DOM: tests step it with loop.step(16).
import { addComponent, addEntity, createWorld, query, type World } from 'bitecs';
import type { Scheduler } from 'tickflow';
import { createGameLoop, type GameLoop, type LoopTime } from 'tickflow/ecs';
import { angleDelta } from '../../shared/geometry.js';
import { GEMS, PLAYER_START, WALLS, collide, lineOfSight, type Point } from './map.js';

const MAX_ENTITIES = 64;

/** What a guard is doing, for the view (cone colour, "!" and "?") and for tests. */
export const Mode = { patrol: 0, alert: 1, chase: 2, search: 3, gaveUp: 4, returning: 5, caught: 6 } as const;
export type ModeName = keyof typeof Mode;

export const PLAYER_RADIUS_PX = 11;
export const GUARD_RADIUS_PX = 12;
export const PLAYER_SPEED = 0.2; // px per ms
export const VISION_RANGE_PX = 210;
export const VISION_HALF_ANGLE = 0.62; // radians, about 35 degrees each side
const TURN_RATE = 0.007; // radians per ms
const GEM_RADIUS_PX = 18;

/** Component stores: typed arrays indexed by entity id. */
export const Position = { x: new Float32Array(MAX_ENTITIES), y: new Float32Array(MAX_ENTITIES) };
/** Where it looks (radians) and where it is turning to. */
export const Facing = { angle: new Float32Array(MAX_ENTITIES), target: new Float32Array(MAX_ENTITIES) };
/** A walk in progress: the mover system walks to (tx, ty) at `speed` px/ms while `moving` is 1. */
export const Mover = {
  tx: new Float32Array(MAX_ENTITIES),
  ty: new Float32Array(MAX_ENTITIES),
  speed: new Float32Array(MAX_ENTITIES),
  moving: new Uint8Array(MAX_ENTITIES),
};
/** Guard state: its mode, and where it last saw the player. */
export const Guard = { mode: new Uint8Array(MAX_ENTITIES), seenX: new Float32Array(MAX_ENTITIES), seenY: new Float32Array(MAX_ENTITIES) };
/** Tag of the player entity. */
export const Player = {};

/** Things the view wants to hear about (sounds, effects). */
export interface PatrolEvents {
  spotted(guard: number): void;
  gaveUp(guard: number): void;
  caught(guard: number): void;
  pickup(gem: number): void;
}

/** The sim: one world, one loop, the player, the guards, and the input the page writes each frame. */
export interface PatrolSim {
  readonly world: World;
  readonly loop: GameLoop;
  readonly scheduler: Scheduler;
  readonly player: number;
  readonly guards: number[];
  /** Movement wanted this frame, -1..1 on each axis (the page's input phase writes it). */
  readonly input: { moveX: number; moveY: number };
  /** Gems still on the floor (true = there). */
  readonly gems: boolean[];
  readonly score: { gems: number; caught: number };
  events: PatrolEvents;
}

const quiet: PatrolEvents = { spotted() {}, gaveUp() {}, caught() {}, pickup() {} };

/** Makes the world, the player and the loop with its systems. Guards are added by createPatrolSim. */
export function createPatrolWorld(scheduler: Scheduler): PatrolSim {
  const world = createWorld();
  const loop = createGameLoop({ world, scheduler });
  const player = addEntity(world);
  addComponent(world, player, Position);
  addComponent(world, player, Player);
  Position.x[player] = PLAYER_START.x;
  Position.y[player] = PLAYER_START.y;
  const sim: PatrolSim = {
    world,
    loop,
    scheduler,
    player,
    guards: [],
    input: { moveX: 0, moveY: 0 },
    gems: GEMS.map(() => true),
    score: { gems: 0, caught: 0 },
    events: quiet,
  };
  loop.addSystem('update', (_world, time) => movePlayer(sim, time));
  loop.addSystem('update', moveMovers);
  loop.addSystem('update', turnTowardsTargets);
  loop.addSystem('late', () => collectGems(sim));
  return sim;
}

/** Adds a guard entity at `start`, facing `angle`. */
export function addGuard(sim: PatrolSim, start: Point, angle: number): number {
  const eid = addEntity(sim.world);
  addComponent(sim.world, eid, Position);
  addComponent(sim.world, eid, Facing);
  addComponent(sim.world, eid, Mover);
  addComponent(sim.world, eid, Guard);
  Position.x[eid] = start.x;
  Position.y[eid] = start.y;
  Facing.angle[eid] = angle;
  Facing.target[eid] = angle;
  Mover.moving[eid] = 0;
  Guard.mode[eid] = Mode.patrol;
  sim.guards.push(eid);
  return eid;
}

/** True when the guard can see the player: in range, inside its cone, and no wall in between. */
export function canSee(sim: PatrolSim, guard: number): boolean {
  const dx = Position.x[sim.player] - Position.x[guard];
  const dy = Position.y[sim.player] - Position.y[guard];
  if (dx * dx + dy * dy > VISION_RANGE_PX * VISION_RANGE_PX) return false;
  if (Math.abs(angleDelta(Facing.angle[guard], Math.atan2(dy, dx))) > VISION_HALF_ANGLE) return false;
  return lineOfSight(WALLS, Position.x[guard], Position.y[guard], Position.x[sim.player], Position.y[sim.player]);
}

/** Distance from the guard to the player, px. */
export function distanceToPlayer(sim: PatrolSim, guard: number): number {
  return Math.hypot(Position.x[sim.player] - Position.x[guard], Position.y[sim.player] - Position.y[guard]);
}

/** Sends the player back to the start (after being caught). */
export function respawnPlayer(sim: PatrolSim): void {
  Position.x[sim.player] = PLAYER_START.x;
  Position.y[sim.player] = PLAYER_START.y;
}

const scratch: Point = { x: 0, y: 0 };

// Systems: they run every frame after the behaviours (update phase), on the loop's clock time, so
// pausing the clock freezes them too.

function movePlayer(sim: PatrolSim, time: LoopTime): void {
  let { moveX, moveY } = sim.input;
  const length = Math.hypot(moveX, moveY);
  if (length === 0) return;
  if (length > 1) {
    moveX /= length;
    moveY /= length;
  }
  const eid = sim.player;
  const stepPx = PLAYER_SPEED * time.clockDtMs;
  collide(WALLS, Position.x[eid] + moveX * stepPx, Position.y[eid] + moveY * stepPx, PLAYER_RADIUS_PX, scratch);
  Position.x[eid] = scratch.x;
  Position.y[eid] = scratch.y;
}

function moveMovers(world: World, time: LoopTime): void {
  for (const eid of query(world, [Mover, Position])) {
    if (Mover.moving[eid] === 0) continue;
    const dx = Mover.tx[eid] - Position.x[eid];
    const dy = Mover.ty[eid] - Position.y[eid];
    const distance = Math.hypot(dx, dy);
    const stepPx = Mover.speed[eid] * time.clockDtMs;
    if (distance <= stepPx) {
      Position.x[eid] = Mover.tx[eid];
      Position.y[eid] = Mover.ty[eid];
      Mover.moving[eid] = 0;
      continue;
    }
    if (stepPx === 0) continue;
    collide(WALLS, Position.x[eid] + (dx / distance) * stepPx, Position.y[eid] + (dy / distance) * stepPx, GUARD_RADIUS_PX, scratch);
    Position.x[eid] = scratch.x;
    Position.y[eid] = scratch.y;
    // Walkers look where they go.
    Facing.target[eid] = Math.atan2(dy, dx);
  }
}

function turnTowardsTargets(world: World, time: LoopTime): void {
  const maxTurn = TURN_RATE * time.clockDtMs;
  for (const eid of query(world, [Facing])) {
    const delta = angleDelta(Facing.angle[eid], Facing.target[eid]);
    Facing.angle[eid] += Math.abs(delta) <= maxTurn ? delta : Math.sign(delta) * maxTurn;
  }
}

function collectGems(sim: PatrolSim): void {
  const px = Position.x[sim.player];
  const py = Position.y[sim.player];
  for (let i = 0; i < GEMS.length; i++) {
    if (!sim.gems[i]) continue;
    if (Math.hypot(GEMS[i].x - px, GEMS[i].y - py) > GEM_RADIUS_PX) continue;
    sim.gems[i] = false;
    sim.score.gems++;
    sim.events.pickup(i);
    // All collected: a fresh set, except under the player's feet.
    if (sim.gems.every((there) => !there)) {
      sim.gems.fill(true);
      sim.gems[i] = false;
    }
  }
}
