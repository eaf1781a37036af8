// Builds the patrol demo: the world, the player, and one guard per route, each running guardBrain.
import type { Scheduler } from 'tickflow';
import { spawnOn } from 'tickflow/ecs';
import { guardBrain } from './guard.js';
import { ROUTES } from './map.js';
import { addGuard, createPatrolWorld, type PatrolSim } from './world.js';

/**
 * Makes the sim and starts the guards. Step it with `sim.loop.step(dtMs)` (the page's rAF driver, or a
 * test by hand).
 *
 * @example
 * const sim = createPatrolSim(createScheduler());
 * sim.input.moveX = 1;  // walk right
 * sim.loop.step(16);    // frame 1: guards walk their routes, the player moves 3.2 px
 */
export function createPatrolSim(scheduler: Scheduler): PatrolSim {
  const sim = createPatrolWorld(scheduler);
  for (const route of ROUTES) {
    const first = route.points[0];
    const second = route.points[1];
    const eid = addGuard(sim, first, Math.atan2(second.y - first.y, second.x - first.x));
    spawnOn(sim.world, eid, guardBrain(sim, eid, route), { name: 'guard', slot: 'brain' });
  }
  return sim;
}
