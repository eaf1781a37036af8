import { createScheduler } from 'tickflow';
import { describe, expect, it } from 'vitest';
import { CHASE_SPEED, GIVE_UP_MS, REACTION_MS } from '../../demos/patrol/sim/guard.js';
import { PLAYER_START, ROUTES } from '../../demos/patrol/sim/map.js';
import { createPatrolSim } from '../../demos/patrol/sim/patrol.js';
import { Facing, Guard, Mode, Position, canSee, type PatrolSim } from '../../demos/patrol/sim/world.js';

const FRAME_MS = 16;

function setup() {
  const sim = createPatrolSim(createScheduler());
  const log: string[] = [];
  sim.events = {
    spotted: (eid) => log.push(`spotted ${eid}`),
    gaveUp: (eid) => log.push(`gave up ${eid}`),
    caught: (eid) => log.push(`caught ${eid}`),
    pickup: (gem) => log.push(`gem ${gem}`),
  };
  return { sim, log, guard: sim.guards[0] };
}

function placePlayer(sim: PatrolSim, x: number, y: number): void {
  Position.x[sim.player] = x;
  Position.y[sim.player] = y;
}

/** Steps 16 ms frames until `done()` or `limitMs`; returns the ms stepped. */
function stepUntil(sim: PatrolSim, done: () => boolean, limitMs = 30_000): number {
  let elapsedMs = 0;
  while (!done() && elapsedMs < limitMs) {
    sim.loop.step(FRAME_MS);
    elapsedMs += FRAME_MS;
  }
  return elapsedMs;
}

const modeOf = (guard: number): number => Guard.mode[guard];
const at = (eid: number) => ({ x: Math.round(Position.x[eid]), y: Math.round(Position.y[eid]) });

describe('guardBrain', () => {
  it('walks the route and waits at each point', () => {
    const { sim, guard } = setup();
    const [, second, third] = ROUTES[0].points;
    const arrivedMs = stepUntil(sim, () => Position.x[guard] === second.x && Position.y[guard] === second.y);
    // 290 px at 0.07 px/ms: about 4.1 s.
    expect(arrivedMs).toBeGreaterThan(4000);
    expect(arrivedMs).toBeLessThan(4300);
    sim.loop.runFor(second.waitMs - 2 * FRAME_MS, FRAME_MS);
    expect(at(guard)).toEqual({ x: second.x, y: second.y });
    sim.loop.runFor(500, FRAME_MS);
    // On its way to the third point.
    expect(Math.hypot(Position.x[guard] - third.x, Position.y[guard] - third.y)).toBeLessThan(Math.hypot(second.x - third.x, second.y - third.y) - 10);
    expect(modeOf(guard)).toBe(Mode.patrol);
  });

  it('drops its patrol and chases a player it sees', () => {
    const { sim, log, guard } = setup();
    placePlayer(sim, 290, 72); // ahead of the first guard, in its cone
    sim.loop.step(FRAME_MS);
    expect(log).toEqual([`spotted ${guard}`]);
    expect(modeOf(guard)).toBe(Mode.alert);
    const before = Math.hypot(Position.x[sim.player] - Position.x[guard], Position.y[sim.player] - Position.y[guard]);
    sim.loop.runFor(REACTION_MS + 300, FRAME_MS);
    expect(modeOf(guard)).toBe(Mode.chase);
    const after = Math.hypot(Position.x[sim.player] - Position.x[guard], Position.y[sim.player] - Position.y[guard]);
    // Running at CHASE_SPEED for about 300 ms.
    expect(before - after).toBeGreaterThan(CHASE_SPEED * 250);
  });

  it('catches a player who stands still and sends them back to the start', () => {
    const { sim, log, guard } = setup();
    placePlayer(sim, 290, 72);
    const elapsedMs = stepUntil(sim, () => sim.score.caught > 0, 5000);
    expect(elapsedMs).toBeLessThan(3000);
    expect(log).toEqual([`spotted ${guard}`, `caught ${guard}`]);
    expect(at(sim.player)).toEqual(PLAYER_START);
  });

  it(`gives up ${GIVE_UP_MS} ms after losing sight of the player, then walks back to its route`, () => {
    const { sim, log, guard } = setup();
    placePlayer(sim, 330, 72);
    stepUntil(sim, () => modeOf(guard) === Mode.chase);
    sim.loop.runFor(400, FRAME_MS);
    // The player vanishes (far out of range): the guard searches where it last saw them.
    placePlayer(sim, 900, 580);
    stepUntil(sim, () => modeOf(guard) === Mode.search, 1000);
    expect(modeOf(guard)).toBe(Mode.search);
    const lostAtMs = sim.scheduler.nowMs;
    const searchedMs = stepUntil(sim, () => modeOf(guard) !== Mode.search);
    expect(sim.scheduler.nowMs - lostAtMs).toBeGreaterThanOrEqual(GIVE_UP_MS);
    expect(searchedMs).toBeLessThanOrEqual(GIVE_UP_MS + FRAME_MS);
    expect(modeOf(guard)).toBe(Mode.gaveUp);
    expect(log).toEqual([`spotted ${guard}`, `gave up ${guard}`]);

    stepUntil(sim, () => modeOf(guard) === Mode.returning);
    stepUntil(sim, () => modeOf(guard) === Mode.patrol);
    expect(modeOf(guard)).toBe(Mode.patrol);
    // Back on the route: it walks on to the point it was heading for when it saw the player.
    const target = ROUTES[0].points[1];
    stepUntil(sim, () => Position.x[guard] === target.x && Position.y[guard] === target.y, 10_000);
    expect(at(guard)).toEqual({ x: target.x, y: target.y });
  });

  it('keeps chasing when it sees the player again before giving up', () => {
    const { sim, log, guard } = setup();
    placePlayer(sim, 330, 72);
    stepUntil(sim, () => modeOf(guard) === Mode.chase);
    placePlayer(sim, 900, 580);
    stepUntil(sim, () => modeOf(guard) === Mode.search, 1000);
    sim.loop.runFor(1000, FRAME_MS);
    // Back, right in front of the searching guard.
    const facing = Facing.angle[guard];
    placePlayer(sim, Position.x[guard] + Math.cos(facing) * 60, Position.y[guard] + Math.sin(facing) * 60);
    expect(canSee(sim, guard)).toBe(true);
    sim.loop.step(FRAME_MS);
    expect(modeOf(guard)).toBe(Mode.chase);
    expect(log).not.toContain(`gave up ${guard}`);
  });

  it('cannot see through walls', () => {
    const { sim, guard } = setup();
    // The guard starts at (110, 70) facing east; the first wall spans x 190-226, y 110-320.
    placePlayer(sim, 260, 200);
    Position.x[guard] = 150;
    Position.y[guard] = 200;
    expect(canSee(sim, guard)).toBe(false);
    placePlayer(sim, 170, 230);
    expect(canSee(sim, guard)).toBe(false); // behind it, outside the cone
  });
});

describe('createPatrolSim', () => {
  it('moves the player with the input and picks up gems', () => {
    const { sim, log } = setup();
    placePlayer(sim, 100, 200);
    sim.input.moveX = 1;
    sim.loop.runFor(160, FRAME_MS);
    expect(at(sim.player)).toEqual({ x: 132, y: 200 });
    expect(log).toEqual(['gem 0']);
    expect(sim.gems[0]).toBe(false);
  });
});
